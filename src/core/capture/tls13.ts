/** TLS 1.3 record protection (RFC 8446 §5.2–5.3, §7.3) with secrets from a key log. */
import { aesExpandKey, aesGcmDecrypt } from './crypto/aesGcm';
import { chacha20Poly1305Decrypt } from './crypto/chacha20Poly1305';
import { HASH_SHA256, HASH_SHA384, hkdfExpandLabel, type Hash } from './crypto/hkdf';

/** Decrypts the protected records of one TLS 1.3 connection. */
export interface Tls13Decryptor {
	/** The inner content type and content, or undefined when the record does not authenticate. */
	decrypt(role: 'client' | 'server', epoch: 'handshake' | 'application', seq: number, header: Uint8Array, body: Uint8Array): { type: number; content: Uint8Array } | undefined;
}

const LABELS = {
	client: { handshake: 'CLIENT_HANDSHAKE_TRAFFIC_SECRET', application: 'CLIENT_TRAFFIC_SECRET_0' },
	server: { handshake: 'SERVER_HANDSHAKE_TRAFFIC_SECRET', application: 'SERVER_TRAFFIC_SECRET_0' },
} as const;

interface Keys {
	key: Uint8Array | Uint32Array;
	iv: Uint8Array;
}

/** A decryptor for a cipher suite (0x1301, 0x1302, 0x1303) and the secrets logged for the connection. */
export function createTls13Decryptor(suite: number, secrets: ReadonlyMap<string, Uint8Array>): Tls13Decryptor | undefined {
	const spec = suite === 0x1301 ? { hash: HASH_SHA256, keyLen: 16, aead: 'gcm' } : suite === 0x1302 ? { hash: HASH_SHA384, keyLen: 32, aead: 'gcm' } : suite === 0x1303 ? { hash: HASH_SHA256, keyLen: 32, aead: 'chacha' } : undefined;
	if (!spec) return undefined;
	const cache = new Map<string, Keys | null>();
	const keysFor = (role: 'client' | 'server', epoch: 'handshake' | 'application'): Keys | null => {
		const id = `${role}/${epoch}`;
		let k = cache.get(id);
		if (k === undefined) {
			const secret = secrets.get(LABELS[role][epoch]);
			k = secret ? derive(spec.hash, secret, spec.keyLen, spec.aead === 'gcm') : null;
			cache.set(id, k);
		}
		return k;
	};
	return {
		decrypt(role, epoch, seq, header, body) {
			const k = keysFor(role, epoch);
			if (!k) return undefined;
			const nonce = k.iv.slice();
			let s = seq;
			for (let i = 11; i >= 4 && s > 0; i--) {
				nonce[i]! ^= s & 0xff;
				s = Math.floor(s / 256);
			}
			const plain = spec.aead === 'gcm' ? aesGcmDecrypt(k.key, nonce, header, body) : chacha20Poly1305Decrypt(k.key as Uint8Array, nonce, header, body);
			if (!plain) return undefined;
			let end = plain.length;
			while (end > 0 && plain[end - 1] === 0) end--;
			if (end === 0) return undefined;
			return { type: plain[end - 1]!, content: plain.subarray(0, end - 1) };
		},
	};
}

function derive(hash: Hash, secret: Uint8Array, keyLen: number, gcm: boolean): Keys {
	const key = hkdfExpandLabel(hash, secret, 'key', new Uint8Array(0), keyLen);
	return { key: gcm ? aesExpandKey(key) : key, iv: hkdfExpandLabel(hash, secret, 'iv', new Uint8Array(0), 12) };
}
