/**
 * Event Viewer exports, read as a stream: "Save as XML" / `wevtutil qe /f:xml` (one `<Events>` document or bare
 * `<Event>` elements, UTF-8 or UTF-16), and "Save as CSV" / "Save as Text" (tab-separated) with the English or
 * German column headers.
 */
import { eventFromXml } from './evtx';
import type { EventNode, EventProblem, EventRecord } from './types';

export interface ExportReaderOptions {
	onEvent(event: EventRecord): void;
	onProblem(problem: EventProblem): void;
}

type Decoder = { decode(input?: Uint8Array, options?: { stream?: boolean }): string };

/** Picks the decoder from a byte-order mark (or UTF-16 without one: a zero second byte). */
function decoderFor(first: Uint8Array): { decoder: Decoder; bytesPerUnit: number; bom: number } {
	if (first[0] === 0xff && first[1] === 0xfe) return { decoder: new TextDecoder('utf-16le'), bytesPerUnit: 2, bom: 2 };
	if (first[0] === 0xfe && first[1] === 0xff) return { decoder: new TextDecoder('utf-16be'), bytesPerUnit: 2, bom: 2 };
	if (first.length >= 2 && first[0] !== 0 && first[1] === 0) return { decoder: new TextDecoder('utf-16le'), bytesPerUnit: 2, bom: 0 };
	return { decoder: new TextDecoder('utf-8'), bytesPerUnit: 0, bom: first[0] === 0xef && first[1] === 0xbb && first[2] === 0xbf ? 3 : 0 };
}

/** UTF-8 byte length of a string (for byte offsets in problems). */
function utf8Length(s: string, from = 0, to = s.length): number {
	let n = 0;
	for (let i = from; i < to; i++) {
		const c = s.charCodeAt(i);
		if (c < 0x80) n += 1;
		else if (c < 0x800) n += 2;
		else if (c >= 0xd800 && c <= 0xdbff) {
			n += 4;
			i++;
		} else n += 3;
	}
	return n;
}

/** Text decoded chunk by chunk, with byte offsets of consumed text kept exact. */
abstract class TextStream {
	private decoding: { decoder: Decoder; bytesPerUnit: number; bom: number } | undefined;
	private pending = new Uint8Array(0);
	protected text = '';
	/** Byte offset of `text[0]` in the file. */
	protected textBase = 0;
	protected problemCount = 0;
	protected eventCount = 0;
	/** Bytes pushed so far (offsets are clamped to it: invalid UTF-8 decodes to U+FFFD, which is 3 bytes long). */
	private bytesIn = 0;

	constructor(protected readonly options: ExportReaderOptions) {}

	push(bytes: Uint8Array): void {
		this.bytesIn += bytes.length;
		if (!this.decoding) {
			const joined = new Uint8Array(this.pending.length + bytes.length);
			joined.set(this.pending);
			joined.set(bytes, this.pending.length);
			if (joined.length < 4) {
				this.pending = joined;
				return;
			}
			this.pending = new Uint8Array(0);
			this.decoding = decoderFor(joined);
			this.textBase = this.decoding.bom;
			this.text += this.decoding.decoder.decode(joined.subarray(this.decoding.bom), { stream: true });
		} else this.text += this.decoding.decoder.decode(bytes, { stream: true });
		this.consume(false);
	}

	end(): { records: number; problems: number } {
		if (!this.decoding && this.pending.length) {
			this.decoding = decoderFor(this.pending);
			this.text += this.decoding.decoder.decode(this.pending.subarray(this.decoding.bom));
		} else if (this.decoding) this.text += this.decoding.decoder.decode();
		this.consume(true);
		return { records: this.eventCount, problems: this.problemCount };
	}

	/** Byte offset in the file of `text[index]`. */
	protected byteAt(index: number): number {
		const d = this.decoding;
		return this.textBase + (d && d.bytesPerUnit ? index * d.bytesPerUnit : utf8Length(this.text, 0, index));
	}

	/** Drops the first `count` characters of the buffer. */
	protected drop(count: number): void {
		this.textBase = this.byteAt(count);
		this.text = this.text.slice(count);
	}

	protected problem(offset: number | null, message: string, record?: number): void {
		this.problemCount++;
		if (offset !== null) offset = Math.min(offset, this.bytesIn);
		this.options.onProblem(record === undefined ? { offset, message } : { offset, record, message });
	}

	protected emit(event: EventRecord): void {
		this.eventCount++;
		this.options.onEvent(event);
	}

	protected abstract consume(final: boolean): void;
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(s: string): string {
	if (!s.includes('&')) return s;
	return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (m, e: string) => {
		if (e[0] === '#') {
			const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
			return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
		}
		return XML_ENTITIES[e] ?? m;
	});
}

const NAME = /^[A-Za-z_:][-A-Za-z0-9_:.]*/;
const ATTR = /\s*([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/y;
/** Largest `<Event>` element kept while waiting for its end (a bigger one is damage, not an event). */
const MAX_EVENT_CHARS = 16 << 20;

/** Local name of a possibly prefixed XML name. */
function local(name: string): string {
	const i = name.indexOf(':');
	return i < 0 ? name : name.slice(i + 1);
}

/** Reads `<Event>` elements from an XML export as they complete. */
export class XmlExportReader extends TextStream {
	private row = 0;

	protected consume(final: boolean): void {
		for (;;) {
			const start = findEventStart(this.text);
			if (start < 0) {
				// Keep a tail that could hold the start of "<Event".
				const keep = Math.min(this.text.length, 16);
				if (final) {
					if (this.eventCount === 0 && this.text.trim() !== '' && !/<Events\b/.test(this.text)) this.problem(this.byteAt(0), 'no <Event> element found');
					this.drop(this.text.length);
				} else this.drop(this.text.length - keep);
				return;
			}
			if (start > 0) this.drop(start);
			const parsed = parseElement(this.text, 0);
			if (parsed.kind === 'incomplete') {
				if (!final && this.text.length < MAX_EVENT_CHARS) return;
				this.problem(this.byteAt(0), final ? 'the file ends inside an <Event> element' : `an <Event> element is longer than ${MAX_EVENT_CHARS} characters: skipped`);
				this.drop(6);
				continue;
			}
			this.row++;
			if (parsed.kind === 'error') {
				this.problem(this.byteAt(parsed.at), `event ${this.row}: ${parsed.message}`);
				this.drop(Math.max(6, parsed.at));
				continue;
			}
			const event = eventFromXml(parsed.node, this.row);
			const rendered = parsed.node.children.find((c) => c.name === 'RenderingInfo')?.children.find((c) => c.name === 'Message')?.text;
			this.emit(rendered ? { ...event, message: rendered } : event);
			this.drop(parsed.end);
		}
	}
}

/** Index of the next `<Event` start tag (not `<Events`), or -1. */
function findEventStart(text: string): number {
	const re = /<(?:[A-Za-z_][-\w.]*:)?Event[\s>/]/g;
	const m = re.exec(text);
	return m ? m.index : -1;
}

type Parsed = { kind: 'ok'; node: EventNode; end: number } | { kind: 'incomplete' } | { kind: 'error'; message: string; at: number };

/** Parses one element (with its subtree) starting at `text[at] === '<'`. */
function parseElement(text: string, at: number): Parsed {
	const stack: EventNode[] = [];
	let pos = at;
	let root: EventNode | undefined;
	while (pos < text.length) {
		if (text[pos] !== '<') {
			const next = text.indexOf('<', pos);
			if (next < 0) return { kind: 'incomplete' };
			if (stack.length) stack[stack.length - 1].text += decodeEntities(text.slice(pos, next));
			pos = next;
			continue;
		}
		if (text.startsWith('<!--', pos)) {
			const e = text.indexOf('-->', pos + 4);
			if (e < 0) return { kind: 'incomplete' };
			pos = e + 3;
			continue;
		}
		if (text.startsWith('<![CDATA[', pos)) {
			const e = text.indexOf(']]>', pos + 9);
			if (e < 0) return { kind: 'incomplete' };
			if (stack.length) stack[stack.length - 1].text += text.slice(pos + 9, e);
			pos = e + 3;
			continue;
		}
		if (text[pos + 1] === '?' || text[pos + 1] === '!') {
			const e = text.indexOf('>', pos);
			if (e < 0) return { kind: 'incomplete' };
			pos = e + 1;
			continue;
		}
		if (text[pos + 1] === '/') {
			const e = text.indexOf('>', pos);
			if (e < 0) return { kind: 'incomplete' };
			const name = local(text.slice(pos + 2, e).trim());
			const open = stack.pop();
			if (!open) return { kind: 'error', message: `unexpected </${name}>`, at: pos };
			if (open.name !== name) return { kind: 'error', message: `<${open.name}> closed by </${name}>`, at: pos };
			pos = e + 1;
			if (open.children.length && open.text.trim() === '') open.text = '';
			if (stack.length === 0) return { kind: 'ok', node: open, end: pos };
			continue;
		}
		const m = NAME.exec(text.slice(pos + 1, pos + 257));
		if (!m) {
			if (text.length - pos < 2) return { kind: 'incomplete' };
			return { kind: 'error', message: 'a "<" that starts no tag', at: pos };
		}
		const node: EventNode = { name: local(m[0]), attributes: {}, children: [], text: '' };
		let p = pos + 1 + m[0].length;
		for (;;) {
			ATTR.lastIndex = p;
			const a = ATTR.exec(text);
			if (!a) break;
			if (!a[1].startsWith('xmlns')) node.attributes[local(a[1])] = decodeEntities(a[2] ?? a[3] ?? '');
			p = ATTR.lastIndex;
		}
		while (p < text.length && /\s/.test(text[p])) p++;
		if (p >= text.length - 1 && !(text[p] === '>')) return { kind: 'incomplete' };
		const selfClose = text[p] === '/' && text[p + 1] === '>';
		if (!selfClose && text[p] !== '>') {
			if (text.indexOf('>', p) < 0) return { kind: 'incomplete' };
			return { kind: 'error', message: `malformed start tag <${node.name}>`, at: p };
		}
		if (stack.length) stack[stack.length - 1].children.push(node);
		else root = node;
		pos = p + (selfClose ? 2 : 1);
		if (selfClose) {
			if (stack.length === 0) return { kind: 'ok', node, end: pos };
		} else stack.push(node);
		if (stack.length > 256) return { kind: 'error', message: 'elements nested more than 256 deep', at: pos };
	}
	void root;
	return { kind: 'incomplete' };
}

/** Column headers of Event Viewer's CSV/TXT exports, by language. */
const HEADERS: Record<string, { level: string; time: string; source: string; id: string; task: string }> = {
	en: { level: 'Level', time: 'Date and Time', source: 'Source', id: 'Event ID', task: 'Task Category' },
	de: { level: 'Ebene', time: 'Datum und Uhrzeit', source: 'Quelle', id: 'Ereignis-ID', task: 'Aufgabenkategorie' },
};

const LEVELS: Record<string, number> = {
	critical: 1, error: 2, warning: 3, information: 4, verbose: 5, 'audit success': 0, 'audit failure': 0,
	kritisch: 1, fehler: 2, warnung: 3, informationen: 4, information_de: 4, ausführlich: 5, überwachung_erfolgreich: 0,
};

/** Splits delimited text into rows of fields (RFC 4180 quoting; fields may hold newlines); returns rows and the index after the last full row. */
function splitRows(text: string, sep: string, final: boolean): { rows: { fields: string[]; at: number }[]; used: number } {
	const rows: { fields: string[]; at: number }[] = [];
	let fields: string[] = [];
	let field = '';
	let quoted = false;
	let rowStart = 0;
	let used = 0;
	let i = 0;
	let fieldStart = true;
	while (i < text.length) {
		const c = text[i];
		if (quoted) {
			if (c === '"') {
				if (text[i + 1] === '"') {
					field += '"';
					i += 2;
					continue;
				}
				if (i + 1 >= text.length && !final) break;
				quoted = false;
				i++;
				continue;
			}
			field += c;
			i++;
			continue;
		}
		if (c === '"' && fieldStart) {
			quoted = true;
			fieldStart = false;
			i++;
			continue;
		}
		if (c === sep) {
			fields.push(field);
			field = '';
			fieldStart = true;
			i++;
			continue;
		}
		if (c === '\r' || c === '\n') {
			if (c === '\r' && i + 1 >= text.length && !final) break;
			fields.push(field);
			if (fields.some((f) => f !== '')) rows.push({ fields, at: rowStart });
			fields = [];
			field = '';
			fieldStart = true;
			i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
			used = i;
			rowStart = i;
			continue;
		}
		field += c;
		fieldStart = false;
		i++;
	}
	if (final && !quoted && (field !== '' || fields.length)) {
		fields.push(field);
		rows.push({ fields, at: rowStart });
		used = text.length;
	} else if (final && quoted) {
		fields.push(field);
		rows.push({ fields, at: rowStart });
		used = text.length;
	}
	return { rows, used };
}

/** "5/19/2017 2:02:36 AM" (en-US) or "19.05.2017 02:02:36" (de-DE) as local ISO time without a zone; '' when unknown. */
export function exportTime(text: string): string {
	const p = (n: string | number) => String(n).padStart(2, '0');
	let m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s+(\d{1,2}):(\d{2}):(\d{2})\s*(AM|PM)?\s*$/i.exec(text);
	if (m) {
		let h = Number(m[4]);
		if (m[7]) h = (h % 12) + (m[7].toUpperCase() === 'PM' ? 12 : 0);
		return `${m[3]}-${p(m[1])}-${p(m[2])}T${p(h)}:${m[5]}:${m[6]}`;
	}
	m = /^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s+(\d{1,2}):(\d{2}):(\d{2})\s*$/.exec(text);
	if (m) return `${m[3]}-${p(m[2])}-${p(m[1])}T${p(m[4])}:${m[5]}:${m[6]}`;
	m = /^\s*(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(text);
	if (m) return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}`;
	return '';
}

/** Reads Event Viewer's "Save as CSV" (`sep` ',') or "Save as Text" (`sep` '\t') exports. */
export class DelimitedExportReader extends TextStream {
	private columns: { level: number; time: number; source: number; id: number; task: number; message: number } | undefined;
	private row = 0;

	constructor(
		options: ExportReaderOptions,
		private readonly sep: ',' | '\t',
	) {
		super(options);
	}

	protected consume(final: boolean): void {
		const { rows, used } = splitRows(this.text, this.sep, final);
		for (const r of rows) this.rowOut(r.fields, r.at);
		if (used > 0) this.drop(used);
		if (final && !this.columns) this.problem(0, `no header row with the Event Viewer columns (${Object.values(HEADERS).map((h) => `"${h.level}${this.sep === '\t' ? '\\t' : ','}${h.time}…"`).join(' or ')})`);
	}

	private rowOut(fields: string[], at: number): void {
		if (!this.columns) {
			const names = fields.map((f) => f.trim().replace(/^\ufeff/, ''));
			for (const h of Object.values(HEADERS)) {
				const idx = (n: string) => names.indexOf(n);
				if (idx(h.level) >= 0 && idx(h.id) >= 0 && idx(h.source) >= 0) {
					const last = Math.max(idx(h.level), idx(h.time), idx(h.source), idx(h.id), idx(h.task));
					this.columns = { level: idx(h.level), time: idx(h.time), source: idx(h.source), id: idx(h.id), task: idx(h.task), message: last + 1 };
					return;
				}
			}
			return; // text before the header row
		}
		this.row++;
		const c = this.columns;
		const id = Number(fields[c.id]?.trim());
		if (!Number.isInteger(id)) {
			this.problem(this.byteAt(at), `row ${this.row}: the event id "${fields[c.id] ?? ''}" is not a number`);
			return;
		}
		const levelText = (fields[c.level] ?? '').trim().toLowerCase();
		const message = fields.slice(c.message).join(this.sep).trim();
		this.emit({
			record: this.row,
			time: exportTime(fields[c.time] ?? ''),
			provider: (fields[c.source] ?? '').trim(),
			id,
			level: LEVELS[levelText] ?? 0,
			channel: '',
			computer: '',
			data: message ? { name: 'Message', attributes: {}, children: [], text: message } : null,
			...(message ? { message } : {}),
		});
	}
}
