import * as vscode from 'vscode';
import type { StoreCertificate } from '../core/issuers';
import { parseRegBytes } from '../core/reg';
import { storeCertificatesFromReg } from '../core/stores';
import { certificatesFromReg } from '../core/x509';

const MAX_EXPORT = 20 * 1024 * 1024;

function folderOf(uri: vscode.Uri): vscode.Uri {
	return vscode.Uri.joinPath(uri, '..');
}

/**
 * The local machine's store exports beside a `.reg` file: `.reg` files in the same folder are
 * taken as exports of the same machine, so a SCHANNEL export gets the issuer-list size from the
 * Root store export next to it. Loaded in the background; `onDidChange` fires when they are ready.
 */
export class MachineStoreLoader implements vscode.Disposable {
	private readonly _stores = new Map<string, { file: string; stores: StoreCertificate[] }[]>();
	private readonly _loading = new Set<string>();
	private readonly _onDidChange = new vscode.EventEmitter<vscode.Uri>();
	private readonly _watcher = vscode.workspace.createFileSystemWatcher('**/*.reg');
	/** Bumped on every load, so analyses made with older siblings are recomputed. */
	generation = 0;
	readonly onDidChange = this._onDidChange.event;

	constructor() {
		const invalidate = (uri: vscode.Uri) => {
			const folder = folderOf(uri).toString();
			if (!this._stores.delete(folder)) return;
			void this._load(folderOf(uri));
		};
		this._watcher.onDidChange(invalidate);
		this._watcher.onDidCreate(invalidate);
		this._watcher.onDidDelete(invalidate);
	}

	/** Store certificates of the other exports in `uri`'s folder; undefined while they load. */
	siblingsOf(uri: vscode.Uri): StoreCertificate[] | undefined {
		if (uri.scheme !== 'file') return [];
		const folder = folderOf(uri);
		const loaded = this._stores.get(folder.toString());
		if (!loaded) {
			void this._load(folder);
			return undefined;
		}
		const name = uri.path.split('/').pop();
		return loaded.filter((f) => f.file !== name).flatMap((f) => f.stores);
	}

	private async _load(folder: vscode.Uri): Promise<void> {
		const key = folder.toString();
		if (this._loading.has(key)) return;
		this._loading.add(key);
		try {
			const entries = await vscode.workspace.fs.readDirectory(folder);
			const out: { file: string; stores: StoreCertificate[] }[] = [];
			for (const [name, type] of entries) {
				if (type !== vscode.FileType.File || !name.toLowerCase().endsWith('.reg')) continue;
				const uri = vscode.Uri.joinPath(folder, name);
				if ((await vscode.workspace.fs.stat(uri)).size > MAX_EXPORT) continue;
				const stores = storeCertificatesFromReg(certificatesFromReg(parseRegBytes(await vscode.workspace.fs.readFile(uri))), name);
				if (stores.length) out.push({ file: name, stores });
			}
			this._stores.set(key, out);
			this.generation++;
			this._onDidChange.fire(folder);
		} catch {
			this._stores.set(key, []);
		} finally {
			this._loading.delete(key);
		}
	}

	dispose(): void {
		this._watcher.dispose();
		this._onDidChange.dispose();
	}
}
