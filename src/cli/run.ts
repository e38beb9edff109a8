import { parseArgs } from 'node:util';
import { captureCommand } from './commands/capture';
import { certCommand } from './commands/cert';
import { chainCommand } from './commands/chain';
import { diffCommand } from './commands/diff';
import { doctorCommand } from './commands/doctor';
import { eventsCommand } from './commands/events';
import { hotfixCommand } from './commands/hotfix';
import { issuersCommand } from './commands/issuers';
import { regCommand } from './commands/reg';
import type { CommandSpec } from './commands/command';
import { ExitCode, type ExitCodeValue } from './exitCodes';
import { setDefaultCrypto } from '../core/crypto/provider';
import { nodeCrypto } from '../shared/nodeCrypto';
import type { Output } from './io';

/** Every subcommand, in help order. */
export const COMMANDS: readonly CommandSpec[] = [doctorCommand, regCommand, certCommand, chainCommand, issuersCommand, hotfixCommand, diffCommand, captureCommand, eventsCommand];

/** Runs the CLI with the given arguments; never throws, returns the exit code. */
export async function runCli(argv: string[], io: Output, version: string): Promise<ExitCodeValue> {
	// Node's native hashes and AEAD for the core (the browser build keeps the pure-JS ones).
	setDefaultCrypto(nodeCrypto);
	const [name, ...rest] = argv;
	if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
		const topic = name === 'help' ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
		io.out(topic ? commandHelp(topic) : mainHelp(version));
		return ExitCode.Ok;
	}
	if (name === '--version' || name === '-V') {
		io.out(version);
		return ExitCode.Ok;
	}
	const command = COMMANDS.find((c) => c.name === name);
	if (!command) {
		io.err(`schannel-lens: unknown command "${name}" (commands: ${COMMANDS.map((c) => c.name).join(', ')}; see schannel-lens --help)`);
		return ExitCode.Usage;
	}
	let parsed;
	try {
		parsed = parseArgs({
			args: rest,
			allowPositionals: true,
			strict: true,
			options: { ...command.options, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
		});
	} catch (err) {
		io.err(`schannel-lens ${command.name}: ${err instanceof Error ? err.message : String(err)}`);
		return ExitCode.Usage;
	}
	if (parsed.values.help) {
		io.out(commandHelp(command));
		return ExitCode.Ok;
	}
	try {
		return await command.run({ positionals: parsed.positionals, values: parsed.values }, parsed.values.json === true, io);
	} catch (err) {
		// A bug, not bad input: still one line and a defined exit code.
		io.err(`schannel-lens ${command.name}: internal error: ${err instanceof Error ? err.message : String(err)}`);
		return ExitCode.Usage;
	}
}

function mainHelp(version: string): string {
	const width = Math.max(...COMMANDS.map((c) => c.name.length));
	return [
		`Schannel Lens ${version}: offline checks for Windows Schannel and mutual TLS.`,
		'',
		'Usage: schannel-lens <command> [options] FILE...',
		'',
		'Commands:',
		...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
		'',
		'Options for every command:',
		'  --json     print the stable JSON schema of docs/cli.md instead of text',
		'  --help     help for the command',
		'',
		'Exit codes: 0 ran, no error-level finding; 1 ran, found one; 2 bad usage or unreadable input.',
	].join('\n');
}

function commandHelp(c: CommandSpec): string {
	const opts = Object.entries(c.options).map(([k, o]) => `  --${k}${o.type === 'string' ? ' VALUE' : ''}  ${o.description ?? ''}`);
	return [`${c.summary}.`, '', `Usage: ${c.usage}`, ...(opts.length ? ['', 'Options:', ...opts] : []), '  --json  machine-readable output (docs/cli.md)'].join('\n');
}
