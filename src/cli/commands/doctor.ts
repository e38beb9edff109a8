import { buildCase } from '../../core/case';
import { diagnose } from '../../core/diagnosis';
import { doctorReport, doctorText } from '../../core/diagnosis/report';
import { caseFolders } from '../caseFolders';
import { windowsOption } from '../options';
import { ExitCode, type ExitCodeValue } from '../exitCodes';
import type { Output } from '../io';
import type { CommandSpec } from './command';

export const doctorCommand: CommandSpec = {
	name: 'doctor',
	summary: 'Diagnose the machines in folders (one folder = one machine): who cannot log on, why, the fixes by risk, what to collect',
	usage: 'schannel-lens doctor FOLDER... [--target-os NAME] [--password P] [--json]',
	options: {
		'target-os': { type: 'string', description: 'Windows version of machines whose files do not say it (schannel-lens.json, "; target:", windows-version.txt win)' },
		password: { type: 'string', description: 'password for .pfx files' },
	},
	async run(args, json, io) {
		if (args.positionals.length === 0) return usage(io, 'doctor needs at least one FOLDER (a server\'s exports, a client\'s certificates)');
		const windows = windowsOption(args);
		if (windows instanceof Error) return usage(io, windows.message);
		const folders = [];
		for (const p of args.positionals) {
			try {
				folders.push(...caseFolders(p));
			} catch (err) {
				io.err(`schannel-lens: ${p}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : String(err)}`);
				return ExitCode.Usage;
			}
		}
		if (folders.length === 0) return usage(io, `no case files under ${args.positionals.join(', ')}`);
		const c = await buildCase(folders, { crypto: globalThis.crypto.subtle, ...(windows ? { windows } : {}), ...(typeof args.values.password === 'string' ? { password: args.values.password } : {}) });
		const report = doctorReport(c, diagnose(c));
		io.out(json ? JSON.stringify(report, null, 2) : doctorText(report));
		return report.findings.some((f) => f.severity === 'error') ? ExitCode.Findings : ExitCode.Ok;
	},
};

function usage(io: Output, message: string): ExitCodeValue {
	io.err(`schannel-lens doctor: ${message}`);
	return ExitCode.Usage;
}
