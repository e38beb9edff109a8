/**
 * Streaming gzip (RFC 1952) decoding for the capture reader, over fflate's synchronous `Gunzip`.
 *
 * Why not `DecompressionStream`: it is asynchronous, and the capture reader is a synchronous push parser
 * that must run the same in Node, a browser and a web worker. Node's zlib is not allowed in src/core.
 * fflate inflates (and handles concatenated members); this wrapper adds what it leaves out: a clear
 * "not gzip" at the start, each member's CRC-32 and length checked against its trailer, and a stream that
 * stops early reported with the compressed offset instead of an exception.
 */
import * as l10n from '@vscode/l10n';
import { Gunzip } from 'fflate';

/** Compressed bytes kept to find a member's 8-byte trailer when the next member starts. */
const KEEP = 1 << 16;
/** Input gathered before it goes to fflate. */
const BATCH = 1 << 14;

const CRC_TABLE = (() => {
	const t = new Int32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		t[n] = c;
	}
	return t;
})();

/**
 * Push-style gzip decoder: `push` compressed chunks, decompressed bytes go to `sink` (fresh arrays the
 * sink may keep). Several concatenated members are accepted. Never throws on bad input: the first
 * problem is kept in {@link GzipDecoder.error} and further input is ignored.
 */
export class GzipDecoder {
	/** The first problem found, with the offset in the compressed input; undefined while all is well. */
	error: { offset: number; message: string } | undefined;
	private readonly gunzip: Gunzip;
	private consumed = 0;
	private produced = 0;
	private memberStart = 0;
	private crc = -1;
	private head: Uint8Array = new Uint8Array(0);
	private checkedMagic = false;
	private readonly pending = new Uint8Array(BATCH);
	private pendingLen = 0;
	private readonly prevBuf = new Uint8Array(2 * KEEP);
	private prevLen = 0;
	private cur: Uint8Array = new Uint8Array(0);
	private done = false;

	constructor(private readonly sink: (bytes: Uint8Array) => void) {
		this.gunzip = new Gunzip((chunk) => this.output(chunk));
		this.gunzip.onmember = (offset) => this.memberEnd(offset - 8);
	}

	/** Feeds compressed bytes. */
	push(chunk: Uint8Array): void {
		if (this.error || this.done || chunk.length === 0) return;
		if (!this.checkedMagic) {
			const joined = new Uint8Array(this.head.length + chunk.length);
			joined.set(this.head);
			joined.set(chunk, this.head.length);
			if (joined.length < 3) {
				this.head = joined;
				return;
			}
			this.checkedMagic = true;
			this.head = new Uint8Array(0);
			if (joined[0] !== 0x1f || joined[1] !== 0x8b) return this.fail(0, l10n.t('not gzip data'));
			if (joined[2] !== 8) return this.fail(2, l10n.t('gzip compression method is not deflate'));
			chunk = joined;
		}
		if (this.pendingLen + chunk.length < BATCH) {
			// fflate copies its 32 KB window on every push: gather small chunks first.
			this.pending.set(chunk, this.pendingLen);
			this.pendingLen += chunk.length;
			return;
		}
		if (this.pendingLen) {
			const joined = new Uint8Array(this.pendingLen + chunk.length);
			joined.set(this.pending.subarray(0, this.pendingLen));
			joined.set(chunk, this.pendingLen);
			this.pendingLen = 0;
			chunk = joined;
		}
		this.step(chunk);
	}

	private step(chunk: Uint8Array): void {
		this.cur = chunk;
		this.feed(chunk, false);
		this.advance(chunk);
	}

	/** No more input: reports a stream that stops early, and checks the last member's trailer. */
	end(): void {
		if (this.error || this.done) return;
		this.done = true;
		if (!this.checkedMagic) return this.fail(0, this.head.length ? l10n.t('not gzip data (too short)') : l10n.t('gzip data ends early (0 bytes decompressed)'));
		if (this.pendingLen) {
			const rest = this.pending.slice(0, this.pendingLen);
			this.pendingLen = 0;
			this.step(rest);
			if (this.error) return;
		}
		this.feed(new Uint8Array(0), true);
		if (!this.error) this.memberEnd(this.consumed - 8);
	}

	private feed(chunk: Uint8Array, final: boolean): void {
		try {
			this.gunzip.push(chunk, final);
		} catch (e) {
			const m = e instanceof Error ? e.message : String(e);
			this.fail(this.consumed, /unexpected EOF/i.test(m) ? l10n.t('gzip data ends early ({0} bytes decompressed)', this.produced) : l10n.t('undecodable data ({0})', m));
		}
	}

	private output(chunk: Uint8Array): void {
		if (this.error) return;
		let c = this.crc;
		for (let i = 0; i < chunk.length; i++) c = CRC_TABLE[(c ^ chunk[i]!) & 0xff]! ^ (c >>> 8);
		this.crc = c;
		this.produced += chunk.length;
		if (chunk.length) this.sink(chunk);
	}

	/** A member ended with its trailer at compressed offset `at`: check CRC-32 and ISIZE when the bytes are still kept. */
	private memberEnd(at: number): void {
		const b = (k: number): number => this.byteAt(at + k);
		if (b(0) >= 0 && b(7) >= 0) {
			const crc = (b(0) | (b(1) << 8) | (b(2) << 16) | (b(3) << 24)) >>> 0;
			const size = (b(4) | (b(5) << 8) | (b(6) << 16) | (b(7) << 24)) >>> 0;
			if (crc !== (this.crc ^ -1) >>> 0) this.fail(at, l10n.t('gzip CRC-32 mismatch'));
			else if (size !== (this.produced - this.memberStart) >>> 0) this.fail(at + 4, l10n.t('gzip length mismatch'));
		}
		this.crc = -1;
		this.memberStart = this.produced;
	}

	/** The compressed byte at `offset` if still kept (the chunk being fed, or the last {@link KEEP} bytes before it), else -1. */
	private byteAt(offset: number): number {
		if (offset >= this.consumed) return offset - this.consumed < this.cur.length ? this.cur[offset - this.consumed]! : -1;
		const i = offset - (this.consumed - this.prevLen);
		return i >= 0 ? this.prevBuf[i]! : -1;
	}

	/** After a chunk was fed: keep its last bytes (with the earlier ones) for {@link byteAt}; amortised O(chunk). */
	private advance(chunk: Uint8Array): void {
		this.consumed += chunk.length;
		this.cur = new Uint8Array(0);
		if (chunk.length >= KEEP) {
			this.prevBuf.set(chunk.subarray(chunk.length - KEEP));
			this.prevLen = KEEP;
			return;
		}
		if (this.prevLen + chunk.length > this.prevBuf.length) {
			const keep = Math.min(this.prevLen, KEEP);
			this.prevBuf.copyWithin(0, this.prevLen - keep, this.prevLen);
			this.prevLen = keep;
		}
		this.prevBuf.set(chunk, this.prevLen);
		this.prevLen += chunk.length;
	}

	private fail(offset: number, message: string): void {
		this.error ??= { offset, message };
	}
}
