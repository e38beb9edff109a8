/** Hex helpers shared by the core. */

const BYTE_HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).toUpperCase().padStart(2, '0'));

/** Uppercase hex without separators, e.g. `0A1B`. */
export function toHex(bytes: Uint8Array, separator = ''): string {
	let s = '';
	for (let i = 0; i < bytes.length; i++) s += (i > 0 ? separator : '') + BYTE_HEX[bytes[i]!]!;
	return s;
}

const BYTE_HEX_LOWER = BYTE_HEX.map((h) => h.toLowerCase());

/** Lowercase hex without separators, as the JSON outputs print DER (`300b3109…`). */
export function toHexLower(bytes: Uint8Array): string {
	let s = '';
	for (let i = 0; i < bytes.length; i++) s += BYTE_HEX_LOWER[bytes[i]!]!;
	return s;
}

/** Bytes of a hex string (separators `:`, space and `-` ignored); undefined if it is not hex. */
export function fromHex(text: string): Uint8Array | undefined {
	const clean = text.replace(/[\s:-]/g, '');
	if (clean.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(clean)) return undefined;
	const out = new Uint8Array(clean.length / 2);
	for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
	return out;
}

/** True when both arrays hold the same bytes. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
	if (a.length !== b.length) return false;
	for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
	return true;
}

/** Concatenation of byte arrays. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let o = 0;
	for (const p of parts) {
		out.set(p, o);
		o += p.length;
	}
	return out;
}
