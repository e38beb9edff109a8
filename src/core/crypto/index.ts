/** Synchronous hashes (through the host's crypto provider), the provider interface, and the legacy ciphers no library keeps (3DES, RC2). The pure-JS provider is `./noble` (imported only by the web host and tests). */
export { sha1 } from './sha1';
export { sha256 } from './sha256';
export { hmac, SHA1, SHA256, SHA384, type HashFunction } from './hmac';
export { defaultCrypto, setDefaultCrypto, HASH_SIZE, type AeadKey, type AeadName, type CryptoProvider, type HashName } from './provider';
export { toHex, fromHex, bytesEqual, concatBytes } from './hex';
export { pkcs12Kdf, pkcs12PasswordBytes, type Pkcs12KdfId } from './pkcs12Kdf';
export { desCbcDecrypt, stripPkcs7Padding } from './des';
export { rc2CbcDecrypt, rc2ExpandKey } from './rc2';
export type { SubtleCryptoLike } from './subtle';
export { copyOf, plainBytes } from './bytes';
