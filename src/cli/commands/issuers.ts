import { issuerReport, type IssuerReport } from '../../core/issuers';
import { DEFAULT_TARGET_OS, findWindowsVersion, versionNames, type WindowsVersion } from '../../core/schannel';
import { ExitCode, worst, type ExitCodeValue } from '../exitCodes';
import type { Output } from '../io';
import { loadSources } from '../storeSources';
import type { CommandArgs, CommandSpec } from './command';

function list(v: unknown): string[] {
	return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : [];
}

function intOption(args: CommandArgs, name: string, allowed: number[]): number | undefined | Error {
	const v = args.values[name];
	if (v === undefined) return undefined;
	const n = Number(v);
	return allowed.includes(n) ? n : new Error(`--${name} must be ${allowed.join(', ')}`);
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
		const clients = await loadSources(list(args.values.clients), password);
		let code: ExitCodeValue = ExitCode.Ok;
		for (const e of [...loaded.errors, ...clients.errors]) {
			io.err(e);
			code = ExitCode.Usage;
		}
		if (loaded.stores.length === 0) return code === ExitCode.Ok ? usage(io, 'no certificates in the sources (a .stl trust list names roots by hash: give the certificates too, e.g. a roots.sst)') : code;
		const out = issuerReport(loaded.files, clients.files, { os, ...(stilOpt !== undefined ? { sendTrustedIssuerList: stilOpt } : {}), ...(catmOpt !== undefined ? { clientAuthTrustMode: catmOpt } : {}) });
		if (json) io.out(JSON.stringify(out, null, 2));
		else printText(out, io);
		if (out.verdict === 'over' || out.clients.some((c) => !c.offered)) code = worst(code, ExitCode.Findings);
		return code;
	},
};

function printText(out: IssuerReport, io: Output): void {
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
	const a = out.plans[0];
	io.out(`Plan (a): remove ${a.remove.length} root(s) → ${n(a.after)} bytes${a.fits ? '' : ' (does not fit even then)'}. Plan (b): SendTrustedIssuerList=0. Plan (c): ${out.plans[2]!.reg ? 'ClientAuthTrustMode=2 + ClientAuthIssuer' : 'needs Windows Server 2012 or later'}. Use --json for the documents.`);
}

function usage(io: Output, message: string): ExitCodeValue {
	io.err(`schannel-lens issuers: ${message}`);
	return ExitCode.Usage;
}
