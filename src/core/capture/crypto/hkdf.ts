/** The TLS 1.3 HKDF-Expand-Label (RFC 8446 §7.1) over the crypto provider's HKDF-Expand (RFC 5869). */
import { defaultCrypto, type CryptoProvider } from '../../crypto/provider';

/** The hashes of the TLS 1.3 cipher suites. */
export type Tls13Hash = 'SHA-256' | 'SHA-384';

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
	return crypto.hkdfExpand(hash, secret, info, length);
}
