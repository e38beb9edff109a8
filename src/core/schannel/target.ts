import { splitLines } from '../reg/lineScanner';
import type { Range } from '../reg/types';
import { DEFAULT_TARGET_OS, findWindowsVersion, type WindowsVersion } from './os';

/** A `; target: Windows Server 2012 R2` comment line. */
export interface TargetComment {
	readonly text: string;
	readonly range: Range;
	/** Undefined when the name is not a Windows version Schannel Lens knows. */
	readonly os: WindowsVersion | undefined;
}

const TARGET = /^(\s*;\s*target\s*:\s*)(.*?)\s*$/i;

/** Finds the first `; target: …` comment line (it overrides the `schannelLens.targetOs` setting). */
export function findTargetComment(text: string): TargetComment | undefined {
	const lines = splitLines(text);
	for (let i = 0; i < lines.length; i++) {
		const m = TARGET.exec(lines[i]!);
		if (!m) continue;
		const start = m[1]!.length;
		return { text: m[2]!, range: { start: { line: i, character: start }, end: { line: i, character: start + m[2]!.length } }, os: findWindowsVersion(m[2]!) };
	}
	return undefined;
}

/** The target OS for a file: its comment if it names a known version, else the configured one. */
export function resolveTargetOs(text: string, configured: string | undefined): { os: WindowsVersion; from: 'comment' | 'setting' | 'default'; comment?: TargetComment } {
	const comment = findTargetComment(text);
	if (comment?.os) return { os: comment.os, from: 'comment', comment };
	const setting = configured ? findWindowsVersion(configured) : undefined;
	if (setting) return { os: setting, from: 'setting', ...(comment ? { comment } : {}) };
	return { os: DEFAULT_TARGET_OS, from: 'default', ...(comment ? { comment } : {}) };
}
