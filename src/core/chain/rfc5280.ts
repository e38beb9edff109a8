/**
 * RFC 5280 certificate-profile rules that CryptoAPI does not enforce (serial, names, AKI/SKI, criticality, duplicate
 * extensions, SAN syntax): each is an error under the `rfc5280` profile and a warning under `windows` (profile.ts).
 */
import * as l10n from '@vscode/l10n';
import { bytesEqual } from '../crypto/hex';
import { children, contentOf, encodingOf, readTlv } from '../x509/der';
import type { Certificate } from '../x509';
import { lenient, rfc5280 } from './profile';
import type { ChainProfile, ElementStatus } from './types';

const OID = { ski: '2.5.29.14', ku: '2.5.29.15', san: '2.5.29.17', bc: '2.5.29.19', nc: '2.5.29.30', pc: '2.5.29.36', aki: '2.5.29.35', aia: '1.3.6.1.5.5.7.1.1' };

/** Where a certificate sits in the path being checked. */
export interface Role {
	readonly depth: number;
	/** Signs the certificate below it (depth > 0). */
	readonly actsAsCa: boolean;
	/** The trust anchor at the top of an anchored path. */
	readonly anchor: boolean;
}

interface TbsFacts {
	readonly serial: Uint8Array;
	readonly innerAlgorithm: Uint8Array;
	readonly outerAlgorithm: Uint8Array;
}

const TBS_CACHE = new WeakMap<Certificate, TbsFacts | null>();

/** The raw serial and both AlgorithmIdentifiers (the decoded certificate keeps neither byte for byte). */
function tbsFacts(c: Certificate): TbsFacts | undefined {
	const cached = TBS_CACHE.get(c);
	if (cached !== undefined) return cached ?? undefined;
	let facts: TbsFacts | null = null;
	try {
		const [tbs, alg] = children(c.der, readTlv(c.der, 0));
		const f = children(c.der, tbs!);
		const i = f[0]?.tag === 0xa0 ? 1 : 0;
		facts = { serial: contentOf(c.der, f[i]!), innerAlgorithm: encodingOf(c.der, f[i + 1]!), outerAlgorithm: encodingOf(c.der, alg!) };
	} catch {
		facts = null;
	}
	TBS_CACHE.set(c, facts);
	return facts ?? undefined;
}

/** RFC 1034 preferred name syntax, with a whole-label `*` allowed on the left (RFC 6125 wildcards). */
export function isDnsName(name: string, allowWildcard = true): boolean {
	const labels = name.split('.');
	if (name.length === 0 || name.length > 253) return false;
	return labels.every((l, i) => (allowWildcard && i === 0 && l === '*' && labels.length > 1) || /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/.test(l));
}

/** An RFC 822 mailbox as RFC 5280 §4.2.1.6 allows it: local-part@domain, nothing else. */
export function isMailbox(text: string): boolean {
	const at = text.lastIndexOf('@');
	return at > 0 && !/[\s<>()@]/.test(text.slice(0, at)) && isDnsName(text.slice(at + 1), false);
}

function serialRules(c: Certificate, profile: ChainProfile): ElementStatus[] {
	const facts = tbsFacts(c);
	if (!facts) return [];
	const s = facts.serial;
	const out: ElementStatus[] = [];
	if (s.length > 20) out.push(lenient(profile, rfc5280('4.1.2.2'), l10n.t('Serial number is {0} bytes long; RFC 5280 allows at most 20.', s.length)));
	if ((s[0]! & 0x80) !== 0) out.push(lenient(profile, rfc5280('4.1.2.2'), l10n.t('Serial number is negative; RFC 5280 requires a positive integer.')));
	else if (s.every((b) => b === 0)) out.push(lenient(profile, rfc5280('4.1.2.2'), l10n.t('Serial number is zero; RFC 5280 requires a positive integer.')));
	return out;
}

function extensionRules(c: Certificate, role: Role, profile: ChainProfile): ElementStatus[] {
	const out: ElementStatus[] = [];
	const ext = (oid: string) => c.extensions.find((e) => e.oid === oid);
	const seen = new Set<string>();
	for (const e of c.extensions) {
		if (seen.has(e.oid)) out.push(lenient(profile, rfc5280('4.2'), l10n.t('Extension {0} appears more than once; RFC 5280 allows one instance of each.', e.name)));
		seen.add(e.oid);
	}
	const selfSigned = c.isSelfSignedByName;
	const aki = ext(OID.aki);
	if (aki?.critical) out.push(lenient(profile, rfc5280('4.2.1.1'), l10n.t('The authority key identifier is marked critical; it must be non-critical.')));
	// The trust anchor is an input to path validation (RFC 5280 §6.1.1 (d)), not a certificate the path must justify.
	if (!selfSigned && !role.anchor && c.authorityKeyIdentifier?.keyIdentifier === undefined) out.push(lenient(profile, rfc5280('4.2.1.1'), l10n.t('No authority key identifier (keyIdentifier); every certificate that is not self-signed must have one.')));
	const ski = ext(OID.ski);
	if (ski?.critical) out.push(lenient(profile, rfc5280('4.2.1.2'), l10n.t('The subject key identifier is marked critical; it must be non-critical.')));
	const isCa = c.basicConstraints?.ca === true || role.actsAsCa;
	if (isCa && !ski) out.push(lenient(profile, rfc5280('4.2.1.2'), l10n.t('A CA certificate without a subject key identifier; RFC 5280 requires one in every CA certificate.')));
	const bc = ext(OID.bc);
	if (role.actsAsCa && bc && c.basicConstraints?.ca && !bc.critical) out.push(lenient(profile, rfc5280('4.2.1.9'), l10n.t('basicConstraints is not critical in a CA certificate that signs certificates; it must be critical.')));
	if (c.keyUsage?.includes('keyCertSign') && c.basicConstraints?.ca !== true) out.push(lenient(profile, rfc5280('4.2.1.9'), l10n.t('Key usage asserts keyCertSign but basicConstraints does not assert cA.')));
	if (c.extendedKeyUsage && c.extendedKeyUsage.length === 0) out.push(lenient(profile, rfc5280('4.2.1.12'), l10n.t('The extended key usage extension is empty; it must list at least one purpose.')));
	if (ext(OID.aia)?.critical) out.push(lenient(profile, rfc5280('4.2.2.1'), l10n.t('The authority information access extension is marked critical; it must be non-critical.')));
	const pc = ext(OID.pc);
	if (pc && !pc.critical) out.push(lenient(profile, rfc5280('4.2.1.11'), l10n.t('The policy constraints extension is not critical; it must be critical.')));
	const nc = ext(OID.nc);
	if (nc && !isCa) out.push(lenient(profile, rfc5280('4.2.1.10'), l10n.t('Name constraints in an end-entity certificate; they may appear only in CA certificates.')));
	else if (nc && !nc.critical && profile === 'webpki') out.push({ flag: 'NOT_RFC5280_CONFORMANT', severity: 'info', message: l10n.t('The name constraints extension is not critical, which RFC 5280 forbids; the Baseline Requirements allow it as an explicit exception, so the webpki profile accepts it.'), rfc: `${rfc5280('4.2.1.10')}; CA/B BR §7.1.2.10.8` });
	else if (nc && !nc.critical) out.push(lenient(profile, rfc5280('4.2.1.10'), l10n.t('The name constraints extension is not critical; conforming CAs must mark it critical.')));
	return out;
}

function nameRules(c: Certificate, role: Role, profile: ChainProfile): ElementStatus[] {
	const out: ElementStatus[] = [];
	if (c.issuer.rdns.length === 0) out.push(lenient(profile, rfc5280('4.1.2.4'), l10n.t('The issuer name is empty; it must be a non-empty distinguished name.')));
	if (c.subject.rdns.length === 0 && (role.actsAsCa || c.basicConstraints?.ca === true)) out.push(lenient(profile, rfc5280('4.1.2.6'), l10n.t('A CA certificate with an empty subject name.')));
	const san = c.extensions.find((e) => e.oid === OID.san);
	if (san && !san.decoded) out.push(lenient(profile, rfc5280('4.2.1.6'), l10n.t('The subject alternative name extension does not decode, so its names cannot be checked.')));
	if (san && c.subject.rdns.length === 0 && !san.critical) out.push(lenient(profile, rfc5280('4.2.1.6'), l10n.t('The subject is empty but the subject alternative name is not critical; it must be critical then.')));
	for (const gn of c.subjectAltName ?? []) {
		if (gn.type === 'DNS' && !isDnsName(gn.value)) out.push(lenient(profile, rfc5280('4.2.1.6'), l10n.t('SAN dNSName "{0}" is not a host name in the preferred name syntax (letters, digits, hyphens).', gn.value)));
		if (gn.type === 'IP' && (!/[.:]/.test(gn.value) || gn.value.includes('/'))) out.push(lenient(profile, rfc5280('4.2.1.6'), l10n.t('SAN iPAddress "{0}" is not one address of 4 (IPv4) or 16 (IPv6) bytes.', gn.value)));
		if (gn.type === 'email' && !isMailbox(gn.value)) out.push(lenient(profile, rfc5280('4.2.1.6'), l10n.t('SAN rfc822Name "{0}" is not a mailbox (local-part@domain).', gn.value)));
	}
	if (san?.decoded && !c.subjectAltName?.length) out.push(lenient(profile, rfc5280('4.2.1.6'), l10n.t('The subject alternative name extension is empty; it must hold at least one name.')));
	return out;
}

/** Every RFC 5280 profile rule of one certificate in its role in the path. */
export function profileRules(c: Certificate, role: Role, profile: ChainProfile): ElementStatus[] {
	const out = [...(role.anchor && role.depth > 0 ? [] : serialRules(c, profile)), ...nameRules(c, role, profile), ...extensionRules(c, role, profile)];
	const facts = tbsFacts(c);
	if (facts && !bytesEqual(facts.innerAlgorithm, facts.outerAlgorithm)) out.push(lenient(profile, rfc5280('4.1.1.2'), l10n.t('The signatureAlgorithm differs from the signature field inside the signed part; they must be identical.')));
	return out;
}
