/** One opened certificate file: read once with workspace.fs, parsed by the core, re-read when the file changes. */
import * as vscode from 'vscode';
import { detectContainer, loadCertificates, pkcs12Iterations, PKCS12_ITERATION_CAP, type LoadedCertificate, type X509Problem } from '../core/x509';
import type { Logger } from '../shared/logger';
import type { Pkcs12Runner } from '../workers/pkcs12Client';

const MB = 1024 * 1024;

/**
 * A plain Uint8Array copy of what workspace.fs returns (a Node Buffer in the desktop/server host), because
 * Buffer#slice returns a view, not a copy: the core's in-place RC2 decryption (core/crypto/rc2.ts) then corrupts
 * legacy PFX content.
 */
export function plainBytes(bytes: Uint8Array): Uint8Array {
	return bytes.constructor === Uint8Array ? bytes : new Uint8Array(bytes);
}

/** The size limit of the certificate editor, from `schannelLens.certificates.maxFileSize` (MB). */
export function maxEditorBytes(): number {
	return Math.max(0, vscode.workspace.getConfiguration('schannelLens.certificates').get<number>('maxFileSize', 20)) * MB;
}

/** Key-derivation iterations a PFX may ask for before opening it needs the user's go-ahead (`schannelLens.pkcs12.maxIterations`). */
export function maxPkcs12Iterations(): number {
	return Math.max(0, vscode.workspace.getConfiguration('schannelLens.pkcs12').get<number>('maxIterations', 1_000_000));
}

export class CertificateDocument implements vscode.CustomDocument {
	private _bytes: Uint8Array = new Uint8Array();
	private _certificates: readonly LoadedCertificate[] = [];
	private _problems: readonly X509Problem[] = [];
	private _refused: string | undefined;
	private _password: string | undefined;
	private _disposed = false;
	/** The user chose to derive keys beyond schannelLens.pkcs12.maxIterations for this document. */
	private _deriveApproved = false;
	private _approvalNeeded: number | undefined;
	private _loading: vscode.CancellationTokenSource | undefined;
	private readonly _onNeedsApproval = new vscode.EventEmitter<number>();
	/** A PFX asks for more iterations than the setting allows: the number, so the user can decide. */
	readonly onNeedsApproval = this._onNeedsApproval.event;
	private readonly _onDidChange = new vscode.EventEmitter<void>();
	/** The content changed on disk (or was unlocked with a password) and is parsed again. */
	readonly onDidChange = this._onDidChange.event;
	private readonly _onDidDelete = new vscode.EventEmitter<void>();
	readonly onDidDelete = this._onDidDelete.event;
	private readonly _watcher: vscode.FileSystemWatcher | undefined;

	private constructor(
		readonly uri: vscode.Uri,
		private readonly _logger: Logger,
		/** The host's PKCS#12 worker (src/host.ts): key derivation runs there, off the host's thread. */
		private readonly _runner: Pkcs12Runner | undefined,
	) {
		if (uri.scheme === 'file' || uri.scheme === 'vscode-remote') {
			const dir = vscode.Uri.joinPath(uri, '..');
			this._watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(dir, uri.path.split('/').pop() ?? ''));
			this._watcher.onDidChange(() => void this.reload());
			this._watcher.onDidCreate(() => void this.reload());
			this._watcher.onDidDelete(() => this._onDidDelete.fire());
		}
	}

	/** Opens and parses; never rejects (problems become the document's message). */
	static async open(uri: vscode.Uri, logger: Logger, runner?: Pkcs12Runner): Promise<CertificateDocument> {
		const doc = new CertificateDocument(uri, logger, runner);
		await doc._load();
		return doc;
	}

	get bytes(): Uint8Array {
		return this._bytes;
	}
	get certificates(): readonly LoadedCertificate[] {
		return this._certificates;
	}
	get problems(): readonly X509Problem[] {
		return this._problems;
	}
	/** Why the file was not parsed at all (too large, unreadable). */
	get refused(): string | undefined {
		return this._refused;
	}
	get passwordGiven(): boolean {
		return this._password !== undefined;
	}
	get fileName(): string {
		return this.uri.path.split('/').pop() ?? this.uri.path;
	}

	/** Parses again with a PKCS#12 password (kept in memory for this document only, for later re-reads). */
	async unlock(password: string): Promise<void> {
		this._password = password;
		await this.reload();
	}

	/** Derives the keys however many iterations the file asks for (an explicit user action), then parses again. */
	async approveDerivation(): Promise<void> {
		this._deriveApproved = true;
		await this.reload();
	}

	/** The iterations the file asks for when they are over the bound and not yet approved (else undefined). */
	get approvalNeeded(): number | undefined {
		return this._approvalNeeded;
	}

	/** True while a load (and a key derivation in the worker) runs. */
	get loading(): boolean {
		return this._loading !== undefined;
	}

	async reload(): Promise<void> {
		if (this._disposed) return;
		await this._load();
		if (!this._disposed) this._onDidChange.fire();
	}

	private async _load(): Promise<void> {
		this._refused = undefined;
		this._certificates = [];
		this._problems = [];
		this._bytes = new Uint8Array();
		try {
			const stat = await vscode.workspace.fs.stat(this.uri);
			const limit = maxEditorBytes();
			if (stat.size > limit) {
				this._refused = vscode.l10n.t('This file is {0} MB; the certificate view opens files up to {1} MB (setting schannelLens.certificates.maxFileSize). Certificate files are rarely larger than a few hundred KB: is this the right file?', (stat.size / MB).toFixed(1), (limit / MB).toFixed(0));
				return;
			}
			this._bytes = plainBytes(await vscode.workspace.fs.readFile(this.uri));
			const result = await this._parse(this._bytes);
			if (this._disposed) return;
			this._certificates = result.value;
			this._problems = result.problems;
		} catch (err) {
			// Unreadable files are a state of the document, shown in the editor, not an extension error.
			this._refused = vscode.l10n.t('The file could not be read: {0}', err instanceof Error ? err.message : String(err));
			this._logger.info(`certificate editor: ${this.uri.toString(true)}: ${this._refused}`);
		}
	}

	/** Parses; a PFX's key derivation runs in the worker under a cancellable notification, up to the allowed count. */
	private async _parse(bytes: Uint8Array): ReturnType<typeof loadCertificates> {
		const options = { fileName: this.fileName, ...(this._password !== undefined ? { password: this._password } : {}), crypto: globalThis.crypto?.subtle };
		const runner = this._runner;
		if (detectContainer(bytes) !== 'pkcs12' || !runner) return loadCertificates(bytes, options);
		const iterations = pkcs12Iterations(bytes);
		const limit = this._deriveApproved ? PKCS12_ITERATION_CAP : maxPkcs12Iterations();
		this._approvalNeeded = iterations > limit ? iterations : undefined;
		if (iterations > limit) this._onNeedsApproval.fire(iterations);
		this._loading?.cancel();
		const loading = new vscode.CancellationTokenSource();
		this._loading = loading;
		const run = (token: vscode.CancellationToken) => loadCertificates(bytes, { ...options, maxIterations: limit, parsePkcs12: runner(token) });
		try {
			if (iterations <= 100_000) return await run(loading.token);
			const title = vscode.l10n.t('Schannel Lens: deriving keys for {0} ({1} iterations)', this.fileName, iterations.toLocaleString('en-US'));
			return await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (_progress, token) => {
				token.onCancellationRequested(() => loading.cancel());
				return run(loading.token);
			});
		} finally {
			if (this._loading === loading) this._loading = undefined;
			loading.dispose();
		}
	}

	dispose(): void {
		this._loading?.cancel();
		this._onNeedsApproval.dispose();
		this._disposed = true;
		this._watcher?.dispose();
		this._onDidChange.dispose();
		this._onDidDelete.dispose();
	}
}
