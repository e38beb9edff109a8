/**
 * Streaming gzip (RFC 1952) / DEFLATE (RFC 1951) decoder in pure TypeScript.
 *
 * Why not `DecompressionStream`: it is asynchronous, and the capture reader is a synchronous push parser
 * that must run the same in Node, a browser and a web worker. Node's zlib is not allowed in src/core.
 * Input arrives in arbitrary chunks; when a chunk ends mid-symbol the decoder rolls back to the last
 * complete symbol and waits for more, so memory stays at one 32 KB window plus one output buffer.
 */

import { buildHuffman, CL_ORDER, CRC_TABLE, DIST_BASE, DIST_EXTRA, FIXED_DIST, FIXED_LIT, LEN_BASE, LEN_EXTRA, type Huffman } from './inflateTables';

const NEED_MORE = 1;
const WINDOW = 32768;
const OUT = 1 << 18;

type State = 'member' | 'block' | 'stored' | 'huffman' | 'trailer' | 'done';

/**
 * Push-style gzip decoder: `push` compressed chunks, decompressed bytes go to `sink` (fresh arrays the
 * sink may keep). Several concatenated members are accepted. Never throws on bad input: the first
 * problem is kept in {@link GzipDecoder.error} and further input is ignored.
 */
export class GzipDecoder {
	/** The first problem found, with the offset in the compressed input; undefined while all is well. */
	error: { offset: number; message: string } | undefined;
	private inp = new Uint8Array(0);
	private ip = 0;
	private consumedBefore = 0;
	private bitBuf = 0;
	private bitCnt = 0;
	private state: State = 'member';
	private ended = false;
	private final = false;
	private storedLeft = 0;
	private lit: Huffman = FIXED_LIT;
	private dist: Huffman = FIXED_DIST;
	private readonly out = new Uint8Array(WINDOW + OUT);
	private outPos = 0;
	private flushed = 0;
	private produced = 0;
	private memberStart = 0;
	private crc = -1;
	private members = 0;

	constructor(private readonly sink: (bytes: Uint8Array) => void) {}

	/** Feeds compressed bytes. */
	push(chunk: Uint8Array): void {
		if (this.error || this.state === 'done') return;
		const rest = this.inp.subarray(this.ip);
		this.consumedBefore += this.ip;
		const joined = new Uint8Array(rest.length + chunk.length);
		joined.set(rest);
		joined.set(chunk, rest.length);
		this.inp = joined;
		this.ip = 0;
		this.run();
	}

	/** No more input: reports a stream that stops early. */
	end(): void {
		if (this.error) return;
		this.ended = true;
		this.run();
		if (!this.error && this.state !== 'done' && !(this.state === 'member' && this.ip >= this.inp.length && this.members > 0)) {
			this.fail(`gzip data ends early (${this.produced} bytes decompressed)`);
		}
		this.flush();
	}

	private fail(message: string): void {
		this.error ??= { offset: this.consumedBefore + this.ip, message };
	}

	private run(): void {
		for (;;) {
			const saveIp = this.ip, saveBuf = this.bitBuf, saveCnt = this.bitCnt;
			let r: number | string;
			try {
				r = this.step();
			} catch (e) {
				if (e !== NEED_MORE) {
					this.fail(`undecodable data (${e instanceof Error ? e.message : String(e)})`);
					break;
				}
				this.ip = saveIp;
				this.bitBuf = saveBuf;
				this.bitCnt = saveCnt;
				break;
			}
			if (typeof r === 'string') {
				this.fail(r);
				break;
			}
			if (r === 0) break;
		}
		this.flush();
	}

	/** One unit of work; returns 1 to go on, 0 when finished, a string on error; throws NEED_MORE. */
	private step(): number | string {
		switch (this.state) {
			case 'member':
				return this.member();
			case 'block':
				return this.blockHeader();
			case 'stored':
				return this.stored();
			case 'huffman':
				return this.huffman();
			case 'trailer':
				return this.trailer();
			default:
				return 0;
		}
	}

	private byte(): number {
		if (this.ip >= this.inp.length) throw NEED_MORE;
		return this.inp[this.ip++]!;
	}

	private bits(n: number): number {
		while (this.bitCnt < n) {
			if (this.ip >= this.inp.length) throw NEED_MORE;
			this.bitBuf |= this.inp[this.ip++]! << this.bitCnt;
			this.bitCnt += 8;
		}
		const v = this.bitBuf & ((1 << n) - 1);
		this.bitBuf >>>= n;
		this.bitCnt -= n;
		return v;
	}

	private member(): number | string {
		if (this.ip >= this.inp.length && this.members > 0) {
			if (this.ended) this.state = 'done';
			throw NEED_MORE;
		}
		const b0 = this.byte(), b1 = this.byte();
		if (b0 !== 0x1f || b1 !== 0x8b) {
			if (this.members === 0) return 'not gzip data';
			this.state = 'done'; // trailing garbage after a member is ignored, as gzip -d does
			return 0;
		}
		if (this.byte() !== 8) return 'gzip compression method is not deflate';
		const flags = this.byte();
		for (let i = 0; i < 6; i++) this.byte();
		if (flags & 4) {
			const xlen = this.byte() | (this.byte() << 8);
			for (let i = 0; i < xlen; i++) this.byte();
		}
		if (flags & 8) while (this.byte() !== 0);
		if (flags & 16) while (this.byte() !== 0);
		if (flags & 2) {
			this.byte();
			this.byte();
		}
		this.members++;
		this.memberStart = this.produced;
		this.crc = -1;
		this.state = 'block';
		this.final = false;
		return 1;
	}

	private blockHeader(): number | string {
		if (this.final) {
			this.state = 'trailer';
			return 1;
		}
		const fin = this.bits(1);
		const type = this.bits(2);
		if (type === 0) {
			this.bitBuf = 0;
			this.bitCnt = 0;
			const len = this.byte() | (this.byte() << 8);
			const nlen = this.byte() | (this.byte() << 8);
			if ((len ^ 0xffff) !== nlen) return 'stored block length check failed';
			this.storedLeft = len;
			this.state = 'stored';
		} else if (type === 1) {
			this.lit = FIXED_LIT;
			this.dist = FIXED_DIST;
			this.state = 'huffman';
		} else if (type === 2) {
			const r = this.dynamicTables();
			if (r) return r;
			this.state = 'huffman';
		} else return 'invalid deflate block type 3';
		this.final = fin === 1;
		return 1;
	}

	private dynamicTables(): string | undefined {
		const hlit = this.bits(5) + 257, hdist = this.bits(5) + 1, hclen = this.bits(4) + 4;
		const cl = new Uint8Array(19);
		for (let i = 0; i < hclen; i++) cl[CL_ORDER[i]!] = this.bits(3);
		const clh = buildHuffman(cl, 19);
		if (typeof clh === 'string') return clh;
		const lens = new Uint8Array(hlit + hdist);
		for (let i = 0; i < hlit + hdist; ) {
			const sym = this.decode(clh);
			if (sym < 0) return 'invalid code length code';
			if (sym < 16) lens[i++] = sym;
			else {
				let rep: number, val = 0;
				if (sym === 16) {
					if (i === 0) return 'repeat with no previous code length';
					val = lens[i - 1]!;
					rep = 3 + this.bits(2);
				} else rep = sym === 17 ? 3 + this.bits(3) : 11 + this.bits(7);
				if (i + rep > hlit + hdist) return 'code lengths overflow';
				while (rep--) lens[i++] = val;
			}
		}
		const lit = buildHuffman(lens.subarray(0, hlit), hlit);
		const dist = buildHuffman(lens.subarray(hlit), hdist);
		if (typeof lit === 'string') return lit;
		if (typeof dist === 'string') return dist;
		this.lit = lit;
		this.dist = dist;
		return undefined;
	}

	private decode(h: Huffman): number {
		while (this.bitCnt < h.bits && this.ip < this.inp.length) {
			this.bitBuf |= this.inp[this.ip++]! << this.bitCnt;
			this.bitCnt += 8;
		}
		const e = h.table[this.bitBuf & ((1 << h.bits) - 1)]!;
		const len = e & 15;
		if (len === 0 && this.bitCnt >= h.bits) return -1;
		// Not enough bits yet: wait for more input (at the end, the run loop reports the stream as cut).
		if (len === 0 || len > this.bitCnt) throw NEED_MORE;
		this.bitBuf >>>= len;
		this.bitCnt -= len;
		return e >> 4;
	}

	private stored(): number | string {
		if (this.storedLeft === 0) {
			this.state = 'block';
			return 1;
		}
		if (this.ip >= this.inp.length) throw NEED_MORE;
		this.room(1);
		const n = Math.min(this.storedLeft, this.inp.length - this.ip, this.out.length - this.outPos);
		this.out.set(this.inp.subarray(this.ip, this.ip + n), this.outPos);
		this.ip += n;
		this.outPos += n;
		this.produced += n;
		this.storedLeft -= n;
		return 1;
	}

	private huffman(): number | string {
		// A batch of symbols per step; the run loop checkpoints between steps, so each symbol is its own step
		// only when the input is nearly exhausted.
		for (let n = 0; n < 4096; n++) {
			const saveIp = this.ip, saveBuf = this.bitBuf, saveCnt = this.bitCnt;
			try {
				const r = this.symbol();
				if (r !== 1) return r;
			} catch (e) {
				if (e !== NEED_MORE || n === 0) throw e;
				this.ip = saveIp;
				this.bitBuf = saveBuf;
				this.bitCnt = saveCnt;
				return 1;
			}
		}
		return 1;
	}

	private symbol(): number | string {
		const sym = this.decode(this.lit);
		if (sym < 0) return 'invalid literal/length code';
		if (sym < 256) {
			this.room(1);
			this.out[this.outPos++] = sym;
			this.produced++;
			return 1;
		}
		if (sym === 256) {
			this.state = 'block';
			return 2;
		}
		const li = sym - 257;
		if (li >= 29) return 'invalid length symbol';
		const len = LEN_BASE[li]! + this.bits(LEN_EXTRA[li]!);
		const ds = this.decode(this.dist);
		if (ds < 0 || ds >= 30) return 'invalid distance code';
		const d = DIST_BASE[ds]! + this.bits(DIST_EXTRA[ds]!);
		if (d > this.produced - this.memberStart) return `distance ${d} reaches before the start of the data`;
		this.room(len);
		const o = this.out;
		let p = this.outPos;
		for (let i = 0; i < len; i++, p++) o[p] = o[p - d]!;
		this.outPos = p;
		this.produced += len;
		return 1;
	}

	private trailer(): number | string {
		this.bitBuf = 0;
		this.bitCnt = 0;
		const t = new Uint8Array(8);
		for (let i = 0; i < 8; i++) t[i] = this.byte();
		this.flush();
		const crc = (t[0]! | (t[1]! << 8) | (t[2]! << 16) | (t[3]! << 24)) >>> 0;
		const size = (t[4]! | (t[5]! << 8) | (t[6]! << 16) | (t[7]! << 24)) >>> 0;
		if (crc !== (this.crc ^ -1) >>> 0) return 'gzip CRC-32 mismatch';
		if (size !== (this.produced - this.memberStart) >>> 0) return 'gzip length mismatch';
		this.state = 'member';
		return 1;
	}

	/** Makes room for `n` more output bytes, flushing and keeping the last 32 KB as history. */
	private room(n: number): void {
		if (this.outPos + n <= this.out.length) return;
		this.flush();
		this.out.copyWithin(0, this.outPos - WINDOW, this.outPos);
		this.outPos = WINDOW;
		this.flushed = WINDOW;
	}

	private flush(): void {
		if (this.outPos === this.flushed) return;
		const chunk = this.out.slice(this.flushed, this.outPos);
		this.flushed = this.outPos;
		let c = this.crc;
		for (let i = 0; i < chunk.length; i++) c = CRC_TABLE[(c ^ chunk[i]!) & 0xff]! ^ (c >>> 8);
		this.crc = c;
		this.sink(chunk);
	}
}
