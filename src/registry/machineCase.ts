import * as vscode from 'vscode';
import { buildMachine, type CaseFile } from '../core/case';
import { isCaseFileName } from '../core/case/folders';
import { caseFileParsers, parsedOnce } from '../case/caseParse';
import { diagnose, issuerLineAnswer } from '../core/diagnosis';
import type { WindowsVersion } from '../core/schannel';
import { isFolderFile } from '../shared/workspaceFiles';

const MAX_FILE = 20 * 1024 * 1024;

function folderOf(uri: vscode.Uri): vscode.Uri {
	return vscode.Uri.joinPath(uri, '..');
}

/** UTF-16LE with a BOM: how regedit writes v5 exports, and what the case builder decodes exactly. */
function regBytes(text: string): Uint8Array {
	const out = new Uint8Array(2 + text.length * 2);
	out[0] = 0xff;
	out[1] = 0xfe;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		out[2 + i * 2] = c & 0xff;
		out[3 + i * 2] = c >> 8;
	}
	return out;
}

/**
 * The machine a `.reg` file belongs to: the files of its folder (one folder = one machine, or as its
 * schannel-lens.json says). The issuer-list answer on the file's SendTrustedIssuerList line comes from the
 * diagnosis engine over that machine, with the document's current text as its SCHANNEL settings.
 * Loaded in the background; `onDidChange` fires when an answer is ready.
 */
export class MachineStoreLoader implements vscode.Disposable {
	private readonly _files = new Map<string, { name: string; file: CaseFile }[]>();
	private readonly _loading = new Set<string>();
	private readonly _answers = new Map<string, { key: string; answer: { severity: 'error' | 'warning' | 'info'; message: string } | null }>();
	private readonly _pending = new Set<string>();
	private readonly _onDidChange = new vscode.EventEmitter<vscode.Uri>();
	private readonly _watcher = vscode.workspace.createFileSystemWatcher('**/*');
	/** Bumped on every load or answer, so analyses made before are recomputed. */
	generation = 0;
	/** Bumped when a folder's files are (re)loaded: answers computed before are stale. */
	private _filesGeneration = 0;
	readonly onDidChange = this._onDidChange.event;

	constructor() {
		const invalidate = (uri: vscode.Uri) => {
			if (!isCaseFileName(uri.path.split('/').pop() ?? '')) return;
			const folder = folderOf(uri).toString();
			if (!this._files.delete(folder)) return;
			void this._load(folderOf(uri));
		};
		this._watcher.onDidChange(invalidate);
		this._watcher.onDidCreate(invalidate);
		this._watcher.onDidDelete(invalidate);
	}

	/**
	 * The engine's answer for the issuer list of the machine `document` belongs to; `undefined` for files
	 * outside the file system (untitled copies: the legacy single-file computation applies), `null` while it is computed.
	 */
	issuerAnswer(document: vscode.TextDocument, windows: WindowsVersion | undefined): { severity: 'error' | 'warning' | 'info'; message: string } | null | undefined {
		if (!isFolderFile(document.uri)) return undefined;
		const folder = folderOf(document.uri);
		const files = this._files.get(folder.toString());
		if (!files) {
			void this._load(folder);
			return null;
		}
		const key = `${document.version}|${this._filesGeneration}|${windows?.id ?? ''}`;
		const uriKey = document.uri.toString();
		const hit = this._answers.get(uriKey);
		if (hit && hit.key === key) return hit.answer;
		if (!this._pending.has(`${uriKey}|${key}`)) void this._compute(document, folder, files, windows, key);
		return hit?.answer ?? null;
	}

	private async _compute(document: vscode.TextDocument, folder: vscode.Uri, files: readonly { name: string; file: CaseFile }[], windows: WindowsVersion | undefined, key: string): Promise<void> {
		const uriKey = document.uri.toString();
		this._pending.add(`${uriKey}|${key}`);
		try {
			const name = document.uri.path.split('/').pop() ?? 'export.reg';
			const bytes = regBytes(document.getText());
			const self: CaseFile = { path: vscode.workspace.asRelativePath(document.uri), size: bytes.length, read: () => Promise.resolve(bytes) };
			const machine = await buildMachine({ path: vscode.workspace.asRelativePath(folder), files: [self, ...files.filter((f) => f.name !== name).map((f) => f.file)] }, { crypto: globalThis.crypto.subtle, ...(windows ? { windows } : {}) });
			const answer = machine.role === 'server' || machine.settings ? issuerLineAnswer(diagnose({ machines: [machine] }), machine.name) : null;
			this._answers.set(uriKey, { key, answer });
			this.generation++;
			this._onDidChange.fire(folder);
		} catch {
			this._answers.set(uriKey, { key, answer: null });
		} finally {
			this._pending.delete(`${uriKey}|${key}`);
		}
	}

	private async _load(folder: vscode.Uri): Promise<void> {
		const key = folder.toString();
		if (this._loading.has(key)) return;
		this._loading.add(key);
		try {
			const entries = await vscode.workspace.fs.readDirectory(folder);
			const out: { name: string; file: CaseFile }[] = [];
			for (const [name, type] of entries.sort((a, b) => a[0].localeCompare(b[0]))) {
				if (type !== vscode.FileType.File || !isCaseFileName(name)) continue;
				const uri = vscode.Uri.joinPath(folder, name);
				const size = (await vscode.workspace.fs.stat(uri)).size;
				if (size > MAX_FILE) continue;
				const bytes = await vscode.workspace.fs.readFile(uri);
				const read = () => Promise.resolve(bytes);
				// Captures and event logs beside the .reg are read in the parse worker, once per load of the folder (not per edit).
				out.push({ name, file: { path: vscode.workspace.asRelativePath(uri), size, read, ...parsedOnce(caseFileParsers(uri, read)) } });
			}
			this._files.set(key, out);
		} catch {
			this._files.set(key, []);
		} finally {
			this._loading.delete(key);
			this._filesGeneration++;
			this.generation++;
			this._onDidChange.fire(folder);
		}
	}

	dispose(): void {
		this._watcher.dispose();
		this._onDidChange.dispose();
	}
}
