/** The root key names regedit accepts (Wine `reg_class_namesW`; case-insensitive). */
export const ROOT_KEYS = [
	'HKEY_LOCAL_MACHINE',
	'HKEY_USERS',
	'HKEY_CLASSES_ROOT',
	'HKEY_CURRENT_CONFIG',
	'HKEY_CURRENT_USER',
	'HKEY_DYN_DATA',
] as const;

/** Abbreviations that `reg import` accepts but regedit (double-click import) does not. */
export const ROOT_ABBREVIATIONS: Readonly<Record<string, string>> = {
	HKLM: 'HKEY_LOCAL_MACHINE',
	HKCU: 'HKEY_CURRENT_USER',
	HKCR: 'HKEY_CLASSES_ROOT',
	HKU: 'HKEY_USERS',
	HKCC: 'HKEY_CURRENT_CONFIG',
};

/** The result of splitting a key path at its root. */
export interface RootSplit {
	/** The full root name, or undefined if unknown. */
	readonly root: string | undefined;
	/** The abbreviation used, if any (`HKLM`). */
	readonly abbreviation: string | undefined;
	/** The rest of the path after the first backslash. */
	readonly subPath: string;
	/** The root as written. */
	readonly written: string;
}

/** Splits `HKEY_LOCAL_MACHINE\A\B` into root and sub-path; only `\` separates components. */
export function splitRoot(path: string): RootSplit {
	const slash = path.indexOf('\\');
	const written = slash < 0 ? path : path.slice(0, slash);
	const subPath = slash < 0 ? '' : path.slice(slash + 1);
	const upper = written.toUpperCase();
	const root = ROOT_KEYS.find((r) => r === upper);
	if (root) return { root, abbreviation: undefined, subPath, written };
	const full = ROOT_ABBREVIATIONS[upper];
	return { root: full, abbreviation: full ? written : undefined, subPath, written };
}
