/** Packet captures → TLS handshakes → verdicts (pure TypeScript, streaming, bounded memory). */
export * from './types';
export { CaptureReader, readCapture, type CaptureReaderOptions, type CaptureReport } from './reader';
export { KeyLog } from './keyLog';
export { DecodeCache, dnEntry, type BytesEqual, type DecodeCacheOptions } from './decodeCache';
export { alertWords, handshakeVerdict, type KnownClientCertificate, type VerdictKnowledge, type VerdictInput } from './verdict';
export { detectContainer } from './container';
export { GzipDecoder } from './inflate';
export { alertName, cipherSuiteName, versionName } from './tlsNames';
export { createTls13Decryptor, tls13SuiteSupported, type Tls13Decryptor } from './tls13';
export { tls12Decryptors, tls12Suite, tlsPrf, masterFromPremaster, type RecordDecryptor, type Tls12Params } from './tls12';
export { hkdfExpandLabel, type Tls13Hash } from './crypto/hkdf';
