/** Synchronous SHA-1 (FIPS 180-4) in pure TypeScript: thumbprints and the PKCS#12 KDF/MAC need it synchronously. */

/**
 * SHA-1 digest of `data`.
 * @example toHex(sha1(new TextEncoder().encode('abc'))) === 'A9993E364706816ABA3E25717850C26C9CD0D89D'
 */
export function sha1(data: Uint8Array): Uint8Array {
	const h = new Uint32Array([0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0]);
	const w = new Uint32Array(80);
	const blocks = padMessage(data);
	const view = new DataView(blocks.buffer, blocks.byteOffset, blocks.byteLength);
	for (let off = 0; off < blocks.length; off += 64) {
		for (let i = 0; i < 16; i++) w[i] = view.getUint32(off + i * 4);
		for (let i = 16; i < 80; i++) {
			const x = w[i - 3]! ^ w[i - 8]! ^ w[i - 14]! ^ w[i - 16]!;
			w[i] = (x << 1) | (x >>> 31);
		}
		let a = h[0]!, b = h[1]!, c = h[2]!, d = h[3]!, e = h[4]!;
		for (let i = 0; i < 80; i++) {
			let f: number, k: number;
			if (i < 20) { f = (b & c) | (~b & d); k = 0x5a827999; }
			else if (i < 40) { f = b ^ c ^ d; k = 0x6ed9eba1; }
			else if (i < 60) { f = (b & c) | (b & d) | (c & d); k = 0x8f1bbcdc; }
			else { f = b ^ c ^ d; k = 0xca62c1d6; }
			const t = (((a << 5) | (a >>> 27)) + f + e + k + w[i]!) >>> 0;
			e = d; d = c; c = (b << 30) | (b >>> 2); b = a; a = t;
		}
		h[0] = h[0]! + a; h[1] = h[1]! + b; h[2] = h[2]! + c; h[3] = h[3]! + d; h[4] = h[4]! + e;
	}
	return wordsToBytes(h);
}

/** Merkle–Damgård padding shared by SHA-1 and SHA-256: 0x80, zeros, 64-bit big-endian bit length. */
export function padMessage(data: Uint8Array): Uint8Array {
	const len = data.length;
	const total = Math.ceil((len + 9) / 64) * 64;
	const out = new Uint8Array(total);
	out.set(data);
	out[len] = 0x80;
	const view = new DataView(out.buffer);
	const bits = len * 8;
	view.setUint32(total - 8, Math.floor(bits / 0x100000000));
	view.setUint32(total - 4, bits >>> 0);
	return out;
}

/** Big-endian bytes of 32-bit words. */
export function wordsToBytes(words: Uint32Array): Uint8Array {
	const out = new Uint8Array(words.length * 4);
	const view = new DataView(out.buffer);
	for (let i = 0; i < words.length; i++) view.setUint32(i * 4, words[i]!);
	return out;
}
