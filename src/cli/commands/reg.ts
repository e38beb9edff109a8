import { looksBinary, parseRegBytes, type RegDocument } from '../../core/reg';
import { formatDiagnostic, toCliDiagnostic, type CliDiagnostic } from '../diagnostic';
import { ExitCode, worst, type ExitCodeValue } from '../exitCodes';
import { readInput, type Output } from '../io';
import type { CommandSpec } from './command';

/** One file's result in `reg --json` (docs/cli.md). */
export interface RegFileResult {
	file: string;
	encoding: RegDocument['encoding'];
	header: RegDocument['header'];
	keys: number;
	values: number;
	diagnostics: CliDiagnostic[];
}

export const regCommand: CommandSpec = {
	name: 'reg',
	summary: 'Check .reg exports the way regedit imports them',
	usage: 'schannel-lens reg FILE... [--json]',
	options: {},
	run(args, json, io) {
		if (args.positionals.length === 0) return usage(io, 'reg needs at least one FILE');
		let code: ExitCodeValue = ExitCode.Ok;
		const files: RegFileResult[] = [];
		for (const file of args.positionals) {
			const input = readInput(file);
			if (!input.ok) {
				io.err(`schannel-lens: ${file}: ${input.reason}`);
				code = worst(code, ExitCode.Usage);
				continue;
			}
			if (looksBinary(input.bytes)) {
				io.err(`schannel-lens: ${file}: not a .reg export: binary data at byte offset ${firstBinaryOffset(input.bytes)}`);
				code = worst(code, ExitCode.Usage);
				continue;
			}
			const doc = parseRegBytes(input.bytes);
			if (doc.header === 'invalid') {
				io.err(`schannel-lens: ${file}: not a .reg export: line 1 is not "Windows Registry Editor Version 5.00" or "REGEDIT4"`);
				code = worst(code, ExitCode.Usage);
				continue;
			}
			const result = toResult(file, doc);
			files.push(result);
			if (result.diagnostics.some((d) => d.severity === 'error')) code = worst(code, ExitCode.Findings);
		}
		print(files, json, io);
		return code;
	},
};

function toResult(file: string, doc: RegDocument): RegFileResult {
	return {
		file,
		encoding: doc.encoding,
		header: doc.header,
		keys: doc.keys.length,
		values: doc.keys.reduce((n, k) => n + k.values.length, 0),
		diagnostics: doc.problems.map((p) => toCliDiagnostic(file, p.range, p.severity, p.code, p.message)),
	};
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
		io.out(`${f.file}: ${f.header === 'v5' ? 'version 5.00' : f.header}, ${f.encoding}, ${f.keys} keys, ${f.values} values, ${errors} errors, ${warnings} warnings`);
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
