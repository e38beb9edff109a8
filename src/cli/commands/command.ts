import type { ExitCodeValue } from '../exitCodes';
import type { Output } from '../io';

/** Option declarations in node:util parseArgs form. */
export type OptionSpec = Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string; description?: string }>;

/** Parsed arguments handed to a command. */
export interface CommandArgs {
	positionals: string[];
	values: Record<string, string | boolean | string[] | boolean[] | undefined>;
}

/** A CLI subcommand: parses nothing itself, gets its options parsed by main. */
export interface CommandSpec {
	name: string;
	summary: string;
	usage: string;
	options: OptionSpec;
	run(args: CommandArgs, json: boolean, io: Output): ExitCodeValue | Promise<ExitCodeValue>;
}
