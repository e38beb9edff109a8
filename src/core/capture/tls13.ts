/** TLS 1.3 record protection (RFC 8446 §5.2–5.3, §7.3) with secrets from a key log. */
import type { AeadKey, AeadName, CryptoProvider } from '../crypto/provider';
import { hkdfExpandLabel, type Tls13Hash } from './crypto/hkdf';

/** Decrypts the protected records of one TLS 1.3 connection. */
export interface Tls13Decryptor {
	/** The inner content type and content, or undefined when the record does not authenticate. */
	decrypt(role: 'client' | 'server', epoch: 'handshake' | 'application', seq: number, header: Uint8Array, body: Uint8Array): { type: number; content: Uint8Array } | undefined;
}

const LABELS = {
	client: { handshake: 'CLIENT_HANDSHAKE_TRAFFIC_SECRET', application: 'CLIENT_TRAFFIC_SECRET_0' },
	server: { handshake: 'SERVER_HANDSHAKE_TRAFFIC_SECRET', application: 'SERVER_TRAFFIC_SECRET_0' },
} as const;

interface Spec {
	readonly hash: Tls13Hash;
	readonly keyLen: number;
	readonly aead: AeadName;
	readonly tag: number;
}

/** The TLS 1.3 cipher suites (RFC 8446 appendix B.4). */
const SUITES: ReadonlyMap<number, Spec> = new Map([
	[0x1301, { hash: 'SHA-256', keyLen: 16, aead: 'AES-GCM', tag: 16 }],
	[0x1302, { hash: 'SHA-384', keyLen: 32, aead: 'AES-GCM', tag: 16 }],
	[0x1303, { hash: 'SHA-256', keyLen: 32, aead: 'CHACHA20-POLY1305', tag: 16 }],
	[0x1304, { hash: 'SHA-256', keyLen: 16, aead: 'AES-CCM', tag: 16 }],
	[0x1305, { hash: 'SHA-256', keyLen: 16, aead: 'AES-CCM', tag: 8 }],
]);

interface Keys {
	key: AeadKey;
	iv: Uint8Array;
}

/** Whether a TLS 1.3 cipher suite can be decrypted. */
export function tls13SuiteSupported(suite: number): boolean {
	return SUITES.has(suite);
}

/** A decryptor for a TLS 1.3 cipher suite and the secrets logged for the connection. */
export function createTls13Decryptor(suite: number, secrets: ReadonlyMap<string, Uint8Array>, crypto: CryptoProvider): Tls13Decryptor | undefined {
	const spec = SUITES.get(suite);
	if (!spec) return undefined;
	const cache = new Map<string, Keys | null>();
	const keysFor = (role: 'client' | 'server', epoch: 'handshake' | 'application'): Keys | null => {
		const id = `${role}/${epoch}`;
		let k = cache.get(id);
		if (k === undefined) {
			const secret = secrets.get(LABELS[role][epoch]);
			k = secret ? { key: crypto.aead(spec.aead, hkdfExpandLabel(spec.hash, secret, 'key', new Uint8Array(0), spec.keyLen, crypto), spec.tag), iv: hkdfExpandLabel(spec.hash, secret, 'iv', new Uint8Array(0), 12, crypto) } : null;
			cache.set(id, k);
		}
		return k;
	};
	return {
		decrypt(role, epoch, seq, header, body) {
			const k = keysFor(role, epoch);
			if (!k) return undefined;
			const plain = k.key.open(xorSequence(k.iv, seq), header, body);
			if (!plain) return undefined;
			let end = plain.length;
			while (end > 0 && plain[end - 1] === 0) end--;
			if (end === 0) return undefined;
			return { type: plain[end - 1]!, content: plain.subarray(0, end - 1) };
		},
	};
}

/** The per-record nonce: the 64-bit sequence number XORed into the right end of the IV (RFC 8446 §5.3, RFC 7905 §2). */
export function xorSequence(iv: Uint8Array, seq: number): Uint8Array {
	const nonce = iv.slice();
	let s = seq;
	for (let i = nonce.length - 1; i >= nonce.length - 8 && s > 0; i--) {
		nonce[i]! ^= s & 0xff;
		s = Math.floor(s / 256);
	}
	return nonce;
}
