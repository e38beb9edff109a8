/** The TLS 1.3 HKDF-Expand-Label (RFC 8446 §7.1) over HKDF-Expand (RFC 5869) with the provider's HMAC. */
import { defaultCrypto, type CryptoProvider } from '../../crypto/provider';

/** The hashes of the TLS 1.3 cipher suites. */
export type Tls13Hash = 'SHA-256' | 'SHA-384';

/** HKDF-Expand (RFC 5869 §2.3): T(i) = HMAC(PRK, T(i-1) | info | i), concatenated and cut to `length`. */
function expand(crypto: CryptoProvider, hash: Tls13Hash, prk: Uint8Array, info: Uint8Array, length: number): Uint8Array {
	const out = new Uint8Array(length);
	let t = new Uint8Array(0);
	for (let i = 1, at = 0; at < length; i++) {
		const input = new Uint8Array(t.length + info.length + 1);
		input.set(t);
		input.set(info, t.length);
		input[input.length - 1] = i;
		t = crypto.hmac(hash, prk, input) as Uint8Array<ArrayBuffer>;
		out.set(t.subarray(0, Math.min(t.length, length - at)), at);
		at += t.length;
	}
	return out;
}

/**
 * HKDF-Expand-Label(secret, label, context, length) with the `tls13 ` prefix.
 * @example hkdfExpandLabel('SHA-256', serverHandshakeSecret, 'key', new Uint8Array(0), 16)
 */
export function hkdfExpandLabel(hash: Tls13Hash, secret: Uint8Array, label: string, context: Uint8Array, length: number, crypto: CryptoProvider = defaultCrypto()): Uint8Array {
	const full = `tls13 ${label}`;
	const info = new Uint8Array(2 + 1 + full.length + 1 + context.length);
	info[0] = length >> 8;
	info[1] = length & 0xff;
	info[2] = full.length;
	for (let i = 0; i < full.length; i++) info[3 + i] = full.charCodeAt(i);
	info[3 + full.length] = context.length;
	info.set(context, 4 + full.length);
	return expand(crypto, hash, secret, info, length);
}
