/** Comparing names the ways Windows does (byte-exact) and the way people read them (normalized). */
import { bytesEqual } from '../crypto/hex';
import type { Name } from './name';

/**
 * Byte-exact comparison of the DER encodings: how Schannel matches a client certificate's issuer
 * against the DNs of the CertificateRequest's issuer list.
 */
export function sameNameBytes(a: Name, b: Name): boolean {
	return bytesEqual(a.der, b.der);
}

/**
 * How CryptoAPI compares names when building chains: CertCompareCertificateName is a binary
 * comparison of the encoded names, so this equals {@link sameNameBytes}. A PrintableString vs
 * UTF8String difference (same text) therefore breaks issuer matching on Windows.
 */
export function sameNameCryptoApi(a: Name, b: Name): boolean {
	return bytesEqual(a.der, b.der);
}

/** A normalized text key: attribute OIDs and values, case-insensitive, whitespace folded, string types ignored. */
export function normalizedNameKey(name: Name): string {
	return name.rdns
		.map((rdn) =>
			rdn.attributes
				.map((a) => `${a.oid}=${(a.text ?? Array.from(a.valueBytes).join(',')).normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim()}`)
				.sort()
				.join('+'),
		)
		.join(',');
}

/**
 * True when the names read the same (case-insensitive, whitespace-folded, string type ignored) — use it together with
 * {@link sameNameBytes} to warn "same text, different bytes", which Windows treats as different names.
 */
export function namesLookAlike(a: Name, b: Name): boolean {
	return normalizedNameKey(a) === normalizedNameKey(b);
}

/** Bytes one DN adds to a TLS CertificateRequest `certificate_authorities` list: a 2-byte length plus the DER. */
export function certificateRequestBytes(name: Name): number {
	return 2 + name.der.length;
}
