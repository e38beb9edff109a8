/** Cuts one direction's handshake byte stream into messages, across records and several per record. */
import * as l10n from '@vscode/l10n';
import { BufferPool } from './bufferPool';

/** Largest handshake message accepted (bigger claims are treated as damage). */
export const MAX_HANDSHAKE_MESSAGE = 1 << 20;

/** Buffers for messages split across records, shared by every direction (a 38 KB CA list fits; taken while a message is incomplete). */
const messageBuffers = new BufferPool(64 * 1024, 32);
const EMPTY: Uint8Array = new Uint8Array(0);

/** Receives complete messages. */
export type MessageSink = (type: number, body: Uint8Array, frame: number, records: number, messageBytes: number) => void;

/** Per-direction handshake message reassembly. */
export class HandshakeAssembler {
	/** The partial message(s) (from {@link messageBuffers} while `len` > 0). */
	private buf = EMPTY;
	private len = 0;
	private records = 0;

	constructor(private readonly sink: MessageSink, private readonly problem: (frame: number, message: string) => void) {}

	/** Bytes of a message still waiting for the rest of its records. */
	get pending(): number {
		return this.len;
	}

	/** Adds the plaintext of one handshake record. */
	add(body: Uint8Array, frame: number): void {
		if (this.len === 0) {
			// Fast path: whole messages inside this record need no copy.
			let p = 0;
			while (p + 4 <= body.length) {
				const n = (body[p + 1]! << 16) | (body[p + 2]! << 8) | body[p + 3]!;
				if (p + 4 + n > body.length) break;
				this.sink(body[p]!, body.subarray(p + 4, p + 4 + n), frame, 1, 4 + n);
				p += 4 + n;
			}
			if (p === body.length) return;
			body = body.subarray(p);
		}
		if (this.len === 0 && body.length >= 4) {
			// Size the buffer for the whole message at once (a 38 KB CertificateRequest needs no regrowth).
			const need = 4 + ((body[1]! << 16) | (body[2]! << 8) | body[3]!);
			if (need <= MAX_HANDSHAKE_MESSAGE + 4 && this.buf.length < need) this.buf = messageBuffers.take(Math.max(need, body.length));
		}
		this.append(body);
		this.records++;
		let p = 0;
		while (this.len - p >= 4) {
			const n = (this.buf[p + 1]! << 16) | (this.buf[p + 2]! << 8) | this.buf[p + 3]!;
			if (n > MAX_HANDSHAKE_MESSAGE) {
				this.problem(frame, l10n.t('handshake message of type {0} claims {1} bytes; dropping this direction\'s handshake data', this.buf[p], n));
				this.reset();
				return;
			}
			if (this.len - p < 4 + n) break;
			this.sink(this.buf[p]!, this.buf.subarray(p + 4, p + 4 + n), frame, this.records, 4 + n);
			p += 4 + n;
			this.records = 1;
		}
		if (p > 0) {
			this.buf.copyWithin(0, p, this.len);
			this.len -= p;
		}
		if (this.len === 0) this.reset();
	}

	/** Forgets a partial message (after lost bytes); the buffer goes back to the pool. */
	reset(): void {
		this.len = 0;
		this.records = 0;
		if (this.buf !== EMPTY) messageBuffers.give(this.buf);
		this.buf = EMPTY;
	}

	private append(b: Uint8Array): void {
		if (this.len + b.length > this.buf.length) {
			const next = messageBuffers.take(Math.max(this.buf.length * 2, this.len + b.length, 1024));
			next.set(this.buf.subarray(0, this.len));
			if (this.buf !== EMPTY) messageBuffers.give(this.buf);
			this.buf = next;
		}
		this.buf.set(b, this.len);
		this.len += b.length;
	}
}
