/**
 * A streaming `.evtx` reader: push bytes in any slices, get events and problems through callbacks. It holds one
 * 64 KiB chunk at a time, checks the file header's and each chunk's CRC32s, skips chunks it cannot read, names
 * every damage with its byte offset and goes on.
 */
import * as l10n from '@vscode/l10n';
import { BinXmlError, ChunkXml } from './binxml';
import { crc32 } from './crc32';
import type { EventNode, EventProblem, EventRecord } from './types';

const HEADER_SIZE = 4096;
const CHUNK_SIZE = 65536;
const FILE_MAGIC = [0x45, 0x6c, 0x66, 0x46, 0x69, 0x6c, 0x65, 0x00]; // "ElfFile\0"
const CHUNK_MAGIC = [0x45, 0x6c, 0x66, 0x43, 0x68, 0x6e, 0x6b, 0x00]; // "ElfChnk\0"

/** What the file header says (null fields when the header is unreadable). */
export interface EvtxHeaderInfo {
	/** Chunks the header counts (a "dirty" file's header can be stale: fewer than the file holds). */
	chunkCount: number | null;
	nextRecord: number | null;
	/** Flag 1: the log was not closed cleanly. */
	dirty: boolean;
	/** Flag 2: the log is full. */
	full: boolean;
	version: string | null;
}

/** Totals after `end()`. */
export interface EvtxSummary {
	header: EvtxHeaderInfo;
	/** Chunks with the chunk magic that were read. */
	chunks: number;
	records: number;
	problems: number;
	bytes: number;
}

export interface EvtxReaderOptions {
	onEvent(event: EventRecord): void;
	onProblem(problem: EventProblem): void;
}

/** True when the bytes start with the `.evtx` file magic. */
export function isEvtx(bytes: Uint8Array): boolean {
	return FILE_MAGIC.every((b, i) => bytes[i] === b);
}

/** The streaming reader. `push` never throws on bad input; `end` reports a cut-off final chunk. */
export class EvtxReader {
	private readonly buf = new Uint8Array(CHUNK_SIZE);
	private filled = 0;
	/** File offset of `buf[0]`. */
	private base = 0;
	private inHeader = true;
	private header: EvtxHeaderInfo = { chunkCount: null, nextRecord: null, dirty: false, full: false, version: null };
	private chunks = 0;
	private records = 0;
	private problems = 0;
	private chunkIndex = 0;
	private lastGoodChunk = -1;
	private readonly zeroed: { index: number; offset: number }[] = [];
	private ended = false;

	constructor(private readonly options: EvtxReaderOptions) {}

	/** Feeds the next bytes of the file. The reader copies what it keeps. */
	push(bytes: Uint8Array): void {
		let at = 0;
		while (at < bytes.length) {
			const want = (this.inHeader ? HEADER_SIZE : CHUNK_SIZE) - this.filled;
			const n = Math.min(want, bytes.length - at);
			this.buf.set(bytes.subarray(at, at + n), this.filled);
			this.filled += n;
			at += n;
			if (this.filled === (this.inHeader ? HEADER_SIZE : CHUNK_SIZE)) this.flush(this.filled);
		}
	}

	/** No more bytes: reads what is left of a cut-off chunk and reports the damage found on the way. */
	end(): EvtxSummary {
		if (!this.ended) {
			this.ended = true;
			if (this.inHeader) {
				if (this.filled > 0 || this.base === 0) this.problem(this.filled, l10n.t('the file ends inside the {0}-byte file header ({1} bytes)', HEADER_SIZE, this.filled));
				if (this.filled >= 128) this.readHeader();
			} else if (this.filled > 0) {
				this.problem(this.base + this.filled, l10n.t('the file ends inside chunk {0} ({1} of {2} bytes, chunk at offset {3}); records that are complete are still read', this.chunkIndex, this.filled, CHUNK_SIZE, this.base));
				this.flush(this.filled);
			}
			for (const z of this.zeroed) if (z.index < this.lastGoodChunk) this.problem(z.offset, l10n.t('chunk {0} is all zero bytes (no chunk magic): skipped', z.index));
			const count = this.header.chunkCount;
			if (count !== null && this.lastGoodChunk + 1 > count) {
				this.problem(42, l10n.t('the file header is stale: it counts {0} chunks, the file holds {1}{2}; all were read', count, this.lastGoodChunk + 1, this.header.dirty ? l10n.t(' (dirty flag set: the log was not closed cleanly)') : ''));
			}
		}
		return { header: this.header, chunks: this.chunks, records: this.records, problems: this.problems, bytes: this.base + this.filled };
	}

	private problem(offset: number | null, message: string, record?: number): void {
		this.problems++;
		this.options.onProblem(record === undefined ? { offset, message } : { offset, record, message });
	}

	private flush(length: number): void {
		if (this.inHeader) {
			this.readHeader();
			this.inHeader = false;
		} else {
			this.readChunk(length);
			this.chunkIndex++;
		}
		this.base += length;
		this.filled = 0;
	}

	private readHeader(): void {
		const b = this.buf;
		const v = new DataView(b.buffer, 0, 128);
		if (!FILE_MAGIC.every((x, i) => b[i] === x)) {
			this.problem(0, l10n.t('no "ElfFile" magic at offset 0: the file header is damaged; chunks are still read'));
			return;
		}
		const stored = v.getUint32(124, true);
		const computed = crc32(b, 0, 120);
		if (stored !== computed) this.problem(124, l10n.t('file header CRC32 mismatch (stored 0x{0}, computed 0x{1})', hex8(stored), hex8(computed)));
		const flags = v.getUint32(120, true);
		this.header = {
			chunkCount: v.getUint16(42, true),
			nextRecord: Number(v.getBigUint64(24, true)),
			dirty: (flags & 1) !== 0,
			full: (flags & 2) !== 0,
			version: `${v.getUint16(38, true)}.${v.getUint16(36, true)}`,
		};
	}

	private readChunk(length: number): void {
		const b = this.buf.subarray(0, length);
		const offset = this.base;
		const index = this.chunkIndex;
		if (!CHUNK_MAGIC.every((x, i) => b[i] === x)) {
			if (b.every((x) => x === 0)) this.zeroed.push({ index, offset });
			else this.problem(offset, l10n.t('chunk {0}: no "ElfChnk" magic: skipped', index));
			return;
		}
		if (length < 512) {
			this.problem(offset, l10n.t('chunk {0}: only {1} bytes, less than its 512-byte header: skipped', index, length));
			return;
		}
		this.chunks++;
		this.lastGoodChunk = index;
		const v = new DataView(b.buffer, b.byteOffset, length);
		const headerCrc = crc32(b, 128, 512, crc32(b, 0, 120));
		if (headerCrc !== v.getUint32(124, true)) this.problem(offset + 124, l10n.t('chunk {0}: header CRC32 mismatch (stored 0x{1}, computed 0x{2}); its records are still read', index, hex8(v.getUint32(124, true)), hex8(headerCrc)));
		const free = v.getUint32(48, true);
		const limit = free >= 512 && free <= CHUNK_SIZE ? Math.min(free, length) : length;
		if (free < 512 || free > CHUNK_SIZE) this.problem(offset + 48, l10n.t('chunk {0}: free-space offset {1} is outside the chunk', index, free));
		else if (free <= length) {
			const dataCrc = crc32(b, 512, free);
			if (dataCrc !== v.getUint32(52, true)) this.problem(offset + 52, l10n.t('chunk {0}: event records CRC32 mismatch (stored 0x{1}, computed 0x{2}); its records are still read', index, hex8(v.getUint32(52, true)), hex8(dataCrc)));
		}
		const xml = new ChunkXml(b);
		let pos = 512;
		while (pos + 28 <= limit) {
			if (v.getUint32(pos, true) !== 0x00002a2a) {
				this.problem(offset + pos, l10n.t('chunk {0}: no record magic at offset {1}: the rest of the chunk is skipped', index, offset + pos));
				return;
			}
			const size = v.getUint32(pos + 4, true);
			const id = Number(v.getBigUint64(pos + 8, true));
			if (size < 28 || pos + size > length) {
				this.problem(offset + pos + 4, l10n.t('record {0}: size {1} runs past the end of chunk {2}: the rest of the chunk is skipped', id, size, index), id);
				return;
			}
			if (v.getUint32(pos + size - 4, true) !== size) this.problem(offset + pos + size - 4, l10n.t('record {0}: the size copy at its end does not match ({1} vs {2})', id, v.getUint32(pos + size - 4, true), size), id);
			try {
				const root = xml.readEvent(pos + 24, pos + size - 4);
				if (!root) this.problem(offset + pos + 24, l10n.t('record {0}: no event in its binary XML', id), id);
				else {
					this.records++;
					this.options.onEvent(eventFromXml(root, id));
				}
			} catch (err) {
				if (!(err instanceof BinXmlError) && !(err instanceof RangeError)) throw err;
				const at = err instanceof BinXmlError && err.offset > 0 ? offset + err.offset : offset + pos;
				this.problem(at, l10n.t('record {0}: {1}', id, err.message), id);
			}
			pos += size;
		}
	}
}

function hex8(n: number): string {
	return n.toString(16).padStart(8, '0');
}

function child(node: EventNode | undefined, name: string): EventNode | undefined {
	return node?.children.find((c) => c.name === name);
}

/** System fields of an `<Event>` element, plus its EventData or UserData as the data tree. */
export function eventFromXml(root: EventNode, fallbackRecord: number): EventRecord {
	const system = child(root, 'System');
	const provider = child(system, 'Provider');
	const num = (s: string | undefined, d: number) => {
		const n = s === undefined || s.trim() === '' ? NaN : Number(s.trim());
		return Number.isFinite(n) ? n : d;
	};
	return {
		record: num(child(system, 'EventRecordID')?.text, fallbackRecord),
		time: child(system, 'TimeCreated')?.attributes.SystemTime ?? '',
		provider: provider?.attributes.Name ?? provider?.attributes.EventSourceName ?? '',
		id: num(child(system, 'EventID')?.text, 0),
		level: num(child(system, 'Level')?.text, 0),
		channel: child(system, 'Channel')?.text ?? '',
		computer: child(system, 'Computer')?.text ?? '',
		data: child(root, 'EventData') ?? child(root, 'UserData') ?? null,
	};
}

/** Reads a whole `.evtx` held in memory (tests, small files): every event and problem. */
export function readEvtx(bytes: Uint8Array): { events: EventRecord[]; problems: EventProblem[]; summary: EvtxSummary } {
	const events: EventRecord[] = [];
	const problems: EventProblem[] = [];
	const reader = new EvtxReader({ onEvent: (e) => events.push(e), onProblem: (p) => problems.push(p) });
	reader.push(bytes);
	return { events, problems, summary: reader.end() };
}
