/** The bytes a signature covers, its AlgorithmIdentifier and value, and a certificate's SubjectPublicKeyInfo. */
import { children, contentOf, decodeBitString, decodeOid, encodingOf, expectTag, readTlv, Tag } from '../x509/der';
import type { Certificate } from '../x509';

/** A signed structure (certificate or CRL) split for verification. */
export interface SignedParts {
	/** The DER of the signed TBS part. */
	readonly tbs: Uint8Array;
	readonly algorithmOid: string;
	/** DER of the algorithm parameters (RSA-PSS needs them); undefined when absent. */
	readonly algorithmParams: Uint8Array | undefined;
	/** The signature BIT STRING content (without the unused-bits octet). */
	readonly signature: Uint8Array;
}

/** Splits `Certificate` or `CertificateList` DER into its signed parts; undefined when it does not decode. */
export function signedParts(der: Uint8Array): SignedParts | undefined {
	try {
		const outer = readTlv(der, 0);
		const [tbs, alg, sig] = children(der, expectTag(outer, Tag.SEQUENCE, 'signed object'));
		const algParts = children(der, expectTag(alg, Tag.SEQUENCE, 'AlgorithmIdentifier'));
		const params = algParts[1];
		return {
			tbs: encodingOf(der, expectTag(tbs, Tag.SEQUENCE, 'TBS')),
			algorithmOid: decodeOid(der, expectTag(algParts[0], Tag.OID, 'algorithm')),
			algorithmParams: params && params.tag !== Tag.NULL ? encodingOf(der, params) : undefined,
			signature: decodeBitString(der, expectTag(sig, Tag.BIT_STRING, 'signature')).bytes,
		};
	} catch {
		return undefined;
	}
}

const SPKI_CACHE = new WeakMap<Certificate, Uint8Array | null>();

/** The DER SubjectPublicKeyInfo of a certificate (cached); undefined when it does not decode. */
export function subjectPublicKeyInfo(cert: Certificate): Uint8Array | undefined {
	const cached = SPKI_CACHE.get(cert);
	if (cached !== undefined) return cached ?? undefined;
	let spki: Uint8Array | null = null;
	try {
		const der = cert.der;
		const tbs = children(der, readTlv(der, 0))[0]!;
		const fields = children(der, tbs);
		const at = fields[0]?.tag === 0xa0 ? 6 : 5;
		spki = encodingOf(der, expectTag(fields[at], Tag.SEQUENCE, 'subjectPublicKeyInfo'));
	} catch {
		spki = null;
	}
	SPKI_CACHE.set(cert, spki);
	return spki ?? undefined;
}

/** RSASSA-PSS-params (RFC 4055): hash, MGF1 hash and salt length; defaults SHA-1 / SHA-1 / 20. */
export interface PssParams {
	readonly hashOid: string;
	readonly mgfHashOid: string;
	readonly saltLength: number;
}

const SHA1 = '1.3.14.3.2.26';

/** Decodes RSASSA-PSS-params; undefined when they do not decode. */
export function decodePssParams(params: Uint8Array | undefined): PssParams | undefined {
	let hashOid = SHA1;
	let mgfHashOid = SHA1;
	let saltLength = 20;
	if (!params) return { hashOid, mgfHashOid, saltLength };
	try {
		for (const field of children(params, readTlv(params, 0))) {
			const inner = children(params, field)[0];
			if (!inner) continue;
			if (field.tag === 0xa0) hashOid = decodeOid(params, children(params, inner)[0]!);
			else if (field.tag === 0xa1) {
				const [, mgfParams] = children(params, inner);
				if (mgfParams) mgfHashOid = decodeOid(params, children(params, mgfParams)[0]!);
			} else if (field.tag === 0xa2) saltLength = contentOf(params, inner).reduce((n, b) => n * 256 + b, 0);
		}
		return { hashOid, mgfHashOid, saltLength };
	} catch {
		return undefined;
	}
}

/** Converts a DER ECDSA-Sig-Value (SEQUENCE { r, s }) into IEEE P1363 r || s for WebCrypto. */
export function ecdsaDerToP1363(der: Uint8Array, fieldBytes: number): Uint8Array | undefined {
	try {
		const [r, s] = children(der, expectTag(readTlv(der, 0), Tag.SEQUENCE, 'ECDSA-Sig-Value'));
		const out = new Uint8Array(fieldBytes * 2);
		for (const [i, t] of [r, s].entries()) {
			let v = contentOf(der, expectTag(t, Tag.INTEGER, 'ECDSA integer'));
			while (v.length > 1 && v[0] === 0) v = v.subarray(1);
			if (v.length > fieldBytes) return undefined;
			out.set(v, i * fieldBytes + fieldBytes - v.length);
		}
		return out;
	} catch {
		return undefined;
	}
}
