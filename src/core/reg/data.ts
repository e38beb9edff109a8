import * as l10n from '@vscode/l10n';
import { decodeAnsi, decodeUtf16le, encodeUtf16le } from './encoding';
import { isBlank, isHexDigit, onlyCommentAfter, skipBlanks, span } from './lineScanner';
import { RegType, type RegDecoded, type RegProblem } from './types';

/** The data type tag at the start of a value's data: `dword:`, `hex:`, `hex(N):`. */
export interface TypeTag {
	readonly type: number;
	readonly token: string;
	/** Index just after the colon. */
	readonly end: number;
}

/**
 * Reads `dword:`, `hex:` or `hex(N):` at `from`. N is hexadecimal (`hex(b)` = 11) and `0x` is
 * rejected; the tags are case-sensitive lowercase (Wine `parse_data_type`).
 */
export function readTypeTag(line: string, from: number): TypeTag | undefined {
	if (line.startsWith('dword:', from)) return { type: RegType.DWORD, token: 'dword', end: from + 6 };
	if (line.startsWith('hex:', from)) return { type: RegType.BINARY, token: 'hex', end: from + 4 };
	if (!line.startsWith('hex(', from)) return undefined;
	let i = from + 4;
	const digitsStart = i;
	while (isHexDigit(line[i])) i++;
	if (i === digitsStart || i - digitsStart > 8 || line[i] !== ')' || line[i + 1] !== ':') return undefined;
	const type = parseInt(line.slice(digitsStart, i), 16);
	return { type, token: `hex(${line.slice(digitsStart, i).toLowerCase()})`, end: i + 2 };
}

/** Reads `dword:` data: 1–8 hex digits after optional blanks, then only blanks or a comment. */
export function readDword(line: string, lineNo: number, from: number): { value?: number; problem?: RegProblem } {
	const start = skipBlanks(line, from);
	let i = start;
	while (isHexDigit(line[i])) i++;
	const digits = i - start;
	if (digits >= 1 && digits <= 8 && onlyCommentAfter(line, i)) {
		return { value: parseInt(line.slice(start, i), 16) >>> 0 };
	}
	const shown = line.slice(from).trim();
	const why =
		digits > 8
			? l10n.t('more than 8 hex digits')
			: /^0x/i.test(shown)
				? l10n.t('no 0x prefix is allowed (dword: is always hexadecimal)')
				: digits === 0
					? l10n.t('it needs 1 to 8 hex digits')
					: l10n.t('only blanks or a ; comment may follow the digits');
	return {
		problem: {
			code: 'reg.bad-dword',
			severity: 'error',
			message: l10n.t('Invalid dword data "{0}": {1}. regedit does not import this value.', shown, why),
			range: span(lineNo, from, line.length),
		},
	};
}

/** One line's worth of `hex:` bytes. */
export interface HexSegment {
	/** Bytes read from this line (also appended to the sink passed in). */
	readonly count: number;
	/** The line ends with `\`: the data continues on the next non-comment line. */
	readonly continues: boolean;
	/** Index just after the last data character on this line. */
	readonly end: number;
	readonly problem?: RegProblem;
}

/** A growable byte buffer for hex data (large Blob values span thousands of lines). */
export class ByteSink {
	private _buf = new Uint8Array(256);
	length = 0;

	push(b: number): void {
		if (this.length === this._buf.length) {
			const next = new Uint8Array(this._buf.length * 2);
			next.set(this._buf);
			this._buf = next;
		}
		this._buf[this.length++] = b;
	}

	bytes(): Uint8Array {
		return this._buf.slice(0, this.length);
	}
}

// Hot path for multi-megabyte exports: char codes and local tables only, no helper calls.
const HEX_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < 10; i++) HEX_VALUE[48 + i] = i;
for (let i = 0; i < 6; i++) HEX_VALUE[65 + i] = HEX_VALUE[97 + i] = 10 + i;
const SPACE = 32;
const TAB = 9;
const COMMA = 44;
const SEMI = 59;
const BACKSLASH = 92;

/** Reads comma-separated hex bytes (each ≤ ff) from `from` to the end of the line into `sink`. */
export function readHexSegment(line: string, lineNo: number, from: number, sink: ByteSink): HexSegment {
	const n = line.length;
	let count = 0;
	let i = from;
	let end = from;
	for (;;) {
		let c = line.charCodeAt(i);
		while (c === SPACE || c === TAB) c = line.charCodeAt(++i);
		if (i >= n || c === SEMI) return { count, continues: false, end };
		if (c === BACKSLASH && onlyCommentAfter(line, i + 1)) return { count, continues: true, end };
		const start = i;
		let value = 0;
		let d = c < 128 ? HEX_VALUE[c]! : -1;
		while (d >= 0) {
			value = value * 16 + d;
			c = line.charCodeAt(++i);
			d = c < 128 ? HEX_VALUE[c]! : -1;
		}
		if (i === start || value > 0xff) return { count, continues: false, end, problem: badHex(line, lineNo, start, i) };
		sink.push(value);
		count++;
		end = i;
		while (c === SPACE || c === TAB) c = line.charCodeAt(++i);
		if (c === COMMA) {
			end = ++i;
			continue;
		}
		if (i >= n || c === SEMI || c === BACKSLASH) continue;
		return { count, continues: false, end, problem: badHex(line, lineNo, start, i + 1) };
	}
}

function badHex(line: string, lineNo: number, start: number, end: number): RegProblem {
	let e = Math.max(end, start + 1);
	while (e < line.length && line[e] !== ',' && !isBlank(line[e])) e++;
	const token = line.slice(start, e) || '(empty)';
	return {
		code: 'reg.bad-hex',
		severity: 'error',
		message: l10n.t('Invalid hex byte "{0}": bytes are comma-separated hex pairs 00–ff. regedit does not import this value.', token),
		range: span(lineNo, start, Math.min(e, line.length)),
	};
}

function isStringType(type: number): boolean {
	return type === RegType.SZ || type === RegType.EXPAND_SZ || type === RegType.MULTI_SZ;
}

/**
 * The bytes regedit stores for `hex(1|2|7):` data: in REGEDIT4 files the bytes are ANSI and are
 * converted to UTF-16; a missing terminating NUL is appended (Wine `prepare_hex_string_data`).
 */
export function prepareHexData(type: number, raw: Uint8Array, regedit4: boolean): Uint8Array {
	if (!isStringType(type)) return raw;
	let data = regedit4 ? encodeUtf16le(decodeAnsi(raw)) : raw;
	if (data.length % 2 === 1) data = concat(data, new Uint8Array(1));
	const n = data.length;
	if (n >= 2 && data[n - 1] === 0 && data[n - 2] === 0) return data;
	return concat(data, new Uint8Array(2));
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
	const out = new Uint8Array(a.length + b.length);
	out.set(a);
	out.set(b, a.length);
	return out;
}

/** Decodes stored bytes by registry type. */
export function decodeData(type: number, data: Uint8Array): RegDecoded {
	switch (type) {
		case RegType.SZ:
		case RegType.EXPAND_SZ:
		case RegType.LINK:
			return { kind: 'string', value: decodeUtf16le(data).replace(/\0+$/, '') };
		case RegType.MULTI_SZ: {
			const parts = decodeUtf16le(data).split('\0');
			while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
			return { kind: 'strings', value: parts };
		}
		case RegType.DWORD:
			if (data.length !== 4) return { kind: 'bytes' };
			return { kind: 'number', value: (data[0]! | (data[1]! << 8) | (data[2]! << 16) | (data[3]! << 24)) >>> 0 };
		case RegType.DWORD_BIG_ENDIAN:
			if (data.length !== 4) return { kind: 'bytes' };
			return { kind: 'number', value: ((data[0]! << 24) | (data[1]! << 16) | (data[2]! << 8) | data[3]!) >>> 0 };
		case RegType.QWORD: {
			if (data.length !== 8) return { kind: 'bytes' };
			let v = 0n;
			for (let i = 7; i >= 0; i--) v = (v << 8n) | BigInt(data[i]!);
			return { kind: 'bigint', value: v };
		}
		default:
			return { kind: 'bytes' };
	}
}

/** Little-endian DWORD bytes. */
export function dwordBytes(value: number): Uint8Array {
	return new Uint8Array([value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff]);
}
