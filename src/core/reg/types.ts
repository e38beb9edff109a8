/** A zero-based position in the decoded text (UTF-16 code units, as VS Code counts them). */
export interface Position {
	readonly line: number;
	readonly character: number;
}

/** A half-open range [start, end) in the decoded text. */
export interface Range {
	readonly start: Position;
	readonly end: Position;
}

/** How sure a statement about Windows is (see the reference's evidence legend). */
export type Evidence = 'documented' | 'inferred' | 'wine' | 'unknown';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** A problem found while reading a `.reg` file: never thrown, always returned. */
export interface RegProblem {
	/** Stable code, e.g. `reg.bad-dword`. */
	readonly code: string;
	readonly severity: Severity;
	readonly message: string;
	readonly range: Range;
}

/** Which header the file starts with, and so how regedit imports it. */
export type RegHeaderKind = 'v5' | 'regedit4' | 'win31' | 'fuzzy' | 'invalid';

/** Registry value types (winnt.h). */
export const RegType = {
	NONE: 0,
	SZ: 1,
	EXPAND_SZ: 2,
	BINARY: 3,
	DWORD: 4,
	DWORD_BIG_ENDIAN: 5,
	LINK: 6,
	MULTI_SZ: 7,
	RESOURCE_LIST: 8,
	FULL_RESOURCE_DESCRIPTOR: 9,
	RESOURCE_REQUIREMENTS_LIST: 10,
	QWORD: 11,
} as const;

/** The value's data decoded as its type says: string, strings, number, bigint, or just bytes. */
export type RegDecoded =
	| { readonly kind: 'string'; readonly value: string }
	| { readonly kind: 'strings'; readonly value: readonly string[] }
	| { readonly kind: 'number'; readonly value: number }
	| { readonly kind: 'bigint'; readonly value: bigint }
	| { readonly kind: 'bytes' };

/** One value line (`"name"=data`, `@=data`, `"name"=-`). */
export interface RegValue {
	/** The value name; `''` is the default value (`@`). */
	readonly name: string;
	readonly nameRange: Range;
	/** The whole entry, from the name to the end of its last continuation line. */
	readonly range: Range;
	/** The data part (after `=`), possibly spanning continuation lines. */
	readonly dataRange: Range;
	/** `delete` for `"name"=-`. */
	readonly op: 'set' | 'delete';
	/** Registry type number (REG_*); -1 for a deletion. */
	readonly type: number;
	/** The type as written: `string`, `dword`, `hex`, `hex(2)`, `-`. */
	readonly token: string;
	/** The bytes the import would store (UTF-16LE for strings, little-endian for DWORDs). */
	readonly data: Uint8Array;
	readonly decoded: RegDecoded;
}

/** One key line (`[path]` or `[-path]`) and the values under it. */
export interface RegKey {
	/** Normalised path with the full root name, e.g. `HKEY_LOCAL_MACHINE\SYSTEM\...`. */
	readonly path: string;
	/** The path exactly as written between the brackets (without the `-`). */
	readonly rawPath: string;
	/** Full root key name, or undefined when the root is not one regedit knows. */
	readonly root: string | undefined;
	/** Path below the root (may be empty). */
	readonly subPath: string;
	readonly op: 'set' | 'delete';
	/** The key line. */
	readonly range: Range;
	/** The path inside the brackets. */
	readonly pathRange: Range;
	/** Last line that belongs to this key's section (before the next key line). */
	readonly endLine: number;
	/** False when regedit would refuse the key (bad root, unclosed bracket): its values are not imported. */
	readonly valid: boolean;
	readonly values: readonly RegValue[];
}

/** The result of reading a `.reg` file: the model plus every problem, with ranges. */
export interface RegDocument {
	readonly header: RegHeaderKind;
	readonly headerRange: Range;
	/** How the bytes were decoded, when parsed from bytes. */
	readonly encoding: 'utf16le' | 'ansi' | 'text';
	readonly lineCount: number;
	readonly keys: readonly RegKey[];
	readonly problems: readonly RegProblem[];
}
