import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import type { CaseFile, CaseFolder } from '../core/case';

/** Files the case builder reads (other files in a folder are ignored). */
export const CASE_FILE = /\.(reg|sst|stl|pem|crt|cer|der|p7b|p7c|pfx|p12|pcap|pcapng|cap|gz|txt|json|evtx)$/i;

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
export function caseFolders(path: string, depth = 3): CaseFolder[] {
	const st = statSync(path);
	if (!st.isDirectory()) return [{ path: relative(process.cwd(), join(path, '..')) || '.', files: [caseFile(path, st.size)] }];
	const entries = readdirSync(path, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
	const files = entries.filter((e) => e.isFile() && CASE_FILE.test(e.name) && !/^package(-lock)?\.json$|^tsconfig/i.test(e.name) && !(e.name.endsWith('.json') && e.name !== 'schannel-lens.json')).map((e) => caseFile(join(path, e.name), statSync(join(path, e.name)).size));
	const out: CaseFolder[] = [];
	if (files.some((f) => !basename(f.path).endsWith('.md'))) out.push({ path: relative(process.cwd(), path) || '.', files });
	if (depth > 0) for (const e of entries) if (e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules') out.push(...caseFolders(join(path, e.name), depth - 1));
	return out;
}
