/** CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320) as the `.evtx` header and chunk checksums use it. */

/** Eight 256-entry tables for slicing-by-8 (table k = CRC of a byte followed by k zero bytes). */
const TABLES = (() => {
	const t = new Uint32Array(256 * 8);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		t[n] = c >>> 0;
	}
	for (let n = 0; n < 256; n++) for (let k = 1; k < 8; k++) t[k * 256 + n] = (t[(k - 1) * 256 + n] >>> 8) ^ t[t[(k - 1) * 256 + n] & 0xff];
	return t;
})();

/**
 * CRC-32 of `bytes[start..end)`, continuing from `crc` (0 to start).
 * @example crc32(new TextEncoder().encode('123456789')) // 0xCBF43926
 */
export function crc32(bytes: Uint8Array, start = 0, end = bytes.length, crc = 0): number {
	const t = TABLES;
	let c = ~crc >>> 0;
	let i = start;
	for (; i + 8 <= end; i += 8) {
		const a = (c ^ (bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24))) >>> 0;
		c =
			t[1792 + (a & 0xff)] ^
			t[1536 + ((a >>> 8) & 0xff)] ^
			t[1280 + ((a >>> 16) & 0xff)] ^
			t[1024 + (a >>> 24)] ^
			t[768 + bytes[i + 4]] ^
			t[512 + bytes[i + 5]] ^
			t[256 + bytes[i + 6]] ^
			t[bytes[i + 7]];
	}
	for (; i < end; i++) c = t[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
	return ~c >>> 0;
}
