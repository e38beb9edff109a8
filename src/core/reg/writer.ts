import { RegType, type RegDecoded } from './types';

/** A value to write: a DWORD, a string, or raw bytes of a type, or a deletion. */
export type WriteValue =
	| { readonly name: string; readonly dword: number }
	| { readonly name: string; readonly string: string }
	| { readonly name: string; readonly type: number; readonly bytes: Uint8Array }
	| { readonly name: string; readonly delete: true };

/** A key section to write; comments become `;` lines above it. */
export interface WriteKey {
	readonly path: string;
	readonly delete?: boolean;
	readonly comments?: readonly string[];
	readonly values?: readonly WriteValue[];
}

/** Escapes a name or REG_SZ value the way regedit exports it. */
export function escapeRegString(s: string): string {
	return s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r/g, '\\r').replace(/\n/g, '\\n');
}

function nameText(name: string): string {
	return name === '' ? '@' : `"${escapeRegString(name)}"`;
}

/** `hex:`/`hex(N):` data wrapped like regedit: after a comma, once the line reaches 77 characters. */
export function hexData(prefix: string, bytes: Uint8Array, eol: string): string {
	let line = prefix;
	const lines: string[] = [];
	for (let i = 0; i < bytes.length; i++) {
		line += bytes[i]!.toString(16).padStart(2, '0');
		if (i < bytes.length - 1) {
			line += ',';
			if (line.length >= 77) {
				lines.push(`${line}\\`);
				line = '  ';
			}
		}
	}
	lines.push(line);
	return lines.join(eol);
}

function valueText(v: WriteValue, eol: string): string {
	const name = nameText(v.name);
	if ('delete' in v) return `${name}=-`;
	if ('dword' in v) return `${name}=dword:${(v.dword >>> 0).toString(16).padStart(8, '0')}`;
	if ('string' in v) return `${name}="${escapeRegString(v.string)}"`;
	const tag = v.type === RegType.BINARY ? 'hex:' : `hex(${v.type.toString(16)}):`;
	return hexData(`${name}=${tag}`, v.bytes, eol);
}

/**
 * Writes keys as "Windows Registry Editor Version 5.00" text (CRLF by default), the way regedit
 * exports: a blank line before each key. Encoding to UTF-16LE with a BOM is the caller's job.
 */
export function writeReg(keys: readonly WriteKey[], options: { header?: readonly string[]; eol?: string } = {}): string {
	const eol = options.eol ?? '\r\n';
	const out: string[] = ['Windows Registry Editor Version 5.00'];
	for (const c of options.header ?? []) out.push(`; ${c}`);
	for (const key of keys) {
		out.push('');
		for (const c of key.comments ?? []) out.push(`; ${c}`);
		out.push(`[${key.delete ? '-' : ''}${key.path}]`);
		for (const v of key.values ?? []) out.push(valueText(v, eol));
	}
	return out.join(eol) + eol;
}

/** A parsed value's data as a WriteValue (for round trips). */
export function toWriteValue(name: string, type: number, data: Uint8Array, decoded: RegDecoded): WriteValue {
	if (type === RegType.DWORD && decoded.kind === 'number') return { name, dword: decoded.value };
	if (type === RegType.SZ && decoded.kind === 'string' && !decoded.value.includes('\0')) return { name, string: decoded.value };
	return { name, type, bytes: data };
}
