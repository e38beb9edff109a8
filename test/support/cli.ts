import type { Output } from '../../src/cli/io';
import { runCli } from '../../src/cli/run';

/** Runs the CLI in-process with captured output (version 9.9.9). */
export async function runCaptured(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
	const out: string[] = [];
	const err: string[] = [];
	const io: Output = { out: (l) => out.push(l), err: (l) => err.push(l) };
	const code = await runCli(argv, io, '9.9.9');
	return { code, out, err };
}
