/**
 * CA/Browser Forum Baseline Requirements (TLS server certificates, "BR") rules that Web PKI validators enforce on
 * top of RFC 5280 (pyca/cryptography, rustls-webpki, browsers): key types and sizes, the root and subscriber
 * certificate profiles, the subject CN, wildcards over public suffixes. Errors under the `webpki` profile; under
 * `windows` an info finding for server (or any-use) chains, because CryptoAPI does not enforce the BRs (inferred: it
 * has no CERT_TRUST status for any of them); nothing under `rfc5280`, which is RFC 5280 alone.
 */
import * as l10n from '@vscode/l10n';
import { ipBytes } from './nameConstraints';
import type { PublicSuffixList } from './publicSuffix';
import type { Role } from './rfc5280';
import type { ChainProfile, ChainPurpose, ElementStatus } from './types';
import type { Certificate } from '../x509';

/** `CA/B BR §x`, the citation form of a Baseline Requirements section (an RFC section follows where one applies). */
export function br(section: string, rfc?: string): string {
	return `CA/B BR §${section}${rfc ? `; ${rfc}` : ''}`;
}

const OID = { rsa: '1.2.840.113549.1.1.1', ec: '1.2.840.10045.2.1', eku: '2.5.29.37', san: '2.5.29.17', anyEku: '2.5.29.37.0', cn: '2.5.4.3' };
/** The curves BR §7.1.3.1.2 allows: P-256, P-384, P-521. */
const CURVES: Record<string, string> = { '1.2.840.10045.3.1.7': 'P-256', '1.3.132.0.34': 'P-384', '1.3.132.0.35': 'P-521' };

/** What the BR checks need besides the certificate. */
export interface WebPkiContext {
	readonly profile: ChainProfile;
	readonly purpose: ChainPurpose;
	/** The Public Suffix List, when the caller loaded one; without it only one-label suffixes (`*.com`) are known. */
	readonly publicSuffixes?: PublicSuffixList;
}

/** One BR finding at the profile's severity; undefined where the profile does not report BR rules. */
function finding(ctx: WebPkiContext, section: string, message: string): ElementStatus | undefined {
	if (ctx.profile === 'webpki') return { flag: 'NOT_WEBPKI_CONFORMANT', severity: 'error', message, rfc: section };
	if (ctx.profile === 'windows' && ctx.purpose !== 'client') {
		return { flag: 'NOT_WEBPKI_CONFORMANT', severity: 'info', message: l10n.t('{0} Windows does not enforce the CA/Browser Forum Baseline Requirements (inferred); browsers and Web PKI validators reject it (see the webpki profile).', message), rfc: section };
	}
	return undefined;
}

/** RFC 5952 §4 text of a 16-byte IPv6 address, or the RFC 3986 §3.2.2 dotted decimal of a 4-byte IPv4 one. */
export function canonicalIp(bytes: Uint8Array): string {
	if (bytes.length === 4) return [...bytes].join('.');
	const groups: number[] = [];
	for (let i = 0; i < 16; i += 2) groups.push((bytes[i]! << 8) | bytes[i + 1]!);
	// The longest run of two or more zero groups (the first on a tie) becomes "::".
	let best = -1;
	let bestLen = 1;
	for (let i = 0; i < 8; ) {
		let j = i;
		while (j < 8 && groups[j] === 0) j++;
		if (j - i > bestLen) [best, bestLen] = [i, j - i];
		i = j === i ? i + 1 : j;
	}
	const hex = groups.map((g) => g.toString(16));
	if (best < 0) return hex.join(':');
	return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

/** BR §6.1.5 and §7.1.3.1: RSA (rsaEncryption, at least 2048 bits, a multiple of 8) or ECDSA on P-256/P-384/P-521 by name. */
function keyRule(c: Certificate, ctx: WebPkiContext): ElementStatus | undefined {
	const k = c.publicKey;
	if (k.algorithmOid === OID.rsa) {
		if (k.bits !== undefined && k.bits < 2048) return finding(ctx, br('6.1.5'), l10n.t('RSA key of {0} bits; the Baseline Requirements require at least 2048.', k.bits));
		if (k.bits !== undefined && k.bits % 8 !== 0) return finding(ctx, br('6.1.5'), l10n.t('RSA modulus of {0} bits, which is not a multiple of 8 as the Baseline Requirements require.', k.bits));
		return undefined;
	}
	if (k.algorithmOid === OID.ec) {
		if (!k.curveOid) return finding(ctx, br('7.1.3.1.2'), l10n.t('EC key with {0}; the Baseline Requirements allow only the named curves P-256, P-384 and P-521.', k.curve ?? l10n.t('no named curve')));
		if (!CURVES[k.curveOid]) return finding(ctx, br('7.1.3.1.2'), l10n.t('EC key on {0}; the Baseline Requirements allow only P-256, P-384 and P-521.', k.curve ?? k.curveOid));
		return undefined;
	}
	return finding(ctx, br('7.1.3.1'), l10n.t('{0} key; the Baseline Requirements allow only RSA (rsaEncryption) and ECDSA keys.', k.algorithm));
}

/** BR §7.1.2.1.2 and §7.1.2.1.3: a root (self-issued trust anchor) has no EKU, and an AKI, if any, is its own key identifier only. */
function rootRules(c: Certificate, ctx: WebPkiContext): (ElementStatus | undefined)[] {
	const out: (ElementStatus | undefined)[] = [];
	if (c.extensions.some((e) => e.oid === OID.eku)) out.push(finding(ctx, br('7.1.2.1.2'), l10n.t('A root CA certificate with an extended key usage extension, which the Baseline Requirements forbid in roots.')));
	const aki = c.authorityKeyIdentifier;
	if (aki) {
		if (aki.keyIdentifier === undefined) out.push(finding(ctx, br('7.1.2.1.3'), l10n.t("The root's authority key identifier has no keyIdentifier, which the Baseline Requirements require when the extension is present.")));
		else if (c.subjectKeyIdentifier !== undefined && aki.keyIdentifier !== c.subjectKeyIdentifier) out.push(finding(ctx, br('7.1.2.1.3'), l10n.t('The root\'s authority key identifier {0} differs from its own subject key identifier {1}; they must be identical.', aki.keyIdentifier, c.subjectKeyIdentifier)));
		if (aki.issuer !== undefined || aki.serialNumber !== undefined) out.push(finding(ctx, br('7.1.2.1.3'), l10n.t("The root's authority key identifier has authorityCertIssuer or authorityCertSerialNumber, which the Baseline Requirements forbid.")));
	}
	return out;
}

/** BR §7.1.2.7 (subscriber certificate profile) and §7.1.4.3 (its common name); §3.2.2.6 (wildcards over public suffixes). */
function subscriberRules(c: Certificate, ctx: WebPkiContext): (ElementStatus | undefined)[] {
	const out: (ElementStatus | undefined)[] = [];
	const eku = c.extensions.find((e) => e.oid === OID.eku);
	if (!eku) out.push(finding(ctx, br('7.1.2.7.6'), l10n.t('No extended key usage extension; the Baseline Requirements require one (with serverAuth) in every subscriber certificate.')));
	else {
		if (eku.critical) out.push(finding(ctx, br('7.1.2.7.6'), l10n.t('The extended key usage extension is critical; the Baseline Requirements require it non-critical in subscriber certificates.')));
		if (c.extendedKeyUsage?.some((u) => u.oid === OID.anyEku)) out.push(finding(ctx, br('7.1.2.7.10'), l10n.t('The extended key usage includes anyExtendedKeyUsage, which the Baseline Requirements forbid in subscriber certificates.')));
	}
	if (c.basicConstraints?.ca) out.push(finding(ctx, br('7.1.2.7.8'), l10n.t('A subscriber certificate whose basicConstraints say cA = TRUE; the Baseline Requirements require cA = FALSE.')));
	if (c.keyUsage?.includes('keyCertSign')) out.push(finding(ctx, br('7.1.2.7.11'), l10n.t('A subscriber certificate whose key usage allows keyCertSign, which the Baseline Requirements forbid.')));
	const san = c.extensions.find((e) => e.oid === OID.san);
	const empty = c.subject.rdns.length === 0;
	if (!san) out.push(finding(ctx, br('7.1.2.7.12'), l10n.t('No subject alternative name; the Baseline Requirements require one in every subscriber certificate.')));
	else if (san.critical && !empty) out.push(finding(ctx, br('7.1.2.7.12', 'RFC 5280 §4.2.1.6'), l10n.t('The subject alternative name is critical although the subject is not empty; the Baseline Requirements allow critical only with an empty subject.')));
	out.push(...cnRules(c, ctx));
	for (const gn of c.subjectAltName ?? []) {
		if (gn.type !== 'DNS' || !gn.value.startsWith('*.')) continue;
		const base = gn.value.slice(2).toLowerCase().replace(/\.$/, '');
		const oneLabel = !base.includes('.');
		if (oneLabel || ctx.publicSuffixes?.isPublicSuffix(base)) {
			const why = oneLabel ? l10n.t('a top-level domain') : l10n.t('a public suffix in {0}', ctx.publicSuffixes!.source);
			out.push(finding(ctx, br('3.2.2.6', 'RFC 6125 §7.2'), l10n.t('SAN dNSName "{0}" is a wildcard over {1}; CAs must not issue that and Web PKI clients reject it.', gn.value, why)));
		}
	}
	return out;
}

/** BR §7.1.4.3: at most one CN, and it is a character-for-character copy of a SAN dNSName or the canonical text of a SAN iPAddress. */
function cnRules(c: Certificate, ctx: WebPkiContext): (ElementStatus | undefined)[] {
	const cns = c.subject.rdns.flatMap((r) => r.attributes.filter((a) => a.oid === OID.cn).map((a) => a.text));
	if (cns.length === 0) return [];
	if (cns.length > 1) return [finding(ctx, br('7.1.4.3'), l10n.t('The subject has {0} common names; the Baseline Requirements allow one.', cns.length))];
	const cn = cns[0]!;
	const san = c.subjectAltName ?? [];
	if (san.some((gn) => gn.type === 'DNS' && gn.value === cn)) return [];
	const ips = san.filter((gn) => gn.type === 'IP').map((gn) => ipBytes(gn.value)).filter((b): b is Uint8Array => b !== undefined);
	if (ips.some((b) => canonicalIp(b) === cn)) return [];
	const sameIp = ipBytes(cn);
	const hint = sameIp && ips.some((b) => canonicalIp(b) === canonicalIp(sameIp))
		? l10n.t(' It names a SAN address, but not in the required text form ({0}: RFC 3986 §3.2.2 for IPv4, RFC 5952 §4 for IPv6).', canonicalIp(sameIp))
		: san.some((gn) => gn.type === 'DNS' && gn.value.toLowerCase() === cn.toLowerCase()) ? l10n.t(' It differs from a SAN DNS name only in letter case.') : '';
	return [finding(ctx, br('7.1.4.3'), l10n.t('The subject CN "{0}" is not a character-for-character copy of any SAN DNS name or SAN address.{1}', cn, hint))];
}

/**
 * Every Baseline Requirements finding of one certificate in its role in the path (empty under `rfc5280`).
 * @example webpkiRules(leaf, { depth: 0, actsAsCa: false, anchor: false }, { profile: 'webpki', purpose: 'server' })
 */
export function webpkiRules(c: Certificate, role: Role, ctx: WebPkiContext): ElementStatus[] {
	if (ctx.profile === 'rfc5280' || (ctx.profile === 'windows' && ctx.purpose === 'client')) return [];
	const out: (ElementStatus | undefined)[] = [keyRule(c, ctx)];
	if (!role.anchor && c.version !== 3) out.push(finding(ctx, br('7.1.1'), l10n.t('A version {0} certificate; the Baseline Requirements require X.509 v3.', c.version)));
	if (role.anchor && role.depth > 0 && c.isSelfIssued) out.push(...rootRules(c, ctx));
	if (role.depth === 0) out.push(...subscriberRules(c, ctx));
	return out.filter((s): s is ElementStatus => s !== undefined);
}
