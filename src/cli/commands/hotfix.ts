import { readFileSync } from 'node:fs';
import { checkKb2416849, findVersions, hotfixVerdictWords } from '../../core/hotfix';
import { windowsOption } from '../options';
import { ExitCode, type ExitCodeValue } from '../exitCodes';
import type { CommandSpec } from './command';

/** `schannel-lens hotfix`: does this Schannel.dll carry the KB 2416849 fix? */
export const hotfixCommand: CommandSpec = {
	name: 'hotfix',
	summary: 'Check a Schannel.dll version (or pasted VersionInfo/wmic/hotfix text) for the KB 2416849 fix',
	usage: 'schannel-lens hotfix (--version V | --from-file FILE) [--os NAME] [--json]',
	options: {
		version: { type: 'string', description: 'a file version such as 6.1.7601.21624, or pasted text containing one' },
		'from-file': { type: 'string', description: 'a text file with (Get-Item …).VersionInfo, wmic or hotfix-listing output' },
		os: { type: 'string', description: 'the Windows version, to check the build matches' },
	},
	run(args, json, io): ExitCodeValue {
		let text = typeof args.values.version === 'string' ? args.values.version : '';
		const file = args.values['from-file'];
		if (typeof file === 'string') {
			try {
				text += `\n${readFileSync(file, 'utf8')}`;
			} catch (err) {
				io.err(`schannel-lens: ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(err)}`);
				return ExitCode.Usage;
			}
		}
		const versions = findVersions(text);
		if (versions.length === 0) {
			io.err('schannel-lens hotfix: no file version (a.b.c.d) found; pass --version 6.1.7601.21624 or --from-file');
			return ExitCode.Usage;
		}
		const os = windowsOption(args, 'os');
		if (os instanceof Error) {
			io.err(`schannel-lens hotfix: ${os.message}`);
			return ExitCode.Usage;
		}
		const results = versions.map(checkKb2416849);
		if (json) io.out(JSON.stringify({ schemaVersion: 1, command: 'hotfix', kb: 'KB2416849', os: os?.name ?? null, results }, null, 2));
		else for (const r of results) io.out(`Schannel.dll ${r.version.text}: ${hotfixVerdictWords(r)}\n  ${r.reasoning.join('\n  ')}`);
		return results.some((r) => r.status === 'not-fixed') ? ExitCode.Findings : ExitCode.Ok;
	},
};
