/** Synchronous hashes (host or `@noble/hashes`), the crypto provider, and the legacy ciphers no library keeps (3DES, RC2). */
export { sha1 } from './sha1';
export { sha256 } from './sha256';
export { hmac, SHA1, SHA256, SHA384, type HashFunction } from './hmac';
export { defaultCrypto, setDefaultCrypto, nobleCrypto, HASH_SIZE, type AeadKey, type AeadName, type CryptoProvider, type HashName } from './provider';
export { toHex, fromHex, bytesEqual, concatBytes } from './hex';
export { pkcs12Kdf, pkcs12PasswordBytes, type Pkcs12KdfId } from './pkcs12Kdf';
export { desCbcDecrypt, stripPkcs7Padding } from './des';
export { rc2CbcDecrypt, rc2ExpandKey } from './rc2';
export type { SubtleCryptoLike } from './subtle';
export { copyOf, plainBytes } from './bytes';
