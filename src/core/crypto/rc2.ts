/** RC2-CBC decryption (RFC 2268), for legacy PKCS#12 `pbeWithSHAAnd40BitRC2-CBC` (OpenSSL `-legacy` certificate bags). */
import { copyOf } from './bytes';
import { stripPkcs7Padding } from './des';

// RFC 2268 §2: the PITABLE, a permutation of 0..255 derived from the digits of pi.
const PI_TABLE = Uint8Array.from(
	(
		'd978f9c419ddb5ed28e9fd794aa0d89dc67e37832b76538e624c6488448bfba2179a59f587b34f1361456d8d09817d32' +
		'bd8f40eb86b77b0bf09521225c6b4e8254d66593ce60b21c7356c014a78cf1dc1275ca1f3bbee4d1423dd430a33cb626' +
		'6fbf0eda4669075727f21d9bbc944303f811c7f690ef3ee706c3d52fc8661ed708e8eade8052eef784aa72ac354d6a2a' +
		'961ad2715a1549744b9fd05e0418a4ecc2e0416e0f51cbcc2491af50a1f47039997c3a8523b8b47afc02365b25559731' +
		'2d5dfa98e38a92ae05df2910676cbac9d300e6cfe19ea82c6316013f58e289a90d38341bab33ffb0bb480c5fb9b1cd2e' +
		'c5f3db47e5a59c770aa62068fe7fc1ad'
	)
		.match(/../g)!
		.map((h) => parseInt(h, 16)),
);

/** The 64 16-bit subkeys for `key` with `effectiveBits` effective key bits. */
export function rc2ExpandKey(key: Uint8Array, effectiveBits: number): Uint16Array {
	const l = new Uint8Array(128);
	l.set(key.subarray(0, 128));
	const t = Math.min(key.length, 128);
	for (let i = t; i < 128; i++) l[i] = PI_TABLE[(l[i - 1]! + l[i - t]!) & 0xff]!;
	const t8 = Math.ceil(effectiveBits / 8);
	const tm = 0xff >> (8 * t8 - effectiveBits);
	l[128 - t8] = PI_TABLE[l[128 - t8]! & tm]!;
	for (let i = 127 - t8; i >= 0; i--) l[i] = PI_TABLE[l[i + 1]! ^ l[i + t8]!]!;
	const k = new Uint16Array(64);
	for (let i = 0; i < 64; i++) k[i] = l[2 * i]! | (l[2 * i + 1]! << 8);
	return k;
}

const ROT = [1, 2, 3, 5];

/** Decrypts one 8-byte block in place. */
export function rc2DecryptBlock(k: Uint16Array, block: Uint8Array, offset: number): void {
	const r = [0, 1, 2, 3].map((i) => block[offset + 2 * i]! | (block[offset + 2 * i + 1]! << 8));
	let j = 63;
	const mix = (): void => {
		for (let i = 3; i >= 0; i--) {
			const s = ROT[i]!;
			r[i] = ((r[i]! >>> s) | (r[i]! << (16 - s))) & 0xffff;
			r[i] = (r[i]! - k[j--]! - (r[(i + 3) & 3]! & r[(i + 2) & 3]!) - (~r[(i + 3) & 3]! & r[(i + 1) & 3]!)) & 0xffff;
		}
	};
	const mash = (): void => {
		for (let i = 3; i >= 0; i--) r[i] = (r[i]! - k[r[(i + 3) & 3]! & 63]!) & 0xffff;
	};
	for (let n = 0; n < 5; n++) mix();
	mash();
	for (let n = 0; n < 6; n++) mix();
	mash();
	for (let n = 0; n < 5; n++) mix();
	for (let i = 0; i < 4; i++) {
		block[offset + 2 * i] = r[i]! & 0xff;
		block[offset + 2 * i + 1] = r[i]! >> 8;
	}
}

/** RC2-CBC decryption with PKCS#7 padding removal; undefined when the length or padding is wrong. */
export function rc2CbcDecrypt(key: Uint8Array, effectiveBits: number, iv: Uint8Array, data: Uint8Array): Uint8Array | undefined {
	if (data.length === 0 || data.length % 8 !== 0 || iv.length !== 8 || key.length === 0) return undefined;
	const k = rc2ExpandKey(key, effectiveBits);
	const out = copyOf(data);
	for (let off = 0; off < out.length; off += 8) {
		rc2DecryptBlock(k, out, off);
		const prev = off === 0 ? iv : data.subarray(off - 8, off);
		for (let i = 0; i < 8; i++) out[off + i] = out[off + i]! ^ prev[i]!;
	}
	return stripPkcs7Padding(out, 8);
}
