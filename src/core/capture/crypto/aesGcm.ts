/** AES-128/256 (encryption direction only) and GCM decryption (NIST SP 800-38D), pure TypeScript. */

const SBOX = new Uint8Array(256);
const T0 = new Uint32Array(256), T1 = new Uint32Array(256), T2 = new Uint32Array(256), T3 = new Uint32Array(256);

(() => {
	// Build the S-box from the multiplicative inverse in GF(2^8) and the affine map.
	const exp = new Uint8Array(256), log = new Uint8Array(256);
	let x = 1;
	for (let i = 0; i < 255; i++) {
		exp[i] = x;
		log[x] = i;
		x ^= (x << 1) ^ (x & 0x80 ? 0x1b : 0);
		x &= 0xff;
	}
	for (let i = 0; i < 256; i++) {
		let inv = i === 0 ? 0 : exp[(255 - log[i]!) % 255]!;
		let s = inv;
		for (let k = 0; k < 4; k++) {
			inv = ((inv << 1) | (inv >> 7)) & 0xff;
			s ^= inv;
		}
		SBOX[i] = s ^ 0x63;
	}
	for (let i = 0; i < 256; i++) {
		const s = SBOX[i]!;
		const s2 = ((s << 1) ^ (s & 0x80 ? 0x1b : 0)) & 0xff;
		const s3 = s2 ^ s;
		const t = ((s2 << 24) | (s << 16) | (s << 8) | s3) >>> 0;
		T0[i] = t;
		T1[i] = ((t >>> 8) | (t << 24)) >>> 0;
		T2[i] = ((t >>> 16) | (t << 16)) >>> 0;
		T3[i] = ((t >>> 24) | (t << 8)) >>> 0;
	}
})();

/** Expanded AES key schedule. */
export function aesExpandKey(key: Uint8Array): Uint32Array {
	const nk = key.length / 4;
	const rounds = nk + 6;
	const w = new Uint32Array(4 * (rounds + 1));
	for (let i = 0; i < nk; i++) w[i] = ((key[4 * i]! << 24) | (key[4 * i + 1]! << 16) | (key[4 * i + 2]! << 8) | key[4 * i + 3]!) >>> 0;
	let rcon = 1;
	for (let i = nk; i < w.length; i++) {
		let t = w[i - 1]!;
		if (i % nk === 0) {
			t = ((SBOX[(t >>> 16) & 0xff]! << 24) | (SBOX[(t >>> 8) & 0xff]! << 16) | (SBOX[t & 0xff]! << 8) | SBOX[t >>> 24]!) ^ (rcon << 24);
			rcon = ((rcon << 1) ^ (rcon & 0x80 ? 0x1b : 0)) & 0xff;
		} else if (nk > 6 && i % nk === 4) {
			t = (SBOX[t >>> 24]! << 24) | (SBOX[(t >>> 16) & 0xff]! << 16) | (SBOX[(t >>> 8) & 0xff]! << 8) | SBOX[t & 0xff]!;
		}
		w[i] = (w[i - nk]! ^ t) >>> 0;
	}
	return w;
}

/** Encrypts one 16-byte block from `inp` into `out`. */
export function aesEncryptBlock(w: Uint32Array, inp: Uint8Array, out: Uint8Array): void {
	const rounds = w.length / 4 - 1;
	let s0 = (((inp[0]! << 24) | (inp[1]! << 16) | (inp[2]! << 8) | inp[3]!) ^ w[0]!) >>> 0;
	let s1 = (((inp[4]! << 24) | (inp[5]! << 16) | (inp[6]! << 8) | inp[7]!) ^ w[1]!) >>> 0;
	let s2 = (((inp[8]! << 24) | (inp[9]! << 16) | (inp[10]! << 8) | inp[11]!) ^ w[2]!) >>> 0;
	let s3 = (((inp[12]! << 24) | (inp[13]! << 16) | (inp[14]! << 8) | inp[15]!) ^ w[3]!) >>> 0;
	let k = 4;
	for (let r = 1; r < rounds; r++) {
		const t0 = T0[s0 >>> 24]! ^ T1[(s1 >>> 16) & 0xff]! ^ T2[(s2 >>> 8) & 0xff]! ^ T3[s3 & 0xff]! ^ w[k++]!;
		const t1 = T0[s1 >>> 24]! ^ T1[(s2 >>> 16) & 0xff]! ^ T2[(s3 >>> 8) & 0xff]! ^ T3[s0 & 0xff]! ^ w[k++]!;
		const t2 = T0[s2 >>> 24]! ^ T1[(s3 >>> 16) & 0xff]! ^ T2[(s0 >>> 8) & 0xff]! ^ T3[s1 & 0xff]! ^ w[k++]!;
		const t3 = T0[s3 >>> 24]! ^ T1[(s0 >>> 16) & 0xff]! ^ T2[(s1 >>> 8) & 0xff]! ^ T3[s2 & 0xff]! ^ w[k++]!;
		s0 = t0 >>> 0;
		s1 = t1 >>> 0;
		s2 = t2 >>> 0;
		s3 = t3 >>> 0;
	}
	const f = (a: number, b: number, c: number, d: number, kw: number): number =>
		(((SBOX[a >>> 24]! << 24) | (SBOX[(b >>> 16) & 0xff]! << 16) | (SBOX[(c >>> 8) & 0xff]! << 8) | SBOX[d & 0xff]!) ^ kw) >>> 0;
	const r0 = f(s0, s1, s2, s3, w[k]!), r1 = f(s1, s2, s3, s0, w[k + 1]!), r2 = f(s2, s3, s0, s1, w[k + 2]!), r3 = f(s3, s0, s1, s2, w[k + 3]!);
	const words = [r0, r1, r2, r3];
	for (let i = 0; i < 4; i++) {
		out[4 * i] = words[i]! >>> 24;
		out[4 * i + 1] = (words[i]! >>> 16) & 0xff;
		out[4 * i + 2] = (words[i]! >>> 8) & 0xff;
		out[4 * i + 3] = words[i]! & 0xff;
	}
}

/** GF(2^128) multiply of x by h (both 16 bytes), result into x. Bitwise; fine for handshake-sized data. */
function gmul(x: Uint8Array, h: Uint8Array): void {
	const z = new Uint8Array(16);
	const v = h.slice();
	for (let i = 0; i < 128; i++) {
		if (x[i >> 3]! & (0x80 >> (i & 7))) for (let j = 0; j < 16; j++) z[j]! ^= v[j]!;
		const lsb = v[15]! & 1;
		for (let j = 15; j > 0; j--) v[j] = (v[j]! >>> 1) | ((v[j - 1]! & 1) << 7);
		v[0] = v[0]! >>> 1;
		if (lsb) v[0]! ^= 0xe1;
	}
	x.set(z);
}

function ghash(h: Uint8Array, aad: Uint8Array, ct: Uint8Array): Uint8Array {
	const y = new Uint8Array(16);
	const absorb = (data: Uint8Array): void => {
		for (let i = 0; i < data.length; i += 16) {
			const n = Math.min(16, data.length - i);
			for (let j = 0; j < n; j++) y[j]! ^= data[i + j]!;
			gmul(y, h);
		}
	};
	absorb(aad);
	absorb(ct);
	const lens = new Uint8Array(16);
	const dv = new DataView(lens.buffer);
	dv.setUint32(4, aad.length * 8);
	dv.setUint32(12, ct.length * 8);
	dv.setUint32(8, Math.floor((ct.length * 8) / 4294967296));
	for (let j = 0; j < 16; j++) y[j]! ^= lens[j]!;
	gmul(y, h);
	return y;
}

/** AES-GCM decryption with a 12-byte nonce and a 16-byte tag at the end of `data`; undefined if the tag fails. */
export function aesGcmDecrypt(key: Uint8Array | Uint32Array, nonce: Uint8Array, aad: Uint8Array, data: Uint8Array): Uint8Array | undefined {
	if (data.length < 16 || nonce.length !== 12) return undefined;
	const w = key instanceof Uint32Array ? key : aesExpandKey(key);
	const ct = data.subarray(0, data.length - 16), tag = data.subarray(data.length - 16);
	const h = new Uint8Array(16);
	aesEncryptBlock(w, new Uint8Array(16), h);
	const counter = new Uint8Array(16);
	counter.set(nonce);
	counter[15] = 1;
	const ek0 = new Uint8Array(16);
	aesEncryptBlock(w, counter, ek0);
	const s = ghash(h, aad, ct);
	let diff = 0;
	for (let i = 0; i < 16; i++) diff |= (s[i]! ^ ek0[i]!) ^ tag[i]!;
	if (diff !== 0) return undefined;
	const out = new Uint8Array(ct.length);
	const ks = new Uint8Array(16);
	let c = 2;
	for (let i = 0; i < ct.length; i += 16, c++) {
		counter[12] = c >>> 24;
		counter[13] = (c >>> 16) & 0xff;
		counter[14] = (c >>> 8) & 0xff;
		counter[15] = c & 0xff;
		aesEncryptBlock(w, counter, ks);
		const n = Math.min(16, ct.length - i);
		for (let j = 0; j < n; j++) out[i + j] = ct[i + j]! ^ ks[j]!;
	}
	return out;
}
