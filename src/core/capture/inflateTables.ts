/** Constant tables of DEFLATE (RFC 1951 §3.2.5–3.2.7), canonical Huffman decoding tables, and CRC-32. */

export const LEN_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
export const LEN_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
export const DIST_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
export const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
export const CL_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/** CRC-32 (IEEE) lookup table. */
export const CRC_TABLE = (() => {
	const t = new Int32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		t[n] = c;
	}
	return t;
})();

/** A canonical Huffman table as one lookup array: entry = symbol << 4 | code length. */
export interface Huffman {
	readonly table: Int32Array;
	readonly bits: number;
}

/** Builds the lookup table for code lengths `lengths[0..count)`, or says why they are invalid. */
export function buildHuffman(lengths: ArrayLike<number>, count: number): Huffman | string {
	let maxBits = 0;
	const blCount = new Int32Array(16);
	for (let i = 0; i < count; i++) {
		blCount[lengths[i]!]!++;
		if (lengths[i]! > maxBits) maxBits = lengths[i]!;
	}
	if (maxBits === 0) return { table: new Int32Array(1), bits: 1 };
	blCount[0] = 0;
	const next = new Int32Array(16);
	let code = 0;
	for (let b = 1; b <= 15; b++) {
		code = (code + blCount[b - 1]!) << 1;
		next[b] = code;
		if (blCount[b]! > 1 << b) return 'over-subscribed Huffman code';
	}
	const table = new Int32Array(1 << maxBits);
	for (let sym = 0; sym < count; sym++) {
		const len = lengths[sym]!;
		if (len === 0) continue;
		let c = next[len]!++;
		if (c >= 1 << len) return 'over-subscribed Huffman code';
		let rev = 0;
		for (let i = 0; i < len; i++) {
			rev = (rev << 1) | (c & 1);
			c >>= 1;
		}
		for (let i = rev; i < table.length; i += 1 << len) table[i] = (sym << 4) | len;
	}
	return { table, bits: maxBits };
}

/** The fixed literal/length and distance codes of block type 1. */
export const FIXED_LIT = buildHuffman(Array.from({ length: 288 }, (_, i) => (i < 144 ? 8 : i < 256 ? 9 : i < 280 ? 7 : 8)), 288) as Huffman;
export const FIXED_DIST = buildHuffman(Array.from({ length: 30 }, () => 5), 30) as Huffman;
