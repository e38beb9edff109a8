/** DES / 3DES-EDE decryption in CBC mode (FIPS 46-3), for legacy PKCS#12 `pbeWithSHAAnd3-KeyTripleDES-CBC`. */

const PC1 = [57, 49, 41, 33, 25, 17, 9, 1, 58, 50, 42, 34, 26, 18, 10, 2, 59, 51, 43, 35, 27, 19, 11, 3, 60, 52, 44, 36, 63, 55, 47, 39, 31, 23, 15, 7, 62, 54, 46, 38, 30, 22, 14, 6, 61, 53, 45, 37, 29, 21, 13, 5, 28, 20, 12, 4];
const PC2 = [14, 17, 11, 24, 1, 5, 3, 28, 15, 6, 21, 10, 23, 19, 12, 4, 26, 8, 16, 7, 27, 20, 13, 2, 41, 52, 31, 37, 47, 55, 30, 40, 51, 45, 33, 48, 44, 49, 39, 56, 34, 53, 46, 42, 50, 36, 29, 32];
const SHIFTS = [1, 1, 2, 2, 2, 2, 2, 2, 1, 2, 2, 2, 2, 2, 2, 1];
const IP = [58, 50, 42, 34, 26, 18, 10, 2, 60, 52, 44, 36, 28, 20, 12, 4, 62, 54, 46, 38, 30, 22, 14, 6, 64, 56, 48, 40, 32, 24, 16, 8, 57, 49, 41, 33, 25, 17, 9, 1, 59, 51, 43, 35, 27, 19, 11, 3, 61, 53, 45, 37, 29, 21, 13, 5, 63, 55, 47, 39, 31, 23, 15, 7];
const FP = [40, 8, 48, 16, 56, 24, 64, 32, 39, 7, 47, 15, 55, 23, 63, 31, 38, 6, 46, 14, 54, 22, 62, 30, 37, 5, 45, 13, 53, 21, 61, 29, 36, 4, 44, 12, 52, 20, 60, 28, 35, 3, 43, 11, 51, 19, 59, 27, 34, 2, 42, 10, 50, 18, 58, 26, 33, 1, 41, 9, 49, 17, 57, 25];
const E = [32, 1, 2, 3, 4, 5, 4, 5, 6, 7, 8, 9, 8, 9, 10, 11, 12, 13, 12, 13, 14, 15, 16, 17, 16, 17, 18, 19, 20, 21, 20, 21, 22, 23, 24, 25, 24, 25, 26, 27, 28, 29, 28, 29, 30, 31, 32, 1];
const P = [16, 7, 20, 21, 29, 12, 28, 17, 1, 15, 23, 26, 5, 18, 31, 10, 2, 8, 24, 14, 32, 27, 3, 9, 19, 13, 30, 6, 22, 11, 4, 25];
const S = [
	'e4d12fb83a6c5907 0f74e2d1a6cb9538 41e8d62bfc973a50 fc8249175b3ea06d',
	'f18e6b34972dc05a 3d47f28ec01a69b5 0e7ba4d158c6932f d8a13f42b67c05e9',
	'a09e63f51dc7b428 d709346a285ecbf1 d6498f30b12c5ae7 1ad069874fe3b52c',
	'7de3069a1285bc4f d8b56f03472c1ae9 a690cb7df13e5284 3f06a1d8945bc72e',
	'2c417ab6853fd0e9 eb2c47d150fa3986 421bad78f9c5630e b8c71e2d6f09a453',
	'c1af92680d34e75b af427c9561de0b38 9ef528c3704a1db6 432c95fabe17608d',
	'4b2ef08d3c975a61 d0b7491ae35c2f86 14bdc37eaf680592 6bd814a7950fe23c',
	'd2846fb1a93e50c7 1fd8a374c56b0e92 7b419ce206adf358 21e74a8dfc90356b',
].map((row) => row.replace(/ /g, '').split('').map((c) => parseInt(c, 16)));

type Bits = Uint8Array; // one bit per byte: simple and fast enough for a few KB of PKCS#12 bags

function permute(input: Bits, table: readonly number[]): Bits {
	const out = new Uint8Array(table.length);
	for (let i = 0; i < table.length; i++) out[i] = input[table[i]! - 1]!;
	return out;
}

function toBits(block: Uint8Array, offset: number): Bits {
	const bits = new Uint8Array(64);
	for (let i = 0; i < 64; i++) bits[i] = (block[offset + (i >> 3)]! >> (7 - (i & 7))) & 1;
	return bits;
}

function fromBits(bits: Bits, out: Uint8Array, offset: number): void {
	for (let i = 0; i < 8; i++) {
		let b = 0;
		for (let j = 0; j < 8; j++) b = (b << 1) | bits[i * 8 + j]!;
		out[offset + i] = b;
	}
}

/** The 16 round keys (48 bits each) of an 8-byte DES key. */
function subkeys(key: Uint8Array): Bits[] {
	const cd = permute(toBits(key, 0), PC1);
	const c = Array.from(cd.slice(0, 28));
	const d = Array.from(cd.slice(28));
	const keys: Bits[] = [];
	for (const shift of SHIFTS) {
		for (let s = 0; s < shift; s++) {
			c.push(c.shift()!);
			d.push(d.shift()!);
		}
		keys.push(permute(Uint8Array.from([...c, ...d]), PC2));
	}
	return keys;
}

function feistel(r: Bits, k: Bits): Bits {
	const x = permute(r, E);
	const out = new Uint8Array(32);
	for (let i = 0; i < 8; i++) {
		const b = x.subarray(i * 6, i * 6 + 6).map((v, j) => v ^ k[i * 6 + j]!);
		const row = (b[0]! << 1) | b[5]!;
		const col = (b[1]! << 3) | (b[2]! << 2) | (b[3]! << 1) | b[4]!;
		const v = S[i]![row * 16 + col]!;
		for (let j = 0; j < 4; j++) out[i * 4 + j] = (v >> (3 - j)) & 1;
	}
	return permute(out, P);
}

function desBlock(bits: Bits, keys: Bits[], decrypt: boolean): Bits {
	const ip = permute(bits, IP);
	let l = ip.slice(0, 32);
	let r = ip.slice(32);
	for (let round = 0; round < 16; round++) {
		const f = feistel(r, keys[decrypt ? 15 - round : round]!);
		const next = l.map((v, i) => v ^ f[i]!);
		l = r;
		r = next;
	}
	return permute(Uint8Array.from([...r, ...l]), FP);
}

/**
 * Decrypts DES-CBC (8-byte key) or 3DES-EDE-CBC (24-byte key) and strips PKCS#7 padding.
 * Returns undefined when the length or padding is wrong (usually: wrong password).
 */
export function desCbcDecrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array | undefined {
	const out = desCbcDecryptRaw(key, iv, data);
	return out && stripPkcs7Padding(out, 8);
}

/**
 * DES-CBC (8-byte key) or 3DES-EDE-CBC (24-byte key) decryption without padding removal (TLS records have their own
 * padding); undefined when the data is not whole blocks or the key or IV length is wrong.
 */
export function desCbcDecryptRaw(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array | undefined {
	if (data.length === 0 || data.length % 8 !== 0 || iv.length !== 8 || (key.length !== 8 && key.length !== 24)) return undefined;
	const k1 = subkeys(key.subarray(0, 8));
	const k2 = key.length === 24 ? subkeys(key.subarray(8, 16)) : undefined;
	const k3 = key.length === 24 ? subkeys(key.subarray(16, 24)) : undefined;
	const out = new Uint8Array(data.length);
	let prev = iv;
	for (let off = 0; off < data.length; off += 8) {
		let bits = toBits(data, off);
		if (k2 && k3) bits = desBlock(desBlock(desBlock(bits, k3, true), k2, false), k1, true);
		else bits = desBlock(bits, k1, true);
		fromBits(bits, out, off);
		for (let i = 0; i < 8; i++) out[off + i] = out[off + i]! ^ prev[i]!;
		prev = data.subarray(off, off + 8);
	}
	return out;
}

/** Removes PKCS#7 padding; undefined when it is malformed. */
export function stripPkcs7Padding(data: Uint8Array, blockSize: number): Uint8Array | undefined {
	const n = data[data.length - 1] ?? 0;
	if (n < 1 || n > blockSize || n > data.length) return undefined;
	for (let i = data.length - n; i < data.length; i++) if (data[i] !== n) return undefined;
	return data.slice(0, data.length - n);
}
