/** TCP reassembly for one direction: in-order bytes out, with retransmissions, overlaps and gaps handled. */

/** Receives one direction's byte stream. */
export interface StreamSink {
	/** In-order bytes, `bytes[start..end)` (valid during the call), and the frame that carried them. */
	data(bytes: Uint8Array, start: number, end: number, frame: number): void;
	/** `bytes` of the stream are missing (lost, or not captured); the next data follows the hole. `cut`: the frame itself was cut by the snapshot length. */
	gap(bytes: number, frame: number, cut?: boolean): void;
}

interface Held {
	seq: number;
	data: Uint8Array;
	missing: number;
	frame: number;
}

/** Cap on out-of-order bytes held per direction; beyond it the hole is declared a gap. */
export const MAX_OUT_OF_ORDER = 1 << 20;

/** One direction of a TCP connection. */
export class TcpDirection {
	/** Next expected sequence number; undefined before the first SYN or data. */
	next: number | undefined;
	synSeen = false;
	/** Data arrived before any SYN: the stream starts mid-connection. */
	midstream = false;
	finSeen = false;
	/** Bytes delivered so far (including gaps). */
	offset = 0;
	private held: Held[] = [];
	private heldBytes = 0;

	constructor(private readonly sink: StreamSink) {}

	/** Feeds one segment of this direction: its payload is `data[start..end)`. */
	segment(seq: number, flags: number, data: Uint8Array, start: number, end: number, missing: number, frame: number): void {
		if (flags & 2) {
			this.synSeen = true;
			if (this.next === undefined || this.offset === 0) this.next = (seq + 1) >>> 0;
			seq = (seq + 1) >>> 0;
		}
		if (flags & 1) this.finSeen = true;
		const len = end - start + missing;
		if (len === 0) return;
		if (this.next === undefined) {
			this.next = seq;
			this.midstream = true;
		}
		const rel = (seq - this.next) | 0;
		if (rel + len <= 0) return; // retransmission or keep-alive
		if (rel > 0) return this.hold(seq, data.slice(start, end), missing, frame);
		this.deliver(data, start, end, missing, -rel, frame);
		if (this.held.length) this.drain(frame);
	}

	/** Flushes held data at the end: holes become gaps. */
	finish(): void {
		while (this.held.length) {
			const h = this.held[0]!;
			const rel = (h.seq - this.next!) | 0;
			if (rel > 0) this.skip(rel, h.frame);
			this.drain(h.frame);
		}
	}

	private deliver(data: Uint8Array, start: number, end: number, missing: number, skip: number, frame: number): void {
		const length = end - start;
		if (skip < length) {
			const n = length - skip;
			this.next = (this.next! + n) >>> 0;
			this.offset += n;
			this.sink.data(data, start + skip, end, frame);
			skip = 0;
		} else skip -= length;
		if (missing > skip) this.skip(missing - skip, frame, true);
	}

	private skip(n: number, frame: number, cut = false): void {
		this.next = (this.next! + n) >>> 0;
		this.offset += n;
		this.sink.gap(n, frame, cut);
	}

	/** Keeps an out-of-order segment (`payload` is the caller's own copy). */
	private hold(seq: number, payload: Uint8Array, missing: number, frame: number): void {
		if (this.heldBytes + payload.length > MAX_OUT_OF_ORDER) {
			// The hole is not going to be filled within any sane window: give it up.
			const first = this.held.length ? this.held[0]! : { seq };
			const rel = (first.seq - this.next!) | 0;
			const relNew = (seq - this.next!) | 0;
			this.skip(Math.max(0, Math.min(rel, relNew)), frame);
			this.drain(frame);
			const now = (seq - this.next!) | 0;
			if (now <= 0) {
				if (now + payload.length + missing > 0) this.deliver(payload, 0, payload.length, missing, -now, frame);
				return this.drain(frame);
			}
			if (this.heldBytes + payload.length > MAX_OUT_OF_ORDER) return;
		}
		const h: Held = { seq, data: payload, missing, frame };
		const rel = (seq - this.next!) | 0;
		let i = this.held.length;
		while (i > 0 && ((this.held[i - 1]!.seq - this.next!) | 0) > rel) i--;
		this.held.splice(i, 0, h);
		this.heldBytes += h.data.length;
	}

	/** Delivers held segments that are now in order; `frame` is the packet that completed them (as Wireshark reports it). */
	private drain(frame: number): void {
		while (this.held.length) {
			const h = this.held[0]!;
			const rel = (h.seq - this.next!) | 0;
			if (rel > 0) return;
			this.held.shift();
			this.heldBytes -= h.data.length;
			if (rel + h.data.length + h.missing > 0) this.deliver(h.data, 0, h.data.length, h.missing, -rel, Math.max(frame, h.frame));
		}
	}
}
