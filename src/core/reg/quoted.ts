import * as l10n from '@vscode/l10n';
import type { RegProblem } from './types';
import { span } from './lineScanner';

/** A quoted string read from a line: its unescaped value and where it ends. */
export interface QuotedResult {
	readonly value: string;
	/** Index just after the closing quote, or -1 when the string is not closed on this line. */
	readonly end: number;
	readonly problems: RegProblem[];
	/** True when regedit would reject the line because of the string (e.g. `\0`). */
	readonly rejected: boolean;
}

/**
 * Reads a `"…"` string starting at `start` (the opening quote) using regedit's escapes:
 * `\\` → `\`, `\"` → `"`, `\n`, `\r`. `\0` makes the line invalid (current Wine); any other
 * `\x` keeps `x` with a warning. Strings cannot span lines.
 */
export function readQuoted(line: string, lineNo: number, start: number): QuotedResult {
	const problems: RegProblem[] = [];
	let value = '';
	let rejected = false;
	let i = start + 1;
	while (i < line.length) {
		const c = line[i]!;
		if (c === '"') return { value, end: i + 1, problems, rejected };
		if (c !== '\\') {
			value += c;
			i++;
			continue;
		}
		const next = line[i + 1];
		if (next === undefined) break;
		switch (next) {
			case '\\':
				value += '\\';
				break;
			case '"':
				value += '"';
				break;
			case 'n':
				value += '\n';
				break;
			case 'r':
				value += '\r';
				break;
			case '0':
				rejected = true;
				problems.push({
					code: 'reg.nul-escape',
					severity: 'error',
					message: l10n.t('Escape \\0 is not allowed in a .reg string: the line is not imported.'),
					range: span(lineNo, i, i + 2),
				});
				break;
			default:
				value += next;
				problems.push({
					code: 'reg.unknown-escape',
					severity: 'warning',
					message: l10n.t('Unknown escape \\{0}: regedit keeps "{0}" and drops the backslash. Write \\\\ for a backslash.', next),
					range: span(lineNo, i, i + 2),
				});
		}
		i += 2;
	}
	problems.push({
		code: 'reg.unterminated-string',
		severity: 'error',
		message: l10n.t('String has no closing quote on this line (strings cannot span lines): the line is not imported.'),
		range: span(lineNo, start, line.length),
	});
	return { value, end: -1, problems, rejected: true };
}
