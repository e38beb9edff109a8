/** What the hovers say about a DN, a thumbprint or a PEM block: plain data from the core and the index lookups. */
import { fromHex, toHex } from '../crypto/hex';
import { validityAt, type CertificateLookup, type IndexedCertificate } from '../certificateIndex';
import { certificateRequestBytes, decodeName, formatRfc4514, formatWindows, loadCertificatesSync, normalizedNameKey, parseDn, windowsLabel, type Name } from '../x509';

/** One attribute of a DN, most specific first. */
export interface RdnRow {
	readonly label: string;
	readonly value: string;
	/** ASN.1 string type: exact when taken from a workspace certificate, else the type Windows would likely encode. */
	readonly type: string;
	/** Part of a multi-valued RDN (joined with `+`). */
	readonly multiValued: boolean;
}

/** Everything a DN hover shows. */
export interface DnInfo {
	readonly windows: string;
	readonly rfc4514: string;
	readonly rdns: readonly RdnRow[];
	/** DER size of the Name, and what it adds to a TLS CertificateRequest issuer list (2-byte length + DER). */
	readonly derBytes: number;
	readonly issuerListBytes: number;
	/** Sizes come from a workspace certificate's encoding (else: estimated from the text). */
	readonly exact: boolean;
	/** Workspace certificates whose subject this is (byte-identical first, then look-alikes). */
	readonly matches: readonly IndexedCertificate[];
	/** Matches whose subject reads the same but is encoded differently (Windows treats them as other names). */
	readonly differentBytes: readonly IndexedCertificate[];
}

function rows(name: Name, typeSuffix: string): RdnRow[] {
	return [...name.rdns].reverse().flatMap((rdn) => [...rdn.attributes].map((a) => ({ label: windowsLabel(a.oid), value: a.text ?? `#${toHex(a.valueDer)}`, type: `${a.tagName}${typeSuffix}`, multiValued: rdn.attributes.length > 1 })));
}

/**
 * Parses a DN found in text and matches it against the index by normalized subject.
 * @example dnInfo('CN=alice.client, OU=Clients, O=Schannel Lens Lab, C=US', lookup)?.issuerListBytes
 */
export function dnInfo(text: string, lookup?: CertificateLookup): DnInfo | undefined {
	const parsed = parseDn(text).value;
	if (!parsed || parsed.rdns.length === 0) return undefined;
	const parsedHex = toHex(parsed.der);
	const candidates = lookup?.bySubjectKey(normalizedNameKey(parsed)) ?? [];
	const exactFirst = [...candidates].sort((a, b) => Number(b.subjectDerHex === parsedHex) - Number(a.subjectDerHex === parsedHex));
	const reference = exactFirst[0];
	const exactName = reference ? decodeName(fromHex(reference.subjectDerHex) ?? new Uint8Array()).value : undefined;
	const name = exactName ?? parsed;
	const matches = exactFirst;
	return {
		windows: formatWindows(name),
		rfc4514: formatRfc4514(name),
		rdns: rows(name, exactName ? '' : ' (estimated)'),
		derBytes: name.der.length,
		issuerListBytes: certificateRequestBytes(name),
		exact: exactName !== undefined,
		matches,
		differentBytes: reference ? matches.filter((m) => m.subjectDerHex !== reference.subjectDerHex) : [],
	};
}

/** The indexed certificates a thumbprint names (deduplicated by file). */
export function thumbprintInfo(sha1: string, lookup: CertificateLookup): readonly IndexedCertificate[] {
	return lookup.bySha1(sha1);
}

/** A decoded summary of one certificate in a PEM block. */
export interface PemCertificateSummary {
	readonly subject: string;
	readonly issuer: string;
	readonly notBefore: string;
	readonly notAfter: string;
	readonly state: 'valid' | 'expired' | 'notYetValid';
	readonly sha1: string;
	readonly isCa: boolean;
	readonly keyText: string;
	readonly subjectBytes: number;
}

/** Decodes the certificates of one PEM block's text; problems come back as sentences. */
export function pemInfo(text: string, now: Date): { certificates: PemCertificateSummary[]; problems: string[] } {
	const bytes = new Uint8Array(text.length);
	for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
	const r = loadCertificatesSync(bytes);
	const certificates = r.value.map(({ certificate: c }) => ({
		subject: formatWindows(c.subject),
		issuer: formatWindows(c.issuer),
		notBefore: c.notBeforeIso,
		notAfter: c.notAfterIso,
		state: validityAt(c.notBeforeIso, c.notAfterIso, now),
		sha1: c.sha1,
		isCa: c.basicConstraints?.ca === true,
		keyText: `${c.publicKey.algorithm}${c.publicKey.bits ? ` ${c.publicKey.bits} bits` : ''}${c.publicKey.curve ? ` ${c.publicKey.curve}` : ''}`,
		subjectBytes: c.subject.der.length,
	}));
	return { certificates, problems: r.problems.filter((p) => p.severity !== 'info').map((p) => p.message) };
}

