import { readFileSync, statSync } from 'node:fs';

/** A file read for a command, or the one-line reason it could not be. */
export type InputResult = { ok: true; file: string; bytes: Uint8Array } | { ok: false; file: string; reason: string };

/** Reads an input file; never throws. Directories, missing and empty files are reasons, not exceptions. */
export function readInput(file: string): InputResult {
	try {
		const st = statSync(file);
		if (st.isDirectory()) return { ok: false, file, reason: 'is a directory, not a file' };
		if (!st.isFile()) return { ok: false, file, reason: 'is not a regular file' };
		if (st.size === 0) return { ok: false, file, reason: 'is empty (0 bytes)' };
		return { ok: true, file, bytes: new Uint8Array(readFileSync(file)) };
	} catch (err) {
		const code = (err as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') return { ok: false, file, reason: 'no such file' };
		if (code === 'EACCES') return { ok: false, file, reason: 'permission denied' };
		return { ok: false, file, reason: err instanceof Error ? err.message : String(err) };
	}
}

/** Where a command writes: injected so tests can capture output. */
export interface Output {
	out(line: string): void;
	err(line: string): void;
}

export const processOutput: Output = {
	out: (line) => process.stdout.write(`${line}\n`),
	err: (line) => process.stderr.write(`${line}\n`),
};

/** The one stderr line for an input that cannot be used (`schannel-lens: FILE: reason`); returns exit code 2. */
export function rejectInput(io: Output, file: string, reason: string): 2 {
	io.err(`schannel-lens: ${file}: ${reason}`);
	return 2;
}
