/**
 * Binary XML of `.evtx` chunks (MS-EVEN6 BinXml as the event log service writes it): the token stream,
 * template definitions (parsed once per chunk and cached), template instances and every substitution value type.
 * Offsets are chunk-relative, as the format's name and template references are.
 */
import * as l10n from '@vscode/l10n';
import type { EventNode } from './types';

/** Damage inside one record's binary XML; the caller turns it into a problem and goes on. */
export class BinXmlError extends Error {
	constructor(
		message: string,
		readonly offset: number,
	) {
		super(message);
	}
}

/** A substitution value: its type and where its bytes are in the chunk. */
interface Value {
	type: number;
	off: number;
	size: number;
}

type Part =
	| { k: 'text'; v: string }
	| { k: 'sub'; index: number; optional: boolean }
	| { k: 'el'; el: ElementPart }
	| { k: 'node'; node: EventNode };

interface ElementPart {
	name: string;
	attrs: { name: string; parts: Part[] }[];
	children: Part[];
}

const MAX_DEPTH = 48;
const utf16 = new TextDecoder('utf-16le');
const latin1 = new TextDecoder('latin1');
// eslint-disable-next-line no-control-regex
const TRAILING_NULS = /\u0000+$/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
/** Fixed sizes of the array-able value types (0 = variable). */
const FIXED: Record<number, number> = { 3: 1, 4: 1, 5: 2, 6: 2, 7: 4, 8: 4, 9: 8, 10: 8, 11: 4, 12: 8, 13: 4, 15: 16, 17: 8, 18: 16, 20: 4, 21: 8 };

/** Reads the binary XML of one chunk: holds the chunk's name and template caches. */
export class ChunkXml {
	private readonly view: DataView;
	private readonly names = new Map<number, string>();
	private readonly templates = new Map<number, ElementPart[]>();

	constructor(private readonly bytes: Uint8Array) {
		this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	}

	/** Reads the record's event (fragment header, template instance, end) between `start` and `end`. */
	readEvent(start: number, end: number): EventNode | undefined {
		const nodes = this.fragment(start, end, 0);
		return nodes.find((n) => n.name !== '') ?? nodes[0];
	}

	/** Parses a fragment outside template definitions (no dependency ids) and resolves it to nodes. */
	private fragment(start: number, end: number, depth: number): EventNode[] {
		if (depth > MAX_DEPTH) throw new BinXmlError(l10n.t('binary XML nested too deeply'), start);
		const cursor = { pos: start };
		const parts = this.content(cursor, end, false, depth, true);
		const out: EventNode[] = [];
		for (const p of parts) {
			if (p.k === 'node') out.push(p.node);
			else if (p.k === 'el') out.push(...this.instantiate(p.el, [], depth + 1));
		}
		return out;
	}

	private u8(pos: number, end: number): number {
		if (pos + 1 > end) throw new BinXmlError(l10n.t('binary XML ends inside a token'), pos);
		return this.bytes[pos];
	}

	private u16(pos: number, end: number): number {
		if (pos + 2 > end) throw new BinXmlError(l10n.t('binary XML ends inside a token'), pos);
		return this.view.getUint16(pos, true);
	}

	private u32(pos: number, end: number): number {
		if (pos + 4 > end) throw new BinXmlError(l10n.t('binary XML ends inside a token'), pos);
		return this.view.getUint32(pos, true);
	}

	/** A name at a chunk offset (cached); advances the cursor when the name is written inline right here. */
	private name(cursor: { pos: number }, end: number): string {
		const at = this.u32(cursor.pos, end);
		cursor.pos += 4;
		const cached = this.names.get(at);
		if (at === cursor.pos) {
			const count = this.u16(at + 6, end);
			cursor.pos = at + 10 + count * 2;
			if (cursor.pos > end) throw new BinXmlError(l10n.t('a name runs past the end of the record'), at);
		}
		if (cached !== undefined) return cached;
		const limit = this.bytes.length;
		if (at < 128 || at + 8 > limit) throw new BinXmlError(l10n.t('a name offset points outside the chunk ({0})', at), cursor.pos - 4);
		const count = this.view.getUint16(at + 6, true);
		if (at + 8 + count * 2 > limit) throw new BinXmlError(l10n.t('a name runs past the end of the chunk'), at);
		const text = utf16Text(this.bytes, at + 8, at + 8 + count * 2);
		this.names.set(at, text);
		return text;
	}

	/**
	 * Token stream until an end-element or end-of-fragment token (consumed) or `end`.
	 * `inTemplate`: elements carry the 2-byte dependency id (only inside template definitions).
	 */
	private content(cursor: { pos: number }, end: number, inTemplate: boolean, depth: number, top: boolean): Part[] {
		if (depth > MAX_DEPTH) throw new BinXmlError(l10n.t('binary XML nested too deeply'), cursor.pos);
		const parts: Part[] = [];
		while (cursor.pos < end) {
			const at = cursor.pos;
			const token = this.u8(at, end);
			switch (token) {
				case 0x00: // end of fragment
					cursor.pos++;
					return parts;
				case 0x04: // end element
					cursor.pos++;
					if (top) throw new BinXmlError(l10n.t('end-element token outside an element'), at);
					return parts;
				case 0x01:
				case 0x41:
					parts.push({ k: 'el', el: this.element(cursor, end, inTemplate, depth + 1) });
					break;
				case 0x0f: // fragment header: token, major, minor, flags
					cursor.pos += 4;
					break;
				case 0x0c:
					parts.push(...this.templateInstance(cursor, end, depth + 1));
					break;
				default: {
					const value = this.valuePart(cursor, end);
					if (!value) throw new BinXmlError(l10n.t('unexpected binary XML token 0x{0}', token.toString(16).padStart(2, '0')), at);
					parts.push(value);
				}
			}
		}
		if (!top) throw new BinXmlError(l10n.t('binary XML ends inside an element'), cursor.pos);
		return parts;
	}

	/** A text, character reference, entity reference, CDATA or substitution token; undefined for any other token. */
	private valuePart(cursor: { pos: number }, end: number): Part | undefined {
		const at = cursor.pos;
		const token = this.u8(at, end);
		switch (token & 0xbf) {
			case 0x05: {
				// value text: type (always string), character count, UTF-16
				const count = this.u16(at + 2, end);
				cursor.pos = at + 4 + count * 2;
				if (cursor.pos > end) throw new BinXmlError(l10n.t('a text value runs past the end of the record'), at);
				return { k: 'text', v: utf16Text(this.bytes, at + 4, cursor.pos) };
			}
			case 0x07: {
				const count = this.u16(at + 1, end);
				cursor.pos = at + 3 + count * 2;
				if (cursor.pos > end) throw new BinXmlError(l10n.t('a CDATA section runs past the end of the record'), at);
				return { k: 'text', v: utf16.decode(this.bytes.subarray(at + 3, cursor.pos)) };
			}
			case 0x08:
				cursor.pos = at + 3;
				return { k: 'text', v: String.fromCharCode(this.u16(at + 1, end)) };
			case 0x09: {
				cursor.pos = at + 1;
				const name = this.name(cursor, end);
				return { k: 'text', v: ENTITIES[name] ?? `&${name};` };
			}
			case 0x0d:
			case 0x0e:
				if (token !== 0x0d && token !== 0x0e) return undefined;
				cursor.pos = at + 4;
				return { k: 'sub', index: this.u16(at + 1, end), optional: token === 0x0e };
			case 0x0a: {
				// processing instruction target, then its data token (0x0b)
				if (token !== 0x0a) return undefined;
				cursor.pos = at + 1;
				this.name(cursor, end);
				if (this.u8(cursor.pos, end) === 0x0b) {
					const count = this.u16(cursor.pos + 1, end);
					cursor.pos += 3 + count * 2;
				}
				return { k: 'text', v: '' };
			}
			default:
				return undefined;
		}
	}

	private element(cursor: { pos: number }, end: number, inTemplate: boolean, depth: number): ElementPart {
		if (depth > MAX_DEPTH) throw new BinXmlError(l10n.t('binary XML nested too deeply'), cursor.pos);
		const at = cursor.pos;
		const hasAttributes = this.u8(at, end) === 0x41;
		cursor.pos = at + 1 + (inTemplate ? 2 : 0);
		const size = this.u32(cursor.pos, end);
		cursor.pos += 4;
		if (cursor.pos + size > end) throw new BinXmlError(l10n.t('an element\'s size ({0}) runs past the end of the record', size), at);
		const name = this.name(cursor, end);
		const el: ElementPart = { name, attrs: [], children: [] };
		if (hasAttributes) {
			cursor.pos += 4; // attribute list size
			while ((this.u8(cursor.pos, end) & 0xbf) === 0x06) {
				cursor.pos++;
				const attr = { name: this.name(cursor, end), parts: [] as Part[] };
				for (;;) {
					const t = this.u8(cursor.pos, end);
					if ((t & 0xbf) === 0x06 || t === 0x02 || t === 0x03) break;
					const part = this.valuePart(cursor, end);
					if (!part) throw new BinXmlError(l10n.t('unexpected token 0x{0} in the value of attribute {1}', t.toString(16).padStart(2, '0'), attr.name), cursor.pos);
					attr.parts.push(part);
				}
				el.attrs.push(attr);
			}
		}
		const close = this.u8(cursor.pos, end);
		cursor.pos++;
		if (close === 0x03) return el;
		if (close !== 0x02) throw new BinXmlError(l10n.t('element <{0}> is not closed by a close-start token (0x{1})', name, close.toString(16).padStart(2, '0')), cursor.pos - 1);
		el.children = this.content(cursor, end, inTemplate, depth, false);
		return el;
	}

	/** A template instance: the definition (inline the first time, cached by offset) and its substitution values. */
	private templateInstance(cursor: { pos: number }, end: number, depth: number): Part[] {
		const at = cursor.pos;
		const defOffset = this.u32(at + 6, end);
		cursor.pos = at + 10;
		const chunkEnd = this.bytes.length;
		if (defOffset < 512 || defOffset + 24 > chunkEnd) throw new BinXmlError(l10n.t('template definition offset {0} is outside the chunk', defOffset), at);
		const dataSize = this.view.getUint32(defOffset + 20, true);
		if (defOffset + 24 + dataSize > chunkEnd) throw new BinXmlError(l10n.t('template definition at {0} runs past the end of the chunk', defOffset), defOffset);
		if (defOffset === cursor.pos) cursor.pos = defOffset + 24 + dataSize;
		let def = this.templates.get(defOffset);
		if (!def) {
			const body = this.content({ pos: defOffset + 24 }, defOffset + 24 + dataSize, true, depth, true);
			def = body.filter((p): p is { k: 'el'; el: ElementPart } => p.k === 'el').map((p) => p.el);
			this.templates.set(defOffset, def);
		}
		const count = this.u32(cursor.pos, end);
		cursor.pos += 4;
		if (count * 4 > end - cursor.pos) throw new BinXmlError(l10n.t('template instance claims {0} values, more than the record holds', count), at);
		const values: Value[] = [];
		let valueAt = cursor.pos + count * 4;
		for (let i = 0; i < count; i++) {
			const size = this.view.getUint16(cursor.pos + i * 4, true);
			const type = this.bytes[cursor.pos + i * 4 + 2];
			values.push({ type, off: valueAt, size });
			valueAt += size;
		}
		if (valueAt > end) throw new BinXmlError(l10n.t('substitution values run past the end of the record'), cursor.pos);
		cursor.pos = valueAt;
		const out: Part[] = [];
		for (const el of def) for (const node of this.instantiate(el, values, depth + 1)) out.push({ k: 'node', node });
		return out;
	}

	/** An element with its substitutions filled in; an element whose content is an array value repeats once per item. */
	private instantiate(el: ElementPart, values: Value[], depth: number, item?: { index: number; text: string }): EventNode[] {
		if (depth > MAX_DEPTH) throw new BinXmlError(l10n.t('binary XML nested too deeply'), 0);
		if (!item) {
			for (const c of el.children) {
				if (c.k !== 'sub') continue;
				const v = values[c.index];
				if (v && v.type & 0x80) return (v.size === 0 ? [] : this.arrayItems(v)).map((text) => this.instantiate(el, values, depth, { index: c.index, text })[0]);
			}
			// An element whose whole content is substitutions that are all empty is left out (as libevtx and Event Viewer do).
			if (el.children.length > 0 && el.children.every((c) => c.k === 'sub' && c.optional && isEmpty(values[c.index]))) return [];
		}
		const node: EventNode = { name: el.name, attributes: {}, children: [], text: '' };
		for (const a of el.attrs) {
			if (a.parts.length === 1 && a.parts[0].k === 'sub') {
				const v = values[a.parts[0].index];
				if (!v || v.type === 0 || (a.parts[0].optional && v.size === 0)) continue;
			}
			let text = '';
			for (const p of a.parts) {
				if (p.k === 'text') text += p.v;
				else if (p.k === 'sub') text += this.valueText(values[p.index], depth);
			}
			node.attributes[a.name] = text;
		}
		for (const c of el.children) {
			if (c.k === 'text') node.text += c.v;
			else if (c.k === 'el') node.children.push(...this.instantiate(c.el, values, depth + 1));
			else if (c.k === 'node') node.children.push(c.node);
			else {
				if (item && item.index === c.index) {
					node.text += item.text;
					continue;
				}
				const v = values[c.index];
				if (!v || v.type === 0 || (c.optional && v.size === 0)) continue;
				if (v.type === 0x21) node.children.push(...this.fragment(v.off, v.off + v.size, depth + 1));
				else node.text += this.valueText(v, depth);
			}
		}
		return [node];
	}

	/** A value as text (Event Viewer's XML rendering). */
	private valueText(v: Value | undefined, depth: number): string {
		if (!v || v.size === 0) return '';
		if (v.type & 0x80) return this.arrayItems(v).join(', ');
		if (v.type === 0x21) return this.fragment(v.off, v.off + v.size, depth + 1).map(nodeText).join('');
		return scalarText(this.bytes, this.view, v.type, v.off, v.size);
	}

	private arrayItems(v: Value): string[] {
		const type = v.type & 0x7f;
		if (type === 0x01) {
			const s = utf16.decode(this.bytes.subarray(v.off, v.off + (v.size & ~1)));
			const items = s.split('\u0000');
			if (items.length > 1 && items[items.length - 1] === '') items.pop();
			return items;
		}
		if (type === 0x02) return latin1.decode(this.bytes.subarray(v.off, v.off + v.size)).split('\u0000').filter((x, i, a) => x !== '' || i < a.length - 1);
		const size = type === 0x10 ? (v.size % 8 === 0 ? 8 : 4) : FIXED[type];
		if (!size) return [toHexUpper(this.bytes.subarray(v.off, v.off + v.size))];
		const items: string[] = [];
		for (let o = v.off; o + size <= v.off + v.size; o += size) items.push(scalarText(this.bytes, this.view, type, o, size));
		return items;
	}
}

function isEmpty(v: Value | undefined): boolean {
	return !v || v.type === 0 || v.size === 0;
}

function nodeText(n: EventNode): string {
	return n.text + n.children.map(nodeText).join('');
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).toUpperCase().padStart(2, '0'));

function toHexUpper(bytes: Uint8Array): string {
	let s = '';
	for (let i = 0; i < bytes.length; i++) s += HEX[bytes[i]];
	return s;
}

/** UTF-16LE text; short strings (most values and names) without a TextDecoder call. */
function utf16Text(bytes: Uint8Array, start: number, end: number): string {
	if (end - start > 64) return utf16.decode(bytes.subarray(start, end));
	let s = '';
	for (let i = start; i + 1 < end; i += 2) {
		const c = bytes[i] | (bytes[i + 1] << 8);
		if (c >= 0xd800 && c <= 0xdfff) return utf16.decode(bytes.subarray(start, end));
		s += String.fromCharCode(c);
	}
	return s;
}

/** FILETIME (100 ns since 1601) as ISO 8601 with nine fraction digits, as Event Viewer (Windows 10 and later) writes SystemTime. */
export function fileTimeText(low: number, high: number): string {
	// 2^32 = 429 * 10^7 + 4967296: whole seconds and the 100 ns remainder without BigInt (exact while high < 1.8e9).
	if (high >= 1.8e9) return fileTimeBig(low, high);
	const rest = high * 4967296 + low;
	const seconds = high * 429 + Math.floor(rest / 1e7) - 11644473600;
	const frac = rest % 1e7;
	if (seconds !== lastSeconds) {
		const d = new Date(seconds * 1000);
		if (Number.isNaN(d.getTime())) return '';
		lastSeconds = seconds;
		lastPrefix = d.toISOString().slice(0, 19);
	}
	return `${lastPrefix}.${String(frac).padStart(7, '0')}00Z`;
}

/** The last second formatted (events come in time order: most timestamps share it with the one before). */
let lastSeconds = NaN;
let lastPrefix = '';

function fileTimeBig(low: number, high: number): string {
	const unix100ns = BigInt(high) * 4294967296n + BigInt(low) - 116444736000000000n;
	const d = new Date(Number(unix100ns / 10000n));
	if (Number.isNaN(d.getTime())) return '';
	const frac = unix100ns % 10000000n;
	return `${d.toISOString().slice(0, 19)}.${(frac < 0n ? frac + 10000000n : frac).toString().padStart(7, '0')}00Z`;
}

function scalarText(bytes: Uint8Array, view: DataView, type: number, off: number, size: number): string {
	const need = FIXED[type];
	if (need && size < need) return toHexUpper(bytes.subarray(off, off + size));
	switch (type) {
		case 0x01:
			return utf16Text(bytes, off, off + (size & ~1)).replace(TRAILING_NULS, '');
		case 0x02:
			return latin1.decode(bytes.subarray(off, off + size)).replace(TRAILING_NULS, '');
		case 0x03:
			return String(view.getInt8(off));
		case 0x04:
			return String(bytes[off]);
		case 0x05:
			return String(view.getInt16(off, true));
		case 0x06:
			return String(view.getUint16(off, true));
		case 0x07:
			return String(view.getInt32(off, true));
		case 0x08:
			return String(view.getUint32(off, true));
		case 0x09:
			return view.getBigInt64(off, true).toString();
		case 0x0a:
			return view.getBigUint64(off, true).toString();
		case 0x0b:
			return String(view.getFloat32(off, true));
		case 0x0c:
			return String(view.getFloat64(off, true));
		case 0x0d:
			return view.getUint32(off, true) !== 0 ? 'true' : 'false';
		case 0x0f: {
			const b = (i: number) => HEX[bytes[off + i]];
			return `{${b(3)}${b(2)}${b(1)}${b(0)}-${b(5)}${b(4)}-${b(7)}${b(6)}-${b(8)}${b(9)}-${b(10)}${b(11)}${b(12)}${b(13)}${b(14)}${b(15)}}`;
		}
		case 0x10:
			return size >= 8 ? `0x${view.getBigUint64(off, true).toString(16).padStart(16, '0')}` : size >= 4 ? `0x${view.getUint32(off, true).toString(16).padStart(8, '0')}` : toHexUpper(bytes.subarray(off, off + size));
		case 0x11:
			return fileTimeText(view.getUint32(off, true), view.getUint32(off + 4, true));
		case 0x12: {
			const f = (i: number) => view.getUint16(off + i * 2, true);
			const p = (n: number, w = 2) => String(n).padStart(w, '0');
			return `${p(f(0), 4)}-${p(f(1))}-${p(f(3))}T${p(f(4))}:${p(f(5))}:${p(f(6))}.${p(f(7), 3)}Z`;
		}
		case 0x13: {
			if (size < 8) return toHexUpper(bytes.subarray(off, off + size));
			const count = bytes[off + 1];
			let authority = 0;
			for (let i = 2; i < 8; i++) authority = authority * 256 + bytes[off + i];
			let s = `S-${bytes[off]}-${authority}`;
			for (let i = 0; i < count && off + 8 + i * 4 + 4 <= off + size; i++) s += `-${view.getUint32(off + 8 + i * 4, true)}`;
			return s;
		}
		case 0x14:
			return `0x${view.getUint32(off, true).toString(16).padStart(8, '0')}`;
		case 0x15:
			return `0x${view.getBigUint64(off, true).toString(16).padStart(16, '0')}`;
		default:
			return toHexUpper(bytes.subarray(off, off + size));
	}
}
