import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { CaseFile, CaseFolder } from '../core/case';
import { CASE_FOLDER_DEPTH, planFolder, type FolderEntry } from '../core/case/folders';

export { CASE_FILE } from '../core/case/folders';

function caseFile(path: string, size: number): CaseFile {
	return {
		path: relative(process.cwd(), path) || path,
		size,
		read: () => Promise.resolve(new Uint8Array(readFileSync(path))),
		async *chunks() {
			const fd = openSync(path, 'r');
			try {
				for (;;) {
					const buf = new Uint8Array(1 << 20);
					const got = readSync(fd, buf, 0, buf.length, null);
					if (got <= 0) return;
					yield buf.subarray(0, got);
				}
			} finally {
				closeSync(fd);
			}
		},
	};
}

/**
 * The machines under a path: every folder (the path itself and its subfolders, three levels deep)
 * that directly holds case files is one machine. A plain file is a machine of its own folder.
 */
export function caseFolders(path: string, depth = CASE_FOLDER_DEPTH): CaseFolder[] {
	const st = statSync(path);
	if (!st.isDirectory()) return [{ path: relative(process.cwd(), join(path, '..')) || '.', files: [caseFile(path, st.size)] }];
	const entries: FolderEntry[] = readdirSync(path, { withFileTypes: true }).map((e) => ({ name: e.name, type: e.isFile() ? 'file' : e.isDirectory() ? 'folder' : 'other' }));
	const plan = planFolder(entries);
	const out: CaseFolder[] = [];
	if (plan.files.length > 0) out.push({ path: relative(process.cwd(), path) || '.', files: plan.files.map((name) => caseFile(join(path, name), statSync(join(path, name)).size)) });
	if (depth > 0) for (const name of plan.folders) out.push(...caseFolders(join(path, name), depth - 1));
	return out;
}
