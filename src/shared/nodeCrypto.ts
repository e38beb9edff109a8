/** Node's native crypto as the core's {@link CryptoProvider} (the CLI and the desktop extension host inject it). */
import { createDecipheriv, createHash, createHmac, type CipherGCMTypes, type DecipherCCM } from 'node:crypto';
import { HASH_SIZE, type AeadName, type CryptoProvider, type HashName } from '../core/crypto/provider';

const HASH: Readonly<Record<HashName, string>> = { MD5: 'md5', 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };

function aesName(key: Uint8Array, mode: string): string {
	if (key.length !== 16 && key.length !== 24 && key.length !== 32) throw new RangeError(`AES key must be 16, 24 or 32 bytes, got ${key.length}`);
	return `aes-${key.length * 8}-${mode}`;
}

function cipherName(alg: AeadName, key: Uint8Array): string {
	if (alg === 'CHACHA20-POLY1305') {
		if (key.length !== 32) throw new RangeError(`ChaCha20-Poly1305 key must be 32 bytes, got ${key.length}`);
		return 'chacha20-poly1305';
	}
	return aesName(key, alg === 'AES-GCM' ? 'gcm' : 'ccm');
}

/** Node's `crypto` module behind the core's interface. */
export const nodeCrypto: CryptoProvider = {
	name: 'node',
	hash: (alg, data) => new Uint8Array(createHash(HASH[alg]).update(data).digest()),
	hmac: (alg, key, data) => new Uint8Array(createHmac(HASH[alg], key).update(data).digest()),
	aead(alg, key, tagLength = 16) {
		const name = cipherName(alg, key);
		const ccm = alg === 'AES-CCM';
		return {
			open(nonce, aad, sealed) {
				if (sealed.length < tagLength) return undefined;
				const body = sealed.subarray(0, sealed.length - tagLength);
				try {
					const d = createDecipheriv(name as CipherGCMTypes, key, nonce, { authTagLength: tagLength });
					d.setAuthTag(sealed.subarray(sealed.length - tagLength));
					if (ccm) (d as unknown as DecipherCCM).setAAD(aad, { plaintextLength: body.length });
					else d.setAAD(aad);
					const out = d.update(body);
					d.final();
					return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
				} catch {
					return undefined;
				}
			},
		};
	},
	des3CbcDecrypt(key, iv, data) {
		if (key.length !== 24) throw new RangeError(`3DES key must be 24 bytes, got ${key.length}`);
		const d = createDecipheriv('des-ede3-cbc', key, iv).setAutoPadding(false);
		const a = d.update(data), b = d.final();
		const out = b.length ? Buffer.concat([a, b]) : a;
		return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
	},
	aesCbcDecrypt(key, iv, data) {
		const d = createDecipheriv(aesName(key, 'cbc'), key, iv).setAutoPadding(false);
		const a = d.update(data), b = d.final();
		const out = b.length ? Buffer.concat([a, b]) : a;
		return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
	},
	hkdfExpand(alg, prk, info, length) {
		// RFC 5869 section 2.3 over Node's HMAC: Node's hkdfSync always extracts first, TLS 1.3 needs Expand alone.
		const size = HASH_SIZE[alg];
		if (length > 255 * size) throw new RangeError(`HKDF-Expand length ${length} exceeds 255 * ${size}`);
		const out = new Uint8Array(length);
		let t: Uint8Array = new Uint8Array(0);
		for (let i = 1, filled = 0; filled < length; i++) {
			const h = createHmac(HASH[alg], prk);
			h.update(t);
			h.update(info);
			h.update(Uint8Array.of(i));
			t = new Uint8Array(h.digest());
			out.set(t.subarray(0, Math.min(t.length, length - filled)), filled);
			filled += t.length;
		}
		return out;
	},
};
