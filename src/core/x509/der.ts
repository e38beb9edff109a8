/** A small DER/BER TLV reader that keeps byte offsets. Internals throw DerError; `tryReadTlv` never throws. */
import * as l10n from '@vscode/l10n';
import { concatBytes } from '../crypto/hex';
import { DerError, problemFromCaught, type X509Result } from './problems';

/** ASN.1 universal tags used by the decoders (identifier octet for the common primitive/constructed forms). */
export const Tag = {
	BOOLEAN: 0x01,
	INTEGER: 0x02,
	BIT_STRING: 0x03,
	OCTET_STRING: 0x04,
	NULL: 0x05,
	OID: 0x06,
	UTF8_STRING: 0x0c,
	NUMERIC_STRING: 0x12,
	PRINTABLE_STRING: 0x13,
	TELETEX_STRING: 0x14,
	VIDEOTEX_STRING: 0x15,
	IA5_STRING: 0x16,
	UTC_TIME: 0x17,
	GENERALIZED_TIME: 0x18,
	GRAPHIC_STRING: 0x19,
	VISIBLE_STRING: 0x1a,
	GENERAL_STRING: 0x1b,
	UNIVERSAL_STRING: 0x1c,
	BMP_STRING: 0x1e,
	SEQUENCE: 0x30,
	SET: 0x31,
} as const;

/** One decoded tag-length-value header, with offsets into the whole input. */
export interface Tlv {
	/** Identifier octet (for high tag numbers: class and constructed bits plus 0x1f). */
	readonly tag: number;
	/** 0 universal, 1 application, 2 context-specific, 3 private. */
	readonly tagClass: number;
	readonly constructed: boolean;
	readonly tagNumber: number;
	/** Offset of the identifier octet. */
	readonly offset: number;
	/** First content byte. */
	readonly start: number;
	/** One past the last content byte. */
	readonly end: number;
	/** Offset after the whole TLV (after the end-of-contents octets when the length was indefinite). */
	readonly next: number;
	readonly indefinite: boolean;
}

const MAX_DEPTH = 48;

/** Reads the TLV at `offset`, not reaching past `limit`. Throws DerError (internal use). */
export function readTlv(bytes: Uint8Array, offset: number, limit = bytes.length, depth = 0): Tlv {
	if (offset >= limit) throw new DerError(offset, l10n.t('unexpected end of data: expected a tag'));
	const tag = bytes[offset]!;
	let pos = offset + 1;
	let tagNumber = tag & 0x1f;
	if (tagNumber === 0x1f) {
		tagNumber = 0;
		for (let n = 0; ; n++) {
			if (pos >= limit) throw new DerError(offset, l10n.t('truncated high tag number'));
			if (n > 3) throw new DerError(offset, l10n.t('tag number too large'));
			const b = bytes[pos++]!;
			tagNumber = tagNumber * 128 + (b & 0x7f);
			if ((b & 0x80) === 0) break;
		}
	}
	if (pos >= limit) throw new DerError(pos, l10n.t('unexpected end of data: expected a length'));
	const first = bytes[pos++]!;
	const constructed = (tag & 0x20) !== 0;
	const tagClass = tag >> 6;
	if (first === 0x80) {
		if (!constructed) throw new DerError(pos - 1, l10n.t('indefinite length on a primitive value'));
		if (depth > MAX_DEPTH) throw new DerError(offset, l10n.t('nesting too deep'));
		let p = pos;
		for (;;) {
			if (p + 2 > limit) throw new DerError(offset, l10n.t('indefinite-length value has no end-of-contents octets'));
			if (bytes[p] === 0 && bytes[p + 1] === 0) break;
			p = readTlv(bytes, p, limit, depth + 1).next;
		}
		return { tag, tagClass, constructed, tagNumber, offset, start: pos, end: p, next: p + 2, indefinite: true };
	}
	let length = first;
	if (first & 0x80) {
		const n = first & 0x7f;
		if (n > 4) throw new DerError(pos - 1, l10n.t('length field of {0} bytes is too large', n));
		if (pos + n > limit) throw new DerError(pos - 1, l10n.t('truncated length field'));
		length = 0;
		for (let i = 0; i < n; i++) length = length * 256 + bytes[pos++]!;
	}
	const end = pos + length;
	if (end > limit) throw new DerError(offset, l10n.t('value of {0} bytes runs past the end of its container ({1} bytes available)', length, limit - pos));
	return { tag, tagClass, constructed, tagNumber, offset, start: pos, end, next: end, indefinite: false };
}

/**
 * Reads the TLV at `offset` without throwing.
 * @example tryReadTlv(der, 0).value?.tag === 0x30
 */
export function tryReadTlv(bytes: Uint8Array, offset = 0, limit = bytes.length): X509Result<Tlv | undefined> {
	try {
		return { value: readTlv(bytes, offset, limit), problems: [] };
	} catch (err) {
		return { value: undefined, problems: [problemFromCaught(err, offset, 'DER')] };
	}
}

/** The TLVs inside a constructed value. Throws DerError (internal use). */
export function children(bytes: Uint8Array, parent: Tlv): Tlv[] {
	const out: Tlv[] = [];
	for (let p = parent.start; p < parent.end; ) {
		const t = readTlv(bytes, p, parent.end);
		out.push(t);
		p = t.next;
	}
	return out;
}

/** Throws unless `tlv` has identifier octet `tag`. */
export function expectTag(tlv: Tlv | undefined, tag: number, what: string, at = 0): Tlv {
	if (!tlv) throw new DerError(at, `missing ${what}`);
	if (tlv.tag !== tag) throw new DerError(tlv.offset, l10n.t('{0}: expected tag 0x{1}, found 0x{2}', what, hex2(tag), hex2(tlv.tag)));
	return tlv;
}

/** Children of a SEQUENCE/SET after checking its tag. */
export function sequence(bytes: Uint8Array, tlv: Tlv | undefined, what: string, tag: number = Tag.SEQUENCE): Tlv[] {
	return children(bytes, expectTag(tlv, tag, what));
}

/** The content bytes (a view, not a copy). */
export function contentOf(bytes: Uint8Array, tlv: Tlv): Uint8Array {
	return bytes.subarray(tlv.start, tlv.end);
}

/** The whole encoding, header included (a view). */
export function encodingOf(bytes: Uint8Array, tlv: Tlv): Uint8Array {
	return bytes.subarray(tlv.offset, tlv.next);
}

/** Content of an OCTET STRING, joining the segments of a BER constructed one. */
export function octetString(bytes: Uint8Array, tlv: Tlv): Uint8Array {
	if (!tlv.constructed) return contentOf(bytes, tlv);
	return concatBytes(children(bytes, tlv).map((c) => octetString(bytes, c)));
}

const OID_CACHE = new Map<string, string>();

/** Dotted OID text of an OBJECT IDENTIFIER (numbers, switching to BigInt only for huge arcs; memoized). */
export function decodeOid(bytes: Uint8Array, tlv: Tlv): string {
	if (tlv.end === tlv.start) throw new DerError(tlv.offset, l10n.t('empty OBJECT IDENTIFIER'));
	const key = tlv.end - tlv.start <= 32 ? latin1(bytes.subarray(tlv.start, tlv.end)) : undefined;
	const cached = key === undefined ? undefined : OID_CACHE.get(key);
	if (cached !== undefined) return cached;
	const arcs: string[] = [];
	let value = 0n;
	let small = 0;
	let useBig = false;
	for (let p = tlv.start; p < tlv.end; p++) {
		const b = bytes[p]!;
		if (useBig) value = (value << 7n) | BigInt(b & 0x7f);
		else if (small >= 2 ** 45) {
			useBig = true;
			value = (BigInt(small) << 7n) | BigInt(b & 0x7f);
		} else small = small * 128 + (b & 0x7f);
		if (b & 0x80) {
			if (p + 1 === tlv.end) throw new DerError(p, l10n.t('truncated OBJECT IDENTIFIER'));
			continue;
		}
		if (arcs.length === 0) {
			if (useBig) arcs.push('2', String(value - 80n));
			else {
				const first = small < 40 ? 0 : small < 80 ? 1 : 2;
				arcs.push(String(first), String(small - first * 40));
			}
		} else arcs.push(useBig ? String(value) : String(small));
		small = 0;
		value = 0n;
		useBig = false;
	}
	const oid = arcs.join('.');
	if (key !== undefined && OID_CACHE.size < 4096) OID_CACHE.set(key, oid);
	return oid;
}

/** DER encoding of a dotted OID (content only); undefined when the text is not an OID. */
export function encodeOidContent(oid: string): Uint8Array | undefined {
	if (!/^[0-2](\.(0|[1-9]\d*))+$/.test(oid)) return undefined;
	const arcs = oid.split('.').map((a) => BigInt(a));
	if (arcs[0]! < 2n && arcs[1]! >= 40n) return undefined;
	const out: number[] = [];
	const values = [arcs[0]! * 40n + arcs[1]!, ...arcs.slice(2)];
	for (const v of values) {
		const chunk: number[] = [Number(v & 0x7fn)];
		for (let x = v >> 7n; x > 0n; x >>= 7n) chunk.unshift(Number(x & 0x7fn) | 0x80);
		out.push(...chunk);
	}
	return Uint8Array.from(out);
}

/** A TLV with a definite DER length around `content`. */
export function encodeTlv(tag: number, content: Uint8Array): Uint8Array {
	const len = content.length;
	const header: number[] = [tag];
	if (len < 0x80) header.push(len);
	else {
		const lb: number[] = [];
		for (let x = len; x > 0; x = Math.floor(x / 256)) lb.unshift(x & 0xff);
		header.push(0x80 | lb.length, ...lb);
	}
	const out = new Uint8Array(header.length + len);
	out.set(header);
	out.set(content, header.length);
	return out;
}

/** Non-negative INTEGER content as a number (throws if too large), e.g. versions and iteration counts. */
export function decodeSmallInteger(bytes: Uint8Array, tlv: Tlv): number {
	expectTag(tlv, Tag.INTEGER, 'INTEGER');
	const c = contentOf(bytes, tlv);
	if (c.length === 0) throw new DerError(tlv.offset, l10n.t('empty INTEGER'));
	if (c.length > 6 || (c[0]! & 0x80) !== 0) throw new DerError(tlv.offset, l10n.t('INTEGER out of range'));
	let n = 0;
	for (const b of c) n = n * 256 + b;
	return n;
}

/** BIT STRING content: the unused-bit count and the bytes after it. */
export function decodeBitString(bytes: Uint8Array, tlv: Tlv): { unusedBits: number; bytes: Uint8Array } {
	expectTag(tlv, Tag.BIT_STRING, 'BIT STRING');
	if (tlv.end === tlv.start) throw new DerError(tlv.offset, l10n.t('empty BIT STRING'));
	const unusedBits = bytes[tlv.start]!;
	if (unusedBits > 7) throw new DerError(tlv.start, l10n.t('BIT STRING with {0} unused bits', unusedBits));
	return { unusedBits, bytes: bytes.subarray(tlv.start + 1, tlv.end) };
}

/** UTCTime or GeneralizedTime as a Date (UTC). */
export function decodeTime(bytes: Uint8Array, tlv: Tlv): Date {
	const text = latin1(contentOf(bytes, tlv));
	const m =
		tlv.tag === Tag.UTC_TIME
			? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(Z|[+-]\d{4})$/.exec(text)
			: tlv.tag === Tag.GENERALIZED_TIME
				? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:\.\d+)?(Z|[+-]\d{4})$/.exec(text)
				: null;
	if (!m) throw new DerError(tlv.offset, l10n.t('not a valid time: tag 0x{0} "{1}"', hex2(tlv.tag), text.slice(0, 40)));
	let year = Number(m[1]);
	if (tlv.tag === Tag.UTC_TIME) year += year < 50 ? 2000 : 1900;
	let ms = Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
	if (m[7] !== 'Z') {
		const sign = m[7]!.startsWith('-') ? -1 : 1;
		ms -= sign * (Number(m[7]!.slice(1, 3)) * 60 + Number(m[7]!.slice(3, 5))) * 60000;
	}
	const d = new Date(ms);
	if (Number.isNaN(d.getTime()) || Number(m[2]) > 12 || Number(m[3]) > 31) throw new DerError(tlv.offset, l10n.t('not a valid date: "{0}"', text));
	return d;
}

/** Bytes as ISO-8859-1 text. */
export function latin1(bytes: Uint8Array): string {
	let s = '';
	for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode(...bytes.subarray(i, i + 8192));
	return s;
}

function hex2(n: number): string {
	return n.toString(16).padStart(2, '0');
}
