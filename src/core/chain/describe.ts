/** Plain-language parts of a chain result: node summaries and the one-sentence verdict. */
import * as l10n from '@vscode/l10n';
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

const use = (purpose: ChainPurpose): string => (purpose === 'client' ? l10n.t('client authentication') : purpose === 'server' ? l10n.t('server authentication') : l10n.t('any use'));

/** The overall verdict from the best chain (undefined only if no path exists at all, which cannot happen for a decoded leaf). */
export function describeVerdict(best: ChainPath | undefined, path: RawPath | undefined, leaf: Certificate, purpose: ChainPurpose): ChainVerdict {
	if (!best || !path) return { trusted: false, kind: 'partial', summary: l10n.t('Not trusted: no chain could be built.'), flags: ['IS_PARTIAL_CHAIN'], failingDepths: [0] };
	const top = path.entries[path.entries.length - 1]!.certificate;
	const name = `"${shortName(leaf)}"`;
	let summary: string;
	if (best.trusted) {
		summary = l10n.t('Trusted for {0}: {1} chains to the trusted root "{2}" ({3} certificates).', use(purpose), name, shortName(top), best.elements.length);
		const waived = best.elements.flatMap((e) => e.status).filter((s) => s.flag === 'NOT_RFC5280_CONFORMANT' && s.severity === 'warning').length;
		const others = best.warningFlags.filter((f) => f !== 'NOT_RFC5280_CONFORMANT');
		if (others.length) summary += l10n.t(' Warnings: {0}.', others.join(', '));
		if (waived) summary += (waived === 1 ? l10n.t(' Windows accepts it, but it breaks 1 RFC 5280 rule: strict validators (OpenSSL, .NET on Linux, browsers) may reject it (see the rfc5280 profile).') : l10n.t(' Windows accepts it, but it breaks {0} RFC 5280 rules: strict validators (OpenSSL, .NET on Linux, browsers) may reject it (see the rfc5280 profile).', waived));
	} else if (best.verdict === 'partial') {
		const urls = top.authorityInfoAccess?.caIssuers ?? [];
		summary = path.end === 'cycle'
			? l10n.t('Not trusted: the issuers of {0} loop back on themselves and never reach a root.', name)
			: l10n.t('Not trusted: "{0}" was issued by "{1}", whose certificate is not among the certificates given, so the chain stops there. Add that CA certificate (an intermediate to the CA store, a root to Root){2}.', shortName(top), formatRfc4514(top.issuer), urls.length ? l10n.t('; fetch it by hand from {0} (the address the certificate names)', urls.join(', ')) : '');
	} else if (best.verdict === 'untrustedRoot') {
		summary = l10n.t('Not trusted: the chain of {0} ends at "{1}", which is not among the trusted roots.', name, shortName(top));
	} else {
		const first = best.elements.flatMap((e) => e.status.filter((s) => s.severity === 'error').map((s) => ({ e, s })))[0]!;
		const who = first.e.depth === 0 ? name : l10n.t('"{0}" (depth {1})', shortName(path.entries[first.e.depth]!.certificate), first.e.depth);
		summary = l10n.t('Not trusted for {0}: {1}: {2}', use(purpose), who, first.s.message);
	}
	return { trusted: best.trusted, kind: best.verdict, summary, flags: best.errorFlags, failingDepths: best.failingDepths };
}
