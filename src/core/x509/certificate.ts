/** Decoding one X.509 certificate (RFC 5280) with byte offsets; never throws. */
import * as l10n from '@vscode/l10n';
import { children, contentOf, decodeBitString, decodeOid, decodeSmallInteger, decodeTime, encodingOf, expectTag, readTlv, sequence, Tag, type Tlv } from './der';
import { bytesEqual, toHex } from '../crypto/hex';
import { sha1 } from '../crypto/sha1';
import { sha256 } from '../crypto/sha256';
import { decodeExtensions, type DecodedExtensions, type Extension } from './extensions';
import { nameFromTlv, type Name } from './name';
import { CURVE_BITS, oidName } from './oids';
import { DerError, problemFromCaught, warningAt, type X509Problem, type X509Result } from './problems';

/** Public key summary. */
export interface PublicKeyInfo {
	readonly algorithmOid: string;
	/** `rsaEncryption`, `ecPublicKey`, `Ed25519`, … */
	readonly algorithm: string;
	/** Key size in bits (RSA modulus, EC curve size, DSA p), when known. */
	readonly bits: number | undefined;
	readonly curveOid?: string;
	/** EC curve name, e.g. `prime256v1`. */
	readonly curve?: string;
}

/** A decoded certificate. Offsets are into the bytes given to {@link decodeCertificate}. */
export interface Certificate extends DecodedExtensions {
	/** The certificate's DER (a copy). */
	readonly der: Uint8Array;
	readonly offset: number;
	/** Byte range [start, end) of the TBSCertificate TLV. */
	readonly tbsRange: readonly [number, number];
	/** 1, 2 or 3. */
	readonly version: number;
	/** Serial as uppercase hex of its content bytes, without the sign-padding 00 (as OpenSSL and Windows print it). */
	readonly serialHex: string;
	readonly signatureAlgorithm: { readonly oid: string; readonly name: string };
	readonly issuer: Name;
	readonly subject: Name;
	readonly notBefore: Date;
	readonly notAfter: Date;
	/** ISO 8601, e.g. `2025-01-01T00:00:00Z`. */
	readonly notBeforeIso: string;
	readonly notAfterIso: string;
	readonly publicKey: PublicKeyInfo;
	readonly extensions: readonly Extension[];
	/** SHA-1 thumbprint, uppercase hex (the registry key name). */
	readonly sha1: string;
	readonly sha256: string;
	/** Subject and issuer have identical DER bytes. */
	readonly isSelfIssued: boolean;
	/** Self-issued and the AKI key ID (if any) equals the SKI: self-signed judged by names, signature not verified. */
	readonly isSelfSignedByName: boolean;
}

/** ISO 8601 without milliseconds. */
export function isoDate(d: Date): string {
	return d.toISOString().replace(/\.000Z$/, 'Z');
}

/**
 * Decodes the certificate at `offset` (its trailing bytes are not looked at).
 * @example const { value, problems } = decodeCertificate(der); value?.subject
 */
export function decodeCertificate(bytes: Uint8Array, offset = 0): X509Result<Certificate | undefined> {
	const problems: X509Problem[] = [];
	try {
		return { value: decodeCertificateTlv(bytes, readTlv(bytes, offset), problems), problems };
	} catch (err) {
		problems.push(problemFromCaught(err, offset, 'certificate'));
		return { value: undefined, problems };
	}
}

/** Decodes a certificate TLV, pushing warnings into `problems`. Throws DerError (internal use). */
export function decodeCertificateTlv(bytes: Uint8Array, certTlv: Tlv, problems: X509Problem[]): Certificate {
	const [tbs, sigAlg, sigValue] = sequence(bytes, certTlv, 'Certificate');
	expectTag(tbs, Tag.SEQUENCE, 'TBSCertificate', certTlv.offset);
	expectTag(sigAlg, Tag.SEQUENCE, 'signatureAlgorithm', tbs!.next);
	decodeBitString(bytes, expectTag(sigValue, Tag.BIT_STRING, 'signatureValue', sigAlg!.next));
	const f = children(bytes, tbs!);
	let i = 0;
	let version = 1;
	if (f[i]?.tag === 0xa0) version = decodeSmallInteger(bytes, children(bytes, f[i++]!)[0] ?? f[0]!) + 1;
	const serial = contentOf(bytes, expectTag(f[i++], Tag.INTEGER, 'serialNumber', tbs!.start));
	const sigOid = decodeOid(bytes, expectTag(children(bytes, expectTag(f[i++], Tag.SEQUENCE, 'signature'))[0], Tag.OID, 'signature algorithm', tbs!.start));
	const issuer = nameFromTlv(bytes, expectTag(f[i++], Tag.SEQUENCE, 'issuer', tbs!.start));
	const validity = sequence(bytes, f[i++], 'validity');
	const notBefore = decodeTime(bytes, validity[0] ?? missing('notBefore', tbs!));
	const notAfter = decodeTime(bytes, validity[1] ?? missing('notAfter', tbs!));
	const subject = nameFromTlv(bytes, expectTag(f[i++], Tag.SEQUENCE, 'subject', tbs!.start));
	const spki = expectTag(f[i++], Tag.SEQUENCE, 'subjectPublicKeyInfo', tbs!.start);
	const publicKey = decodePublicKey(bytes, spki, problems);
	let extensions: Extension[] = [];
	let decoded: DecodedExtensions = {};
	for (; i < f.length; i++) {
		if (f[i]!.tag === 0xa3) {
			const list = children(bytes, f[i]!)[0];
			({ extensions, decoded } = decodeExtensions(bytes, expectTag(list, Tag.SEQUENCE, 'extensions', f[i]!.start), (o, m) => problems.push(warningAt(o, m))));
		}
	}
	const outerOid = decodeOid(bytes, expectTag(children(bytes, sigAlg!)[0], Tag.OID, 'signatureAlgorithm', sigAlg!.offset));
	if (outerOid !== sigOid) problems.push(warningAt(sigAlg!.offset, l10n.t('signatureAlgorithm {0} differs from the TBS signature field {1}', oidName(outerOid), oidName(sigOid))));
	if (serial.length === 0) throw new DerError(f[1]?.offset ?? tbs!.start, l10n.t('empty serial number'));
	if (serial[0]! & 0x80) problems.push(warningAt(tbs!.start, l10n.t('negative serial number (RFC 5280 requires a positive one)')));
	if (serial.length > 21 || (serial.length === 21 && serial[0] !== 0)) problems.push(warningAt(tbs!.start, l10n.t('serial number is {0} bytes (RFC 5280: at most 20)', serial.length)));
	const der = encodingOf(bytes, certTlv).slice();
	const isSelfIssued = bytesEqual(subject.der, issuer.der);
	const aki = decoded.authorityKeyIdentifier?.keyIdentifier;
	return {
		...decoded,
		der,
		offset: certTlv.offset,
		tbsRange: [tbs!.offset, tbs!.next],
		version,
		serialHex: toHex(serial.length > 1 && serial[0] === 0 && (serial[1]! & 0x80) !== 0 ? serial.subarray(1) : serial),
		signatureAlgorithm: { oid: outerOid, name: oidName(outerOid) },
		issuer,
		subject,
		notBefore,
		notAfter,
		notBeforeIso: isoDate(notBefore),
		notAfterIso: isoDate(notAfter),
		publicKey,
		extensions,
		sha1: toHex(sha1(der)),
		sha256: toHex(sha256(der)),
		isSelfIssued,
		isSelfSignedByName: isSelfIssued && (aki === undefined || decoded.subjectKeyIdentifier === undefined || aki === decoded.subjectKeyIdentifier),
	};
}

function missing(what: string, at: Tlv): never {
	throw new DerError(at.offset, `missing ${what}`);
}

function decodePublicKey(bytes: Uint8Array, spki: Tlv, problems: X509Problem[]): PublicKeyInfo {
	const [alg, key] = children(bytes, spki);
	const algParts = sequence(bytes, alg, 'SubjectPublicKeyInfo algorithm');
	const algorithmOid = decodeOid(bytes, expectTag(algParts[0], Tag.OID, 'public key algorithm', spki.offset));
	const algorithm = oidName(algorithmOid);
	const bits = decodeBitString(bytes, expectTag(key, Tag.BIT_STRING, 'subjectPublicKey', spki.offset)).bytes;
	try {
		switch (algorithmOid) {
			case '1.2.840.113549.1.1.1':
			case '1.2.840.113549.1.1.10': {
				const keyTlv = readTlv(bits, 0);
				const modulus = contentOf(bits, expectTag(children(bits, keyTlv)[0], Tag.INTEGER, 'RSA modulus'));
				return { algorithmOid, algorithm, bits: integerBits(modulus) };
			}
			case '1.2.840.10045.2.1': {
				const p = algParts[1];
				if (p?.tag !== Tag.OID) return { algorithmOid, algorithm, bits: undefined, curve: 'explicit parameters' };
				const curveOid = decodeOid(bytes, p);
				return { algorithmOid, algorithm, bits: CURVE_BITS[curveOid], curveOid, curve: oidName(curveOid) };
			}
			case '1.2.840.10040.4.1': {
				const params = algParts[1] ? children(bytes, algParts[1]) : [];
				return { algorithmOid, algorithm, bits: params[0] ? integerBits(contentOf(bytes, params[0])) : undefined };
			}
			case '1.3.101.112':
			case '1.3.101.110':
				return { algorithmOid, algorithm, bits: 256 };
			case '1.3.101.113':
				return { algorithmOid, algorithm, bits: 456 };
			case '1.3.101.111':
				return { algorithmOid, algorithm, bits: 448 };
			default:
				return { algorithmOid, algorithm, bits: undefined };
		}
	} catch (err) {
		const offset = err instanceof DerError ? key!.start + 1 + err.offset : spki.offset;
		problems.push(warningAt(offset, l10n.t('public key does not decode: {0}', err instanceof Error ? err.message : String(err))));
		return { algorithmOid, algorithm, bits: undefined };
	}
}

/** Bit length of a non-negative big-endian integer. */
function integerBits(b: Uint8Array): number {
	let i = 0;
	while (i < b.length && b[i] === 0) i++;
	if (i === b.length) return 0;
	return (b.length - i - 1) * 8 + (32 - Math.clz32(b[i]!));
}
