/** How regedit decodes a `.reg` file's bytes. */
export interface DecodedRegText {
	readonly text: string;
	/** `utf16le` iff the file starts with FF FE; otherwise the ANSI code page. */
	readonly encoding: 'utf16le' | 'ansi';
	/** True when the file starts with a UTF-8 BOM, which regedit does not recognise. */
	readonly utf8Bom: boolean;
}

/**
 * Decodes a `.reg` file the way regedit does: UTF-16LE if and only if the first two bytes are
 * `FF FE`, otherwise the ANSI code page (decoded here as windows-1252). A UTF-8 BOM is not
 * recognised by regedit, so its bytes stay in the text and the header compare fails.
 */
export function decodeRegBytes(bytes: Uint8Array): DecodedRegText {
	if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
		const body = bytes.subarray(2, 2 + ((bytes.length - 2) & ~1));
		return { text: new TextDecoder('utf-16le').decode(body), encoding: 'utf16le', utf8Bom: false };
	}
	const utf8Bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
	return { text: decodeAnsi(bytes), encoding: 'ansi', utf8Bom };
}

/** Windows-1252 where the platform has it (browsers, Node with ICU), else Latin-1. */
export function decodeAnsi(bytes: Uint8Array): string {
	try {
		return new TextDecoder('windows-1252').decode(bytes);
	} catch {
		let s = '';
		for (let i = 0; i < bytes.length; i += 0x8000) {
			s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
		}
		return s;
	}
}

/** Encodes a string as UTF-16LE bytes (how REG_SZ data is stored). */
export function encodeUtf16le(s: string): Uint8Array {
	const out = new Uint8Array(s.length * 2);
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		out[i * 2] = c & 0xff;
		out[i * 2 + 1] = c >> 8;
	}
	return out;
}

/** Decodes UTF-16LE bytes (an odd trailing byte is ignored). */
export function decodeUtf16le(bytes: Uint8Array): string {
	return new TextDecoder('utf-16le').decode(bytes.subarray(0, bytes.length & ~1));
}

/**
 * Heuristic for "this is not text at all" (random bytes, an image): NUL bytes in an ANSI file,
 * or many control characters. Used to give a one-line "not a .reg file" reason.
 */
export function looksBinary(bytes: Uint8Array): boolean {
	if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return false;
	const n = Math.min(bytes.length, 4096);
	let control = 0;
	for (let i = 0; i < n; i++) {
		const b = bytes[i]!;
		if (b === 0) return true;
		if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) control++;
	}
	return n > 0 && control / n > 0.05;
}
