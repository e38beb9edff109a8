/** The doctor's report: `doctor --json` (docs/cli.md) and the doctor page's model are this one object. */
import type { Case, Place } from '../case/types';
import type { ClientOutcome, Diagnosis, Finding, FixPlan, IssuerAnswer } from './types';

/** `schannel-lens doctor --json`, schema 1. */
export interface DoctorReport {
	readonly schemaVersion: 1;
	readonly command: 'doctor';
	readonly headline: string;
	readonly machines: {
		name: string;
		role: string;
		folder: string;
		windows: { name: string; schannel: string; from: string } | null;
		artefacts: { file: string; kind: string; role: string; damaged: string | null; error?: string }[];
	}[];
	readonly servers: (Omit<IssuerAnswer, 'list'> & { cutNames: { subject: string; sha1: string }[] })[];
	readonly findings: (Omit<Finding, 'evidence'> & { evidence: Place[] })[];
	readonly clients: ClientOutcome[];
	readonly plans: FixPlan[];
	readonly collectNext: readonly string[];
}

/** The report for a diagnosed case (plain data: JSON as it is). */
export function doctorReport(c: Case, d: Diagnosis): DoctorReport {
	return {
		schemaVersion: 1,
		command: 'doctor',
		headline: d.headline,
		machines: c.machines.map((m) => ({
			name: m.name,
			role: m.role,
			folder: m.folder,
			windows: m.windows ? { name: m.windows.label, schannel: m.windows.version.name, from: m.windows.from } : null,
			artefacts: m.artefacts.map((a) => ({ file: a.file, kind: a.kind, role: a.roles.join(', '), damaged: a.damaged ? a.damaged.message : null, ...(a.error ? { error: a.error } : {}) })),
		})),
		servers: d.servers.map(({ list, ...rest }) => {
			const cut = new Set(rest.cut.sha1s);
			return { ...rest, cutNames: (list?.entries ?? []).filter((e) => cut.has(e.certificate.sha1)).map((e) => ({ subject: e.certificate.subject, sha1: e.certificate.sha1 })) };
		}),
		findings: d.findings.map((f) => ({ ...f, evidence: [...f.evidence] })),
		clients: [...d.clients],
		plans: [...d.plans],
		collectNext: d.collectNext,
	};
}

const where = (p: Place): string => [p.file, p.line !== undefined ? `line ${p.line}` : '', p.frame !== undefined ? `frame ${p.frame}` : '', p.record !== undefined ? `record ${p.record}` : '', p.offset !== undefined && p.line === undefined ? `byte ${p.offset}` : '', p.thumbprint ? `SHA-1 ${p.thumbprint}` : ''].filter(Boolean).join(', ');

/** The report as text: the answer first, then per client, the evidence, the fixes by risk, what to collect. */
export function doctorText(r: DoctorReport): string {
	const out: string[] = [r.headline, ''];
	out.push('Machines:');
	for (const m of r.machines) {
		out.push(`  ${m.name} (${m.role}, ${m.windows ? `${m.windows.name}, from ${m.windows.from}` : 'Windows version unknown'}) — ${m.folder}`);
		for (const a of m.artefacts) out.push(`    ${a.file}: ${a.kind}, ${a.role}${a.damaged ? ` — DAMAGED: ${a.damaged}` : ''}${a.error ? ` — ${a.error}` : ''}`);
	}
	if (r.clients.length) {
		out.push('', 'Clients:');
		for (const c of r.clients) out.push(`  ${c.outcome.toUpperCase().padEnd(14)} ${c.subject} → ${c.server}: ${c.reason}${c.missing && c.outcome === 'unknown' ? ` Add: ${c.missing}.` : ''}`);
	}
	out.push('', 'Findings:');
	for (const f of r.findings) {
		out.push(`  ${f.severity} ${f.code} [${f.confidence}]: ${f.message}`);
		for (const e of f.evidence) out.push(`      at ${where(e)}`);
	}
	if (r.plans.length) {
		out.push('', 'Fixes, lowest risk first (documents for review; nothing is changed):');
		for (const p of r.plans) {
			out.push(`  ${p.title} — risk ${p.risk}${p.available ? '' : ' — NOT AVAILABLE'}: ${p.available ? p.summary : p.blockedBy}`);
			for (const b of p.mayBreak) out.push(`      may break: ${b}`);
		}
	}
	if (r.collectNext.length) {
		out.push('', 'Collect next:');
		for (const c of r.collectNext) out.push(`  - ${c}`);
	}
	return out.join('\n');
}
