/** Certificate revocation lists read from workspace files (never fetched): parsing and a per-certificate check. */
import * as l10n from '@vscode/l10n';
import { toHex } from '../crypto/hex';
import { children, contentOf, decodeOid, decodeTime, expectTag, readTlv, Tag } from '../x509/der';
import { findPemBlocks, looksLikePem } from '../x509/pem';
import { errorAt, problemFromCaught, type X509Problem, type X509Result } from '../x509/problems';
import { formatRfc4514, isoDate, sameNameBytes, type Certificate, type Name } from '../x509';
import { nameFromTlv } from '../x509/name';
import type { SignatureChecker } from './signature';
import { signedParts, type SignedParts } from './signedParts';
import { rfc5280 } from './profile';
import type { ChainProfile } from './types';

/** One decoded CRL. */
export interface Crl {
	/** Label of the file it came from. */
	readonly source: string;
	readonly issuer: Name;
	readonly thisUpdate: Date;
	readonly nextUpdate: Date | undefined;
	/** Revoked serials (uppercase hex without sign padding) → revocation date. */
	readonly revoked: ReadonlyMap<string, Date>;
	readonly parts: SignedParts;
	/** The crlExtensions, by OID, with their criticality. */
	readonly extensions: readonly { readonly oid: string; readonly critical: boolean }[];
}

const CRL_NUMBER = '2.5.29.20';

function serialKey(bytes: Uint8Array): string {
	return toHex(bytes.length > 1 && bytes[0] === 0 ? bytes.subarray(1) : bytes);
}

function decodeCrl(der: Uint8Array, source: string): Crl {
	const parts = signedParts(der);
	if (!parts) throw new Error(l10n.t('not a CRL (CertificateList does not decode)'));
	const tbs = parts.tbs;
	const f = children(tbs, readTlv(tbs, 0));
	let i = f[0]?.tag === Tag.INTEGER ? 1 : 0;
	i++; // signature AlgorithmIdentifier
	const issuer = nameFromTlv(tbs, expectTag(f[i++], Tag.SEQUENCE, 'CRL issuer'));
	const thisUpdate = decodeTime(tbs, f[i++]!);
	let nextUpdate: Date | undefined;
	if (f[i] && (f[i]!.tag === Tag.UTC_TIME || f[i]!.tag === Tag.GENERALIZED_TIME)) nextUpdate = decodeTime(tbs, f[i++]!);
	const revoked = new Map<string, Date>();
	if (f[i]?.tag === Tag.SEQUENCE) {
		for (const entry of children(tbs, f[i++]!)) {
			const [serial, date] = children(tbs, entry);
			revoked.set(serialKey(contentOf(tbs, expectTag(serial, Tag.INTEGER, 'userCertificate'))), decodeTime(tbs, date!));
		}
	}
	const extensions: { oid: string; critical: boolean }[] = [];
	if (f[i]?.tag === 0xa0) {
		for (const ext of children(tbs, children(tbs, f[i]!)[0]!)) {
			const [oid, second] = children(tbs, ext);
			extensions.push({ oid: decodeOid(tbs, expectTag(oid, Tag.OID, 'CRL extension')), critical: second?.tag === Tag.BOOLEAN && tbs[second.start] !== 0 });
		}
	}
	return { source, issuer, thisUpdate, nextUpdate, revoked, parts, extensions };
}

/**
 * Reads every CRL in a file: DER, or PEM `X509 CRL` blocks. Never throws.
 * @example parseCrls(bytes, 'int.crl').value[0]?.revoked.size
 */
export function parseCrls(bytes: Uint8Array, source: string): X509Result<Crl[]> {
	const problems: X509Problem[] = [];
	const out: Crl[] = [];
	const blobs: { der: Uint8Array; offset: number }[] = looksLikePem(bytes)
		? findPemBlocks(bytes).value.filter((b) => b.label === 'X509 CRL').map((b) => ({ der: b.der, offset: b.offset }))
		: [{ der: bytes, offset: 0 }];
	for (const b of blobs) {
		try {
			out.push(decodeCrl(b.der, source));
		} catch (err) {
			problems.push(problemFromCaught(err, b.offset, 'CRL'));
		}
	}
	if (out.length === 0 && problems.length === 0) problems.push(errorAt(0, l10n.t('no CRL found')));
	return { value: out, problems };
}

/** The revocation state of one certificate according to the CRLs at hand. */
export interface RevocationCheck {
	readonly state: 'good' | 'revoked' | 'unknown';
	readonly message: string;
	/** RFC 5280 rules the CRL used breaks that Windows does not enforce (under `windows` the CRL is still used). */
	readonly profileNotes?: readonly { readonly rfc: string; readonly message: string }[];
}

/** RFC 5280 rules of a CRL and its issuer: crlNumber present and non-critical (§5.2.3), cRLSign in the issuer's key usage (§6.3.3 (f)). */
export function crlProfileNotes(crl: Crl, issuer: Certificate): { rfc: string; message: string }[] {
	const out: { rfc: string; message: string }[] = [];
	const number = crl.extensions.find((e) => e.oid === CRL_NUMBER);
	if (!number) out.push({ rfc: rfc5280('5.2.3'), message: l10n.t('CRL {0} has no CRL number; RFC 5280 requires one.', crl.source) });
	else if (number.critical) out.push({ rfc: rfc5280('5.2.3'), message: l10n.t('CRL {0} marks its CRL number critical; it must be non-critical.', crl.source) });
	if (issuer.keyUsage && !issuer.keyUsage.includes('cRLSign')) out.push({ rfc: rfc5280('6.3.3'), message: l10n.t('The CRL issuer\'s key usage ({0}) lacks cRLSign, so CRL {1} must not be trusted.', issuer.keyUsage.join(', '), crl.source) });
	return out;
}

/**
 * Checks `cert` against the CRLs issued (and validly signed) by `issuer` that are current at `at`. Under `rfc5280`,
 * a CRL that breaks {@link crlProfileNotes} is not used; under `windows` it is, and the notes come back.
 */
export async function checkRevocation(cert: Certificate, issuer: Certificate, crls: readonly Crl[], at: Date, checker: SignatureChecker, profile: ChainProfile = 'windows'): Promise<RevocationCheck> {
	const notes: string[] = [];
	const refused: { rfc: string; message: string }[] = [];
	for (const crl of crls.filter((c) => sameNameBytes(c.issuer, cert.issuer))) {
		const sig = await checker.checkParts(crl.parts, issuer);
		if (sig.status !== 'valid') {
			notes.push(l10n.t('CRL {0} is not signed by this issuer\'s key ({1})', crl.source, sig.detail));
			continue;
		}
		const profileNotes = crlProfileNotes(crl, issuer);
		if (profileNotes.length && profile !== 'windows') {
			notes.push(l10n.t('CRL {0} is not used: it breaks RFC 5280', crl.source));
			refused.push(...profileNotes);
			continue;
		}
		if (crl.thisUpdate > at || (crl.nextUpdate && crl.nextUpdate < at)) {
			notes.push(l10n.t('CRL {0} is not current at {1} ({2} to {3})', crl.source, isoDate(at), isoDate(crl.thisUpdate), crl.nextUpdate ? isoDate(crl.nextUpdate) : l10n.t('open')));
			continue;
		}
		const when = crl.revoked.get(cert.serialHex);
		const extra = profileNotes.length ? { profileNotes } : {};
		if (when && when <= at) return { state: 'revoked', message: l10n.t('Revoked on {0} according to CRL {1}.', isoDate(when), crl.source), ...extra };
		return { state: 'good', message: l10n.t('Not revoked according to CRL {0} (issued {1}).', crl.source, isoDate(crl.thisUpdate)), ...extra };
	}
	const where = cert.crlDistributionPoints?.length ? l10n.t(' Its CRL is published at {0}', cert.crlDistributionPoints.join(', ')) : l10n.t(' It names no CRL distribution point');
	const ocsp = cert.authorityInfoAccess?.ocsp.length ? l10n.t('; OCSP: {0}', cert.authorityInfoAccess.ocsp.join(', ')) : '';
	const extra = notes.length ? ` (${notes.join('; ')})` : '';
	return { state: 'unknown', message: l10n.t('No current CRL from {0} in the workspace{1}.{2}{3} (not fetched: this tool never goes online).', formatRfc4514(cert.issuer), extra, where, ocsp), ...(refused.length ? { profileNotes: refused } : {}) };
}
