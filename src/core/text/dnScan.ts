/** Finding a distinguished name in a line of text (logs, .reg strings, XML, JSON, PowerShell output). */
import { ATTRIBUTE_TYPES } from '../x509';
import { scanWindow, type LineSpan } from './spans';

const LABELS = [...new Set(ATTRIBUTE_TYPES.flatMap((t) => [t.shortName, t.windows ?? t.shortName, ...(t.aliases ?? [])]))]
	.sort((a, b) => b.length - a.length)
	.map((l) => l.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
/** `label=` at the current position: a known attribute label, `OID.1.2.3` or a dotted OID. */
const LABEL_AT = new RegExp(`(?:${LABELS.join('|')}|OID\\.[0-2](?:\\.\\d+)+|[0-2](?:\\.\\d+){2,})[ \\t]*=`, 'iy');
/** Labels that make a DN on their own; other single attributes (`S=`, `T=`, `C=`) are too common in plain text. */
const SINGLE_OK = /^(?:CN|commonName|OU|O|DC)\s*=/i;
/** Characters a DN may directly follow. */
const BEFORE = /[\s"'(<>[{,;:=/|]/;
const SLASH_BEFORE = /[\s"'(<>[{,;:=]/;
/** At least one label that only names use (a lone `c=3, s=4` in a log is not a DN). */
const STRONG = /(?:^|[,;+/]\s*)(?:CN|OU|O|DC|L|E|emailAddress|UID|SERIALNUMBER|STREET|OID\.[\d.]+|\d+\.\d[\d.]*)\s*=/i;
const CLOSERS: Readonly<Record<string, string>> = { '"': '"', "'": "'", '(': ')', '[': ']', '{': '}', '>': '<' };

function labelAt(text: string, i: number): number {
	LABEL_AT.lastIndex = i;
	return LABEL_AT.test(text) ? LABEL_AT.lastIndex : -1;
}

/** End of one attribute value starting at `i` (quoted values keep separators inside). */
function valueEnd(text: string, i: number, to: number, closer: string | undefined, slash: boolean): number {
	if (text[i] === '"' && closer !== '"') {
		for (let j = i + 1; j < to; j++) {
			if (text[j] === '"' && text[j + 1] === '"') j++;
			else if (text[j] === '"') return j + 1;
		}
		return to;
	}
	for (let j = i; j < to; j++) {
		const ch = text[j]!;
		if (ch === '\\') {
			j++;
			continue;
		}
		if (ch === closer || ch === '\t' || ch === '<' || ch === '|' || (ch === '"' && j > i)) return j;
		if (slash ? ch === '/' || ch === '+' : ch === ',' || ch === ';' || ch === '+') {
			// A separator only continues the DN when another `label=` follows it.
			let k = j + 1;
			while (k < to && text[k] === ' ') k++;
			if (labelAt(text, k) >= 0) return j;
			if (!slash && ch !== '+') return j;
		}
	}
	return to;
}

/** The DN starting at `start`, or undefined when it is too weak to be one (a lone `S=1`). */
function dnFrom(text: string, start: number, to: number): LineSpan | undefined {
	const slash = text[start] === '/';
	const closer = start > 0 ? CLOSERS[text[start - 1]!] : undefined;
	let i = slash ? start + 1 : start;
	let count = 0;
	let end = start;
	for (;;) {
		const afterLabel = labelAt(text, i);
		if (afterLabel < 0 || afterLabel > to) break;
		let v = afterLabel;
		while (v < to && text[v] === ' ') v++;
		end = valueEnd(text, v, to, closer, slash);
		// A country is two letters: "… C=US. The chain …" or "C=US and more" ends the DN there.
		if (/^C\s*=$/i.test(text.slice(i, afterLabel)) && /^[A-Za-z]{2}(?![A-Za-z0-9])/.test(text.slice(v, end))) end = v + 2;
		count++;
		if (end >= to || !(slash ? '/+' : ',;+').includes(text[end]!)) break;
		let k = end + 1;
		while (k < to && text[k] === ' ') k++;
		if (labelAt(text, k) < 0) break;
		i = k;
	}
	if (count === 0) return undefined;
	let raw = text.slice(start, end);
	raw = raw.replace(/\s+$/, '');
	if (count === 1 && (slash || !SINGLE_OK.test(raw))) return undefined;
	if (!STRONG.test(slash ? raw.slice(1) : raw)) return undefined;
	if (/=\s*$/.test(raw)) return undefined;
	return { start, end: start + raw.length, text: raw };
}

/** A DN starting exactly at `i`, if one does. */
function candidateAt(line: string, i: number, to: number): LineSpan | undefined {
	if (line[i] === '/') return (i === 0 || SLASH_BEFORE.test(line[i - 1]!)) && labelAt(line, i + 1) >= 0 ? dnFrom(line, i, to) : undefined;
	if (i > 0 && !BEFORE.test(line[i - 1]!)) return undefined;
	return labelAt(line, i) >= 0 ? dnFrom(line, i, to) : undefined;
}

/** The DNs in line[from, to), left to right, not overlapping. */
function* dnsIn(line: string, from: number, to: number): Generator<LineSpan> {
	for (let i = from; i < to; i++) {
		const dn = candidateAt(line, i, to);
		if (!dn) continue;
		yield dn;
		i = dn.end - 1;
	}
}

/**
 * The distinguished name that covers `character` in `line`, if any. Recognizes Windows style
 * (`CN=Alice, OU=Users, O=Lab, C=US`, quoted values), RFC 4514 (`CN=Alice,O=Lab`) and OpenSSL's `/C=US/O=Lab/CN=Alice`.
 * @example findDnAt('Issuer: CN=Lab CA, O=Lab, C=US', 12)?.text === 'CN=Lab CA, O=Lab, C=US'
 */
export function findDnAt(line: string, character: number): LineSpan | undefined {
	const { from, to } = scanWindow(line, character);
	for (const dn of dnsIn(line, from, to)) {
		if (dn.start > character) return undefined;
		if (character < dn.end) return dn;
	}
	return undefined;
}

/** Every DN in a line, left to right. */
export function findDns(line: string): LineSpan[] {
	return [...dnsIn(line, 0, line.length)];
}
