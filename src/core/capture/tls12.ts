/**
 * TLS 1.0–1.2 record protection with a key log (RFC 2246, 4346, 5246): the PRF of each version, the key
 * block, and record decryption for AES-GCM and AES-CCM/CCM_8 (RFC 5288, 6655, 7251), ChaCha20-Poly1305
 * (RFC 7905), AES-CBC with HMAC-SHA1/SHA256/SHA384, MAC-then-encrypt or encrypt-then-MAC (RFC 7366), and
 * 3DES-EDE-CBC with HMAC-SHA1 (TLS_RSA_WITH_3DES_EDE_CBC_SHA, the suite old Windows servers negotiate).
 */
import * as l10n from '@vscode/l10n';
import { desCbcDecryptRaw } from '../crypto/des';
import { Rc4 } from '../crypto/rc4';
import { concatBytes } from '../crypto/hex';
import type { AeadKey, CryptoProvider, HashName } from '../crypto/provider';
import { putRecordHeader } from './tlsRecords';

type Cipher = 'gcm' | 'ccm' | 'ccm8' | 'chacha' | 'cbc' | 'des3' | 'rc4';

/** What a TLS ≤1.2 cipher suite needs for decryption. */
export interface Tls12Suite {
	readonly cipher: Cipher;
	/** Encryption key length in bytes. */
	readonly keyLen: number;
	/** HMAC hash of a CBC or RC4 suite (MD5 only for the RC4_128_MD5 suites). */
	readonly mac?: Exclude<HashName, 'SHA-512'>;
	/** The TLS 1.2 PRF hash (SHA-384 for the *_SHA384 suites). */
	readonly prf: 'SHA-256' | 'SHA-384';
}

const S = (cipher: Cipher, keyLen: number, prf: 'SHA-256' | 'SHA-384' = 'SHA-256', mac?: Tls12Suite['mac']): Tls12Suite => (mac ? { cipher, keyLen, prf, mac } : { cipher, keyLen, prf });

/** The decryptable TLS ≤1.2 suites by IANA number. */
const SUITES: ReadonlyMap<number, Tls12Suite> = new Map([
	// AES-GCM
	...[0x009c, 0x009e, 0xc02b, 0xc02f, 0x00a8, 0x00aa, 0x00ac, 0xc02d, 0xc031].map((n) => [n, S('gcm', 16)] as const),
	...[0x009d, 0x009f, 0xc02c, 0xc030, 0x00a9, 0x00ab, 0x00ad, 0xc02e, 0xc032].map((n) => [n, S('gcm', 32, 'SHA-384')] as const),
	// AES-CCM and CCM_8
	...[0xc09c, 0xc09e, 0xc0ac, 0xc0a4, 0xc0a6].map((n) => [n, S('ccm', 16)] as const),
	...[0xc09d, 0xc09f, 0xc0ad, 0xc0a5, 0xc0a7].map((n) => [n, S('ccm', 32)] as const),
	...[0xc0a0, 0xc0a2, 0xc0ae, 0xc0a8, 0xc0aa].map((n) => [n, S('ccm8', 16)] as const),
	...[0xc0a1, 0xc0a3, 0xc0af, 0xc0a9, 0xc0ab].map((n) => [n, S('ccm8', 32)] as const),
	// ChaCha20-Poly1305
	...[0xcca8, 0xcca9, 0xccaa, 0xccab, 0xccac, 0xccad, 0xccae].map((n) => [n, S('chacha', 32)] as const),
	// AES-CBC with HMAC-SHA1
	...[0x002f, 0x0030, 0x0031, 0x0032, 0x0033, 0x0034, 0xc004, 0xc009, 0xc00e, 0xc013, 0xc018, 0x008c, 0x0090, 0x0094, 0xc035].map((n) => [n, S('cbc', 16, 'SHA-256', 'SHA-1')] as const),
	...[0x0035, 0x0036, 0x0037, 0x0038, 0x0039, 0x003a, 0xc005, 0xc00a, 0xc00f, 0xc014, 0xc019, 0x008d, 0x0091, 0x0095, 0xc036].map((n) => [n, S('cbc', 32, 'SHA-256', 'SHA-1')] as const),
	// AES-CBC with HMAC-SHA256 / SHA384
	...[0x003c, 0x003e, 0x003f, 0x0040, 0x0067, 0x006c, 0xc023, 0xc025, 0xc027, 0xc029, 0x00ae, 0x00b2, 0x00b6, 0xc037].map((n) => [n, S('cbc', 16, 'SHA-256', 'SHA-256')] as const),
	...[0x003d, 0x0068, 0x0069, 0x006a, 0x006b, 0x006d].map((n) => [n, S('cbc', 32, 'SHA-256', 'SHA-256')] as const),
	...[0xc024, 0xc026, 0xc028, 0xc02a, 0x00af, 0x00b3, 0x00b7, 0xc038].map((n) => [n, S('cbc', 32, 'SHA-384', 'SHA-384')] as const),
	// 3DES-EDE-CBC with HMAC-SHA1 (RSA, DH, DHE, ECDH, ECDHE, anonymous and PSK key exchanges)
	...[0x000a, 0x000d, 0x0010, 0x0013, 0x0016, 0x001b, 0xc003, 0xc008, 0xc00d, 0xc012, 0xc017, 0x008b, 0x008f, 0x0093, 0xc034].map((n) => [n, S('des3', 24, 'SHA-256', 'SHA-1')] as const),
	// RC4-128 with HMAC-SHA1 or HMAC-MD5
	...[0x0005, 0xc002, 0xc007, 0xc00c, 0xc011, 0xc016, 0x008a, 0x008e, 0x0092, 0xc033].map((n) => [n, S('rc4', 16, 'SHA-256', 'SHA-1')] as const),
	...[0x0004, 0x0018].map((n) => [n, S('rc4', 16, 'SHA-256', 'MD5')] as const),
]);

const MAC_LEN = { MD5: 16, 'SHA-1': 20, 'SHA-256': 32, 'SHA-384': 48 } as const;
const latin1 = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

/** The suite's decryption needs, or undefined when it cannot be decrypted here (NULL, single DES, export suites …). */
export function tls12Suite(suite: number): Tls12Suite | undefined {
	return SUITES.get(suite);
}

const concat = (...parts: Uint8Array[]): Uint8Array => concatBytes(parts);

/** P_hash (RFC 5246 §5). */
function pHash(crypto: CryptoProvider, hash: HashName, secret: Uint8Array, seed: Uint8Array, length: number): Uint8Array {
	const out = new Uint8Array(length);
	let a = seed;
	for (let pos = 0; pos < length; ) {
		a = crypto.hmac(hash, secret, a);
		const block = crypto.hmac(hash, secret, concat(a, seed));
		out.set(block.subarray(0, Math.min(block.length, length - pos)), pos);
		pos += block.length;
	}
	return out;
}

/**
 * The TLS PRF: MD5 ⊕ SHA-1 halves for TLS 1.0 and 1.1 (RFC 2246 §5), P_SHA256 or P_SHA384 for TLS 1.2.
 * @example prf(crypto, 0x0303, 'SHA-256', master, 'key expansion', serverRandomThenClientRandom, 72)
 */
export function tlsPrf(crypto: CryptoProvider, version: number, prfHash: 'SHA-256' | 'SHA-384', secret: Uint8Array, label: string, seed: Uint8Array, length: number): Uint8Array {
	const labelSeed = concat(latin1(label), seed);
	if (version >= 0x0303) return pHash(crypto, prfHash, secret, labelSeed, length);
	const half = Math.ceil(secret.length / 2);
	const md5 = pHash(crypto, 'MD5', secret.subarray(0, half), labelSeed, length);
	const sha = pHash(crypto, 'SHA-1', secret.subarray(secret.length - half), labelSeed, length);
	for (let i = 0; i < length; i++) md5[i]! ^= sha[i]!;
	return md5;
}

/** The master secret from an RSA pre-master secret (RFC 5246 §8.1), or with extended_master_secret from the session hash (RFC 7627 §4). */
export function masterFromPremaster(crypto: CryptoProvider, version: number, prfHash: 'SHA-256' | 'SHA-384', premaster: Uint8Array, clientRandom: Uint8Array, serverRandom: Uint8Array, sessionHash?: Uint8Array): Uint8Array {
	return sessionHash
		? tlsPrf(crypto, version, prfHash, premaster, 'extended master secret', sessionHash, 48)
		: tlsPrf(crypto, version, prfHash, premaster, 'master secret', concat(clientRandom, serverRandom), 48);
}

/** The session hash of RFC 7627 over the handshake messages so far: the PRF hash for TLS 1.2, MD5 ‖ SHA-1 before. */
export function sessionHash(crypto: CryptoProvider, version: number, prfHash: 'SHA-256' | 'SHA-384', transcript: Uint8Array): Uint8Array {
	return version >= 0x0303 ? crypto.hash(prfHash, transcript) : concat(crypto.hash('MD5', transcript), crypto.hash('SHA-1', transcript));
}

/** Decrypts one direction's records after its ChangeCipherSpec. */
export interface RecordDecryptor {
	/** Whether skipped records' bodies are still needed (TLS 1.0 CBC chains the IV from record to record). */
	readonly needsEveryBody: boolean;
	/** The plaintext of a protected record, or undefined when it does not authenticate. */
	decrypt(seq: number, type: number, version: number, body: Uint8Array): Uint8Array | undefined;
	/** A record not decrypted (bulk data): keeps the CBC chain of TLS 1.0 when `body` is given. */
	skip(body: Uint8Array | undefined): void;
}

/** Parameters of one TLS ≤1.2 handshake. */
export interface Tls12Params {
	readonly version: number;
	readonly suite: number;
	readonly clientRandom: Uint8Array;
	readonly serverRandom: Uint8Array;
	readonly masterSecret: Uint8Array;
	readonly encryptThenMac: boolean;
}

/** Both directions' decryptors for a handshake, or a reason why there are none. */
export function tls12Decryptors(crypto: CryptoProvider, p: Tls12Params): { client: RecordDecryptor; server: RecordDecryptor } | { reason: string } {
	const spec = SUITES.get(p.suite);
	if (!spec) return { reason: l10n.t('the cipher suite is not one Schannel Lens decrypts (AES-GCM, AES-CCM, ChaCha20-Poly1305, AES-CBC, 3DES-CBC, RC4)') };
	if (p.version < 0x0301 || p.version > 0x0303) return { reason: l10n.t('SSL 3.0 records are not decrypted') };
	const cbc = spec.cipher === 'cbc' || spec.cipher === 'des3';
	if (!cbc && spec.cipher !== 'rc4' && p.version < 0x0303) return { reason: l10n.t('an AEAD suite outside TLS 1.2') };
	const macLen = spec.mac ? MAC_LEN[spec.mac] : 0;
	const blockLen = spec.cipher === 'des3' ? 8 : 16;
	const ivLen = spec.cipher === 'chacha' ? 12 : cbc ? (p.version === 0x0301 ? blockLen : 0) : spec.cipher === 'rc4' ? 0 : 4;
	const block = tlsPrf(crypto, p.version, spec.prf, p.masterSecret, 'key expansion', concat(p.serverRandom, p.clientRandom), 2 * (macLen + spec.keyLen + ivLen));
	let o = 0;
	const take = (n: number): Uint8Array => block.slice(o, (o += n));
	const mac = [take(macLen), take(macLen)] as const;
	const key = [take(spec.keyLen), take(spec.keyLen)] as const;
	const iv = [take(ivLen), take(ivLen)] as const;
	const blockDecrypt: BlockDecrypt = spec.cipher === 'des3' ? des3Decrypt(crypto) : (k, v, d) => crypto.aesCbcDecrypt(k, v, d);
	const make = (i: 0 | 1): RecordDecryptor => {
		if (spec.cipher === 'rc4') return rc4Decryptor(crypto, spec.mac!, mac[i], key[i], p.version);
		if (spec.cipher === 'cbc' || spec.cipher === 'des3') return cbcDecryptor(crypto, blockDecrypt, blockLen, spec.mac!, mac[i], key[i], iv[i], p.version, p.encryptThenMac);
		return aeadDecryptor(crypto, spec.cipher, key[i], iv[i]);
	};
	return { client: make(0), server: make(1) };
}

/** seq_num ‖ type ‖ version ‖ length (the AEAD additional data and the MAC header). */
function recordHeader(seq: number, type: number, version: number, length: number): Uint8Array {
	const h = new Uint8Array(13);
	let s = seq;
	for (let i = 7; i >= 0 && s > 0; i--) {
		h[i] = s & 0xff;
		s = Math.floor(s / 256);
	}
	return putRecordHeader(h, 8, type, version, length);
}

/** Raw CBC decryption of whole blocks (no padding removal). */
type BlockDecrypt = (key: Uint8Array, iv: Uint8Array, data: Uint8Array) => Uint8Array;

/** 3DES-EDE-CBC: the host's native one when the provider has it, else the core's known-answer-tested one. */
function des3Decrypt(crypto: CryptoProvider): BlockDecrypt {
	const native = crypto.des3CbcDecrypt?.bind(crypto);
	if (native) return native;
	return (key, iv, data) => desCbcDecryptRaw(key, iv, data) ?? new Uint8Array(0);
}

/** RC4 with an HMAC after the content (MAC-then-encrypt, no padding): the keystream runs through every record in order. */
function rc4Decryptor(crypto: CryptoProvider, macHash: NonNullable<Tls12Suite['mac']>, macKey: Uint8Array, key: Uint8Array, version: number): RecordDecryptor {
	const macLen = MAC_LEN[macHash];
	const rc4 = new Rc4(key);
	let lost = false;
	return {
		needsEveryBody: true,
		skip(body) {
			if (body) rc4.skip(body.length);
			else lost = true; // a record whose bytes were not seen: the keystream position is unknown from here on
		},
		decrypt(seq, type, _version, body) {
			if (lost || body.length < macLen) return undefined;
			const plain = rc4.process(body);
			const content = plain.subarray(0, plain.length - macLen);
			const m = crypto.hmac(macHash, macKey, concat(recordHeader(seq, type, version, content.length), content));
			let diff = 0;
			for (let i = 0; i < macLen; i++) diff |= m[i]! ^ plain[content.length + i]!;
			return diff === 0 ? content : undefined;
		},
	};
}

function aeadDecryptor(crypto: CryptoProvider, cipher: Exclude<Cipher, 'cbc' | 'des3' | 'rc4'>, key: Uint8Array, fixedIv: Uint8Array): RecordDecryptor {
	const tag = cipher === 'ccm8' ? 8 : 16;
	const aead: AeadKey = crypto.aead(cipher === 'chacha' ? 'CHACHA20-POLY1305' : cipher === 'gcm' ? 'AES-GCM' : 'AES-CCM', key, tag);
	return {
		needsEveryBody: false,
		skip() {},
		decrypt(seq, type, version, body) {
			if (cipher === 'chacha') {
				if (body.length < tag) return undefined;
				const nonce = fixedIv.slice();
				const h = recordHeader(seq, type, version, body.length - tag);
				for (let i = 0; i < 8; i++) nonce[4 + i]! ^= h[i]!;
				return aead.open(nonce, h, body);
			}
			if (body.length < 8 + tag) return undefined;
			const nonce = concat(fixedIv, body.subarray(0, 8));
			return aead.open(nonce, recordHeader(seq, type, version, body.length - 8 - tag), body.subarray(8));
		},
	};
}

function cbcDecryptor(crypto: CryptoProvider, blockDecrypt: BlockDecrypt, blockLen: number, macHash: NonNullable<Tls12Suite['mac']>, macKey: Uint8Array, key: Uint8Array, initialIv: Uint8Array, version: number, etm: boolean): RecordDecryptor {
	const macLen = MAC_LEN[macHash];
	const chained = version === 0x0301;
	let iv = initialIv;
	const macOk = (seq: number, type: number, data: Uint8Array, expected: Uint8Array): boolean => {
		const m = crypto.hmac(macHash, macKey, concat(recordHeader(seq, type, version, data.length), data));
		let diff = 0;
		for (let i = 0; i < macLen; i++) diff |= m[i]! ^ expected[i]!;
		return diff === 0;
	};
	return {
		needsEveryBody: chained,
		skip(body) {
			if (chained && body && body.length >= blockLen) iv = body.slice(body.length - blockLen);
		},
		decrypt(seq, type, _version, body) {
			let cipherText = body;
			if (etm) {
				if (body.length < macLen + blockLen) return undefined;
				cipherText = body.subarray(0, body.length - macLen);
				if (!macOk(seq, type, cipherText, body.subarray(body.length - macLen))) return undefined;
			}
			let recordIv = iv;
			if (!chained) {
				recordIv = cipherText.subarray(0, blockLen);
				cipherText = cipherText.subarray(blockLen);
			}
			if (cipherText.length === 0 || cipherText.length % blockLen) return undefined;
			if (chained) iv = cipherText.slice(cipherText.length - blockLen);
			const plain = blockDecrypt(key, recordIv, cipherText);
			if (plain.length !== cipherText.length) return undefined;
			const pad = plain[plain.length - 1]!;
			const end = plain.length - 1 - pad;
			if (end < (etm ? 0 : macLen)) return undefined;
			for (let i = end; i < plain.length - 1; i++) if (plain[i] !== pad) return undefined;
			if (etm) return plain.subarray(0, end);
			const content = plain.subarray(0, end - macLen);
			return macOk(seq, type, content, plain.subarray(end - macLen, end)) ? content : undefined;
		},
	};
}
