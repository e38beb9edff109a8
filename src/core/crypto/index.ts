/** Synchronous pure-TS hashes and legacy ciphers for the core (no Node built-ins, no async). */
export { sha1 } from './sha1';
export { sha256 } from './sha256';
export { hmac, SHA1, SHA256, type HashFunction } from './hmac';
export { toHex, fromHex, bytesEqual, concatBytes } from './hex';
export { pkcs12Kdf, pkcs12PasswordBytes, type Pkcs12KdfId } from './pkcs12Kdf';
export { desCbcDecrypt, stripPkcs7Padding } from './des';
export { rc2CbcDecrypt, rc2ExpandKey } from './rc2';
export type { SubtleCryptoLike } from './subtle';
export { copyOf, plainBytes } from './bytes';
