/** Shared shapes of the text scanners: a span in one line, and a structural document (vscode.TextDocument fits it). */

/** A match in one line: [start, end) in UTF-16 code units, and the matched text. */
export interface LineSpan {
	readonly start: number;
	readonly end: number;
	readonly text: string;
}

/** The part of a document the scanners read; `vscode.TextDocument` satisfies it. */
export interface LineSource {
	readonly lineCount: number;
	lineAt(line: number): { readonly text: string };
}

/** Lines longer than this are scanned only in a window around the position (minified files, binary-ish logs). */
export const MAX_SCAN_WINDOW = 4096;

/** The window of `line` to scan around `character`: [from, to). */
export function scanWindow(line: string, character: number): { from: number; to: number } {
	if (line.length <= MAX_SCAN_WINDOW * 2) return { from: 0, to: line.length };
	return { from: Math.max(0, character - MAX_SCAN_WINDOW), to: Math.min(line.length, character + MAX_SCAN_WINDOW) };
}
