import { existsSync } from 'node:fs';
import { basename, relative } from 'node:path';
import { buildMachine, type ArtefactRole, type CaseFile, type CaseFolder } from '../../core/case';
import { diagnose, issuerReportFromCase } from '../../core/diagnosis';
import { parseStoreSpec, type IssuerReport } from '../../core/issuers';
import { caseFolders } from '../caseFolders';
import { windowsOption } from '../options';
import { ExitCode, type ExitCodeValue } from '../exitCodes';
import type { Output } from '../io';
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

/** The files of a path: the file, or the case files of a folder (not recursive). */
function filesOf(path: string): CaseFile[] {
	return [...(caseFolders(path, 0)[0]?.files ?? [])];
}

/** SCHANNEL values given on the command line, as the export they stand for. */
function settingsFile(stil: number | undefined, catm: number | undefined): CaseFile | undefined {
	if (stil === undefined && catm === undefined) return undefined;
	const dword = (n: number) => `dword:${n.toString(16).padStart(8, '0')}`;
	const text = ['Windows Registry Editor Version 5.00', '', '; from the command line (--send-trusted-issuer-list / --client-auth-trust-mode)', '[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL]', ...(stil !== undefined ? [`"SendTrustedIssuerList"=${dword(stil)}`] : []), ...(catm !== undefined ? [`"ClientAuthTrustMode"=${dword(catm)}`] : []), '', ''].join('\r\n');
	const bytes = new TextEncoder().encode(text);
	return { path: 'command-line-options.reg', size: bytes.length, read: () => Promise.resolve(bytes) };
}

export const issuersCommand: CommandSpec = {
	name: 'issuers',
	summary: 'Compute the trusted issuer list a Schannel server sends, the cut, who loses, and the fix plans',
	usage: 'schannel-lens issuers SOURCE... [--store NAME=SOURCE]... [--target-os NAME] [--send-trusted-issuer-list 0|1] [--client-auth-trust-mode 0|1|2] [--clients FILE]... [--json]',
	options: {
		store: { type: 'string', multiple: true, description: 'a named store source, e.g. ClientAuthIssuer=cai.sst' },
		'target-os': { type: 'string', description: 'Windows version of the server (a "; target:" line in a SCHANNEL export wins; none: unknown where versions differ)' },
		'send-trusted-issuer-list': { type: 'string', description: '0 or 1 (default: from a SCHANNEL .reg export among the sources; without either, whether the list is sent is unknown)' },
		'client-auth-trust-mode': { type: 'string', description: '0, 1 or 2' },
		clients: { type: 'string', multiple: true, description: 'client certificates (files or folders), with their CA certificates' },
		password: { type: 'string', description: 'password for .pfx files' },
	},
	async run(args, json, io) {
		const specs = [...args.positionals, ...list(args.values.store)];
		if (specs.length === 0) return usage(io, 'issuers needs at least one SOURCE (a .reg export, .sst, PEM/PKCS#7 bundle or folder)');
		const windows = windowsOption(args);
		if (windows instanceof Error) return usage(io, windows.message);
		const stilOpt = intOption(args, 'send-trusted-issuer-list', [0, 1]);
		const catmOpt = intOption(args, 'client-auth-trust-mode', [0, 1, 2]);
		if (stilOpt instanceof Error) return usage(io, stilOpt.message);
		if (catmOpt instanceof Error) return usage(io, catmOpt.message);
		const roles: Record<string, ArtefactRole> = {};
		const files: CaseFile[] = [];
		for (const spec of specs) {
			const { store, path } = parseStoreSpec(spec);
			if (!existsSync(path)) {
				io.err(`schannel-lens: ${path}: no such file or folder`);
				return ExitCode.Usage;
			}
			for (const f of filesOf(path)) {
				if (!/\.reg$/i.test(f.path)) roles[basename(f.path)] = store as ArtefactRole;
				files.push(f);
			}
		}
		const settings = settingsFile(stilOpt, catmOpt);
		const clientFiles: CaseFile[] = [];
		for (const c of list(args.values.clients)) {
			if (!existsSync(c)) {
				io.err(`schannel-lens: ${c}: no such file or folder`);
				return ExitCode.Usage;
			}
			clientFiles.push(...filesOf(c));
		}
		const password = typeof args.values.password === 'string' ? { password: args.values.password } : {};
		const common = { crypto: globalThis.crypto.subtle, ...(windows ? { windows } : {}), ...password };
		const serverFolder: CaseFolder = { path: relative(process.cwd(), '.') || '.', files: settings ? [settings, ...files] : files };
		const server = await buildMachine(serverFolder, { ...common, manifest: { name: 'server', role: 'server', files: roles } });
		for (const a of server.artefacts.filter((x) => x.error)) io.err(`schannel-lens: ${a.file}: ${a.error}`);
		if (server.stores.length === 0 && !server.artefacts.some((a) => a.damaged)) {
			// Name the .stl case only when a .stl was given (issue 15): an empty folder is just empty.
			const stl = files.some((f) => /\.stl$/i.test(f.path));
			return usage(io, stl
				? 'no certificates in the sources: a .stl trust list names roots by hash only; give the certificates too (a Root store .reg export or a .sst)'
				: `no certificates in ${specs.join(', ')}: give a Root store .reg export, a .sst, or certificate files (.cer, .pem, .p7b, .pfx)`);
		}
		const machines = [server];
		if (clientFiles.length) machines.push(await buildMachine({ path: 'clients', files: clientFiles }, { ...common, manifest: { name: 'clients', role: 'client' } }));
		const c = { machines };
		const d = diagnose(c);
		const out = issuerReportFromCase(c, d, 'server')!;
		if (json) io.out(JSON.stringify(out, null, 2));
		else printText(out, io);
		const bad = out.verdict === 'over' || out.verdict === 'at-risk' || out.verdict === 'unknown' || out.clients.some((x) => !x.offered);
		return server.artefacts.some((a) => a.error) ? ExitCode.Usage : bad ? ExitCode.Findings : ExitCode.Ok;
	},
};

function printText(out: IssuerReport, io: Output): void {
	const n = (x: number) => x.toLocaleString('en-US');
	io.out(`Target: ${out.targetOs}. ${out.source.reason}`);
	for (const dmg of out.answer?.damaged ?? []) io.out(`Damaged: ${dmg}`);
	if (out.answer?.unknown) io.out(`Verdict: unknown — ${out.answer.unknown.because}. Add ${out.answer.unknown.decide}.`);
	if (out.store === 'none' || out.verdict === 'not-sent') return;
	const cut = out.entries.filter((e) => e.cut);
	io.out(`${out.entries.length} CA names${out.answer?.unknown ? ' (from what could be read)' : ''}: ${n(out.totals.names)} bytes of DER names, ${n(out.totals.vectorBody)} with 2-byte prefixes, ${n(out.totals.withLength)} with the list length. Limit ${n(out.limit)} (${out.limitEvidence}).`);
	if (!out.answer?.unknown) io.out(`Verdict: ${out.verdict}${cut.length ? `; ${out.answer?.cutConfidence === 'observed' ? '' : 'about '}${cut.length} names ${out.answer?.cutConfidence === 'observed' ? 'were cut (seen in the capture)' : 'would be cut (estimate)'}` : ''}.`);
	for (const e of cut.slice(0, 10)) io.out(`  cut: ${e.subject} (${e.bytes} bytes)`);
	if (cut.length > 10) io.out(`  … and ${cut.length - 10} more`);
	for (const note of out.notes) io.out(`Note: ${note}`);
	for (const c of out.clients) io.out(`Client ${c.subject}: ${c.offered ? 'offers its certificate' : c.incomplete ? 'UNKNOWN' : 'offers NO certificate'} — ${c.reason}`);
	const a = out.plans[0];
	io.out(`Plan (a): ${a.blockedBy ? `not offered — ${a.blockedBy.replace(/\.$/, '')}` : `remove ${a.remove.length} root(s) → ${n(a.after)} bytes${a.fits ? '' : ' (does not fit even then)'}`}. Plan (b): SendTrustedIssuerList=0. Plan (c): ${out.plans[2]!.reg ? 'ClientAuthTrustMode=2 + ClientAuthIssuer' : 'needs Windows Server 2012 or later'}. Use --json for the documents.`);
}

function usage(io: Output, message: string): ExitCodeValue {
	io.err(`schannel-lens issuers: ${message}`);
	return ExitCode.Usage;
}
