import { clientAuthIssuerReg, computeIssuerList, judgeClients, noListReg, planRootRemoval, rootRemovalPowerShell, rootRemovalReg, type IssuerListResult } from '../../core/issuers';
import { parseRegText } from '../../core/reg';
import { DEFAULT_TARGET_OS, findWindowsVersion, versionNames, type WindowsVersion } from '../../core/schannel';
import { dwordOf, SchannelState } from '../../core/schannel/state';
import { ExitCode, worst, type ExitCodeValue } from '../exitCodes';
import type { Output } from '../io';
import { loadClients, loadSources } from '../storeSources';
import type { CommandArgs, CommandSpec } from './command';

function hex(b: Uint8Array): string {
	return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

function list(v: unknown): string[] {
	return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : [];
}

function intOption(args: CommandArgs, name: string, allowed: number[]): number | undefined | Error {
	const v = args.values[name];
	if (v === undefined) return undefined;
	const n = Number(v);
	return allowed.includes(n) ? n : new Error(`--${name} must be ${allowed.join(', ')}`);
}

/** The SCHANNEL value from the given `.reg` exports, when an option does not set it. */
function fromRegs(texts: readonly { text: string }[], name: string): number | undefined {
	for (const { text } of texts) {
		const v = dwordOf(SchannelState.fromDocument(parseRegText(text)).get('', name));
		if (v !== undefined) return v;
	}
	return undefined;
}

export const issuersCommand: CommandSpec = {
	name: 'issuers',
	summary: 'Compute the trusted issuer list a Schannel server sends, the cut, who loses, and the fix plans',
	usage: 'schannel-lens issuers SOURCE... [--store NAME=SOURCE]... [--target-os NAME] [--send-trusted-issuer-list 0|1] [--client-auth-trust-mode 0|1|2] [--clients FILE]... [--json]',
	options: {
		store: { type: 'string', multiple: true, description: 'a named store source, e.g. ClientAuthIssuer=cai.sst' },
		'target-os': { type: 'string', description: 'Windows version (default Windows Server 2008 R2)' },
		'send-trusted-issuer-list': { type: 'string', description: '0 or 1 (default: from the .reg exports, else the OS default)' },
		'client-auth-trust-mode': { type: 'string', description: '0, 1 or 2' },
		clients: { type: 'string', multiple: true, description: 'client certificates (files or folders)' },
		password: { type: 'string', description: 'password for .pfx files' },
	},
	async run(args, json, io) {
		const sources = [...args.positionals, ...list(args.values.store)];
		if (sources.length === 0) return usage(io, 'issuers needs at least one SOURCE (a .reg export, .sst, PEM/PKCS#7 bundle or folder)');
		const osName = args.values['target-os'];
		const os: WindowsVersion | undefined = typeof osName === 'string' ? findWindowsVersion(osName) : DEFAULT_TARGET_OS;
		if (!os) return usage(io, `unknown Windows version "${String(osName)}" (known: ${versionNames().join(', ')})`);
		const stilOpt = intOption(args, 'send-trusted-issuer-list', [0, 1]);
		const catmOpt = intOption(args, 'client-auth-trust-mode', [0, 1, 2]);
		if (stilOpt instanceof Error) return usage(io, stilOpt.message);
		if (catmOpt instanceof Error) return usage(io, catmOpt.message);
		const password = typeof args.values.password === 'string' ? args.values.password : undefined;
		const loaded = await loadSources(sources, password);
		const clients = await loadClients(list(args.values.clients), password);
		let code: ExitCodeValue = ExitCode.Ok;
		for (const e of [...loaded.errors, ...clients.errors]) {
			io.err(e);
			code = ExitCode.Usage;
		}
		if (loaded.stores.length === 0) return code === ExitCode.Ok ? usage(io, 'no certificates in the sources') : code;
		const stil = stilOpt ?? fromRegs(loaded.regTexts, 'SendTrustedIssuerList');
		const catm = catmOpt ?? fromRegs(loaded.regTexts, 'ClientAuthTrustMode');
		const result = computeIssuerList(loaded.stores, { os, ...(stil !== undefined ? { sendTrustedIssuerList: stil } : {}), ...(catm !== undefined ? { clientAuthTrustMode: catm } : {}) });
		const known = [...loaded.stores, ...clients.known];
		const verdicts = judgeClients(clients.clients, result, known);
		const plan = planRootRemoval(result, clients.clients, known, new Date());
		const needed = result.entries.filter((e) => plan.keptNeeded.includes(e.certificate)).map((e) => e.certificate);
		const out = toJson(result, os, verdicts, plan, needed);
		if (json) io.out(JSON.stringify(out, null, 2));
		else printText(out, io);
		if (result.verdict === 'over' || verdicts.some((v) => !v.offered)) code = worst(code, ExitCode.Findings);
		return code;
	},
};

function toJson(result: IssuerListResult, os: WindowsVersion, verdicts: ReturnType<typeof judgeClients>, plan: ReturnType<typeof planRootRemoval>, needed: IssuerListResult['entries'][number]['certificate'][]) {
	return {
		schemaVersion: 1,
		command: 'issuers',
		targetOs: os.name,
		store: result.source.store,
		source: result.source,
		entries: result.entries.map((e) => ({ subject: e.certificate.subject, sha1: e.certificate.sha1, der: hex(e.certificate.subjectDer), bytes: e.bytes, cumulativeBytes: e.cumulativeBytes, cut: e.cut, source: e.certificate.source })),
		excluded: result.excluded.map((x) => ({ subject: x.certificate.subject, sha1: x.certificate.sha1, reason: x.reason })),
		totals: result.totals,
		limit: result.limit.bytes,
		limitEvidence: result.limit.evidence,
		truncated: result.verdict === 'over' || result.verdict === 'at-risk',
		verdict: result.verdict,
		estimate: { note: 'The enumeration order Schannel uses is not documented: the cut is an estimate.', orders: result.orders.map((o) => ({ id: o.id, label: o.label, cut: o.cut.length })) },
		notes: result.notes,
		clients: verdicts.map((v) => ({ subject: v.client.subject, sha1: v.client.sha1, offered: v.offered, incomplete: v.incomplete === true, reason: v.reason })),
		plans: [
			{ id: 'remove-roots', fits: plan.fits, before: plan.before, after: plan.after, remove: plan.remove.map((r) => ({ subject: r.certificate.subject, sha1: r.certificate.sha1, bytes: r.bytes, reasons: r.reasons })), keptRequired: plan.keptRequired.map((c) => c.sha1), keptNeeded: plan.keptNeeded.map((c) => c.sha1), reg: rootRemovalReg(plan, os), powershell: rootRemovalPowerShell(plan) },
			{ id: 'no-list', reg: noListReg(os) },
			{ id: 'client-auth-issuer', reg: clientAuthIssuerReg(os, needed) ?? null, note: os.storeBasedIssuerList ? undefined : `Not available on ${os.name}: ClientAuthTrustMode and the ClientAuthIssuer store came with Windows Server 2012.` },
		],
	};
}

function printText(out: ReturnType<typeof toJson>, io: Output): void {
	const n = (x: number) => x.toLocaleString('en-US');
	io.out(`Target: ${out.targetOs}. ${out.source.reason}`);
	if (out.store === 'none') return;
	const cut = out.entries.filter((e) => e.cut);
	io.out(`${out.entries.length} CA names: ${n(out.totals.names)} bytes of DER names, ${n(out.totals.vectorBody)} with 2-byte prefixes, ${n(out.totals.withLength)} with the list length. Limit ${n(out.limit)} (${out.limitEvidence}).`);
	io.out(`Verdict: ${out.verdict}${cut.length ? `; about ${cut.length} names would be cut (estimate)` : ''}.`);
	for (const e of cut.slice(0, 10)) io.out(`  cut: ${e.subject} (${e.bytes} bytes)`);
	if (cut.length > 10) io.out(`  … and ${cut.length - 10} more`);
	for (const note of out.notes) io.out(`Note: ${note}`);
	for (const c of out.clients) io.out(`Client ${c.subject}: ${c.offered ? 'offers its certificate' : c.incomplete ? 'chain unknown' : 'offers NO certificate'} — ${c.reason}`);
	const a = out.plans[0] as { fits: boolean; remove: unknown[]; after: number };
	io.out(`Plan (a): remove ${a.remove.length} root(s) → ${n(a.after)} bytes${a.fits ? '' : ' (does not fit even then)'}. Plan (b): SendTrustedIssuerList=0. Plan (c): ${out.plans[2]!.reg ? 'ClientAuthTrustMode=2 + ClientAuthIssuer' : 'needs Windows Server 2012 or later'}. Use --json for the documents.`);
}

function usage(io: Output, message: string): ExitCodeValue {
	io.err(`schannel-lens issuers: ${message}`);
	return ExitCode.Usage;
}
