/** PEM armour: finding `-----BEGIN …-----` blocks with offsets and lines, and a strict base64 decoder. */
import * as l10n from '@vscode/l10n';
import { latin1 } from './der';
import { errorAt, warningAt, type X509Problem, type X509Result } from './problems';

/** One PEM block. */
export interface PemBlock {
	/** The label, e.g. `CERTIFICATE`, `TRUSTED CERTIFICATE`, `PKCS7`. */
	readonly label: string;
	/** Decoded bytes (possibly partial when the base64 is corrupt). */
	readonly der: Uint8Array;
	/** Byte offset of the BEGIN line. */
	readonly offset: number;
	/** Zero-based line of the BEGIN line. */
	readonly line: number;
	/** Byte offset just after the END line (or end of input when it is missing). */
	readonly end: number;
	/** Byte offset where the base64 body starts. */
	readonly bodyOffset: number;
}

const B64 = new Int16Array(256).fill(-1);
'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.split('').forEach((c, i) => (B64[c.charCodeAt(0)] = i));
B64['-'.charCodeAt(0)] = 62; // base64url, seen in copy-pasted material
B64['_'.charCodeAt(0)] = 63;

/**
 * Decodes base64 (whitespace ignored). Bad characters are skipped and reported with their offset (+ `baseOffset`).
 * @example decodeBase64('AQID').value // Uint8Array [1, 2, 3]
 */
export function decodeBase64(text: string, baseOffset = 0): X509Result<Uint8Array> {
	const problems: X509Problem[] = [];
	const out = new Uint8Array(Math.floor((text.length * 3) / 4) + 3);
	let n = 0;
	let acc = 0;
	let bits = 0;
	let padded = false;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) continue;
		if (c === 0x3d) {
			padded = true;
			continue;
		}
		const v = c < 256 ? B64[c]! : -1;
		if (v < 0 || padded) {
			if (problems.length < 5) problems.push(errorAt(baseOffset + i, v < 0 ? l10n.t('invalid base64 character {0}', JSON.stringify(text[i])) : l10n.t('base64 data after "=" padding')));
			if (v < 0) continue;
		}
		acc = ((acc << 6) | v) & 0xffffff;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[n++] = (acc >> bits) & 0xff;
		}
	}
	if (bits >= 6) problems.push(errorAt(baseOffset + text.length, l10n.t('base64 data ends in the middle of a byte (truncated?)')));
	return { value: out.slice(0, n), problems };
}

/** True when the bytes look like text containing a PEM BEGIN line. */
export function looksLikePem(bytes: Uint8Array): boolean {
	return indexOfAscii(bytes, '-----BEGIN ', 0, Math.min(bytes.length, 1 << 20)) >= 0;
}

function indexOfAscii(bytes: Uint8Array, needle: string, from: number, to = bytes.length): number {
	const first = needle.charCodeAt(0);
	outer: for (let i = from; i + needle.length <= to; i++) {
		if (bytes[i] !== first) continue;
		for (let j = 1; j < needle.length; j++) if (bytes[i + j] !== needle.charCodeAt(j)) continue outer;
		return i;
	}
	return -1;
}

/**
 * Finds every PEM block (any label) in `bytes`; text around the blocks is ignored; CRLF or LF.
 * Offsets are byte offsets (the text is read as Latin-1, so offsets stay byte offsets).
 */
export function findPemBlocks(bytes: Uint8Array): X509Result<PemBlock[]> {
	const text = latin1(bytes);
	const problems: X509Problem[] = [];
	const blocks: PemBlock[] = [];
	const begin = /-----BEGIN ([A-Z0-9 #._/-]*)-----/g;
	let m: RegExpExecArray | null;
	let lineCount = 0;
	let lineScan = 0;
	while ((m = begin.exec(text)) !== null) {
		const label = m[1]!;
		for (; lineScan < m.index; lineScan++) if (text.charCodeAt(lineScan) === 10) lineCount++;
		const bodyOffset = m.index + m[0].length;
		const endMarker = `-----END ${label}-----`;
		let endAt = text.indexOf(endMarker, bodyOffset);
		const nextBegin = text.indexOf('-----BEGIN ', bodyOffset);
		let end: number;
		if (endAt < 0 || (nextBegin >= 0 && nextBegin < endAt)) {
			problems.push(errorAt(m.index, l10n.t('PEM block "{0}" has no "{1}" line', label, endMarker)));
			endAt = nextBegin >= 0 ? nextBegin : text.length;
			end = endAt;
		} else end = endAt + endMarker.length;
		let body = text.slice(bodyOffset, endAt);
		let bodyStart = bodyOffset;
		// RFC 1421 headers (Proc-Type, DEK-Info) end with a blank line.
		const header = /^\s*(?:[A-Za-z-]+:[^\n]*\n)+\s*\n/.exec(body);
		if (header) {
			problems.push(warningAt(bodyOffset, l10n.t('PEM block "{0}" has RFC 1421 headers (encrypted?)', label)));
			body = body.slice(header[0].length);
			bodyStart += header[0].length;
		}
		const decoded = decodeBase64(body, bodyStart);
		problems.push(...decoded.problems);
		blocks.push({ label, der: decoded.value, offset: m.index, line: lineCount, end, bodyOffset: bodyStart });
		begin.lastIndex = end;
	}
	return { value: blocks, problems };
}


const ENC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 with padding (no Buffer: the core runs in browsers too). */
export function encodeBase64(bytes: Uint8Array): string {
	let out = '';
	let i = 0;
	for (; i + 2 < bytes.length; i += 3) {
		const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
		out += ENC[n >> 18]! + ENC[(n >> 12) & 63]! + ENC[(n >> 6) & 63]! + ENC[n & 63]!;
	}
	const rest = bytes.length - i;
	if (rest === 1) {
		const n = bytes[i]! << 16;
		out += `${ENC[n >> 18]!}${ENC[(n >> 12) & 63]!}==`;
	} else if (rest === 2) {
		const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
		out += `${ENC[n >> 18]!}${ENC[(n >> 12) & 63]!}${ENC[(n >> 6) & 63]!}=`;
	}
	return out;
}

/**
 * PEM armour of DER bytes, 64 base64 characters a line, ending with a newline.
 * @example toPem(cert.der) // '-----BEGIN CERTIFICATE-----\nMIIB…\n-----END CERTIFICATE-----\n'
 */
export function toPem(der: Uint8Array, label = 'CERTIFICATE'): string {
	const lines = encodeBase64(der).match(/.{1,64}/g) ?? [];
	return `-----BEGIN ${label}-----\n${lines.join('\n')}${lines.length ? '\n' : ''}-----END ${label}-----\n`;
}
