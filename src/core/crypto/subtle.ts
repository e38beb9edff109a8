/** The slice of WebCrypto `SubtleCrypto` the core uses for PBES2 (PBKDF2 + AES-CBC); the host passes `globalThis.crypto.subtle`. */

/** Algorithm parameters as WebCrypto takes them (kept structural so no DOM lib is needed). */
export type AlgorithmLike = { name: string; [key: string]: unknown };

/** A `SubtleCrypto`-like object: `importKey`, `deriveBits`, `decrypt`. */
export interface SubtleCryptoLike {
	importKey(format: 'raw', keyData: Uint8Array, algorithm: AlgorithmLike | string, extractable: boolean, usages: string[]): Promise<unknown>;
	deriveBits(algorithm: AlgorithmLike, baseKey: unknown, length: number): Promise<ArrayBuffer>;
	decrypt(algorithm: AlgorithmLike, key: unknown, data: Uint8Array): Promise<ArrayBuffer>;
}
