import { findWindowsVersion, versionNames, type WindowsVersion } from '../core/schannel';
import type { CommandArgs } from './commands/command';

/**
 * The Windows version named by a `--target-os`-style option: undefined when absent, an Error (with the
 * known names) when it names no version. Every command reads it the same way.
 */
export function windowsOption(args: CommandArgs, name = 'target-os'): WindowsVersion | undefined | Error {
	const value = args.values[name];
	if (typeof value !== 'string') return undefined;
	return findWindowsVersion(value) ?? new Error(`unknown Windows version "${value}" for --${name} (known: ${versionNames().join(', ')})`);
}
