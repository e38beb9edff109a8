import * as vscode from 'vscode';
import { buildCase, type Case, type CaseFile, type CaseFolder } from '../core/case';
import { diagnose, type Diagnosis } from '../core/diagnosis';
import { explicitWindows } from '../shared/settings';

const CASE_FILE = /\.(reg|sst|stl|pem|crt|cer|der|p7b|p7c|pfx|p12|pcap|pcapng|cap|txt|json)$/i;
const MAX_FILE = 20 * 1024 * 1024;
const MAX_CAPTURE = 200 * 1024 * 1024;
const SKIP = new Set(['node_modules', '.git', '.cache', 'dist', 'out', '.vscode-test', 'test-results']);

/** One folder of the workspace as a machine's files (read lazily through workspace.fs). */
async function readFolder(folder: vscode.Uri): Promise<{ files: CaseFile[]; subfolders: vscode.Uri[] }> {
	const files: CaseFile[] = [];
	const subfolders: vscode.Uri[] = [];
	let entries: [string, vscode.FileType][] = [];
	try {
		entries = await vscode.workspace.fs.readDirectory(folder);
	} catch {
		return { files, subfolders };
	}
	for (const [name, type] of entries.sort((a, b) => a[0].localeCompare(b[0]))) {
		const uri = vscode.Uri.joinPath(folder, name);
		if (type === vscode.FileType.Directory) {
			if (!SKIP.has(name) && !name.startsWith('.')) subfolders.push(uri);
			continue;
		}
		if (type !== vscode.FileType.File || !CASE_FILE.test(name)) continue;
		if (name.endsWith('.json') && name !== 'schannel-lens.json') continue;
		const size = (await vscode.workspace.fs.stat(uri)).size;
		if (size > (/\.(pcap|pcapng|cap)$/i.test(name) ? MAX_CAPTURE : MAX_FILE)) continue;
		files.push({ path: vscode.workspace.asRelativePath(uri), size, read: async () => vscode.workspace.fs.readFile(uri) });
	}
	return { files, subfolders };
}

/** The machines under `roots` (default: the workspace folders): every folder that directly holds case files, 4 levels deep. */
export async function caseFolders(roots?: readonly vscode.Uri[], depth = 4): Promise<CaseFolder[]> {
	const out: CaseFolder[] = [];
	const walk = async (folder: vscode.Uri, left: number) => {
		const { files, subfolders } = await readFolder(folder);
		if (files.length) out.push({ path: vscode.workspace.asRelativePath(folder), files });
		if (left > 0) for (const s of subfolders) await walk(s, left - 1);
	};
	for (const root of roots ?? (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri)) await walk(root, depth);
	return out;
}

/** Builds and diagnoses the case of the given folders (or the whole workspace). */
export async function diagnoseFolders(roots?: readonly vscode.Uri[], depth = 4): Promise<{ case: Case; diagnosis: Diagnosis }> {
	const windows = explicitWindows();
	const c = await buildCase(await caseFolders(roots, depth), { crypto: globalThis.crypto.subtle, ...(windows ? { windows } : {}) });
	return { case: c, diagnosis: diagnose(c) };
}

/** The machine a file or folder belongs to: the deepest machine folder that contains it. */
export function machineFor(c: Case, uri: vscode.Uri): string | undefined {
	const rel = vscode.workspace.asRelativePath(uri);
	const exact = c.machines.find((m) => m.artefacts.some((a) => a.file === rel));
	if (exact) return exact.name;
	const hits = c.machines.filter((m) => rel === m.folder || rel.startsWith(`${m.folder}/`) || m.folder === '.' || m.artefacts.some((a) => a.file === rel));
	return hits.sort((a, b) => b.folder.length - a.folder.length)[0]?.name;
}

/** What the case says about a capture's CertificateRequest: the server's store against the list on the wire. */
export interface CaptureCaseAnswer {
	readonly machine: string;
	readonly headline: string;
	/** Names in the server's store export (the full list before any cut); undefined when the store is unknown. */
	readonly storeNames?: number;
	/** Store names missing from this capture's list (cut by the server). */
	readonly missing: readonly string[];
	/** Why the comparison cannot be made, and what would decide it. */
	readonly unknown?: string;
}

const CAPTURE_NAME = /\.(pcap|pcapng|cap)(\.gz)?$/i;

/**
 * The capture's folder as the server machine (with this capture as its only capture) and the sibling
 * folders' client certificates, diagnosed: is the list on the wire the server's whole list?
 */
export async function captureCaseAnswer(capture: vscode.Uri): Promise<CaptureCaseAnswer | undefined> {
	if (capture.scheme !== 'file') return undefined;
	const folder = vscode.Uri.joinPath(capture, '..');
	const self = vscode.workspace.asRelativePath(capture);
	const own = (await caseFolders([folder], 0))[0];
	if (!own) return undefined;
	const serverFolder = { ...own, files: own.files.filter((f) => f.path === self || !CAPTURE_NAME.test(f.path)) };
	const parent = vscode.Uri.joinPath(folder, '..');
	const siblings = (await caseFolders([parent], 1)).filter((f) => f.path !== own.path && f.path !== vscode.workspace.asRelativePath(parent)).map((f) => ({ ...f, files: f.files.filter((x) => !CAPTURE_NAME.test(x.path)) }));
	const windows = explicitWindows();
	const c = await buildCase([serverFolder, ...siblings], { crypto: globalThis.crypto.subtle, ...(windows ? { windows } : {}) });
	const server = c.machines[0]!;
	const machines = [server, ...c.machines.slice(1).filter((m) => m.role === 'client')];
	const d = diagnose({ machines });
	const a = d.servers[0];
	if (!a) return undefined;
	const base = { machine: server.name, headline: d.headline };
	if (!server.storesPresent.has('Root') || a.lowerBound) return { ...base, missing: [], unknown: `${server.name}'s Root store export is ${a.lowerBound ? 'cut' : 'not in this folder'}, so whether the server cut this list is unknown. Put ${server.name}'s Root store export beside the capture (one folder = one machine).` };
	return { ...base, storeNames: a.names, missing: a.observed?.missing.map((m) => m.subject) ?? [] };
}
