/** The table of TCP connections: finds each segment's connection and direction, opens and closes them. */
import { TlsConnection, type ConnectionHost } from './connection';
import { addressText, type TcpSegment } from './link';
import { TcpDirection } from './tcp';
import type { HandshakeEnd } from './types';

interface Flow {
	readonly tls: TlsConnection;
	readonly tcp: [TcpDirection, TcpDirection];
	/** Canonical key of the connection (both endpoints). */
	readonly key: string;
	/** Endpoint key of direction 0's sender. */
	readonly from0: string;
	/** Direction 0's sender, for the fast IPv4 match: address as u32 and port (-1 for IPv6). */
	readonly ip0: number;
	readonly port0: number;
	readonly ip1: number;
	readonly port1: number;
	readonly hash: number;
	readonly stream: number;
	closed: boolean;
}

/** Live connections kept at once; the oldest are closed beyond this. */
const MAX_LIVE = 50000;
/** Closed connections remembered (so stray packets after FIN/RST do not open a new stream). */
const MAX_CLOSED = 50000;

function endpointKey(ip4: number, addr: Uint8Array, port: number): string {
	return ip4 >= 0 ? `${ip4 >>> 24}.${(ip4 >>> 16) & 255}.${(ip4 >>> 8) & 255}.${ip4 & 255}:${port}` : `[${addressText(addr)}]:${port}`;
}

/** Routes TCP segments to per-connection reassembly and TLS parsing. */
export class FlowTable {
	private readonly live = new Map<number, Flow[]>();
	/** Live flows in opening order (the oldest is closed first when too many are open). */
	private readonly order = new Set<Flow>();
	private count = 0;
	private readonly closed = new Map<string, number>();
	private streams = 0;

	constructor(private readonly host: ConnectionHost) {}

	/** Number of TCP streams seen. */
	get streamCount(): number {
		return this.streams;
	}

	/** Handles one segment. */
	segment(s: TcpSegment): void {
		const v4 = s.src4 >= 0;
		const srcIp = s.src4, dstIp = s.dst4;
		const hash = v4 ? symmetricHash(srcIp, dstIp, s.srcPort, s.dstPort) : symmetricHash(hashBytes(s.src), hashBytes(s.dst), s.srcPort, s.dstPort);
		let flow = this.find(hash, v4, srcIp, dstIp, s);
		const syn = (s.flags & 0x12) === 0x02;
		if (flow && syn && (flow.tcp[0].offset > 0 || flow.tcp[1].offset > 0 || flow.closed)) {
			this.close(flow, 'closed');
			flow = undefined;
		}
		if (!flow) {
			const a = endpointKey(s.src4, s.src, s.srcPort), b = endpointKey(s.dst4, s.dst, s.dstPort);
			const key = a < b ? `${a}|${b}` : `${b}|${a}`;
			if (this.closed.has(key) && !syn) return;
			this.closed.delete(key);
			flow = this.open(key, a, b, s, hash, srcIp, dstIp);
		}
		if (flow.closed) return;
		const dir = v4 ? (flow.ip0 === srcIp && flow.port0 === s.srcPort ? 0 : 1) : flow.from0 === endpointKey(s.src4, s.src, s.srcPort) ? 0 : 1;
		const tcp = flow.tcp[dir]!;
		if (tcp.next === undefined && !(s.flags & 2) && s.end - s.start + s.missing > 0) flow.tls.midstream(dir);
		tcp.segment(s.seq, s.flags, s.data, s.start, s.end, s.missing, s.frame);
		if (s.flags & 4) this.close(flow, 'closed');
		else if (flow.tcp[0].finSeen && flow.tcp[1].finSeen) this.close(flow, 'closed');
	}

	private find(hash: number, v4: boolean, srcIp: number, dstIp: number, s: TcpSegment): Flow | undefined {
		const bucket = this.live.get(hash);
		if (!bucket) return undefined;
		for (const f of bucket) {
			if (v4) {
				if ((f.ip0 === srcIp && f.port0 === s.srcPort && f.ip1 === dstIp && f.port1 === s.dstPort) || (f.ip0 === dstIp && f.port0 === s.dstPort && f.ip1 === srcIp && f.port1 === s.srcPort)) return f;
			} else if (f.ip0 === -1) {
				const a = endpointKey(s.src4, s.src, s.srcPort), b = endpointKey(s.dst4, s.dst, s.dstPort);
				if (f.key === (a < b ? `${a}|${b}` : `${b}|${a}`)) return f;
			}
		}
		return undefined;
	}

	/** Closes every live connection (end of capture). */
	finish(): void {
		for (const bucket of [...this.live.values()]) for (const flow of [...bucket]) this.close(flow, flow.tcp[0].finSeen || flow.tcp[1].finSeen ? 'closed' : 'capture-end');
	}

	private open(key: string, a: string, b: string, s: TcpSegment, hash: number, srcIp: number, dstIp: number): Flow {
		if (this.count >= MAX_LIVE) {
			const oldest = this.order.values().next().value as Flow;
			this.close(oldest, 'capture-end');
		}
		// Direction 0 is this packet's sender; guess who the client is until a hello says.
		const clientGuess = (s.flags & 0x12) === 0x02 ? 0 : (s.flags & 0x12) === 0x12 ? 1 : s.srcPort > s.dstPort ? 0 : 1;
		const tls = new TlsConnection(this.streams++, [a, b], s.frame, this.host, clientGuess);
		const flow: Flow = { tls, tcp: [new TcpDirection(tls.readers[0]), new TcpDirection(tls.readers[1])], key, from0: a, ip0: srcIp, port0: s.srcPort, ip1: dstIp, port1: s.dstPort, hash, stream: tls.stream, closed: false };
		const bucket = this.live.get(hash);
		if (bucket) bucket.push(flow);
		else this.live.set(hash, [flow]);
		this.order.add(flow);
		this.count++;
		return flow;
	}

	private close(flow: Flow, end: HandshakeEnd): void {
		if (!flow.closed) {
			flow.closed = true;
			flow.tcp[0].finish();
			flow.tcp[1].finish();
			flow.tls.finish(end);
		}
		const bucket = this.live.get(flow.hash);
		if (bucket) {
			const i = bucket.indexOf(flow);
			if (i >= 0) {
				bucket.splice(i, 1);
				this.count--;
				this.order.delete(flow);
			}
			if (bucket.length === 0) this.live.delete(flow.hash);
		}
		this.closed.set(flow.key, flow.stream);
		if (this.closed.size > MAX_CLOSED) this.closed.delete(this.closed.keys().next().value as string);
	}
}

function hashBytes(a: Uint8Array): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < a.length; i++) h = Math.imul(h ^ a[i]!, 0x01000193);
	return h >>> 0;
}

/** The same value for both directions of a connection. */
function symmetricHash(ipA: number, ipB: number, portA: number, portB: number): number {
	const x = Math.imul(ipA ^ ipB, 0x9e3779b1) ^ Math.imul(portA ^ portB, 0x85ebca6b) ^ Math.imul((ipA + ipB) | 0, 0xc2b2ae35) ^ (portA + portB);
	return x >>> 0;
}
