/**
 * Name constraints (RFC 5280 §4.2.1.10): DNS (wildcard SANs included), email, directory names and IP addresses; a
 * constraint of another form rejects the chain only when a name of that form appears below it. The work is bounded.
 */
import * as l10n from '@vscode/l10n';
import { children, contentOf, latin1, readTlv } from '../x509/der';
import { normalizedNameKey, type Certificate, type Name } from '../x509';
import { nameFromTlv } from '../x509/name';
import { lenient, rfc5280 } from './profile';
import { isDnsName, isMailbox } from './rfc5280';
import type { TrustFlag } from './trustStatus';
import type { ChainProfile, ElementStatus } from './types';

type NameType = 'DNS' | 'email' | 'DirName' | 'IP';

/** One constraint subtree base. */
interface Subtree {
	/** A supported form, or the GeneralName tag number of another form (0 otherName, 6 URI, …). */
	readonly type: NameType | number;
	readonly label: string;
	readonly text?: string;
	readonly name?: Name;
	readonly ip?: Uint8Array;
}

interface Constraints {
	readonly permitted: Subtree[];
	readonly excluded: Subtree[];
	/** Both fields absent, or present and empty (RFC 5280: at least one must be present, each with one subtree or more). */
	readonly empty: boolean;
}

/** One violation or note, ready to become an element status. */
export interface NameConstraintFinding {
	readonly flags: readonly TrustFlag[];
	readonly severity: 'error' | 'warning';
	readonly message: string;
	readonly rfc?: string;
}

/** Shared work counter for one chain build: name × subtree comparisons left before the check refuses. */
export interface NameCheckBudget {
	remaining: number;
	/** Set once the budget ran out. */
	exhausted: boolean;
}

/** Default comparison budget: OpenSSL's NAME_CHECK_MAX (1 << 20). */
export const NAME_CHECK_MAX = 1 << 20;

const NC_CACHE = new WeakMap<Certificate, Constraints | null>();
const RFC = rfc5280('4.2.1.10');

function subtree(bytes: Uint8Array, base: ReturnType<typeof readTlv>): Subtree {
	const c = contentOf(bytes, base);
	switch (base.tag) {
		case 0x81:
			return { type: 'email', text: latin1(c).toLowerCase(), label: `email:${latin1(c)}` };
		case 0x82:
			return { type: 'DNS', text: latin1(c).toLowerCase(), label: `DNS:${latin1(c)}` };
		case 0xa4: {
			const name = nameFromTlv(bytes, children(bytes, base)[0]!);
			return { type: 'DirName', name, label: `DirName:${normalizedNameKey(name)}` };
		}
		case 0x87:
			return { type: 'IP', ip: c.slice(), label: `IP:${Array.from(c).join('.')}` };
		default:
			return { type: base.tag & 0x1f, label: `${['otherName', 'email', 'DNS', 'x400Address', 'DirName', 'ediPartyName', 'URI', 'IP', 'registeredID'][base.tag & 0x1f] ?? 'GeneralName'} constraint (tag 0x${base.tag.toString(16)})` };
	}
}

/** The certificate's name constraints with directory names kept as Names; undefined when absent or undecodable. */
export function nameConstraintsOf(ca: Certificate): Constraints | undefined {
	const cached = NC_CACHE.get(ca);
	if (cached !== undefined) return cached ?? undefined;
	let out: Constraints | null = null;
	const ext = ca.extensions.find((e) => e.oid === '2.5.29.30');
	if (ext) {
		try {
			const v = ext.value;
			const permitted: Subtree[] = [];
			const excluded: Subtree[] = [];
			for (const t of children(v, readTlv(v, 0))) {
				const target = t.tag === 0xa0 ? permitted : t.tag === 0xa1 ? excluded : undefined;
				for (const st of target ? children(v, t) : []) target!.push(subtree(v, children(v, st)[0]!));
			}
			out = { permitted, excluded, empty: permitted.length === 0 && excluded.length === 0 };
		} catch {
			out = null;
		}
	}
	NC_CACHE.set(ca, out);
	return out ?? undefined;
}

function contiguousMask(mask: Uint8Array): boolean {
	let zero = false;
	for (const b of mask) for (let bit = 7; bit >= 0; bit--) {
		const one = ((b >> bit) & 1) === 1;
		if (one && zero) return false;
		if (!one) zero = true;
	}
	return true;
}

/** Findings about the constraints themselves (reported on the CA that carries them). */
export function constraintSyntax(ca: Certificate, profile: ChainProfile): ElementStatus[] {
	const ext = ca.extensions.find((e) => e.oid === '2.5.29.30');
	if (!ext) return [];
	const nc = nameConstraintsOf(ca);
	const bad = (message: string): ElementStatus => ({ flag: 'INVALID_NAME_CONSTRAINTS', severity: 'error', message, rfc: RFC });
	if (!nc) return [bad(l10n.t('The name constraints extension does not decode, so no name below this CA can be checked.'))];
	const out: ElementStatus[] = [];
	if (nc.empty) out.push(bad(l10n.t('The name constraints extension has neither permitted nor excluded subtrees; at least one must be present and non-empty.')));
	for (const st of [...nc.permitted, ...nc.excluded]) {
		if (st.type === 'IP' && (![8, 32].includes(st.ip!.length) || !contiguousMask(st.ip!.subarray(st.ip!.length / 2)))) out.push(bad(l10n.t('Name constraint {0} is not an address and a contiguous mask of 8 or 32 bytes.', st.label)));
		if (st.type === 'DNS' && st.text !== '') {
			if (st.text!.startsWith('.') && isDnsName(st.text!.slice(1), false)) out.push(lenient(profile, RFC, l10n.t('DNS name constraint "{0}" has a leading period; RFC 5280 allows that only in URI constraints (read here as "any subdomain").', st.text!)));
			else if (!isDnsName(st.text!, false)) out.push(lenient(profile, RFC, l10n.t('DNS name constraint "{0}" is not a host name (wildcards are not allowed in constraints).', st.text!)));
		}
		if (st.type === 'email' && st.text !== '' && !isMailbox(st.text!) && !isDnsName(st.text!.replace(/^\./, ''), false)) out.push(lenient(profile, RFC, l10n.t('Email name constraint "{0}" is neither a mailbox, a host nor a domain.', st.text!)));
	}
	return out;
}

function dnsMatches(constraint: string, name: string): boolean {
	const n = name.toLowerCase();
	if (constraint === '') return true;
	if (constraint.startsWith('.')) return n.endsWith(constraint);
	return n === constraint || n.endsWith(`.${constraint}`);
}

/** Could a wildcard name `*.d` stand for a name inside the subtree `constraint`? (CVE-2025-61727.) */
function wildcardOverlaps(constraint: string, name: string): boolean {
	if (!name.startsWith('*.')) return false;
	const domain = name.slice(2).toLowerCase();
	const c = constraint.replace(/^\./, '');
	return c.endsWith(`.${domain}`) && !c.slice(0, -domain.length - 1).includes('.');
}

function emailMatches(constraint: string, email: string): boolean {
	const e = email.toLowerCase();
	if (constraint.includes('@')) return e === constraint;
	const domain = e.slice(e.lastIndexOf('@') + 1);
	if (constraint.startsWith('.')) return domain.endsWith(constraint);
	return domain === constraint;
}

function dirMatches(constraint: Name, subject: Name): boolean {
	if (constraint.rdns.length > subject.rdns.length) return false;
	const rdnKey = (n: Name, i: number): string => normalizedNameKey({ der: new Uint8Array(0), rdns: [n.rdns[i]!], offset: 0 });
	return constraint.rdns.every((_, i) => rdnKey(constraint, i) === rdnKey(subject, i));
}

/** Parses a textual IPv4 or IPv6 address (IPv6 with `::` compression) into its bytes; undefined when invalid. */
export function ipBytes(text: string): Uint8Array | undefined {
	if (/^\d{1,3}(\.\d{1,3}){3}$/.test(text)) {
		const parts = text.split('.').map(Number);
		return parts.every((p, i) => p <= 255 && String(p) === text.split('.')[i]) ? Uint8Array.from(parts) : undefined;
	}
	if (!/^[0-9A-Fa-f:]+$/.test(text) || text.split('::').length > 2) return undefined;
	const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
	const h = head ? head.split(':') : [];
	const t = tail ? tail.split(':') : [];
	const fill = 8 - h.length - t.length;
	if ((tail === undefined && fill !== 0) || (tail !== undefined && fill < 1)) return undefined;
	const groups = [...h, ...Array<string>(tail === undefined ? 0 : fill).fill('0'), ...t];
	if (groups.some((g) => !/^[0-9A-Fa-f]{1,4}$/.test(g))) return undefined;
	return Uint8Array.from(groups.flatMap((g) => [parseInt(g, 16) >> 8, parseInt(g, 16) & 0xff]));
}

function ipMatches(constraint: Uint8Array, ip: Uint8Array): boolean {
	const n = ip.length;
	if (constraint.length !== 2 * n) return false;
	for (let i = 0; i < n; i++) if ((ip[i]! & constraint[n + i]!) !== (constraint[i]! & constraint[n + i]!)) return false;
	return true;
}

interface CertName {
	readonly type: NameType | number;
	readonly text: string;
	readonly name?: Name;
	readonly ip?: Uint8Array;
}

const GN_TAG: Record<string, number> = { otherName: 0, x400: 3, ediParty: 5, URI: 6, RID: 8 };

/** The names of a certificate that name constraints apply to, by type. */
function namesOf(cert: Certificate): CertName[] {
	const out: CertName[] = [];
	if (cert.subject.rdns.length > 0) out.push({ type: 'DirName', text: normalizedNameKey(cert.subject), name: cert.subject });
	for (const rdn of cert.subject.rdns) for (const a of rdn.attributes) if (a.oid === '1.2.840.113549.1.9.1' && a.text) out.push({ type: 'email', text: a.text });
	for (const gn of cert.subjectAltName ?? []) {
		if (gn.type === 'DNS' || gn.type === 'email') out.push({ type: gn.type, text: gn.value });
		else if (gn.type === 'IP') {
			const ip = ipBytes(gn.value);
			if (ip) out.push({ type: 'IP', text: gn.value, ip });
		} else if (gn.type in GN_TAG) out.push({ type: GN_TAG[gn.type]!, text: `${gn.type}:${gn.value}` });
	}
	return out;
}

function matches(st: Subtree, n: CertName): boolean {
	if (st.type !== n.type) return false;
	if (st.type === 'DNS') return dnsMatches(st.text!, n.text);
	if (st.type === 'email') return emailMatches(st.text!, n.text);
	if (st.type === 'DirName') return dirMatches(st.name!, n.name!);
	if (st.type === 'IP') return ipMatches(st.ip!, n.ip!);
	return false;
}

function excludedBy(st: Subtree, n: CertName): boolean {
	return matches(st, n) || (st.type === 'DNS' && n.type === 'DNS' && wildcardOverlaps(st.text!, n.text));
}

/**
 * Checks `subject`'s names against `ca`'s name constraints; an empty list means none apply or all pass. With a
 * `budget`, a check that would need more comparisons than remain is refused (an error finding), never run.
 */
export function checkNameConstraints(ca: Certificate, subject: Certificate, budget?: NameCheckBudget): NameConstraintFinding[] {
	const nc = nameConstraintsOf(ca);
	if (!nc) return [];
	const caName = ca.subject.rdns.length ? `"${normalizedNameKey(ca.subject)}"` : l10n.t('the CA');
	const names = namesOf(subject);
	if (budget) {
		const cost = names.length * (nc.permitted.length + nc.excluded.length);
		if (budget.exhausted || cost > budget.remaining) {
			budget.exhausted = true;
			return [{ flags: ['INVALID_NAME_CONSTRAINTS'], severity: 'error', message: l10n.t('Checking {0} names against {1} name constraints of {2} needs {3} comparisons, over the work limit ({4} per chain build): refused, as OpenSSL does.', names.length, nc.permitted.length + nc.excluded.length, caName, cost, NAME_CHECK_MAX) }];
		}
		budget.remaining -= cost;
	}
	const findings: NameConstraintFinding[] = [];
	for (const n of names) {
		const label = n.type === 'DirName' ? 'subject' : typeof n.type === 'number' ? n.text : `${n.type}:${n.text}`;
		if (typeof n.type === 'number') {
			const st = [...nc.permitted, ...nc.excluded].find((s) => s.type === n.type);
			if (st) findings.push({ flags: ['INVALID_NAME_CONSTRAINTS', 'HAS_NOT_SUPPORTED_NAME_CONSTRAINT'], severity: 'error', message: l10n.t('Name {0} is of a form that {1} constrains ({2}) and that this tool cannot evaluate; RFC 5280 says to reject it then.', label, caName, st.label), rfc: RFC });
			continue;
		}
		const excluded = nc.excluded.find((st) => excludedBy(st, n));
		if (excluded) {
			const how = matches(excluded, n) ? '' : l10n.t(' (the wildcard can stand for a name in the excluded subtree)');
			findings.push({ flags: ['INVALID_NAME_CONSTRAINTS', 'HAS_EXCLUDED_NAME_CONSTRAINT'], severity: 'error', message: l10n.t('Name {0} is excluded by {1} in {2}{3}.', label, excluded.label, caName, how), rfc: RFC });
			continue;
		}
		const ofType = nc.permitted.filter((st) => st.type === n.type);
		if (ofType.length > 0 && !ofType.some((st) => matches(st, n))) {
			findings.push({ flags: ['INVALID_NAME_CONSTRAINTS', 'HAS_NOT_PERMITTED_NAME_CONSTRAINT'], severity: 'error', message: l10n.t('Name {0} is not within the permitted {1} names of {2} ({3}).', label, n.type, caName, ofType.map((s) => s.label).join(', ')), rfc: RFC });
		} else if (ofType.length === 0 && nc.permitted.length > 0 && !nc.excluded.some((st) => st.type === n.type)) {
			findings.push({ flags: ['HAS_NOT_DEFINED_NAME_CONSTRAINT'], severity: 'warning', message: l10n.t('Name {0} has a type ({1}) that the name constraints of {2} do not mention; Windows may reject it.', label, n.type, caName) });
		}
	}
	return findings;
}
