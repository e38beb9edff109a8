/** ChaCha20-Poly1305 AEAD decryption (RFC 8439), pure TypeScript. */

function rotl(v: number, c: number): number {
	return (v << c) | (v >>> (32 - c));
}

/** One ChaCha20 block for `key` (32 bytes), `counter` and `nonce` (12 bytes) into `out` (64 bytes). */
function chachaBlock(key: Uint32Array, counter: number, nonce: Uint32Array, out: Uint8Array): void {
	const s = new Uint32Array(16);
	s[0] = 0x61707865;
	s[1] = 0x3320646e;
	s[2] = 0x79622d32;
	s[3] = 0x6b206574;
	s.set(key, 4);
	s[12] = counter;
	s.set(nonce, 13);
	const x = s.slice();
	const qr = (a: number, b: number, c: number, d: number): void => {
		x[a] = x[a]! + x[b]!; x[d] = rotl(x[d]! ^ x[a]!, 16);
		x[c] = x[c]! + x[d]!; x[b] = rotl(x[b]! ^ x[c]!, 12);
		x[a] = x[a]! + x[b]!; x[d] = rotl(x[d]! ^ x[a]!, 8);
		x[c] = x[c]! + x[d]!; x[b] = rotl(x[b]! ^ x[c]!, 7);
	};
	for (let i = 0; i < 10; i++) {
		qr(0, 4, 8, 12); qr(1, 5, 9, 13); qr(2, 6, 10, 14); qr(3, 7, 11, 15);
		qr(0, 5, 10, 15); qr(1, 6, 11, 12); qr(2, 7, 8, 13); qr(3, 4, 9, 14);
	}
	for (let i = 0; i < 16; i++) {
		const v = (x[i]! + s[i]!) >>> 0;
		out[4 * i] = v & 0xff;
		out[4 * i + 1] = (v >>> 8) & 0xff;
		out[4 * i + 2] = (v >>> 16) & 0xff;
		out[4 * i + 3] = v >>> 24;
	}
}

function words(b: Uint8Array): Uint32Array {
	const w = new Uint32Array(b.length / 4);
	for (let i = 0; i < w.length; i++) w[i] = (b[4 * i]! | (b[4 * i + 1]! << 8) | (b[4 * i + 2]! << 16) | (b[4 * i + 3]! << 24)) >>> 0;
	return w;
}

function leBig(b: Uint8Array): bigint {
	let v = 0n;
	for (let i = b.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[i]!);
	return v;
}

const P1305 = (1n << 130n) - 5n;

/** Poly1305 MAC (RFC 8439 §2.5) with BigInt arithmetic: simple and fast enough for handshake records. */
function poly1305(key: Uint8Array, msg: Uint8Array): Uint8Array {
	const r = leBig(key.subarray(0, 16)) & 0x0ffffffc0ffffffc0ffffffc0fffffffn;
	const s = leBig(key.subarray(16, 32));
	let acc = 0n;
	for (let off = 0; off < msg.length; off += 16) {
		const block = msg.subarray(off, Math.min(off + 16, msg.length));
		acc = ((acc + leBig(block) + (1n << BigInt(8 * block.length))) * r) % P1305;
	}
	acc = (acc + s) & ((1n << 128n) - 1n);
	const out = new Uint8Array(16);
	for (let i = 0; i < 16; i++) {
		out[i] = Number(acc & 0xffn);
		acc >>= 8n;
	}
	return out;
}

/** ChaCha20-Poly1305 decryption; `data` ends with the 16-byte tag. Undefined if the tag fails. */
export function chacha20Poly1305Decrypt(key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, data: Uint8Array): Uint8Array | undefined {
	if (data.length < 16 || key.length !== 32 || nonce.length !== 12) return undefined;
	const kw = words(key), nw = words(nonce);
	const ct = data.subarray(0, data.length - 16), tag = data.subarray(data.length - 16);
	const block = new Uint8Array(64);
	chachaBlock(kw, 0, nw, block);
	const pad16 = (n: number): number => (16 - (n % 16)) % 16;
	const macData = new Uint8Array(aad.length + pad16(aad.length) + ct.length + pad16(ct.length) + 16);
	macData.set(aad);
	macData.set(ct, aad.length + pad16(aad.length));
	const lenAt = macData.length - 16;
	const dv = new DataView(macData.buffer);
	dv.setUint32(lenAt, aad.length, true);
	dv.setUint32(lenAt + 8, ct.length, true);
	const mac = poly1305(block.subarray(0, 32), macData);
	let diff = 0;
	for (let i = 0; i < 16; i++) diff |= mac[i]! ^ tag[i]!;
	if (diff !== 0) return undefined;
	const out = new Uint8Array(ct.length);
	for (let i = 0, ctr = 1; i < ct.length; i += 64, ctr++) {
		chachaBlock(kw, ctr, nw, block);
		const n = Math.min(64, ct.length - i);
		for (let j = 0; j < n; j++) out[i + j] = ct[i + j]! ^ block[j]!;
	}
	return out;
}
