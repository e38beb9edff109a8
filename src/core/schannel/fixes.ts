import type { Range, RegKey, RegValue } from '../reg/types';
import type { FixData } from './types';

/** Line ending for inserted text; regedit writes CRLF (VS Code normalises to the document's). */
export const EOL = '\r\n';

function at(line: number, character: number): Range {
	return { start: { line, character }, end: { line, character } };
}

/** `dword:0000000a` */
export function dwordText(n: number): string {
	return `dword:${(n >>> 0).toString(16).padStart(8, '0')}`;
}

/** `"Name"` with regedit's escapes. */
export function quoteName(name: string): string {
	return `"${name.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Replaces a value's data with a DWORD. */
export function setDword(value: RegValue, n: number, title: string): FixData {
	return { title, edits: [{ range: value.dataRange, newText: dwordText(n) }] };
}

/** Inserts a value line after another value (or after the key line when `after` is the key). */
export function insertValueAfter(after: RegValue | RegKey, name: string, n: number, title: string): FixData {
	const end = after.range.end;
	return { title, edits: [{ range: at(end.line, end.character), newText: `${EOL}${quoteName(name)}=${dwordText(n)}` }] };
}

/** Replaces the key path inside the brackets. */
export function renameKey(key: RegKey, newRawPath: string, title: string): FixData {
	return { title, edits: [{ range: key.pathRange, newText: newRawPath }] };
}

/** Renames a value (its quoted name). */
export function renameValue(value: RegValue, newName: string, title: string): FixData {
	return { title, edits: [{ range: value.nameRange, newText: quoteName(newName) }] };
}

/**
 * Moves a value from a protocol key to its Client and Server subkeys: removes the line and
 * appends both sections after the key's section.
 */
export function moveUnderRoles(key: RegKey, value: RegValue, title: string): FixData {
	const data = value.decoded.kind === 'number' ? dwordText(value.decoded.value) : value.token;
	const line = `${quoteName(value.name)}=${data}`;
	const sections = `${EOL}[${key.rawPath}\\Client]${EOL}${line}${EOL}${EOL}[${key.rawPath}\\Server]${EOL}${line}${EOL}`;
	const first = value.range.start.line;
	const after = value.range.end.line + 1;
	const remove: Range = { start: { line: first, character: 0 }, end: { line: after, character: 0 } };
	if (key.endLine <= value.range.end.line) return { title, edits: [{ range: remove, newText: sections }] };
	return { title, edits: [{ range: remove, newText: '' }, { range: at(key.endLine + 1, 0), newText: sections }] };
}

/** Applies non-overlapping edits to a text (for tests and for writing fixed copies). */
export function applyEdits(text: string, edits: readonly { range: Range; newText: string }[]): string {
	const starts = [0];
	for (let i = 0; i < text.length; i++) {
		if (text[i] === '\n' || (text[i] === '\r' && text[i + 1] !== '\n')) starts.push(i + 1);
	}
	const offset = (l: number, c: number) => (l >= starts.length ? text.length : Math.min(starts[l]! + c, l + 1 < starts.length ? starts[l + 1]! : text.length));
	const sorted = [...edits].sort((a, b) => offset(b.range.start.line, b.range.start.character) - offset(a.range.start.line, a.range.start.character));
	let out = text;
	for (const e of sorted) {
		out = out.slice(0, offset(e.range.start.line, e.range.start.character)) + e.newText + out.slice(offset(e.range.end.line, e.range.end.character));
	}
	return out;
}
