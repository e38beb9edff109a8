import { decodeRegBytes, looksBinary, parseRegBytes, type RegDocument } from '../../core/reg';
import { analyzeReg } from '../../core/analysis';
import { effectiveConfiguration, type EffectiveEntry, type SchannelFinding } from '../../core/schannel';
import type { RegCertificate } from '../../core/x509';
import { toCertResult, type CertResult } from './cert';
import { formatDiagnostic, toCliDiagnostic, type CliDiagnostic } from '../diagnostic';
import { ExitCode, worst, type ExitCodeValue } from '../exitCodes';
import { readInput, rejectInput, type Output } from '../io';
import type { CommandSpec } from './command';
import { dirname, resolve } from 'node:path';
import { buildMachine } from '../../core/case';
import { diagnose, issuerLineAnswer, type IssuerAnswer } from '../../core/diagnosis';
import type { WindowsVersion } from '../../core/schannel';
import { caseFolders } from '../caseFolders';
import { windowsOption } from '../options';

/** One file's result in `reg --json` (docs/cli.md). */
export interface RegFileResult {
	file: string;
	encoding: RegDocument['encoding'];
	header: RegDocument['header'];
	keys: number;
	values: number;
	/** The Windows version the rules used, and where it came from. */
	targetOs: { name: string; from: 'comment' | 'option' | 'default' };
	diagnostics: (CliDiagnostic & { evidence?: string; docs?: string })[];
	effective: CliEffective[];
	/** Certificates decoded from `…\\SystemCertificates\\<Store>\\Certificates\\<SHA1>` Blobs (as `cert --json` prints them). */
	certificates: (CertResult & { store: string; storeLocation: string; keyLine: number; sha1MatchesKey: boolean })[];
	/** The diagnosis engine's answer for the machine the file belongs to (its folder): the doctor's numbers. */
	machine: null | { name: string; verdict: string; confidence: string; names: number; withLength: number; cut: number; cutConfidence: string; unknown?: { because: string; decide: string } };
	/** The trusted issuer list of the local machine's stores in this file, if it holds them. */
	issuerList: null | { store: string; names: number; vectorBody: number; withLength: number; limit: number; verdict: string; cut: number; entries: number };
}

/** One row of the effective configuration; lines count from 1. */
export interface CliEffective {
	group: EffectiveEntry['group'];
	name: string;
	role: EffectiveEntry['role'];
	state: EffectiveEntry['state'];
	osDefault: EffectiveEntry['state'];
	decidedBy: { line: number; text: string }[];
}

export const regCommand: CommandSpec = {
	name: 'reg',
	summary: 'Check .reg exports the way regedit imports them',
	usage: 'schannel-lens reg FILE... [--target-os NAME] [--json]',
	options: { 'target-os': { type: 'string', description: 'Windows version the rules describe (default Windows Server 2008 R2); a "; target:" line in a file wins' } },
	async run(args, json, io) {
		if (args.positionals.length === 0) return usage(io, 'reg needs at least one FILE');
		const windows = windowsOption(args);
		if (windows instanceof Error) return usage(io, windows.message);
		const targetOs = windows?.name;
		let code: ExitCodeValue = ExitCode.Ok;
		const files: RegFileResult[] = [];
		for (const file of args.positionals) {
			const input = readInput(file);
			if (!input.ok) {
				code = worst(code, rejectInput(io, file, input.reason));
				continue;
			}
			if (looksBinary(input.bytes)) {
				code = worst(code, rejectInput(io, file, `not a .reg export: binary data at byte offset ${firstBinaryOffset(input.bytes)}`));
				continue;
			}
			const doc = parseRegBytes(input.bytes);
			const text = decodeRegBytes(input.bytes).text;
			if (doc.header === 'invalid') {
				code = worst(code, rejectInput(io, file, `not a .reg export: line 1 is not "Windows Registry Editor Version 5.00" or "REGEDIT4"`));
				continue;
			}
			const machine = await machineAnswer(file, windows);
			const result = toResult(file, doc, text, targetOs, machine);
			files.push(result);
			if (result.diagnostics.some((d) => d.severity === 'error')) code = worst(code, ExitCode.Findings);
		}
		print(files, json, io);
		return code;
	},
};

/** The engine's answer for the machine the file belongs to (its folder, as the editor takes it), with the file's settings. */
async function machineAnswer(file: string, windows: WindowsVersion | undefined): Promise<{ name: string; line: ReturnType<typeof issuerLineAnswer>; server?: IssuerAnswer } | undefined> {
	try {
		const folder = caseFolders(dirname(file), 0)[0];
		if (!folder) return undefined;
		const self = folder.files.find((f) => resolve(f.path) === resolve(file));
		const ordered = self ? [self, ...folder.files.filter((f) => f !== self)] : folder.files;
		const m = await buildMachine({ ...folder, files: ordered }, { crypto: globalThis.crypto.subtle, ...(windows ? { windows } : {}) });
		if (m.role !== 'server' && !m.settings) return undefined;
		const d = diagnose({ machines: [m] });
		const server = d.servers[0];
		return { name: m.name, line: issuerLineAnswer(d, m.name), ...(server ? { server } : {}) };
	} catch {
		return undefined;
	}
}

function toResult(file: string, doc: RegDocument, text: string, targetOs: string | undefined, machine?: Awaited<ReturnType<typeof machineAnswer>>): RegFileResult {
	const a = analyzeReg(doc, text, { ...(targetOs ? { targetOs } : {}), fileName: file, ...(machine ? { issuerAnswer: machine.line } : {}) });
	const server = machine?.server;
	const list = a.issuerList;
	return {
		file,
		encoding: doc.encoding,
		header: doc.header,
		keys: doc.keys.length,
		values: doc.keys.reduce((n, k) => n + k.values.length, 0),
		targetOs: { name: a.os.name, from: a.osFrom === 'setting' ? 'option' : a.osFrom },
		diagnostics: [...doc.problems.map((p) => toCliDiagnostic(file, p.range, p.severity, p.code, p.message)), ...a.findings.map((f) => findingDiagnostic(file, f))].sort((x, y) => x.line - y.line || x.column - y.column),
		effective: effectiveConfiguration(doc, a.os).map((e) => ({ group: e.group, name: e.name, role: e.role, state: e.state, osDefault: e.osDefault, decidedBy: e.decidedBy.map((d) => ({ line: d.line + 1, text: d.text })) })),
		certificates: a.certificates.flatMap((rc, index) => (rc.certificate ? [regCertJson(file, rc, index)] : [])),
		machine: machine && server ? { name: machine.name, verdict: server.verdict, confidence: server.confidence, names: server.names, withLength: server.withLength, cut: server.cut.count, cutConfidence: server.cut.confidence, ...(server.unknown ? { unknown: server.unknown } : {}) } : null,
		issuerList: list
			? { store: list.source.store, names: list.totals.names, vectorBody: list.totals.vectorBody, withLength: list.totals.withLength, limit: list.limit.bytes, verdict: list.verdict, cut: list.entries.filter((e) => e.cut).length, entries: list.entries.length }
			: null,
	};
}

function regCertJson(file: string, rc: RegCertificate, index: number): RegFileResult['certificates'][number] {
	const certificate = rc.certificate!;
	const loaded = {
		certificate,
		der: certificate.der,
		source: { container: 'reg' as const, index, offset: 0, pemLine: rc.keyRange.start.line, storePath: rc.keyPath, storeLocation: rc.storeLocation, storeName: rc.storeName, sha1MatchesKey: rc.sha1MatchesKey, ...(rc.friendlyName ? { friendlyName: rc.friendlyName } : {}) },
		problems: rc.problems,
	};
	return { ...toCertResult(file, loaded), store: rc.storeName, storeLocation: rc.storeLocation, keyLine: rc.keyRange.start.line + 1, sha1MatchesKey: rc.sha1MatchesKey };
}

function findingDiagnostic(file: string, f: SchannelFinding): CliDiagnostic & { evidence: string; docs: string } {
	return { ...toCliDiagnostic(file, f.range, f.severity, f.code, f.message), evidence: f.evidence, docs: f.docs };
}

function print(files: RegFileResult[], json: boolean, io: Output): void {
	if (json) {
		io.out(JSON.stringify({ schemaVersion: 1, command: 'reg', files }, null, 2));
		return;
	}
	for (const f of files) {
		for (const d of f.diagnostics) io.out(formatDiagnostic(d));
		const errors = f.diagnostics.filter((d) => d.severity === 'error').length;
		const warnings = f.diagnostics.filter((d) => d.severity === 'warning').length;
		io.out(`${f.file}: ${f.header === 'v5' ? 'version 5.00' : f.header}, ${f.encoding}, ${f.keys} keys, ${f.values} values, target ${f.targetOs.name}, ${errors} errors, ${warnings} warnings`);
	}
}

function firstBinaryOffset(bytes: Uint8Array): number {
	for (let i = 0; i < bytes.length; i++) {
		const b = bytes[i]!;
		if (b === 0 || (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d)) return i;
	}
	return 0;
}

function usage(io: Output, message: string): ExitCodeValue {
	io.err(`schannel-lens: ${message} (see schannel-lens reg --help)`);
	return ExitCode.Usage;
}
