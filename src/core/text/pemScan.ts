/** PEM blocks in a text document by line: for CodeLenses on BEGIN lines and hovers inside a block. */
import type { LineSource } from './spans';

/** One PEM block: label and the lines of its BEGIN and END markers. */
export interface PemLines {
	readonly label: string;
	readonly startLine: number;
	readonly endLine: number;
}

const BEGIN = /^\s*-----BEGIN ([A-Z0-9 #._/-]+)-----\s*$/;
const END = /^\s*-----END ([A-Z0-9 #._/-]+)-----\s*$/;
/** Labels that hold certificates (what the certificate view can open). */
export const CERTIFICATE_LABELS: ReadonlySet<string> = new Set(['CERTIFICATE', 'X509 CERTIFICATE', 'TRUSTED CERTIFICATE', 'X.509 CERTIFICATE', 'PKCS7', 'PKCS #7 SIGNED DATA', 'CMS', 'CERTIFICATE CHAIN']);
/** How far a block may reach; a base64 certificate of 16 KB is ~280 lines. */
const MAX_BLOCK_LINES = 4000;

function endOf(doc: LineSource, label: string, from: number): number | undefined {
	for (let n = from + 1; n < doc.lineCount && n <= from + MAX_BLOCK_LINES; n++) {
		const text = doc.lineAt(n).text;
		const end = END.exec(text);
		if (end) return end[1] === label ? n : undefined;
		if (BEGIN.test(text)) return undefined;
	}
	return undefined;
}

/** Every complete PEM block, in order. */
export function listPemBlocks(doc: LineSource): PemLines[] {
	const out: PemLines[] = [];
	for (let n = 0; n < doc.lineCount; n++) {
		const begin = BEGIN.exec(doc.lineAt(n).text);
		if (!begin) continue;
		const endLine = endOf(doc, begin[1]!, n);
		if (endLine === undefined) continue;
		out.push({ label: begin[1]!, startLine: n, endLine });
		n = endLine;
	}
	return out;
}

/** The complete PEM block containing `line` (BEGIN and END lines included), if any. */
export function pemBlockAt(doc: LineSource, line: number): PemLines | undefined {
	for (let n = line; n >= 0 && n >= line - MAX_BLOCK_LINES; n--) {
		const text = doc.lineAt(n).text;
		const begin = BEGIN.exec(text);
		if (begin) {
			const endLine = endOf(doc, begin[1]!, n);
			return endLine !== undefined && endLine >= line ? { label: begin[1]!, startLine: n, endLine } : undefined;
		}
		if (n < line && END.test(text)) return undefined;
	}
	return undefined;
}

/** The text of a block's lines, joined with `\n` (what the PEM loader reads). */
export function pemBlockText(doc: LineSource, block: PemLines): string {
	const lines: string[] = [];
	for (let n = block.startLine; n <= block.endLine; n++) lines.push(doc.lineAt(n).text);
	return lines.join('\n');
}
