/** Parsing DN strings people type or copy from logs: RFC 4514, Windows style, OpenSSL `/C=…/CN=…`. */
import { encodeOidContent, encodeTlv, readTlv, Tag } from './der';
import { concatBytes, fromHex } from '../crypto/hex';
import { nameFromTlv, type Name } from './name';
import { attributeTypeByLabel } from './oids';
import { errorAt, problemFromCaught, warningAt, type X509Problem, type X509Result } from './problems';

interface ParsedAva {
	oid: string;
	value: string | Uint8Array;
	at: number;
}

const PRINTABLE = /^[A-Za-z0-9 '()+,\-./:=?]*$/;
const OID_EMAIL = '1.2.840.113549.1.9.1';
const OID_DC = '0.9.2342.19200300.100.1.25';

/**
 * Encodes one value the way CertStrToName is assumed to by default: PrintableString when every character allows it,
 * else UTF8String; `C` PrintableString; emailAddress and DC IA5String.
 * Windows may pick other types (BMPString without CERT_NAME_STR_ENABLE_UTF8_UNICODE_FLAG), so byte counts of a typed
 * DN are an estimate; only a Name decoded from a certificate has the exact bytes.
 */
export function encodeValueForType(oid: string, value: string): Uint8Array {
	const utf8 = new TextEncoder().encode(value);
	const ascii = [...value].every((c) => c.charCodeAt(0) < 0x80);
	if ((oid === OID_EMAIL || oid === OID_DC) && ascii) return encodeTlv(Tag.IA5_STRING, utf8);
	if (PRINTABLE.test(value)) return encodeTlv(Tag.PRINTABLE_STRING, utf8);
	return encodeTlv(Tag.UTF8_STRING, utf8);
}

/**
 * Parses a DN string into a Name with DER bytes. Accepts RFC 4514 (`CN=a,O=b`, `\,` and `\XX` escapes, `OID=#hex`),
 * Windows style (`CN=a, O=b` or `;` separators, `"quoted, values"` with `""`, ` + ` multi-valued, `OID.1.2.3=`),
 * and OpenSSL's `/C=US/O=b/CN=a` (which is in DER order). The byte count of the result is an estimate
 * (see {@link encodeValueForType}). Problem offsets are character offsets in `text`.
 * @example parseDn('CN=Alice, OU=Users, O=Lab, C=US').value?.rdns[0]?.attributes[0]?.shortName === 'C'
 */
export function parseDn(text: string): X509Result<Name | undefined> {
	const problems: X509Problem[] = [];
	const trimmed = text.trim();
	const slashForm = trimmed.startsWith('/');
	const rdns = slashForm ? parseSlash(text, problems) : parseRfcOrWindows(text, problems);
	if (problems.some((p) => p.severity === 'error')) return { value: undefined, problems };
	if (!slashForm) rdns.reverse();
	try {
		const sets = rdns.map((rdn) => encodeTlv(Tag.SET, concatBytes(sortDer(rdn.map(encodeAva)))));
		const der = encodeTlv(Tag.SEQUENCE, concatBytes(sets));
		return { value: nameFromTlv(der, readTlv(der, 0)), problems };
	} catch (err) {
		problems.push(problemFromCaught(err, 0, 'DN'));
		return { value: undefined, problems };
	}
}

function encodeAva(ava: ParsedAva): Uint8Array {
	const oid = encodeTlv(Tag.OID, encodeOidContent(ava.oid)!);
	const value = typeof ava.value === 'string' ? encodeValueForType(ava.oid, ava.value) : ava.value;
	return encodeTlv(Tag.SEQUENCE, concatBytes([oid, value]));
}

/** DER SET OF order: encodings compared as octet strings. */
function sortDer(items: Uint8Array[]): Uint8Array[] {
	return items.sort((a, b) => {
		for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
		return a.length - b.length;
	});
}

function resolveType(label: string, at: number, problems: X509Problem[]): string | undefined {
	const l = label.trim();
	const dotted = /^(?:oid\.)?([0-2](?:\.\d+)+)$/i.exec(l);
	if (dotted) {
		if (encodeOidContent(dotted[1]!)) return dotted[1]!;
		problems.push(errorAt(at, `"${l}" is not a valid OID`));
		return undefined;
	}
	const info = attributeTypeByLabel(l);
	if (!info) problems.push(errorAt(at, l === '' ? 'missing attribute type before "="' : `unknown attribute type "${l}" (use OID.1.2.3=value)`));
	return info?.oid;
}

function hexValueAt(raw: string, at: number, problems: X509Problem[]): Uint8Array | undefined {
	const bytes = fromHex(raw);
	if (!bytes || bytes.length < 2) {
		problems.push(errorAt(at, `"#${raw}" is not a hex-encoded DER value`));
		return undefined;
	}
	try {
		if (readTlv(bytes, 0).next !== bytes.length) throw new Error('trailing bytes');
		return bytes;
	} catch {
		problems.push(errorAt(at, `"#${raw}" is not one DER value`));
		return undefined;
	}
}

function parseRfcOrWindows(text: string, problems: X509Problem[]): ParsedAva[][] {
	const rdns: ParsedAva[][] = [];
	let current: ParsedAva[] = [];
	let i = 0;
	const n = text.length;
	const skipWs = (): void => {
		while (i < n && /\s/.test(text[i]!)) i++;
	};
	skipWs();
	if (i >= n) return rdns;
	for (;;) {
		skipWs();
		const typeStart = i;
		while (i < n && text[i] !== '=' && text[i] !== ',' && text[i] !== ';' && text[i] !== '+') i++;
		if (text[i] !== '=') {
			problems.push(errorAt(typeStart, `expected "type=value" at "${text.slice(typeStart, typeStart + 20)}"`));
			return rdns;
		}
		const oid = resolveType(text.slice(typeStart, i), typeStart, problems);
		i++;
		skipWs();
		const valueStart = i;
		let value: string | Uint8Array | undefined;
		if (text[i] === '"') {
			let v = '';
			i++;
			for (;;) {
				if (i >= n) {
					problems.push(errorAt(valueStart, 'unterminated quoted value'));
					return rdns;
				}
				if (text[i] === '"' && text[i + 1] === '"') {
					v += '"';
					i += 2;
				} else if (text[i] === '\\' && i + 1 < n && '"\\'.includes(text[i + 1]!)) {
					v += text[i + 1];
					i += 2;
				} else if (text[i] === '"') break;
				else v += text[i++];
			}
			i++;
			value = v;
			skipWs();
		} else if (text[i] === '#') {
			const start = ++i;
			while (i < n && /[0-9a-fA-F]/.test(text[i]!)) i++;
			value = hexValueAt(text.slice(start, i), valueStart, problems);
			skipWs();
		} else {
			value = readUnquoted();
		}
		if (oid !== undefined && value !== undefined) current.push({ oid, value, at: typeStart });
		if (i >= n) break;
		const sep = text[i];
		if (sep === '+') current = pushRdn(current, false);
		else if (sep === ',' || sep === ';') current = pushRdn(current, true);
		else {
			problems.push(errorAt(i, `unexpected "${sep}" after a value (quote the value or escape it)`));
			return rdns;
		}
		i++;
	}
	if (current.length > 0) rdns.push(current);
	return rdns;

	function pushRdn(rdn: ParsedAva[], close: boolean): ParsedAva[] {
		if (!close) return rdn;
		if (rdn.length > 0) rdns.push(rdn);
		return [];
	}

	function readUnquoted(): string {
		let v = '';
		let keep = 0; // length of v that must survive trimming (escaped trailing spaces)
		const bytes: number[] = [];
		const flush = (): void => {
			if (bytes.length) v += new TextDecoder().decode(Uint8Array.from(bytes.splice(0)));
		};
		while (i < n && !',;+'.includes(text[i]!)) {
			const ch = text[i]!;
			if (ch === '\\' && i + 2 < n + 1 && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 1, i + 3))) {
				bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
				i += 3;
				continue;
			}
			flush();
			if (ch === '\\' && i + 1 < n && ' "#+,;<=>\\'.includes(text[i + 1]!)) {
				v += text[i + 1];
				i += 2;
				keep = v.length;
				continue;
			}
			v += ch;
			i++;
		}
		flush();
		const trimmedEnd = v.slice(keep).replace(/\s+$/, '');
		if (keep === 0 && /^\s/.test(v)) problems.push(warningAt(i, 'leading space ignored'));
		return v.slice(0, keep) + trimmedEnd;
	}
}

function parseSlash(text: string, problems: X509Problem[]): ParsedAva[][] {
	const rdns: ParsedAva[][] = [];
	const start = text.indexOf('/') + 1;
	const parts = text.slice(start).split(/(?<!\\)\//);
	let at = start;
	for (const part of parts) {
		const rdn: ParsedAva[] = [];
		let subAt = at;
		for (const ava of part.split(/(?<!\\)\+/)) {
			const eq = ava.indexOf('=');
			if (eq < 0) problems.push(errorAt(subAt, `expected "type=value" at "${ava.slice(0, 20)}"`));
			else {
				const oid = resolveType(ava.slice(0, eq), subAt, problems);
				const value = ava.slice(eq + 1).replace(/\\([/+\\])/g, '$1');
				if (oid) rdn.push({ oid, value, at: subAt });
			}
			subAt += ava.length + 1;
		}
		if (rdn.length) rdns.push(rdn);
		at += part.length + 1;
	}
	if (rdns.length === 0) problems.push(errorAt(start, 'empty DN'));
	return rdns;
}
