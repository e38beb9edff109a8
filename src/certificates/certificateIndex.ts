/** The workspace certificate index: every certificate in workspace files, built in the background, kept current. */
import * as vscode from 'vscode';
import { CertificateLookup, summarizeCertificate } from '../core/certificateIndex';
import { loadCertificates } from '../core/x509';
import { plainBytes } from './certificateDocument';
import type { Logger } from '../shared/logger';

/** File kinds the index reads by default (also the custom editor's kinds, plus .pem and .reg exports). */
export const DEFAULT_INCLUDE = '**/*.{cer,crt,der,p7b,p7c,sst,pfx,p12,pem,reg}';
export const DEFAULT_EXCLUDE = '**/{node_modules,.git,.cache,out,dist}/**';
const MB = 1024 * 1024;

interface IndexSettings {
	readonly include: string;
	readonly exclude: string;
	readonly maxBytes: number;
}

function settings(): IndexSettings {
	const c = vscode.workspace.getConfiguration('schannelLens.index');
	return { include: c.get<string>('include') || DEFAULT_INCLUDE, exclude: c.get<string>('exclude') ?? DEFAULT_EXCLUDE, maxBytes: Math.max(0, c.get<number>('maxFileSize', 10)) * MB };
}

/** Yields to the event loop so a big index build never blocks other extensions. */
const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export class CertificateIndex implements vscode.Disposable {
	private _lookup = new CertificateLookup();
	private readonly _onDidChange = new vscode.EventEmitter<void>();
	/** Fires after a build finishes and after each watched file update. */
	readonly onDidChange = this._onDidChange.event;
	private readonly _disposables: vscode.Disposable[] = [this._onDidChange];
	private _watcher: vscode.FileSystemWatcher | undefined;
	private _generation = 0;
	private _building: Promise<void> | undefined;
	private _ready = false;
	private readonly _pending = new Map<string, ReturnType<typeof setTimeout>>();

	constructor(private readonly _logger: Logger) {
		this._disposables.push(
			vscode.workspace.onDidChangeConfiguration((e) => {
				if (e.affectsConfiguration('schannelLens.index')) void this.rebuild();
			}),
			vscode.workspace.onDidChangeWorkspaceFolders(() => void this.rebuild()),
		);
	}

	/** The lookups; replaced as a whole when a rebuild finishes, so readers never see a half-built index. */
	get lookup(): CertificateLookup {
		return this._lookup;
	}

	/** Starts the first build (once); later calls return the same promise. */
	start(): Promise<void> {
		return this._building ?? this.rebuild();
	}

	/** Resolves when the current build is done. */
	async whenReady(): Promise<void> {
		await this.start();
	}

	get isReady(): boolean {
		return this._ready;
	}

	/** A short status for the editor's Path tab and the tree's message. */
	get statusText(): string {
		if (!this._ready) return vscode.l10n.t('The workspace certificate index is being built…');
		const files = this.lookup.files().length;
		const certificates = this.lookup.count === 1 ? vscode.l10n.t('1 certificate') : vscode.l10n.t('{0} certificates', this.lookup.count);
		return files === 1 ? vscode.l10n.t('{0} in 1 workspace file indexed', certificates) : vscode.l10n.t('{0} in {1} workspace files indexed', certificates, files);
	}

	/** Forgets everything and reads the workspace again. */
	rebuild(): Promise<void> {
		const generation = ++this._generation;
		this._ready = false;
		this._watch();
		const building = Promise.resolve(vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Indexing certificates') }, () => this._build(generation)));
		this._building = building;
		return building;
	}

	/** Workspace-relative path of an indexed file (URI string). */
	describeFile(file: string): string {
		return vscode.workspace.asRelativePath(vscode.Uri.parse(file), false);
	}

	private async _build(generation: number): Promise<void> {
		const started = Date.now();
		const { include, exclude } = settings();
		let uris: vscode.Uri[] = [];
		try {
			uris = await vscode.workspace.findFiles(include, exclude || undefined);
		} catch (err) {
			this._logger.warn(`certificate index: findFiles failed: ${err instanceof Error ? err.message : String(err)}`);
		}
		if (generation !== this._generation) return;
		const next = new CertificateLookup();
		for (const uri of uris) {
			if (generation !== this._generation) return;
			await this._indexFile(uri, next);
			await pause();
		}
		if (generation !== this._generation) return;
		this._lookup = next;
		this._ready = true;
		this._logger.info(`certificate index: ${this.statusText} in ${Date.now() - started} ms`);
		this._onDidChange.fire();
	}

	/** Reads one file and replaces its entries; unreadable or oversized files are skipped with a log line. */
	private async _indexFile(uri: vscode.Uri, target: CertificateLookup): Promise<void> {
		const key = uri.toString();
		try {
			const stat = await vscode.workspace.fs.stat(uri);
			if (stat.size > settings().maxBytes) {
				target.removeFile(key);
				this._logger.info(`certificate index: ${this.describeFile(key)} skipped (${(stat.size / MB).toFixed(1)} MB > schannelLens.index.maxFileSize)`);
				return;
			}
			const bytes = plainBytes(await vscode.workspace.fs.readFile(uri));
			// maxIterations 0: no PKCS#12 key derivation for files nobody opened (issue 13); only plain bags are read.
			const result = await loadCertificates(bytes, { fileName: uri.path, crypto: globalThis.crypto?.subtle, maxIterations: 0 });
			target.setFile(key, result.value.map((c) => summarizeCertificate(key, c)));
		} catch (err) {
			target.removeFile(key);
			this._logger.warn(`certificate index: ${this.describeFile(key)} not read: ${err instanceof Error ? err.message : String(err)}`);
		}
	}

	private _watch(): void {
		this._watcher?.dispose();
		const watcher = vscode.workspace.createFileSystemWatcher(settings().include);
		watcher.onDidCreate((uri) => this._schedule(uri));
		watcher.onDidChange((uri) => this._schedule(uri));
		watcher.onDidDelete((uri) => {
			this.lookup.removeFile(uri.toString());
			this._onDidChange.fire();
		});
		this._watcher = watcher;
	}

	/** Debounced re-read of one file; the exclude glob is honoured by asking findFiles about exactly that file. */
	private _schedule(uri: vscode.Uri): void {
		const key = uri.toString();
		clearTimeout(this._pending.get(key));
		this._pending.set(
			key,
			setTimeout(() => {
				this._pending.delete(key);
				void this._update(uri);
			}, 300),
		);
	}

	private async _update(uri: vscode.Uri): Promise<void> {
		const folder = vscode.workspace.getWorkspaceFolder(uri);
		if (!folder) return;
		const { exclude } = settings();
		const found = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, vscode.workspace.asRelativePath(uri, false)), exclude || undefined, 1);
		if (found.length === 0) this.lookup.removeFile(uri.toString());
		else await this._indexFile(uri, this._lookup);
		this._onDidChange.fire();
	}

	dispose(): void {
		this._generation++;
		for (const t of this._pending.values()) clearTimeout(t);
		this._watcher?.dispose();
		for (const d of this._disposables) d.dispose();
	}
}
