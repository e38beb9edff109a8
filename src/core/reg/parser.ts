import * as l10n from '@vscode/l10n';
import { ByteSink, decodeData, dwordBytes, prepareHexData, readDword, readHexSegment, readTypeTag } from './data';
import { decodeRegBytes, encodeUtf16le } from './encoding';
import { onlyCommentAfter, range, skipBlanks, span, splitLines, trimmedEnd } from './lineScanner';
import { readQuoted } from './quoted';
import { splitRoot } from './roots';
import { RegType, type RegDocument, type RegHeaderKind, type RegKey, type RegProblem, type RegValue } from './types';

const HEADER_V5 = 'Windows Registry Editor Version 5.00';
const HEADER_V4 = 'REGEDIT4';

/** Parses a `.reg` file from its bytes, decoding them as regedit does (UTF-16LE iff `FF FE`). */
export function parseRegBytes(bytes: Uint8Array): RegDocument {
	const decoded = decodeRegBytes(bytes);
	const doc = parseRegText(decoded.text, decoded.encoding);
	if (!decoded.utf8Bom) return doc;
	const bom: RegProblem = {
		code: 'reg.utf8-bom',
		severity: 'error',
		message:
			l10n.t('The file starts with a UTF-8 byte-order mark. regedit reads only UTF-16LE (BOM FF FE) or ANSI, so the header does not match and nothing is imported (inferred from Wine\'s importer). Save it as UTF-16LE or ANSI.'),
		range: span(0, 0, 1),
	};
	return { ...doc, problems: [bom, ...doc.problems] };
}

/**
 * Parses `.reg` text (already decoded) following regedit's import rules (reference §4, from
 * Wine's `regproc.c`). Never throws: every problem comes back with a line/column range.
 */
export function parseRegText(text: string, encoding: RegDocument['encoding'] = 'text'): RegDocument {
	return new RegParser(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, encoding).parse();
}

interface KeyBuilder {
	key: Omit<RegKey, 'values' | 'endLine'>;
	values: RegValue[];
	endLine: number;
}

class RegParser {
	private readonly _lines: string[];
	private readonly _problems: RegProblem[] = [];
	private readonly _keys: KeyBuilder[] = [];
	private _current: KeyBuilder | undefined;
	private _header: RegHeaderKind = 'invalid';

	constructor(
		text: string,
		private readonly _encoding: RegDocument['encoding'],
	) {
		this._lines = splitLines(text);
	}

	parse(): RegDocument {
		const headerLine = this._lines[0] ?? '';
		const headerStart = skipBlanks(headerLine, 0);
		this._header = this._readHeader(headerLine, headerStart);
		let i = 1;
		while (i < this._lines.length) i = this._line(i);
		return {
			header: this._header,
			headerRange: span(0, headerStart, headerLine.length),
			encoding: this._encoding,
			lineCount: this._lines.length,
			keys: this._keys.map((k) => ({ ...k.key, values: k.values, endLine: k.endLine })),
			problems: this._problems,
		};
	}

	private _problem(code: string, severity: RegProblem['severity'], message: string, r: RegProblem['range']): void {
		this._problems.push({ code, severity, message, range: r });
	}

	private _readHeader(line: string, start: number): RegHeaderKind {
		const header = line.slice(start, trimmedEnd(line));
		const r = span(0, start, line.length);
		if (header === HEADER_V5) return 'v5';
		if (header === HEADER_V4) return 'regedit4';
		if (header === 'REGEDIT') {
			this._problem('reg.win31-header', 'warning', l10n.t('Windows 3.1 "REGEDIT" format: regedit imports only HKEY_CLASSES_ROOT lines from it, and Schannel Lens does not read them.'), r);
			return 'win31';
		}
		if (header.startsWith('REGEDIT')) {
			this._problem('reg.fuzzy-header', 'error', l10n.t('Header "{0}" is not "{1}" or "{2}": Windows accepts the file but imports nothing from it (Wine\'s regedit notes this behaviour).', header, HEADER_V4, HEADER_V5), r);
			return 'fuzzy';
		}
		const shown = header.length > 60 ? `${header.slice(0, 60)}…` : header;
		this._problem('reg.invalid-header', 'error', l10n.t('Not a registry export: the first line must be "{0}" or "{1}", found "{2}". regedit refuses the file.', HEADER_V5, HEADER_V4, shown), r);
		return 'invalid';
	}

	/** Reads the line at `i` (and any continuation lines); returns the index of the next line. */
	private _line(i: number): number {
		const line = this._lines[i]!;
		const s = skipBlanks(line, 0);
		if (s >= line.length) return i + 1;
		const c = line[s];
		if (c === '[') {
			this._keyLine(line, i, s);
			return i + 1;
		}
		if (c === '@' || c === '"') return this._valueLine(line, i, s);
		if (c !== ';' && c !== '#') {
			this._problem('reg.ignored-line', 'warning', l10n.t('regedit ignores this line: a key starts with "[", a value with a quoted name or "@", a comment with ";".'), span(i, s, trimmedEnd(line)));
		}
		return i + 1;
	}

	private _keyLine(line: string, i: number, s: number): void {
		let p = s + 1;
		const op = line[p] === '-' ? 'delete' : 'set';
		if (op === 'delete') p++;
		const close = line.lastIndexOf(']');
		const lineRange = span(i, s, trimmedEnd(line));
		if (close < p) {
			this._problem('reg.key-unclosed', 'error', l10n.t('Key line has no closing "]": regedit ignores it and every value under it.'), lineRange);
			this._pushKey(line.slice(p), i, p, line.length, op, lineRange, false);
			return;
		}
		const rawPath = line.slice(p, close);
		const pathRange = span(i, p, close);
		if (!onlyCommentAfter(line, close + 1)) {
			this._problem('reg.key-trailing-text', 'warning', l10n.t('Text after "]" is ignored by regedit.'), span(i, close + 1, trimmedEnd(line)));
		}
		this._pushKey(rawPath, i, p, close, op, lineRange, this._checkKeyPath(rawPath, pathRange, op));
	}

	/** Checks the path regedit would open; false when it refuses the key. */
	private _checkKeyPath(rawPath: string, r: RegProblem['range'], op: 'set' | 'delete'): boolean {
		if (rawPath.length === 0 || rawPath[0] === ' ' || rawPath[0] === '\t') {
			this._problem('reg.key-bad-path', 'error', l10n.t('The key path must follow "[" directly, with no blank: regedit ignores this key and its values.'), r);
			return false;
		}
		const root = splitRoot(rawPath);
		if (root.abbreviation) {
			this._problem('reg.root-abbreviation', 'error', l10n.t('"{0}" is an abbreviation: regedit (double-click import) expects {1}; only "reg import" accepts the short form.', root.abbreviation ?? '', root.root ?? ''), { start: r.start, end: { line: r.start.line, character: r.start.character + root.written.length } });
		} else if (!root.root) {
			this._problem('reg.root-unknown', 'error', l10n.t('Unknown root key "{0}": regedit ignores this key and its values. Roots are HKEY_LOCAL_MACHINE, HKEY_CURRENT_USER, HKEY_USERS, HKEY_CLASSES_ROOT, HKEY_CURRENT_CONFIG.', root.written), r);
			return false;
		}
		if (op === 'delete' && root.subPath === '') {
			this._problem('reg.root-delete', 'error', l10n.t('regedit refuses to delete a whole root key.'), r);
			return false;
		}
		return true;
	}

	private _pushKey(rawPath: string, i: number, p: number, close: number, op: 'set' | 'delete', lineRange: RegProblem['range'], valid: boolean): void {
		const root = splitRoot(rawPath);
		const path = root.root ? (root.subPath ? `${root.root}\\${root.subPath}` : root.root) : rawPath;
		const builder: KeyBuilder = {
			key: { path, rawPath, root: root.root, subPath: root.subPath, op, range: lineRange, pathRange: span(i, p, close), valid },
			values: [],
			endLine: i,
		};
		this._keys.push(builder);
		this._current = builder;
	}

	private _valueLine(line: string, i: number, s: number): number {
		let name = '';
		let nameEnd = s + 1;
		if (line[s] === '"') {
			const q = readQuoted(line, i, s);
			this._problems.push(...q.problems);
			if (q.end < 0) return i + 1;
			name = q.value;
			nameEnd = q.end;
		}
		const nameRange = span(i, s, nameEnd);
		const eq = skipBlanks(line, nameEnd);
		if (line[eq] !== '=') {
			this._problem('reg.missing-equals', 'error', l10n.t('Expected "=" after the value name: regedit ignores this line.'), span(i, s, trimmedEnd(line)));
			return i + 1;
		}
		const d = skipBlanks(line, eq + 1);
		const parsed = this._valueData(line, i, d);
		const target = this._current;
		if (!target) {
			this._problem('reg.value-outside-key', 'error', l10n.t('Value before any [key] line: regedit ignores it.'), span(i, s, trimmedEnd(line)));
		} else if (target.key.valid && parsed.value) {
			const v = parsed.value;
			target.values.push({
				name,
				nameRange,
				range: range(i, s, parsed.endLine, parsed.endChar),
				dataRange: range(i, d, parsed.endLine, parsed.endChar),
				...v,
			});
		}
		if (target) target.endLine = parsed.endLine;
		return parsed.endLine + 1;
	}

	/** Reads the data after `=`; returns the value (or undefined when regedit rejects it) and where it ends. */
	private _valueData(line: string, i: number, d: number): { value?: Omit<RegValue, 'name' | 'nameRange' | 'range' | 'dataRange'>; endLine: number; endChar: number } {
		const endChar = trimmedEnd(line);
		const fail = (code: string, message: string, from = d) => {
			this._problem(code, 'error', message, span(i, from, Math.max(endChar, from + 1)));
			return { endLine: i, endChar };
		};
		if (line[d] === '-') {
			if (!onlyCommentAfter(line, d + 1)) return fail('reg.trailing-text', l10n.t('Only a comment may follow "=-": regedit ignores this line.'), d + 1);
			return { value: { op: 'delete', type: -1, token: '-', data: new Uint8Array(0), decoded: { kind: 'bytes' } }, endLine: i, endChar: d + 1 };
		}
		if (line[d] === '"') {
			const q = readQuoted(line, i, d);
			this._problems.push(...q.problems);
			if (q.rejected) return { endLine: i, endChar };
			if (!onlyCommentAfter(line, q.end)) return fail('reg.trailing-text', l10n.t('Only a ; comment may follow the closing quote: regedit does not import this value.'), q.end);
			const data = encodeUtf16le(`${q.value}\0`);
			return { value: { op: 'set', type: RegType.SZ, token: 'string', data, decoded: { kind: 'string', value: q.value } }, endLine: i, endChar: q.end };
		}
		const tag = readTypeTag(line, d);
		if (!tag) {
			const word = line.slice(d, endChar);
			const shown = word.length > 40 ? `${word.slice(0, 40)}…` : word;
			return fail('reg.unknown-type', /^(dword|hex)/i.test(word)
				? l10n.t('Unknown data "{0}": expected "string", dword:, hex: or hex(N):. Type tags are lowercase and hex(N) takes N in hex without 0x. regedit does not import this value.', shown)
				: l10n.t('Unknown data "{0}": expected "string", dword:, hex: or hex(N):. regedit does not import this value.', shown));
		}
		if (tag.type === RegType.DWORD && tag.token === 'dword') {
			const r = readDword(line, i, tag.end);
			if (r.problem) {
				this._problems.push(r.problem);
				return { endLine: i, endChar };
			}
			const value = r.value!;
			return { value: { op: 'set', type: RegType.DWORD, token: 'dword', data: dwordBytes(value), decoded: { kind: 'number', value } }, endLine: i, endChar };
		}
		return this._hexData(line, i, tag.end, tag.type, tag.token);
	}

	/** Reads `hex:` bytes with `,\` continuations; blank and `;` lines between them are skipped. */
	private _hexData(first: string, i: number, from: number, type: number, token: string): { value?: Omit<RegValue, 'name' | 'nameRange' | 'range' | 'dataRange'>; endLine: number; endChar: number } {
		const sink = new ByteSink();
		let line = first;
		let lineNo = i;
		let seg = readHexSegment(line, lineNo, from, sink);
		let endLine = i;
		let endChar = seg.end;
		let failed = false;
		for (;;) {
			if (seg.problem) {
				this._problems.push(seg.problem);
				failed = true;
			}
			if (seg.count > 0 || seg.problem) {
				endLine = lineNo;
				endChar = seg.end;
			}
			if (!seg.continues || failed) break;
			endLine = lineNo;
			endChar = trimmedEnd(line);
			const next = this._nextDataLine(lineNo + 1);
			if (next < 0) {
				this._problem('reg.continuation-eof', 'warning', l10n.t('The data ends with "\\" but no line follows.'), span(lineNo, 0, line.length));
				break;
			}
			lineNo = next;
			line = this._lines[lineNo]!;
			seg = readHexSegment(line, lineNo, 0, sink);
			if (seg.count === 0 && !seg.problem && !seg.continues) {
				endLine = lineNo;
				break;
			}
		}
		if (failed) return { endLine, endChar };
		const data = prepareHexData(type, sink.bytes(), this._header === 'regedit4');
		return { value: { op: 'set', type, token, data, decoded: decodeData(type, data) }, endLine, endChar };
	}

	/** The next line that continues hex data: blank lines and `;` comment lines are skipped. */
	private _nextDataLine(from: number): number {
		for (let j = from; j < this._lines.length; j++) {
			const l = this._lines[j]!;
			const s = skipBlanks(l, 0);
			if (s >= l.length || l[s] === ';') continue;
			return j;
		}
		return -1;
	}
}
