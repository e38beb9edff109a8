/**
 * Which files and folders make up a case: the rules every host's folder walk shares (the CLI over node:fs,
 * the extension over workspace.fs), so that the same folder gives the same machines everywhere.
 */

/** File names the case builder reads (other files in a folder are ignored). */
export const CASE_FILE = /\.(reg|sst|stl|pem|crt|cer|der|p7b|p7c|pfx|p12|pcap|pcapng|cap|gz|txt|json|evtx|xml|csv)$/i;

/** How deep under a given folder the walk looks for machine folders (the folder itself is depth 0). */
export const CASE_FOLDER_DEPTH = 3;

/**
 * Where the extension proposes to save the documents it generates (plans, fixed copies, scripts): never read as
 * evidence, so a saved plan does not become one of a machine's exports.
 */
export const OUTPUT_FOLDER = 'schannel-lens-output';

/** One entry of a folder listing, as a host reads it. */
export interface FolderEntry {
	readonly name: string;
	readonly type: 'file' | 'folder' | 'other';
}

/** What a folder listing contributes to a case: its case files (this folder is a machine when any) and the subfolders to walk. */
export interface FolderPlan {
	/** Case file names, sorted. */
	readonly files: readonly string[];
	/** Subfolder names to walk next, sorted (hidden folders, node_modules and the output folder are skipped). */
	readonly folders: readonly string[];
}

/** Whether a file name is one the case builder reads: JSON only as `schannel-lens.json`, never package or tsconfig files. */
export function isCaseFileName(name: string): boolean {
	if (!CASE_FILE.test(name)) return false;
	if (/^package(-lock)?\.json$|^tsconfig/i.test(name)) return false;
	return !(name.endsWith('.json') && name !== 'schannel-lens.json');
}

const byName = (a: FolderEntry, b: FolderEntry): number => a.name.localeCompare(b.name);

/** Sorts a listing into case files and subfolders to visit (the pure part of the walk). */
export function planFolder(entries: readonly FolderEntry[]): FolderPlan {
	const sorted = [...entries].sort(byName);
	return {
		files: sorted.filter((e) => e.type === 'file' && isCaseFileName(e.name)).map((e) => e.name),
		folders: sorted.filter((e) => e.type === 'folder' && !e.name.startsWith('.') && e.name !== 'node_modules' && e.name !== OUTPUT_FOLDER).map((e) => e.name),
	};
}
