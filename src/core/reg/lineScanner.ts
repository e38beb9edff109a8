import type { Position, Range } from './types';

/** Splits text into lines at CR, LF or CRLF (regedit's `get_line` and VS Code agree on this). */
export function splitLines(text: string): string[] {
	const lines: string[] = [];
	let start = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c === 0x0a || c === 0x0d) {
			lines.push(text.slice(start, i));
			if (c === 0x0d && text.charCodeAt(i + 1) === 0x0a) i++;
			start = i + 1;
		}
	}
	lines.push(text.slice(start));
	return lines;
}

export function isBlank(c: string | undefined): boolean {
	return c === ' ' || c === '\t';
}

/** Index of the first non-blank (space/tab) character at or after `from`. */
export function skipBlanks(line: string, from: number): number {
	let i = from;
	while (i < line.length && isBlank(line[i])) i++;
	return i;
}

/** True when the rest of the line from `from` is only blanks or a `;` comment. */
export function onlyCommentAfter(line: string, from: number): boolean {
	const i = skipBlanks(line, from);
	return i >= line.length || line[i] === ';';
}

export function pos(line: number, character: number): Position {
	return { line, character };
}

export function range(line: number, start: number, endLine: number, end: number): Range {
	return { start: { line, character: start }, end: { line: endLine, character: end } };
}

/** A range on one line. */
export function span(line: number, start: number, end: number): Range {
	return range(line, start, line, end);
}

/** Length of the line without trailing blanks. */
export function trimmedEnd(line: string): number {
	let e = line.length;
	while (e > 0 && isBlank(line[e - 1])) e--;
	return e;
}

export function isHexDigit(c: string | undefined): boolean {
	if (c === undefined) return false;
	const x = c.charCodeAt(0);
	return (x >= 0x30 && x <= 0x39) || (x >= 0x41 && x <= 0x46) || (x >= 0x61 && x <= 0x66);
}

/** True when `p` lies in `r`, both ends included (hover hit tests). */
export function rangeContains(r: Range, p: Position): boolean {
	const afterStart = p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character);
	const beforeEnd = p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character);
	return afterStart && beforeEnd;
}
