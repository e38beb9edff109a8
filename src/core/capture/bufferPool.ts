/**
 * Reused byte buffers for the record and handshake reassembly of the capture reader. A connection takes a buffer
 * only while a record or message is split across segments and gives it back once that is complete, so a capture
 * with thousands of connections allocates a handful of buffers instead of one per connection (their allocation
 * and collection were the reader's largest garbage cost).
 */

/** A bounded free list of buffers of at least `size` bytes. */
export class BufferPool {
	private readonly free: Uint8Array[] = [];

	constructor(private readonly size: number, private readonly max = 64) {}

	/** A buffer of at least `n` bytes (from the free list when it fits; otherwise a new one of the pool's size, or `n`). */
	take(n: number): Uint8Array {
		if (n <= this.size) return this.free.pop() ?? new Uint8Array(this.size);
		return new Uint8Array(n);
	}

	/** Gives a buffer back (buffers of another size are left to the garbage collector). */
	give(b: Uint8Array): void {
		if (b.length === this.size && this.free.length < this.max) this.free.push(b);
	}
}
