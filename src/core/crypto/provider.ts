/**
 * The one crypto interface of the core: hashes, HMAC, AEAD and raw AES-CBC, all synchronous.
 * The host injects its native implementation (Node's crypto in the CLI and the desktop extension);
 * in a browser the core uses {@link nobleCrypto}, built on the audited `@noble/hashes` and `@noble/ciphers`.
 */
import { cbc, ctr, ecb, gcm } from '@noble/ciphers/aes.js';
import { chacha20poly1305 } from '@noble/ciphers/chacha.js';
import { md5, sha1 } from '@noble/hashes/legacy.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js';

/** Hash algorithms the core uses. */
export type HashName = 'MD5' | 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';

/** AEAD algorithms the core uses (AES key size follows the key's length). */
export type AeadName = 'AES-GCM' | 'AES-CCM' | 'CHACHA20-POLY1305';

/** An AEAD key ready to open records. */
export interface AeadKey {
	/** Plaintext, or undefined when the tag does not authenticate (or the input is malformed). `sealed` is ciphertext plus tag. */
	open(nonce: Uint8Array, aad: Uint8Array, sealed: Uint8Array): Uint8Array | undefined;
}

/** Synchronous crypto primitives, from the host or from the pure-JS libraries. */
export interface CryptoProvider {
	/** For messages and tests: `node`, `noble`. */
	readonly name: string;
	hash(alg: HashName, data: Uint8Array): Uint8Array;
	hmac(alg: HashName, key: Uint8Array, data: Uint8Array): Uint8Array;
	/** An AEAD key; `tagLength` is 16 except for AES-CCM_8 (8). Throws on a bad key length (programmer error). */
	aead(alg: AeadName, key: Uint8Array, tagLength?: number): AeadKey;
	/** Raw AES-CBC decryption without padding removal; `data` is a whole number of blocks. */
	aesCbcDecrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array;
	/**
	 * Raw 3DES-EDE-CBC decryption (24-byte key, 8-byte IV) without padding removal, where the host has it natively
	 * (Node: des-ede3-cbc). Without it the core uses its own known-answer-tested 3DES (src/core/crypto/des.ts).
	 */
	des3CbcDecrypt?(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array;
}

/** Output size in bytes of each hash. */
export const HASH_SIZE: Readonly<Record<HashName, number>> = { MD5: 16, 'SHA-1': 20, 'SHA-256': 32, 'SHA-384': 48, 'SHA-512': 64 };

const NOBLE_HASH = { MD5: md5, 'SHA-1': sha1, 'SHA-256': sha256, 'SHA-384': sha384, 'SHA-512': sha512 } as const;

function checkAesKey(key: Uint8Array): void {
	if (key.length !== 16 && key.length !== 24 && key.length !== 32) throw new RangeError(`AES key must be 16, 24 or 32 bytes, got ${key.length}`);
}

/**
 * AES-CCM decryption (NIST SP 800-38C, RFC 3610) composed from noble's AES modes: CTR for the
 * payload, CBC with a zero IV for the CBC-MAC, one ECB block for the tag mask. noble has no CCM.
 */
function nobleCcmOpen(key: Uint8Array, tagLength: number, nonce: Uint8Array, aad: Uint8Array, sealed: Uint8Array): Uint8Array | undefined {
	const n = nonce.length;
	if (n < 7 || n > 13 || sealed.length < tagLength) return undefined;
	const q = 15 - n;
	const ct = sealed.subarray(0, sealed.length - tagLength);
	const tag = sealed.subarray(sealed.length - tagLength);
	const counter = (i: number): Uint8Array => {
		const a = new Uint8Array(16);
		a[0] = q - 1;
		a.set(nonce, 1);
		for (let k = 15, v = i; k > n && v > 0; k--, v = Math.floor(v / 256)) a[k] = v & 0xff;
		return a;
	};
	const plain = ct.length ? ctr(key, counter(1)).decrypt(ct) : new Uint8Array(0);
	// B0 || encoded AAD (padded) || plaintext (padded)
	const aadLen = aad.length === 0 ? 0 : aad.length < 0xff00 ? 2 + aad.length : 6 + aad.length;
	const pad = (x: number): number => (x + 15) & ~15;
	const mac = new Uint8Array(16 + pad(aadLen) + pad(plain.length));
	mac[0] = (aad.length ? 64 : 0) | (((tagLength - 2) / 2) << 3) | (q - 1);
	mac.set(nonce, 1);
	for (let k = 15, v = plain.length; k > n; k--, v = Math.floor(v / 256)) mac[k] = v & 0xff;
	if (aad.length) {
		let p = 16;
		if (aad.length < 0xff00) {
			mac[p++] = aad.length >> 8;
			mac[p++] = aad.length & 0xff;
		} else {
			mac[p++] = 0xff;
			mac[p++] = 0xfe;
			for (let s = 24; s >= 0; s -= 8) mac[p++] = (aad.length >>> s) & 0xff;
		}
		mac.set(aad, p);
	}
	mac.set(plain, 16 + pad(aadLen));
	const chain = cbc(key, new Uint8Array(16), { disablePadding: true }).encrypt(mac);
	const s0 = ecb(key, { disablePadding: true }).encrypt(counter(0));
	let diff = 0;
	for (let i = 0; i < tagLength; i++) diff |= (chain[chain.length - 16 + i]! ^ s0[i]!) ^ tag[i]!;
	return diff === 0 ? plain : undefined;
}

/** The pure-JS provider (`@noble/hashes`, `@noble/ciphers`): the default, and the only one in a browser. */
export const nobleCrypto: CryptoProvider = {
	name: 'noble',
	hash: (alg, data) => NOBLE_HASH[alg](data),
	hmac: (alg, key, data) => hmac(NOBLE_HASH[alg], key, data),
	aead(alg, key, tagLength = 16) {
		if (alg === 'CHACHA20-POLY1305') {
			if (key.length !== 32) throw new RangeError(`ChaCha20-Poly1305 key must be 32 bytes, got ${key.length}`);
			return { open: (nonce, aad, sealed) => attempt(() => chacha20poly1305(key, nonce, aad).decrypt(sealed)) };
		}
		checkAesKey(key);
		if (alg === 'AES-GCM') return { open: (nonce, aad, sealed) => attempt(() => gcm(key, nonce, aad).decrypt(sealed)) };
		if (tagLength < 4 || tagLength > 16 || tagLength % 2) throw new RangeError(`AES-CCM tag length must be 4..16 and even, got ${tagLength}`);
		return { open: (nonce, aad, sealed) => attempt(() => nobleCcmOpen(key, tagLength, nonce, aad, sealed)) };
	},
	aesCbcDecrypt(key, iv, data) {
		checkAesKey(key);
		return cbc(key, iv, { disablePadding: true }).decrypt(data);
	},
};

/** noble throws on a bad tag; the core wants undefined. */
function attempt(f: () => Uint8Array | undefined): Uint8Array | undefined {
	try {
		return f();
	} catch {
		return undefined;
	}
}

let current: CryptoProvider = nobleCrypto;

/** The provider the core uses when a caller passes none (the host sets it once at start). */
export function defaultCrypto(): CryptoProvider {
	return current;
}

/** Sets the provider the core uses by default (the host calls this once, with its native crypto). */
export function setDefaultCrypto(provider: CryptoProvider): void {
	current = provider;
}
