/** Plain-language parts of a chain result: node summaries and the one-sentence verdict. */
import { formatRfc4514, formatWindows, nameValue, type Certificate } from '../x509';
import type { RawPath } from './build';
import type { PoolEntry } from './pool';
import type { ChainNode, ChainPath, ChainPurpose, ChainVerdict } from './types';

/** The JSON node of a pooled certificate. */
export function toNode(e: PoolEntry): ChainNode {
	const c = e.certificate;
	const k = c.publicKey;
	return {
		id: c.sha256,
		sha1: c.sha1,
		subject: formatRfc4514(c.subject),
		subjectWindows: formatWindows(c.subject),
		issuer: formatRfc4514(c.issuer),
		issuerWindows: formatWindows(c.issuer),
		serial: c.serialHex,
		notBefore: c.notBeforeIso,
		notAfter: c.notAfterIso,
		isCa: c.basicConstraints?.ca === true,
		selfIssued: c.isSelfIssued,
		trustAnchor: e.anchor,
		sources: [...e.sources],
		signatureAlgorithm: c.signatureAlgorithm.name,
		publicKey: [k.algorithm, k.curve ?? k.bits].filter((x) => x !== undefined).join(' '),
		crlDistributionPoints: c.crlDistributionPoints ?? [],
		ocsp: c.authorityInfoAccess?.ocsp ?? [],
		caIssuers: c.authorityInfoAccess?.caIssuers ?? [],
	};
}

/** A short display name: the CN, else the RFC 4514 subject. */
export function shortName(c: Certificate): string {
	return nameValue(c.subject, '2.5.4.3') ?? formatRfc4514(c.subject);
}

const USE: Record<ChainPurpose, string> = { client: 'client authentication', server: 'server authentication', any: 'any use' };

/** The overall verdict from the best chain (undefined only if no path exists at all, which cannot happen for a decoded leaf). */
export function describeVerdict(best: ChainPath | undefined, path: RawPath | undefined, leaf: Certificate, purpose: ChainPurpose): ChainVerdict {
	if (!best || !path) return { trusted: false, kind: 'partial', summary: 'Not trusted: no chain could be built.', flags: ['IS_PARTIAL_CHAIN'], failingDepths: [0] };
	const top = path.entries[path.entries.length - 1]!.certificate;
	const name = `"${shortName(leaf)}"`;
	let summary: string;
	if (best.trusted) {
		summary = `Trusted for ${USE[purpose]}: ${name} chains to the trusted root "${shortName(top)}" (${best.elements.length} certificates).`;
		const waived = best.elements.flatMap((e) => e.status).filter((s) => s.flag === 'NOT_RFC5280_CONFORMANT' && s.severity === 'warning').length;
		const others = best.warningFlags.filter((f) => f !== 'NOT_RFC5280_CONFORMANT');
		if (others.length) summary += ` Warnings: ${others.join(', ')}.`;
		if (waived) summary += ` Windows accepts it, but it breaks ${waived} RFC 5280 rule${waived === 1 ? '' : 's'}: strict validators (OpenSSL, .NET on Linux, browsers) may reject it (see the rfc5280 profile).`;
	} else if (best.verdict === 'partial') {
		const urls = top.authorityInfoAccess?.caIssuers ?? [];
		summary = path.end === 'cycle'
			? `Not trusted: the issuers of ${name} loop back on themselves and never reach a root.`
			: `Not trusted: "${shortName(top)}" was issued by "${formatRfc4514(top.issuer)}", whose certificate is not among the certificates given, so the chain stops there. Add that CA certificate (an intermediate to the CA store, a root to Root)${urls.length ? `; fetch it by hand from ${urls.join(', ')} (the address the certificate names)` : ''}.`;
	} else if (best.verdict === 'untrustedRoot') {
		summary = `Not trusted: the chain of ${name} ends at "${shortName(top)}", which is not among the trusted roots.`;
	} else {
		const first = best.elements.flatMap((e) => e.status.filter((s) => s.severity === 'error').map((s) => ({ e, s })))[0]!;
		const who = first.e.depth === 0 ? name : `"${shortName(path.entries[first.e.depth]!.certificate)}" (depth ${first.e.depth})`;
		summary = `Not trusted for ${USE[purpose]}: ${who}: ${first.s.message}`;
	}
	return { trusted: best.trusted, kind: best.verdict, summary, flags: best.errorFlags, failingDepths: best.failingDepths };
}
