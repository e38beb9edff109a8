/**
 * RC4 (the "ARCFOUR" stream cipher) for the TLS ≤1.2 RC4 suites read with a key log. Pure TypeScript: Node's OpenSSL
 * 3 has RC4 only in its legacy provider, which Node does not load. A stream cipher keeps its state from record to
 * record, so every record of a direction goes through it, in order.
 */
export class Rc4 {
	private readonly s = new Uint8Array(256);
	private i = 0;
	private j = 0;

	constructor(key: Uint8Array) {
		if (key.length < 1 || key.length > 256) throw new RangeError(`RC4 key must be 1..256 bytes, got ${key.length}`);
		const s = this.s;
		for (let k = 0; k < 256; k++) s[k] = k;
		for (let k = 0, j = 0; k < 256; k++) {
			j = (j + s[k]! + key[k % key.length]!) & 255;
			const t = s[k]!;
			s[k] = s[j]!;
			s[j] = t;
		}
	}

	/** XORs the next `data.length` keystream bytes into a copy of `data`. */
	process(data: Uint8Array): Uint8Array {
		const out = new Uint8Array(data.length);
		const s = this.s;
		let i = this.i, j = this.j;
		for (let k = 0; k < data.length; k++) {
			i = (i + 1) & 255;
			j = (j + s[i]!) & 255;
			const t = s[i]!;
			s[i] = s[j]!;
			s[j] = t;
			out[k] = data[k]! ^ s[(s[i]! + t) & 255]!;
		}
		this.i = i;
		this.j = j;
		return out;
	}

	/** Drops the next `n` keystream bytes (a record that is not read). */
	skip(n: number): void {
		const s = this.s;
		let i = this.i, j = this.j;
		for (let k = 0; k < n; k++) {
			i = (i + 1) & 255;
			j = (j + s[i]!) & 255;
			const t = s[i]!;
			s[i] = s[j]!;
			s[j] = t;
		}
		this.i = i;
		this.j = j;
	}
}
