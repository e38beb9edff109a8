/** Link layer → IPv4/IPv6 → TCP: finds the TCP segment in a captured packet. */
import * as l10n from '@vscode/l10n';
import { FragmentStore } from './ipFragments';

/** A TCP segment as found in one packet (its payload is `data[start..end)`, valid during the callback only: no view is made per packet). */
export interface TcpSegment {
	frame: number;
	/** IPv4 addresses as u32 (-1 for IPv6). */
	src4: number;
	dst4: number;
	/** IPv6 addresses (16 bytes; empty for IPv4, whose addresses are in src4/dst4). */
	src: Uint8Array;
	dst: Uint8Array;
	srcPort: number;
	dstPort: number;
	seq: number;
	ack: number;
	/** TCP flags byte (FIN 1, SYN 2, RST 4, PSH 8, ACK 16). */
	flags: number;
	/** The bytes holding the payload (the packet, or a reassembled IP datagram). */
	data: Uint8Array;
	start: number;
	end: number;
	/** Payload bytes the IP header announces but the capture does not hold (snaplen). */
	missing: number;
}

/** Where decoded segments and problems go. */
export interface LinkSink {
	segment(seg: TcpSegment): void;
	problem(frame: number, message: string): void;
}

/** Printable form of an IPv4 (4 bytes) or IPv6 (16 bytes) address. */
export function addressText(a: Uint8Array): string {
	if (a.length === 4) return `${a[0]}.${a[1]}.${a[2]}.${a[3]}`;
	const words: string[] = [];
	for (let i = 0; i < 16; i += 2) words.push(((a[i]! << 8) | a[i + 1]!).toString(16));
	// Longest run of zero words becomes '::' (RFC 5952).
	let best = -1, bestLen = 1;
	for (let i = 0; i < 8; ) {
		let j = i;
		while (j < 8 && words[j] === '0') j++;
		if (j - i > bestLen) {
			best = i;
			bestLen = j - i;
		}
		i = j === i ? i + 1 : j;
	}
	if (best < 0) return words.join(':');
	return `${words.slice(0, best).join(':')}::${words.slice(best + bestLen).join(':')}`;
}

const NO_ADDRESS = new Uint8Array(0);

/** Decodes packets of the link types in reference §6.3 down to TCP. */
export class LinkDecoder {
	private readonly frags = new FragmentStore();
	private readonly seg: TcpSegment = { frame: 0, src4: -1, dst4: -1, src: NO_ADDRESS, dst: NO_ADDRESS, srcPort: 0, dstPort: 0, seq: 0, ack: 0, flags: 0, data: NO_ADDRESS, start: 0, end: 0, missing: 0 };
	private readonly unknownLinks = new Set<number>();

	constructor(private readonly sink: LinkSink) {}

	/** Decodes one packet, `d[start..end)`. `origLen` is the length on the wire (captured data may be shorter). */
	packet(frame: number, linkType: number, d: Uint8Array, start: number, end: number, origLen: number): void {
		const cut = Math.max(0, origLen - (end - start));
		switch (linkType) {
			case 1:
				return this.ethernet(frame, d, start + 12, end, cut);
			case 0:
			case 108:
				return this.nullLoop(frame, d, start, end, linkType === 108, cut);
			case 101:
			case 12:
			case 14:
			case 228:
			case 229:
				return this.ip(frame, d, start, end, cut);
			case 113:
				return end - start >= 16 ? this.etherType(frame, d, (d[start + 14]! << 8) | d[start + 15]!, start + 16, end, cut) : undefined;
			case 276:
				return end - start >= 20 ? this.etherType(frame, d, (d[start]! << 8) | d[start + 1]!, start + 20, end, cut) : undefined;
			default:
				if (!this.unknownLinks.has(linkType)) {
					this.unknownLinks.add(linkType);
					this.sink.problem(frame, l10n.t('link type {0} is not supported; its packets are skipped', linkType));
				}
		}
	}

	private ethernet(frame: number, d: Uint8Array, typeAt: number, lim: number, cut: number): void {
		let p = typeAt;
		for (let tags = 0; p + 2 <= lim && tags < 4; tags++) {
			const t = (d[p]! << 8) | d[p + 1]!;
			if (t !== 0x8100 && t !== 0x88a8 && t !== 0x9100) return this.etherType(frame, d, t, p + 2, lim, cut);
			p += 4;
		}
	}

	private etherType(frame: number, d: Uint8Array, type: number, p: number, lim: number, cut: number): void {
		if (type === 0x0800 || type === 0x86dd) this.ip(frame, d, p, lim, cut);
		else if (type === 0x8100 || type === 0x88a8 || type === 0x9100) this.ethernet(frame, d, p + 2, lim, cut);
	}

	private nullLoop(frame: number, d: Uint8Array, start: number, lim: number, bigEndian: boolean, cut: number): void {
		if (lim - start < 5) return;
		// The family is in the writer's byte order for NULL; the IP version nibble decides in any case.
		const v = d[start + 4]! >> 4;
		if (v === 4 || v === 6) this.ip(frame, d, start + 4, lim, cut);
		else if (bigEndian) this.sink.problem(frame, l10n.t('loopback packet without an IP header'));
	}

	/** IP header at `d[p]`; the packet's captured bytes end at `lim`. */
	private ip(frame: number, d: Uint8Array, p: number, lim: number, cut: number): void {
		if (p >= lim) return;
		const v = d[p]! >> 4;
		if (v === 4) this.ipv4(frame, d, p, lim, cut);
		else if (v === 6) this.ipv6(frame, d, p, lim, cut);
	}

	private ipv4(frame: number, d: Uint8Array, p: number, lim: number, cut: number): void {
		if (p + 20 > lim) return;
		const ihl = (d[p]! & 15) * 4;
		const total = (d[p + 2]! << 8) | d[p + 3]!;
		if (ihl < 20 || total < ihl) return this.sink.problem(frame, l10n.t('IPv4 header with a bad length'));
		const fragField = (d[p + 6]! << 8) | d[p + 7]!;
		const proto = d[p + 9]!;
		if (proto !== 6) return;
		const src = ((d[p + 12]! << 24) | (d[p + 13]! << 16) | (d[p + 14]! << 8) | d[p + 15]!) >>> 0;
		const dst = ((d[p + 16]! << 24) | (d[p + 17]! << 16) | (d[p + 18]! << 8) | d[p + 19]!) >>> 0;
		// TSO: total length 0 means "as large as captured".
		const end = total === 0 ? lim + cut : p + total;
		const have = Math.min(end, lim);
		if (fragField & 0x3fff) {
			const whole = this.frags.add(frame, `4:${src}>${dst}:${(d[p + 4]! << 8) | d[p + 5]!}`, (fragField & 0x1fff) * 8, (fragField & 0x2000) !== 0, d.subarray(p + ihl, have), end > have);
			if (whole === 'incomplete') return;
			if (typeof whole === 'string') return this.sink.problem(frame, l10n.t('IPv4 fragment: {0}', whole));
			return this.tcp(frame, src, dst, NO_ADDRESS, NO_ADDRESS, whole, 0, 0, whole.length);
		}
		this.tcp(frame, src, dst, NO_ADDRESS, NO_ADDRESS, d, p + ihl, Math.max(0, end - have), have);
	}

	private ipv6(frame: number, d: Uint8Array, p: number, lim: number, cut: number): void {
		if (p + 40 > lim) return;
		const plen = (d[p + 4]! << 8) | d[p + 5]!;
		const src = d.subarray(p + 8, p + 24), dst = d.subarray(p + 24, p + 40);
		const end = plen === 0 ? lim + cut : p + 40 + plen;
		let next = d[p + 6]!;
		let q = p + 40;
		let frag: { offset: number; more: boolean; id: number } | undefined;
		for (let hops = 0; hops < 16; hops++) {
			if (next === 6) break;
			if (q + 8 > lim) return;
			if (next === 0 || next === 43 || next === 60) {
				next = d[q]!;
				q += (d[q + 1]! + 1) * 8;
			} else if (next === 51) {
				next = d[q]!;
				q += (d[q + 1]! + 2) * 4;
			} else if (next === 44) {
				const f = (d[q + 2]! << 8) | d[q + 3]!;
				frag = { offset: f & 0xfff8, more: (f & 1) !== 0, id: ((d[q + 4]! << 24) | (d[q + 5]! << 16) | (d[q + 6]! << 8) | d[q + 7]!) >>> 0 };
				next = d[q]!;
				q += 8;
			} else return;
		}
		if (next !== 6 || q > lim) return;
		const have = Math.min(end, lim);
		if (frag && (frag.offset !== 0 || frag.more)) {
			const whole = this.frags.add(frame, `6:${src.join('.')}>${dst.join('.')}:${frag.id}`, frag.offset, frag.more, d.subarray(q, have), end > have);
			if (whole === 'incomplete') return;
			if (typeof whole === 'string') return this.sink.problem(frame, l10n.t('IPv6 fragment: {0}', whole));
			return this.tcp(frame, -1, -1, src.slice(), dst.slice(), whole, 0, 0, whole.length);
		}
		this.tcp(frame, -1, -1, src, dst, d, q, Math.max(0, end - have), have);
	}

	/** TCP header at `d[p]`; the segment's captured bytes end at `end`. */
	private tcp(frame: number, src4: number, dst4: number, src: Uint8Array, dst: Uint8Array, d: Uint8Array, p: number, missing: number, end: number): void {
		if (p + 20 > end) {
			if (missing > 0) this.sink.problem(frame, l10n.t('TCP header cut off by the capture length'));
			return;
		}
		const off = (d[p + 12]! >> 4) * 4;
		if (off < 20) return this.sink.problem(frame, l10n.t('TCP header with a data offset below 20 bytes'));
		const s = this.seg;
		s.frame = frame;
		s.src4 = src4;
		s.dst4 = dst4;
		s.src = src;
		s.dst = dst;
		s.srcPort = (d[p]! << 8) | d[p + 1]!;
		s.dstPort = (d[p + 2]! << 8) | d[p + 3]!;
		s.seq = ((d[p + 4]! << 24) | (d[p + 5]! << 16) | (d[p + 6]! << 8) | d[p + 7]!) >>> 0;
		s.ack = ((d[p + 8]! << 24) | (d[p + 9]! << 16) | (d[p + 10]! << 8) | d[p + 11]!) >>> 0;
		s.flags = d[p + 13]!;
		if (p + off > end) {
			s.data = NO_ADDRESS;
			s.start = s.end = 0;
			s.missing = Math.max(0, end + missing - (p + off));
		} else {
			s.data = d;
			s.start = p + off;
			s.end = end;
			s.missing = missing;
		}
		this.sink.segment(s);
	}
}
