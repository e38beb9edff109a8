/** Finding a SHA-1 thumbprint (40 hex digits, plain or with spaces or colons between bytes) in a line. */
import { scanWindow, type LineSpan } from './spans';

/** A thumbprint match: the span and its 40 uppercase hex digits. */
export interface ThumbprintSpan extends LineSpan {
	readonly sha1: string;
}

const FORMS = [
	/(?<![0-9A-Fa-f])[0-9A-Fa-f]{40}(?![0-9A-Fa-f])/g,
	/(?<![0-9A-Fa-f]:?)(?:[0-9A-Fa-f]{2}:){19}[0-9A-Fa-f]{2}(?!:?[0-9A-Fa-f])/g,
	/(?<![0-9A-Fa-f])(?<![0-9A-Fa-f]{2} )(?:[0-9A-Fa-f]{2} ){19}[0-9A-Fa-f]{2}(?![0-9A-Fa-f])(?! [0-9A-Fa-f]{2}(?![0-9A-Za-z]))/g,
];

/**
 * The thumbprint covering `character`, as Windows prints them: `6e53843b…` (certutil, the dialog),
 * `6E 53 84 …` (older dialogs, certutil -dump), `6E:53:…` (OpenSSL -fingerprint).
 * @example findThumbprintAt('Thumbprint: 6E 53 84 …', 14)?.sha1
 */
export function findThumbprintAt(line: string, character: number): ThumbprintSpan | undefined {
	const { from, to } = scanWindow(line, character);
	const text = line.slice(from, to);
	for (const form of FORMS) {
		form.lastIndex = 0;
		for (let m = form.exec(text); m; m = form.exec(text)) {
			const start = from + m.index;
			const end = start + m[0].length;
			if (start > character) break;
			if (character < end) return { start, end, text: m[0], sha1: m[0].replace(/[ :]/g, '').toUpperCase() };
		}
	}
	return undefined;
}
