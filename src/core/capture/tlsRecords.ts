/**
 * TLS record layer for one direction of a TCP stream: finds where TLS starts (any port, STARTTLS,
 * mid-stream), cuts records, reassembles handshake messages across records, and skips bulk data
 * without copying it.
 */
import * as l10n from '@vscode/l10n';
import { BufferPool } from './bufferPool';
import { detectOpenVpn, OpenVpnUnwrapper } from './openvpn';
import type { StreamSink } from './tcp';

/** What a direction reports to its connection. */
export interface RecordEvents {
	/** A complete record whose body the connection asked for (or every non-application record); `body` is only valid during the call. */
	record(dir: number, type: number, version: number, body: Uint8Array, header: Uint8Array, frame: number): void;
	/** An application-data record the connection did not ask to see. */
	skipped(dir: number, type: number, length: number, frame: number): void;
	/** Whether the connection wants the body of an application-data record of this length. */
	wantsBody(dir: number, type: number, length: number): boolean;
	/** An SSLv2-compatible ClientHello (its whole message, 2-byte header stripped). */
	sslv2Hello(dir: number, body: Uint8Array, frame: number): void;
	problem(frame: number, message: string): void;
	/** Bytes were lost in the middle of something the connection needed. */
	damaged(dir: number, frame: number): void;
	/** Whether the other direction has already started TLS (relaxes detection). */
	peerStarted(dir: number): boolean;
}

const MAX_RECORD = 16384 + 2048 + 256;
const GIVE_UP_SCAN = 1 << 20;
/** Buffers for records split across segments, shared by every direction (taken while a record is incomplete). */
const recordBuffers = new BufferPool(MAX_RECORD);

type Mode = 'detect' | 'records' | 'off';

const EMPTY = new Uint8Array(0);
/** The header of the record being handed out (filled just before the call; readers keep theirs as numbers, so no typed array per direction). */
const HEADER = new Uint8Array(5);

/** Writes a TLS record header (type, version, length: 5 bytes) into `out` at `at`; returns `out`. */
export function putRecordHeader(out: Uint8Array, at: number, type: number, version: number, length: number): Uint8Array {
	out[at] = type;
	out[at + 1] = version >> 8;
	out[at + 2] = version & 0xff;
	out[at + 3] = length >> 8;
	out[at + 4] = length & 0xff;
	return out;
}

function headerBytes(type: number, version: number, length: number): Uint8Array {
	return putRecordHeader(HEADER, 0, type, version, length);
}

/** Record reader for one direction. */
export class TlsRecordReader implements StreamSink {
	mode: Mode = 'detect';
	/** Bytes of the stream seen so far. */
	seen = 0;
	/** Records read so far (all types). */
	records = 0;
	/** True once TLS was found at the start of a fresh stream or after STARTTLS. */
	started = false;
	/** Allow records of any type while detecting (stream without a SYN, or after a gap). */
	loose = false;
	/** Bytes of a record header cut by a segment boundary, as a number (big-endian), and how many there are. */
	private hdrPart = 0;
	private hdrLen = 0;
	/** Type, version and length of the record whose body is being read. */
	private recType = 0;
	private recVersion = 0;
	/** Length of the record body being read (0: none). */
	private want = 0;
	/** Holds the part of a record body read so far when the record spans segments (from {@link recordBuffers}). */
	private body: Uint8Array | undefined;
	private bodyLen = 0;
	private skipLeft = 0;
	private scanned = 0;
	private tail = EMPTY;
	private ovpn: OpenVpnUnwrapper | undefined;

	constructor(private readonly dir: number, private readonly ev: RecordEvents) {}

	/** Stream bytes in order, `bytes[start..end)`. */
	data(bytes: Uint8Array, start: number, end: number, frame: number): void {
		this.lastFrame = frame;
		this.seen += end - start;
		if (this.ovpn) return this.ovpn.push(bytes.subarray(start, end), frame);
		this.feed(bytes, start, end, frame);
	}

	/** TLS bytes, `bytes[start..end)` (the TCP stream itself, or what a tunnel framing carried). */
	private feed(bytes: Uint8Array, start: number, end: number, frame: number): void {
		let p = start;
		while (p < end) {
			if (this.mode === 'off') return;
			if (this.mode === 'detect') {
				const found = this.detect(bytes, p, end, frame);
				if (found < 0) return;
				p = found;
				continue;
			}
			if (this.skipLeft > 0) {
				const n = Math.min(this.skipLeft, end - p);
				this.skipLeft -= n;
				p += n;
				continue;
			}
			if (this.want > 0) {
				const want = this.want;
				const n = Math.min(want - this.bodyLen, end - p);
				if (this.bodyLen === 0 && n === want) {
					// The whole record is in this segment: hand out a view, no copy.
					this.want = 0;
					this.ev.record(this.dir, this.recType, this.recVersion, bytes.subarray(p, p + n), headerBytes(this.recType, this.recVersion, want), frame);
					p += n;
					continue;
				}
				const body = (this.body ??= recordBuffers.take(want));
				body.set(bytes.subarray(p, p + n), this.bodyLen);
				this.bodyLen += n;
				p += n;
				if (this.bodyLen === want) {
					this.want = 0;
					this.bodyLen = 0;
					this.body = undefined;
					this.ev.record(this.dir, this.recType, this.recVersion, body.subarray(0, want), headerBytes(this.recType, this.recVersion, want), frame);
					recordBuffers.give(body);
				}
				continue;
			}
			// Record header, possibly split across segments.
			if (this.hdrLen === 0 && end - p >= 5) {
				const type = bytes[p]!, version = (bytes[p + 1]! << 8) | bytes[p + 2]!, length = (bytes[p + 3]! << 8) | bytes[p + 4]!;
				p += 5;
				this.header(type, version, length, frame);
			} else {
				while (this.hdrLen < 5 && p < end) {
					this.hdrPart = this.hdrPart * 256 + bytes[p++]!;
					this.hdrLen++;
				}
				if (this.hdrLen < 5) return;
				const h = this.hdrPart;
				this.hdrLen = 0;
				this.hdrPart = 0;
				this.header(Math.floor(h / 4294967296), Math.floor(h / 65536) & 0xffff, h & 0xffff, frame);
			}
		}
	}

	/** Frame that delivered the last bytes of this direction. */
	lastFrame = 0;

	/** What is unfinished at the end of the capture: a record header or body cut short, or nothing. */
	pendingAtEnd(): string | undefined {
		if (this.mode !== 'records') return undefined;
		if (this.hdrLen > 0) return `a TLS record header (${this.hdrLen} of 5 bytes)`;
		if (this.want > 0) return `a TLS record (type ${this.recType}, ${this.bodyLen} of ${this.want} bytes)`;
		if (this.skipLeft > 0) return `a TLS application-data record (${this.skipLeft} bytes short)`;
		return undefined;
	}

	/** A hole in the stream. */
	gap(n: number, frame: number, cut = false): void {
		this.seen += n;
		if (this.mode === 'records' && this.want === 0 && this.hdrLen === 0 && n <= this.skipLeft) {
			this.skipLeft -= n; // lost bulk data we would have skipped anyway
			return;
		}
		if (this.mode === 'off') return;
		if (this.mode === 'records' || this.started) {
			this.ev.problem(frame, cut
				? l10n.t('frame {0} was cut by the capture\'s snapshot length: {1} bytes of this TCP direction are missing; looking for the next TLS record', frame, n)
				: l10n.t('{0} bytes of this TCP direction are missing before frame {1} (not in the capture); looking for the next TLS record', n, frame));
			this.ev.damaged(this.dir, frame);
		}
		this.dropBody();
		this.hdrLen = 0;
		this.hdrPart = 0;
		this.skipLeft = 0;
		this.tail = EMPTY;
		if (this.mode === 'records') this.mode = 'detect';
		this.loose = true;
	}

	private header(type: number, version: number, len: number, frame: number): void {
		if (type < 20 || type > 24 || version >> 8 !== 3 || (version & 0xff) > 4 || len > MAX_RECORD) {
			this.ev.problem(frame, l10n.t('not a TLS record header ({0}) after {1} records; looking for the next record', hex(headerBytes(type, version, len)), this.records));
			this.ev.damaged(this.dir, frame);
			this.mode = 'detect';
			this.loose = true;
			return;
		}
		this.records++;
		if (len === 0) {
			this.ev.record(this.dir, type, version, EMPTY, headerBytes(type, version, 0), frame);
		} else if (type === 23 && !this.ev.wantsBody(this.dir, type, len)) {
			this.skipLeft = len;
			this.ev.skipped(this.dir, type, len, frame);
		} else {
			// The body is read next: a view when it is whole in one segment, else gathered in a pooled buffer (consumers copy what they keep).
			this.want = len;
			this.bodyLen = 0;
			this.recType = type;
			this.recVersion = version;
		}
	}

	/** Forgets a record body read in part (gives its buffer back). */
	private dropBody(): void {
		if (this.body) recordBuffers.give(this.body);
		this.body = undefined;
		this.want = 0;
		this.bodyLen = 0;
	}

	/** Scans `bytes[p..end)` for where TLS starts; returns the position of the first record, or -1 (keep scanning later). */
	private detect(bytes: Uint8Array, p: number, end: number, frame: number): number {
		let buf = bytes, base = p;
		const joined = this.tail.length > 0;
		if (joined) {
			buf = new Uint8Array(this.tail.length + end - p);
			buf.set(this.tail);
			buf.set(bytes.subarray(p, end), this.tail.length);
			base = 0;
		} else if (end !== bytes.length) {
			// The scan below reads to the end of its array: a view of just these bytes (once per direction, not per record).
			buf = bytes.subarray(0, end);
		}
		const fresh = !this.started && !this.loose && this.seen - (buf.length - base) === 0;
		if (fresh && buf.length - base >= 3 && (buf[base]! & 0x80) && buf[base + 2] === 1 && this.sslv2(buf, base, frame)) return -1;
		if (fresh) {
			const auth = detectOpenVpn(buf, base);
			if (auth >= 0) {
				this.ovpn = new OpenVpnUnwrapper(auth, (b, f) => this.feed(b, 0, b.length, f), (f, m) => this.ev.problem(f, m));
				this.mode = 'records';
				this.started = true;
				this.tail = EMPTY;
				this.ovpn.push(buf.subarray(base), frame);
				return -1;
			}
		}
		const peer = this.ev.peerStarted(this.dir);
		for (let i = base; i + 6 <= buf.length; i++) {
			const t = buf[i]!;
			if (t < 20 || t > 24) continue;
			if (!this.plausible(buf, i, peer)) continue;
			// Found: replay from here.
			this.mode = 'records';
			this.started = true;
			this.loose = false;
			const skippedBytes = i - base;
			if (skippedBytes > 0 && this.records > 0) this.ev.problem(frame, l10n.t('resynchronised on a TLS record header after skipping {0} bytes', skippedBytes));
			const from = i;
			this.tail = EMPTY;
			if (joined) {
				this.data2(buf.subarray(from), frame);
				return -1;
			}
			return from;
		}
		this.scanned += buf.length - base;
		if (this.scanned > GIVE_UP_SCAN && !this.started) {
			this.mode = 'off';
			return -1;
		}
		this.tail = buf.slice(Math.max(base, buf.length - 5));
		return -1;
	}

	/** Replays bytes found while detecting (already counted in `seen`). */
	private data2(bytes: Uint8Array, frame: number): void {
		this.feed(bytes, 0, bytes.length, frame);
	}

	private plausible(b: Uint8Array, i: number, peer: boolean): boolean {
		const t = b[i]!, len = (b[i + 3]! << 8) | b[i + 4]!;
		if (b[i + 1] !== 3 || b[i + 2]! > 4 || len === 0 || len > MAX_RECORD) return false;
		const loose = this.loose;
		if (!loose) {
			if (t === 22) {
				const m = b[i + 5]!;
				if (!(m === 1 || m === 2 || (peer && (m === 11 || m === 12 || m === 13 || m === 14)))) return false;
				return len >= 4;
			}
			return peer && t === 21 && len === 2;
		}
		if (t === 22 && b[i + 5]! > 24) return false;
		if (t === 21 && len !== 2 && len < 16) return false;
		if (t === 20 && len !== 1 && len < 16) return false;
		const next = i + 5 + len;
		if (next + 3 <= b.length) {
			const nt = b[next]!;
			if (nt < 20 || nt > 24 || b[next + 1] !== 3 || b[next + 2]! > 4) return false;
		}
		return true;
	}

	private sslv2(buf: Uint8Array, base: number, frame: number): boolean {
		const len = ((buf[base]! & 0x7f) << 8) | buf[base + 1]!;
		if (len < 9 || buf[base + 3] !== 0 && buf[base + 3] !== 3) return false;
		if (buf.length - base < 2 + len) {
			this.tail = buf.slice(base);
			return true;
		}
		this.ev.sslv2Hello(this.dir, buf.slice(base + 2, base + 2 + len), frame);
		this.mode = 'records';
		this.started = true;
		this.tail = EMPTY;
		const rest = buf.subarray(base + 2 + len);
		if (rest.length) this.data2(rest, frame);
		return true;
	}
}

function hex(b: Uint8Array): string {
	return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(' ');
}
