/** Packet captures → TLS handshakes → verdicts (pure TypeScript, streaming, bounded memory). */
export * from './types';
export { CaptureReader, readCapture, type CaptureReaderOptions, type CaptureReport } from './reader';
export { KeyLog } from './keyLog';
export { DecodeCache, dnEntry } from './decodeCache';
export { handshakeVerdict, type KnownClientCertificate, type VerdictKnowledge, type VerdictInput } from './verdict';
export { detectContainer } from './container';
export { GzipDecoder } from './inflate';
export { alertName, cipherSuiteName, versionName } from './tlsNames';
export { createTls13Decryptor, type Tls13Decryptor } from './tls13';
export { aesGcmDecrypt } from './crypto/aesGcm';
export { chacha20Poly1305Decrypt } from './crypto/chacha20Poly1305';
export { sha384, sha512 } from './crypto/sha512';
export { hkdfExpandLabel, hmacHash, HASH_SHA256, HASH_SHA384 } from './crypto/hkdf';
