/** The PKCS#12 key derivation function (RFC 7292 appendix B.2), used by the legacy PBE and the MAC. */
import type { HashFunction } from './hmac';

/** Purpose byte of the PKCS#12 KDF: 1 key, 2 IV, 3 MAC key. */
export type Pkcs12KdfId = 1 | 2 | 3;

/**
 * The password as PKCS#12 wants it: BMPString (UTF-16BE) plus two zero bytes.
 * `undefined` (no password at all) is the empty byte string, which differs from `''` (just the terminator).
 */
export function pkcs12PasswordBytes(password: string | undefined): Uint8Array {
	if (password === undefined) return new Uint8Array(0);
	const out = new Uint8Array(password.length * 2 + 2);
	for (let i = 0; i < password.length; i++) {
		const c = password.charCodeAt(i);
		out[i * 2] = c >> 8;
		out[i * 2 + 1] = c & 0xff;
	}
	return out;
}

/** Derives `length` bytes from the BMP password, salt and iteration count. */
export function pkcs12Kdf(hash: HashFunction, passwordBmp: Uint8Array, salt: Uint8Array, iterations: number, id: Pkcs12KdfId, length: number): Uint8Array {
	const v = hash.blockSize;
	const u = hash.outputSize;
	const d = new Uint8Array(v).fill(id);
	const i = concatRepeated(salt, v).length + concatRepeated(passwordBmp, v).length;
	const bigI = new Uint8Array(i);
	bigI.set(concatRepeated(salt, v));
	bigI.set(concatRepeated(passwordBmp, v), concatRepeated(salt, v).length);
	const out = new Uint8Array(Math.ceil(length / u) * u);
	const buf = new Uint8Array(v + bigI.length);
	for (let block = 0; block * u < length; block++) {
		buf.set(d);
		buf.set(bigI, v);
		let a = hash.digest(buf);
		for (let r = 1; r < iterations; r++) a = hash.digest(a);
		out.set(a, block * u);
		const b = new Uint8Array(v);
		for (let k = 0; k < v; k++) b[k] = a[k % u]!;
		for (let j = 0; j < bigI.length; j += v) {
			let carry = 1;
			for (let k = v - 1; k >= 0; k--) {
				const sum = bigI[j + k]! + b[k]! + carry;
				bigI[j + k] = sum & 0xff;
				carry = sum >> 8;
			}
		}
	}
	return out.slice(0, length);
}

function concatRepeated(data: Uint8Array, v: number): Uint8Array {
	if (data.length === 0) return data;
	const out = new Uint8Array(Math.ceil(data.length / v) * v);
	for (let k = 0; k < out.length; k++) out[k] = data[k % data.length]!;
	return out;
}
