/** Name constraints (RFC 5280 §4.2.1.10): DNS, email, directory names and IP addresses; other types are reported as not supported. */
import { children, contentOf, latin1, readTlv } from '../x509/der';
import { normalizedNameKey, type Certificate, type Name } from '../x509';
import { nameFromTlv } from '../x509/name';
import type { TrustFlag } from './trustStatus';

type NameType = 'DNS' | 'email' | 'DirName' | 'IP';

/** One constraint subtree base. */
interface Subtree {
	readonly type: NameType | 'unsupported';
	readonly label: string;
	readonly text?: string;
	readonly name?: Name;
	readonly ip?: Uint8Array;
}

/** One violation or note, ready to become an element status. */
export interface NameConstraintFinding {
	readonly flags: readonly TrustFlag[];
	readonly severity: 'error' | 'warning';
	readonly message: string;
}

const NC_CACHE = new WeakMap<Certificate, { permitted: Subtree[]; excluded: Subtree[] } | null>();

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
			return { type: 'unsupported', label: `GeneralName tag 0x${base.tag.toString(16)}` };
	}
}

/** The certificate's name constraints with directory names kept as Names; undefined when absent or undecodable. */
export function nameConstraintsOf(ca: Certificate): { permitted: Subtree[]; excluded: Subtree[] } | undefined {
	const cached = NC_CACHE.get(ca);
	if (cached !== undefined) return cached ?? undefined;
	let out: { permitted: Subtree[]; excluded: Subtree[] } | null = null;
	const ext = ca.extensions.find((e) => e.oid === '2.5.29.30');
	if (ext) {
		try {
			const v = ext.value;
			out = { permitted: [], excluded: [] };
			for (const t of children(v, readTlv(v, 0))) {
				const target = t.tag === 0xa0 ? out.permitted : t.tag === 0xa1 ? out.excluded : undefined;
				for (const st of target ? children(v, t) : []) target!.push(subtree(v, children(v, st)[0]!));
			}
		} catch {
			out = null;
		}
	}
	NC_CACHE.set(ca, out);
	return out ?? undefined;
}

function dnsMatches(constraint: string, name: string): boolean {
	const n = name.toLowerCase();
	if (constraint === '') return true;
	if (constraint.startsWith('.')) return n.endsWith(constraint);
	return n === constraint || n.endsWith(`.${constraint}`);
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

function ipBytes(text: string): Uint8Array | undefined {
	if (/^\d+\.\d+\.\d+\.\d+$/.test(text)) return Uint8Array.from(text.split('.').map(Number));
	const groups = text.split(':');
	if (groups.length !== 8) return undefined;
	return Uint8Array.from(groups.flatMap((g) => [parseInt(g, 16) >> 8, parseInt(g, 16) & 0xff]));
}

function ipMatches(constraint: Uint8Array, ip: Uint8Array): boolean {
	const n = ip.length;
	if (constraint.length !== 2 * n) return false;
	for (let i = 0; i < n; i++) if ((ip[i]! & constraint[n + i]!) !== (constraint[i]! & constraint[n + i]!)) return false;
	return true;
}

/** The names of a certificate that name constraints apply to, by type. */
function namesOf(cert: Certificate): { type: NameType; text: string; name?: Name; ip?: Uint8Array }[] {
	const out: { type: NameType; text: string; name?: Name; ip?: Uint8Array }[] = [];
	if (cert.subject.rdns.length > 0) out.push({ type: 'DirName', text: normalizedNameKey(cert.subject), name: cert.subject });
	for (const rdn of cert.subject.rdns) for (const a of rdn.attributes) if (a.oid === '1.2.840.113549.1.9.1' && a.text) out.push({ type: 'email', text: a.text });
	for (const gn of cert.subjectAltName ?? []) {
		if (gn.type === 'DNS' || gn.type === 'email') out.push({ type: gn.type, text: gn.value });
		else if (gn.type === 'IP') {
			const ip = ipBytes(gn.value);
			if (ip) out.push({ type: 'IP', text: gn.value, ip });
		}
	}
	return out;
}

function matches(st: Subtree, n: { type: NameType; text: string; name?: Name; ip?: Uint8Array }): boolean {
	if (st.type !== n.type) return false;
	if (st.type === 'DNS') return dnsMatches(st.text!, n.text);
	if (st.type === 'email') return emailMatches(st.text!, n.text);
	if (st.type === 'DirName') return dirMatches(st.name!, n.name!);
	return ipMatches(st.ip!, n.ip!);
}

/** Checks `subject`'s names against `ca`'s name constraints; an empty list means none apply or all pass. */
export function checkNameConstraints(ca: Certificate, subject: Certificate): NameConstraintFinding[] {
	const nc = nameConstraintsOf(ca);
	if (!nc) return [];
	const findings: NameConstraintFinding[] = [];
	const caName = ca.subject.rdns.length ? `"${normalizedNameKey(ca.subject)}"` : 'the CA';
	for (const st of [...nc.permitted, ...nc.excluded].filter((s) => s.type === 'unsupported')) {
		findings.push({ flags: ['HAS_NOT_SUPPORTED_NAME_CONSTRAINT'], severity: 'warning', message: `Name constraint ${st.label} of ${caName} cannot be checked by this tool.` });
	}
	for (const n of namesOf(subject)) {
		const label = n.type === 'DirName' ? 'subject' : `${n.type}:${n.text}`;
		const excluded = nc.excluded.find((st) => matches(st, n));
		if (excluded) {
			findings.push({ flags: ['INVALID_NAME_CONSTRAINTS', 'HAS_EXCLUDED_NAME_CONSTRAINT'], severity: 'error', message: `Name ${label} is excluded by ${excluded.label} in ${caName}.` });
			continue;
		}
		const ofType = nc.permitted.filter((st) => st.type === n.type);
		if (ofType.length > 0 && !ofType.some((st) => matches(st, n))) {
			findings.push({ flags: ['INVALID_NAME_CONSTRAINTS', 'HAS_NOT_PERMITTED_NAME_CONSTRAINT'], severity: 'error', message: `Name ${label} is not within the permitted ${n.type} names of ${caName} (${ofType.map((s) => s.label).join(', ')}).` });
		} else if (ofType.length === 0 && nc.permitted.length > 0 && !nc.excluded.some((st) => st.type === n.type)) {
			findings.push({ flags: ['HAS_NOT_DEFINED_NAME_CONSTRAINT'], severity: 'warning', message: `Name ${label} has a type (${n.type}) that the name constraints of ${caName} do not mention; Windows may reject it.` });
		}
	}
	return findings;
}
