// Test helpers: take the packets of a committed capture and rewrite them into other containers,
// link types, IP versions, fragments and TCP orders, so one real handshake exercises every path.
import { readCapture, type CaptureReport } from '../../../../src/core/capture';
import { concatBytes } from '../../../../src/core/crypto/hex';

/** One packet: link-layer bytes (Ethernet unless said otherwise) and its time. */
export interface Pkt {
	data: Uint8Array;
	sec: number;
	usec: number;
	origLen?: number;
}

/** Packets of a little-endian microsecond Ethernet pcap (what tcpdump wrote for the fixtures). */
export function pcapPackets(file: Uint8Array): Pkt[] {
	const dv = new DataView(file.buffer, file.byteOffset, file.byteLength);
	const out: Pkt[] = [];
	for (let p = 24; p + 16 <= file.length; ) {
		const cap = dv.getUint32(p + 8, true);
		out.push({ sec: dv.getUint32(p, true), usec: dv.getUint32(p + 4, true), data: file.slice(p + 16, p + 16 + cap), origLen: dv.getUint32(p + 12, true) });
		p += 16 + cap;
	}
	return out;
}

/** A classic pcap file. */
export function writePcap(pkts: Pkt[], opts: { bigEndian?: boolean; nano?: boolean; linkType?: number; snapLen?: number } = {}): Uint8Array {
	const le = !opts.bigEndian;
	const parts: Uint8Array[] = [];
	const head = new DataView(new ArrayBuffer(24));
	head.setUint32(0, opts.nano ? 0xa1b23c4d : 0xa1b2c3d4, le);
	head.setUint16(4, 2, le);
	head.setUint16(6, 4, le);
	head.setUint32(16, opts.snapLen ?? 262144, le);
	head.setUint32(20, opts.linkType ?? 1, le);
	parts.push(new Uint8Array(head.buffer));
	for (const k of pkts) {
		const h = new DataView(new ArrayBuffer(16));
		h.setUint32(0, k.sec, le);
		h.setUint32(4, opts.nano ? k.usec * 1000 : k.usec, le);
		h.setUint32(8, k.data.length, le);
		h.setUint32(12, k.origLen ?? k.data.length, le);
		parts.push(new Uint8Array(h.buffer), k.data);
	}
	return concat(parts);
}

function block(type: number, body: Uint8Array, le: boolean): Uint8Array {
	const padded = (body.length + 3) & ~3;
	const b = new Uint8Array(12 + padded);
	const dv = new DataView(b.buffer);
	dv.setUint32(0, type, le);
	dv.setUint32(4, b.length, le);
	b.set(body, 8);
	dv.setUint32(b.length - 4, b.length, le);
	return b;
}

/** pcapng options for the section and interfaces to write. */
export interface PcapngOptions {
	bigEndian?: boolean;
	/** Split the packets into this many sections (alternating byte order when `mixEndian`). */
	sections?: number;
	mixEndian?: boolean;
	/** if_tsresol byte for the interface (default 6 = µs). */
	tsresol?: number;
	/** Write the first packet of each section as a Simple Packet Block, and odd ones as obsolete Packet Blocks. */
	spb?: boolean;
	obsoletePb?: boolean;
	/** A TLS key log to embed in a Decryption Secrets Block. */
	keyLog?: string;
	linkType?: number;
}

/** A pcapng file with SHB, IDB (with if_tsresol) and EPB/SPB/PB blocks. */
export function writePcapng(pkts: Pkt[], o: PcapngOptions = {}): Uint8Array {
	const parts: Uint8Array[] = [];
	const sections = o.sections ?? 1;
	const per = Math.ceil(pkts.length / sections);
	for (let s = 0; s < sections; s++) {
		const le = o.mixEndian ? s % 2 === 0 : !o.bigEndian;
		const shb = new DataView(new ArrayBuffer(16));
		shb.setUint32(0, 0x1a2b3c4d, le);
		shb.setUint16(4, 1, le);
		shb.setInt32(8, -1, le);
		shb.setInt32(12, -1, le);
		parts.push(block(0x0a0d0d0a, new Uint8Array(shb.buffer), le));
		if (o.keyLog && s === 0) {
			const text = new TextEncoder().encode(o.keyLog);
			const d = new DataView(new ArrayBuffer(8));
			d.setUint32(0, 0x544c534b, le);
			d.setUint32(4, text.length, le);
			parts.push(block(10, concat([new Uint8Array(d.buffer), text, new Uint8Array((4 - (text.length % 4)) % 4)]), le));
		}
		const idb = new DataView(new ArrayBuffer(20));
		idb.setUint16(0, o.linkType ?? 1, le);
		idb.setUint32(4, 262144, le);
		idb.setUint16(8, 9, le);
		idb.setUint16(10, 1, le);
		idb.setUint8(12, o.tsresol ?? 6);
		parts.push(block(1, new Uint8Array(idb.buffer), le));
		pkts.slice(s * per, (s + 1) * per).forEach((k, i) => {
			const units = (k.sec * 1e6 + k.usec) * Math.pow(10, (o.tsresol ?? 6) - 6);
			if (o.spb && i === 0) {
				const d = new DataView(new ArrayBuffer(4));
				d.setUint32(0, k.data.length, le);
				parts.push(block(3, concat([new Uint8Array(d.buffer), k.data]), le));
				return;
			}
			const obsolete = o.obsoletePb && i % 2 === 1;
			const d = new DataView(new ArrayBuffer(20));
			if (obsolete) d.setUint16(0, 0, le);
			else d.setUint32(0, 0, le);
			d.setUint32(4, Math.floor(units / 4294967296), le);
			d.setUint32(8, units >>> 0, le);
			d.setUint32(12, k.data.length, le);
			d.setUint32(16, k.origLen ?? k.data.length, le);
			parts.push(block(obsolete ? 2 : 6, concat([new Uint8Array(d.buffer), k.data]), le));
		});
	}
	return concat(parts);
}

/** Concatenates byte arrays (the core's helper). */
export const concat = concatBytes;

/** The IP packet inside an Ethernet frame (IPv4 only in the fixtures). */
export function ipOf(eth: Uint8Array): Uint8Array {
	return eth.subarray(14);
}

/** Rewraps an Ethernet frame's IP packet for another link type. */
export function relink(eth: Uint8Array, linkType: number, opts: { vlanTags?: number } = {}): Uint8Array {
	const ip = ipOf(eth);
	const v6 = ip[0]! >> 4 === 6;
	const etherType = v6 ? [0x86, 0xdd] : [0x08, 0x00];
	switch (linkType) {
		case 0:
			return concat([Uint8Array.of(v6 ? 30 : 2, 0, 0, 0), ip]);
		case 108:
			return concat([Uint8Array.of(0, 0, 0, v6 ? 30 : 2), ip]);
		case 101:
		case 228:
		case 229:
			return ip.slice();
		case 113:
			return concat([Uint8Array.of(0, 0, 0, 1, 0, 6, 1, 2, 3, 4, 5, 6, 0, 0, ...etherType), ip]);
		case 276:
			return concat([Uint8Array.of(...etherType, 0, 0, 0, 0, 0, 1, 0, 1, 0, 6, 1, 2, 3, 4, 5, 6, 0, 0), ip]);
		default: {
			const tags: number[] = [];
			for (let i = 0; i < (opts.vlanTags ?? 0); i++) tags.push(...(i === 0 && opts.vlanTags! > 1 ? [0x88, 0xa8] : [0x81, 0x00]), 0, 10 + i);
			return concat([eth.subarray(0, 12), Uint8Array.from(tags), Uint8Array.from(etherType), ip]);
		}
	}
}

/** Converts an IPv4 packet in an Ethernet frame to IPv6 with Hop-by-Hop and Destination Options headers. */
export function toIpv6(eth: Uint8Array): Uint8Array {
	const ip = ipOf(eth);
	const ihl = (ip[0]! & 15) * 4;
	const total = (ip[2]! << 8) | ip[3]!;
	const tcp = ip.subarray(ihl, total);
	const ext = Uint8Array.of(60, 0, 1, 4, 0, 0, 0, 0, /* dest opts */ 6, 0, 1, 4, 0, 0, 0, 0);
	const h = new Uint8Array(40);
	h[0] = 0x60;
	const plen = ext.length + tcp.length;
	h[4] = plen >> 8;
	h[5] = plen & 0xff;
	h[6] = 0; // hop-by-hop first
	h[7] = 64;
	h.set([0x20, 0x01, 0x0d, 0xb8, ...new Array(11).fill(0), ip[15]!], 8);
	h.set([0x20, 0x01, 0x0d, 0xb8, ...new Array(11).fill(0), ip[19]!], 24);
	return concat([eth.subarray(0, 12), Uint8Array.of(0x86, 0xdd), h, ext, tcp]);
}

/** Splits an IPv4 packet in an Ethernet frame into fragments of at most `size` payload bytes (multiple of 8). */
export function fragmentIpv4(eth: Uint8Array, size: number): Uint8Array[] {
	const ip = ipOf(eth);
	const ihl = (ip[0]! & 15) * 4;
	const total = (ip[2]! << 8) | ip[3]!;
	const payload = ip.subarray(ihl, total);
	if (payload.length <= size) return [eth];
	const out: Uint8Array[] = [];
	for (let off = 0; off < payload.length; off += size) {
		const part = payload.subarray(off, off + size);
		const h = ip.slice(0, ihl);
		const len = ihl + part.length;
		h[2] = len >> 8;
		h[3] = len & 0xff;
		const more = off + size < payload.length ? 0x2000 : 0;
		const f = more | (off / 8);
		h[6] = f >> 8;
		h[7] = f & 0xff;
		out.push(concat([eth.subarray(0, 14), h, part]));
	}
	return out;
}

/** The facts the oracle compares, without frame numbers (for rewritten captures whose frames move). */
export function factsOf(r: CaptureReport): { requests: string[]; certificates: string[]; alerts: string[] } {
	const requests: string[] = [], certificates: string[] = [], alerts: string[] = [];
	for (const h of r.handshakeResults) {
		if (h.certificateRequest) requests.push(`${h.certificateRequest.listBytes}|${h.certificateRequest.distinguishedNames.map((d) => d.der).join(',')}`);
		for (const c of [...h.serverCertificates, ...(h.clientCertificates ?? [])]) certificates.push(c.sha1);
		for (const a of h.alerts) if (a.description !== null) alerts.push(`${a.from}|${a.level}|${a.description}`);
	}
	return { requests: requests.sort(), certificates: certificates.sort(), alerts: alerts.sort() };
}

/** Reads bytes with the default options. */
export function read(bytes: Uint8Array, chunk?: number): CaptureReport {
	return readCapture(bytes, {}, chunk);
}

/** An Ethernet/IPv4/TCP packet (checksums zero: the reader does not check them). */
export function tcpPacket(src: number, dst: number, sport: number, dport: number, seq: number, ack: number, flags: number, payload: Uint8Array): Uint8Array {
	const ip = new Uint8Array(20 + 20 + payload.length);
	ip[0] = 0x45;
	ip[2] = ip.length >> 8;
	ip[3] = ip.length & 0xff;
	ip[8] = 64;
	ip[9] = 6;
	ip.set([10, 0, 0, src], 12);
	ip.set([10, 0, 0, dst], 16);
	const t = new DataView(ip.buffer, 20);
	t.setUint16(0, sport);
	t.setUint16(2, dport);
	t.setUint32(4, seq >>> 0);
	t.setUint32(8, ack >>> 0);
	t.setUint8(12, 0x50);
	t.setUint8(13, flags);
	t.setUint16(14, 65535);
	ip.set(payload, 40);
	return concat([Uint8Array.of(2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x08, 0x00), ip]);
}

/** A TLS record. */
export function record(type: number, body: Uint8Array, version = 0x0303): Uint8Array {
	return concat([Uint8Array.of(type, version >> 8, version & 0xff, body.length >> 8, body.length & 0xff), body]);
}

/** A handshake message. */
export function handshake(type: number, body: Uint8Array): Uint8Array {
	return concat([Uint8Array.of(type, body.length >> 16, (body.length >> 8) & 0xff, body.length & 0xff), body]);
}

/** A minimal ServerHello body for `version` and `suite`. */
export function serverHello(version: number, suite: number): Uint8Array {
	return concat([Uint8Array.of(version >> 8, version & 0xff), new Uint8Array(32).fill(7), Uint8Array.of(0, suite >> 8, suite & 0xff, 0)]);
}

/** A minimal ClientHello body. */
export function clientHello(version: number): Uint8Array {
	return concat([Uint8Array.of(version >> 8, version & 0xff), new Uint8Array(32).fill(9), Uint8Array.of(0, 0, 2, 0xc0, 0x2f, 1, 0)]);
}

/**
 * A TCP conversation from payloads: `[fromClient, bytes][]`, with a three-way handshake first
 * (unless `noSyn`) and FINs at the end. Returns Ethernet frames.
 */
export function conversation(messages: [boolean, Uint8Array][], opts: { noSyn?: boolean; port?: number } = {}): Uint8Array[] {
	const port = opts.port ?? 443;
	let cs = 1000, ss = 5000;
	const out: Uint8Array[] = [];
	if (!opts.noSyn) {
		out.push(tcpPacket(1, 2, 40000, port, cs - 1, 0, 0x02, new Uint8Array(0)));
		out.push(tcpPacket(2, 1, port, 40000, ss - 1, cs, 0x12, new Uint8Array(0)));
	}
	for (const [fromClient, bytes] of messages) {
		if (fromClient) {
			out.push(tcpPacket(1, 2, 40000, port, cs, ss, 0x18, bytes));
			cs += bytes.length;
		} else {
			out.push(tcpPacket(2, 1, port, 40000, ss, cs, 0x18, bytes));
			ss += bytes.length;
		}
	}
	out.push(tcpPacket(1, 2, 40000, port, cs, ss, 0x11, new Uint8Array(0)));
	out.push(tcpPacket(2, 1, port, 40000, ss, cs + 1, 0x11, new Uint8Array(0)));
	return out;
}

/** Wraps Ethernet frames as packets with increasing times. */
export function pkts(frames: Uint8Array[]): Pkt[] {
	return frames.map((data, i) => ({ data, sec: 1700000000, usec: i * 10 }));
}
