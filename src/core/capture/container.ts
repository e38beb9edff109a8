/**
 * pcap and pcapng container reading, push style: bytes in (any chunking), packets out.
 * Packet data handed to the sink is a range of the caller's chunk (no view is made per packet), valid during the call only.
 */
import * as l10n from '@vscode/l10n';
import type { CaptureFormat } from './types';

/** Receives what the container holds. */
export interface ContainerSink {
	/** One captured packet, `data[start..end)`; `frame` counts from 1 over all packet blocks, as Wireshark does. */
	packet(frame: number, linkType: number, data: Uint8Array, start: number, end: number, origLen: number, time: number, fileOffset: number): void;
	/** A pcapng Decryption Secrets Block. */
	secrets(type: number, data: Uint8Array, fileOffset: number): void;
	problem(frame: number | null, offset: number | null, message: string): void;
}

interface Iface {
	linkType: number;
	snapLen: number;
	/** Seconds per timestamp unit. */
	unit: number;
	offset: number;
}

const SHB = 0x0a0d0d0a;
const MAX_PACKET = 262144 * 4;
const MAX_BLOCK = 64 * 1024 * 1024;
const KNOWN_BLOCKS = new Set([1, 2, 3, 4, 5, 6, 10, SHB]);

/** Recognises the container by its first four bytes (the file name's extension is not trusted). */
export function detectContainer(head: Uint8Array): CaptureFormat | 'gzip' {
	if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
	if (head.length < 4) return 'unknown';
	const le = (head[0]! | (head[1]! << 8) | (head[2]! << 16) | (head[3]! << 24)) >>> 0;
	if (le === 0xa1b2c3d4 || le === 0xd4c3b2a1 || le === 0xa1b2cd34 || le === 0x34cdb2a1) return 'pcap';
	if (le === 0xa1b23c4d || le === 0x4d3cb2a1) return 'pcap-ns';
	if (le === SHB) return 'pcapng';
	return 'unknown';
}

/** Push parser for pcap and pcapng. */
export class ContainerReader {
	format: CaptureFormat = 'unknown';
	frames = 0;
	bytes = 0;
	readonly linkTypes = new Set<number>();
	private carry = new Uint8Array(0);
	private carryLen = 0;
	private fileOffset = 0;
	private le = true;
	private nano = false;
	private pcapLink = 1;
	private pcapSnap = 262144;
	private ifaces: Iface[] = [];
	private headerDone = false;
	private resync = false;
	private lastSeconds = -1;
	private stopped = false;

	constructor(private readonly sink: ContainerSink) {}

	/** Feeds the next bytes of the (decompressed) file. */
	push(chunk: Uint8Array): void {
		this.bytes += chunk.length;
		if (this.stopped) return;
		let pos = 0;
		while (this.carryLen > 0 && !this.stopped) {
			const need = this.recordLength(this.carry, 0, this.carryLen);
			if (need === 0) {
				this.shift(1);
				continue;
			}
			if (need > 0 && need <= this.carryLen) {
				this.record(this.carry, 0, need);
				this.shift(need);
				continue;
			}
			if (pos >= chunk.length) return;
			const take = Math.min(Math.abs(need) - this.carryLen, chunk.length - pos);
			this.append(chunk.subarray(pos, pos + take));
			pos += take;
		}
		if (this.format === 'pcap' && this.le && !this.nano && !this.resync && !this.stopped) pos = this.pcapRun(chunk, pos);
		while (pos < chunk.length && !this.stopped) {
			const avail = chunk.length - pos;
			const need = this.recordLength(chunk, pos, avail);
			if (need < 0 || need > avail) {
				this.append(chunk.subarray(pos));
				return;
			}
			if (need === 0) {
				pos++; // resynchronising: skip a byte
				this.fileOffset++;
				continue;
			}
			this.record(chunk, pos, need);
			pos += need;
			this.fileOffset += need;
		}
	}

	/**
	 * The common case in one tight loop: little-endian microsecond pcap, records whole in the chunk and with sane
	 * headers (the same test as {@link pcapRecordLength}'s fast path). Stops at the first record that is not, which
	 * the general loop then handles; returns the position reached.
	 */
	private pcapRun(b: Uint8Array, pos: number): number {
		const n = b.length;
		const sink = this.sink, link = this.pcapLink;
		while (pos + 16 <= n) {
			const cap = (b[pos + 8]! | (b[pos + 9]! << 8) | (b[pos + 10]! << 16) | (b[pos + 11]! << 24)) >>> 0;
			const orig = (b[pos + 12]! | (b[pos + 13]! << 8) | (b[pos + 14]! << 16) | (b[pos + 15]! << 24)) >>> 0;
			const usec = (b[pos + 4]! | (b[pos + 5]! << 8) | (b[pos + 6]! << 16) | (b[pos + 7]! << 24)) >>> 0;
			if (cap > MAX_PACKET || orig > 0x3fffffff || usec >= 1e6 || pos + 16 + cap > n) break;
			const sec = (b[pos]! | (b[pos + 1]! << 8) | (b[pos + 2]! << 16) | (b[pos + 3]! << 24)) >>> 0;
			this.lastSeconds = sec;
			this.frames++;
			sink.packet(this.frames, link, b, pos + 16, pos + 16 + cap, orig, sec + usec / 1e6, this.fileOffset);
			pos += 16 + cap;
			this.fileOffset += 16 + cap;
			if (this.stopped) break;
		}
		return pos;
	}

	/** End of input: reports a last record cut short. */
	end(): void {
		if (this.carryLen > 0 && !this.stopped) {
			this.sink.problem(this.frames + 1, this.fileOffset, this.format === 'pcapng' ? l10n.t('capture ends in the middle of a block ({0} bytes of it present)', this.carryLen) : l10n.t('capture ends in the middle of a record ({0} bytes of it present)', this.carryLen));
		} else if (!this.headerDone && !this.stopped) this.sink.problem(null, 0, l10n.t('file is too short for a capture header'));
	}

	/** Drops `n` bytes from the front of the carry buffer. */
	private shift(n: number): void {
		this.carry.copyWithin(0, n, this.carryLen);
		this.carryLen -= n;
		this.fileOffset += n;
	}

	private append(bytes: Uint8Array): void {
		if (this.carryLen + bytes.length > this.carry.length) {
			const next = new Uint8Array(Math.max(this.carry.length * 2, this.carryLen + bytes.length, 4096));
			next.set(this.carry.subarray(0, this.carryLen));
			this.carry = next;
		}
		this.carry.set(bytes, this.carryLen);
		this.carryLen += bytes.length;
	}

	private u32(b: Uint8Array, o: number): number {
		return this.le ? (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0 : ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;
	}

	private u16(b: Uint8Array, o: number): number {
		return this.le ? b[o]! | (b[o + 1]! << 8) : (b[o]! << 8) | b[o + 1]!;
	}

	/**
	 * Length of the record starting at `o`: positive = whole record length, negative = at least that many
	 * bytes are needed to tell, 0 = not a record here (skip one byte while resynchronising).
	 */
	private recordLength(b: Uint8Array, o: number, avail: number): number {
		if (!this.headerDone) {
			if (avail < 4) return -4;
			const f = detectContainer(b.subarray(o, o + 4));
			if (f === 'pcapng') return this.blockLength(b, o, avail);
			if (f === 'pcap' || f === 'pcap-ns') return 24;
			this.sink.problem(null, 0, l10n.t('not a pcap or pcapng file (unknown magic number)'));
			this.stopped = true;
			return -1;
		}
		return this.format === 'pcapng' ? this.blockLength(b, o, avail) : this.pcapRecordLength(b, o, avail);
	}

	private pcapRecordLength(b: Uint8Array, o: number, avail: number): number {
		if (avail < 16) return -16;
		const cap = this.u32(b, o + 8);
		// Fast path: a sane length and a sane original length; the rest of the header is read by pcapPacket.
		if (!this.resync && cap <= MAX_PACKET && this.u32(b, o + 12) <= 0x3fffffff && this.u32(b, o + 4) < (this.nano ? 1e9 : 1e6)) return 16 + cap;
		const sec = this.u32(b, o), frac = this.u32(b, o + 4), orig = this.u32(b, o + 12);
		const plausible = cap <= MAX_PACKET && orig <= 0x3fffffff && frac < (this.nano ? 1e9 : 1e6) && (this.lastSeconds < 0 || Math.abs(sec - this.lastSeconds) < 86400 * 30);
		if (this.resync) {
			if (!plausible || cap > Math.max(this.pcapSnap, 65535) || orig < cap) return 0;
			this.resync = false;
			this.sink.problem(this.frames + 1, this.fileOffset, l10n.t('resynchronised on a plausible pcap record header here'));
		} else if (!plausible) {
			this.sink.problem(this.frames + 1, this.fileOffset, l10n.t('pcap record header claims {0} captured bytes (snaplen {1}): damaged file; looking for the next plausible record', cap, this.pcapSnap));
			this.resync = true;
			return 0;
		}
		return 16 + cap;
	}

	private blockLength(b: Uint8Array, o: number, avail: number): number {
		if (avail < 12) return -12;
		let type = this.u32(b, o);
		if (type === SHB) {
			const bom = (b[o + 8]! | (b[o + 9]! << 8) | (b[o + 10]! << 16) | (b[o + 11]! << 24)) >>> 0;
			if (bom === 0x1a2b3c4d) this.le = true;
			else if (bom === 0x4d3c2b1a) this.le = false;
			else if (!this.resync) {
				this.sink.problem(null, this.fileOffset + 8, l10n.t('section header block has an unknown byte-order magic'));
				this.resync = true;
				return 0;
			} else return 0;
			type = SHB;
		}
		const len = this.u32(b, o + 4);
		const valid = len >= 12 && len % 4 === 0 && len <= MAX_BLOCK && (KNOWN_BLOCKS.has(type) || (type & 0x80000000) !== 0 || !this.resync);
		if (this.resync) {
			if (!valid || !KNOWN_BLOCKS.has(type) || (this.fileOffset & 3) !== 0) return 0;
			if (len <= avail && this.u32(b, o + len - 4) !== len) return 0;
			if (len > avail) return -len;
			this.resync = false;
			this.sink.problem(this.frames + 1, this.fileOffset, l10n.t('resynchronised on a pcapng block of type {0} here', type));
			return len;
		}
		if (!valid) {
			this.sink.problem(this.frames + 1, this.fileOffset, l10n.t('pcapng block claims a length of {0} bytes: damaged file; looking for the next block', len));
			this.resync = true;
			return 0;
		}
		if (len > avail) return -len;
		const trailer = this.u32(b, o + len - 4);
		if (trailer !== len) {
			this.sink.problem(this.frames + 1, this.fileOffset, l10n.t('pcapng block of type {0} has leading length {1} but trailing length {2}; looking for the next block', type, len, trailer));
			this.resync = true;
			return 0;
		}
		return len;
	}

	private record(b: Uint8Array, o: number, len: number): void {
		if (!this.headerDone) {
			this.headerDone = true;
			const f = detectContainer(b.subarray(o, o + 4));
			this.format = f as CaptureFormat;
			if (f !== 'pcapng') return this.pcapHeader(b, o);
		}
		if (this.format === 'pcapng') this.block(b, o, len);
		else this.pcapPacket(b, o, len);
	}

	private pcapHeader(b: Uint8Array, o: number): void {
		const magic = (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
		this.le = magic === 0xa1b2c3d4 || magic === 0xa1b23c4d || magic === 0xa1b2cd34;
		this.nano = this.format === 'pcap-ns';
		this.pcapSnap = this.u32(b, o + 16) || 262144;
		this.pcapLink = this.u32(b, o + 20) & 0xffff;
		this.linkTypes.add(this.pcapLink);
	}

	private pcapPacket(b: Uint8Array, o: number, len: number): void {
		const sec = this.u32(b, o);
		this.lastSeconds = sec;
		const time = sec + this.u32(b, o + 4) / (this.nano ? 1e9 : 1e6);
		this.frames++;
		this.sink.packet(this.frames, this.pcapLink, b, o + 16, o + len, this.u32(b, o + 12), time, this.fileOffset);
	}

	private block(b: Uint8Array, o: number, len: number): void {
		const type = this.u32(b, o);
		const body = o + 8, end = o + len - 4;
		switch (type) {
			case SHB:
				this.ifaces = [];
				return;
			case 1:
				return this.idb(b, body, end);
			case 6:
			case 2:
				return this.epb(b, body, end, type === 2);
			case 3: {
				const iface = this.ifaces[0];
				this.frames++;
				if (!iface) return this.sink.problem(this.frames, this.fileOffset, l10n.t('simple packet block before any interface description block'));
				const orig = this.u32(b, body);
				const cap = Math.max(0, Math.min(orig, iface.snapLen || orig, end - body - 4));
				this.sink.packet(this.frames, iface.linkType, b, body + 4, body + 4 + cap, orig, 0, this.fileOffset);
				return;
			}
			case 10: {
				const sType = this.u32(b, body), sLen = this.u32(b, body + 4);
				if (body + 8 + sLen > end) return this.sink.problem(null, this.fileOffset, l10n.t('decryption secrets block is shorter than its secrets length'));
				this.sink.secrets(sType, b.subarray(body + 8, body + 8 + sLen), this.fileOffset);
				return;
			}
			default:
				return;
		}
	}

	private idb(b: Uint8Array, p: number, end: number): void {
		if (end - p < 8) return this.sink.problem(null, this.fileOffset, l10n.t('interface description block too short'));
		const iface: Iface = { linkType: this.u16(b, p), snapLen: this.u32(b, p + 4), unit: 1e-6, offset: 0 };
		for (let q = p + 8; q + 4 <= end; ) {
			const code = this.u16(b, q), olen = this.u16(b, q + 2);
			if (code === 0 || q + 4 + olen > end) break;
			if (code === 9 && olen >= 1) {
				const r = b[q + 4]!;
				iface.unit = r & 0x80 ? Math.pow(2, -(r & 0x7f)) : Math.pow(10, -r);
			} else if (code === 14 && olen >= 8) {
				const hi = this.le ? this.u32(b, q + 8) : this.u32(b, q + 4);
				const lo = this.le ? this.u32(b, q + 4) : this.u32(b, q + 8);
				iface.offset = hi * 4294967296 + lo;
			}
			q += 4 + ((olen + 3) & ~3);
		}
		this.ifaces.push(iface);
		this.linkTypes.add(iface.linkType);
	}

	private epb(b: Uint8Array, p: number, end: number, obsolete: boolean): void {
		this.frames++;
		if (end - p < 20) return this.sink.problem(this.frames, this.fileOffset, l10n.t('packet block too short'));
		const id = obsolete ? this.u16(b, p) : this.u32(b, p);
		const iface = this.ifaces[id];
		if (!iface) return this.sink.problem(this.frames, this.fileOffset, l10n.t('packet block names interface {0}, which no interface description block defined', id));
		const ts = this.u32(b, p + 4) * 4294967296 + this.u32(b, p + 8);
		let cap = this.u32(b, p + 12);
		const orig = this.u32(b, p + 16);
		if (p + 20 + cap > end) {
			this.sink.problem(this.frames, this.fileOffset, l10n.t('packet block claims {0} captured bytes but holds {1}', cap, end - p - 20));
			cap = end - p - 20;
		}
		this.sink.packet(this.frames, iface.linkType, b, p + 20, p + 20 + cap, orig, ts * iface.unit + iface.offset, this.fileOffset);
	}
}
