/** HMAC and the TLS 1.3 HKDF-Expand-Label (RFC 5869, RFC 8446 §7.1) over SHA-256 / SHA-384. */
import { sha256 } from '../../crypto';
import { hmac } from '../../crypto/hmac';
import { sha384 } from './sha512';

/** A hash for HMAC: digest function and block size. */
export interface Hash {
	readonly digest: (data: Uint8Array) => Uint8Array;
	readonly blockSize: number;
	readonly outputSize: number;
}

/** SHA-256 for {@link hmacHash}. */
export const HASH_SHA256: Hash = { digest: sha256, blockSize: 64, outputSize: 32 };
/** SHA-384 for {@link hmacHash}. */
export const HASH_SHA384: Hash = { digest: sha384, blockSize: 128, outputSize: 48 };

/** HMAC (RFC 2104): the core's implementation, which takes any hash of this shape. */
export const hmacHash: (hash: Hash, key: Uint8Array, data: Uint8Array) => Uint8Array = hmac;

/** HKDF-Expand. */
export function hkdfExpand(hash: Hash, prk: Uint8Array, info: Uint8Array, length: number): Uint8Array {
	const out = new Uint8Array(length);
	let t: Uint8Array = new Uint8Array(0);
	for (let i = 1, pos = 0; pos < length; i++) {
		const input = new Uint8Array(t.length + info.length + 1);
		input.set(t);
		input.set(info, t.length);
		input[input.length - 1] = i;
		t = hmacHash(hash, prk, input);
		out.set(t.subarray(0, Math.min(t.length, length - pos)), pos);
		pos += t.length;
	}
	return out;
}

/** HKDF-Expand-Label(secret, label, context, length) with the `tls13 ` prefix. */
export function hkdfExpandLabel(hash: Hash, secret: Uint8Array, label: string, context: Uint8Array, length: number): Uint8Array {
	const full = `tls13 ${label}`;
	const info = new Uint8Array(2 + 1 + full.length + 1 + context.length);
	info[0] = length >> 8;
	info[1] = length & 0xff;
	info[2] = full.length;
	for (let i = 0; i < full.length; i++) info[3 + i] = full.charCodeAt(i);
	info[3 + full.length] = context.length;
	info.set(context, 4 + full.length);
	return hkdfExpand(hash, secret, info, length);
}
