/**
 * The one crypto interface of the core: hashes, HMAC, HKDF-Expand, AEAD and raw AES-CBC, all synchronous.
 * The core holds no implementation: the host sets one with {@link setDefaultCrypto} before first use.
 * Node's crypto in the CLI, the desktop extension and its worker (src/shared/nodeCrypto.ts); the pure-JS
 * `nobleCrypto` (./noble.ts, `@noble/hashes` and `@noble/ciphers`) in the web build and the unit tests.
 * Keeping the libraries out of this module keeps them out of the Node bundles (issue 13: bundle size).
 */

/** Hash algorithms the core uses. */
export type HashName = 'MD5' | 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';

/** AEAD algorithms the core uses (AES key size follows the key's length). */
export type AeadName = 'AES-GCM' | 'AES-CCM' | 'CHACHA20-POLY1305';

/** An AEAD key ready to open records. */
export interface AeadKey {
	/** Plaintext, or undefined when the tag does not authenticate (or the input is malformed). `sealed` is ciphertext plus tag. */
	open(nonce: Uint8Array, aad: Uint8Array, sealed: Uint8Array): Uint8Array | undefined;
}

/** Synchronous crypto primitives, from the host's native crypto or from the pure-JS libraries. */
export interface CryptoProvider {
	/** For messages and tests: `node`, `noble`. */
	readonly name: string;
	hash(alg: HashName, data: Uint8Array): Uint8Array;
	hmac(alg: HashName, key: Uint8Array, data: Uint8Array): Uint8Array;
	/** An AEAD key; `tagLength` is 16 except for AES-CCM_8 (8). Throws on a bad key length (programmer error). */
	aead(alg: AeadName, key: Uint8Array, tagLength?: number): AeadKey;
	/** Raw AES-CBC decryption without padding removal; `data` is a whole number of blocks. */
	aesCbcDecrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array;
	/** HKDF-Expand (RFC 5869 section 2.3) of the pseudorandom key `prk`; `length` at most 255 hash lengths. */
	hkdfExpand(alg: Exclude<HashName, 'MD5'>, prk: Uint8Array, info: Uint8Array, length: number): Uint8Array;
	/**
	 * Raw 3DES-EDE-CBC decryption (24-byte key, 8-byte IV) without padding removal, where the host has it natively
	 * (Node: des-ede3-cbc). Without it the core uses its own known-answer-tested 3DES (src/core/crypto/des.ts).
	 */
	des3CbcDecrypt?(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array;
}

/** Output size in bytes of each hash. */
export const HASH_SIZE: Readonly<Record<HashName, number>> = { MD5: 16, 'SHA-1': 20, 'SHA-256': 32, 'SHA-384': 48, 'SHA-512': 64 };

let current: CryptoProvider | undefined;

/** The provider the core uses when a caller passes none (the host sets it once at start). Throws when none was set. */
export function defaultCrypto(): CryptoProvider {
	if (!current) throw new Error('no crypto provider: the host calls setDefaultCrypto (Node crypto or nobleCrypto) before using the core');
	return current;
}

/** Sets the provider the core uses by default (the host calls this once, with its native crypto). */
export function setDefaultCrypto(provider: CryptoProvider): void {
	current = provider;
}
