/** One opened certificate file: read once with workspace.fs, parsed by the core, re-read when the file changes. */
import * as vscode from 'vscode';
import { loadCertificates, type LoadedCertificate, type X509Problem } from '../core/x509';
import type { Logger } from '../shared/logger';

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

export class CertificateDocument implements vscode.CustomDocument {
	private _bytes: Uint8Array = new Uint8Array();
	private _certificates: readonly LoadedCertificate[] = [];
	private _problems: readonly X509Problem[] = [];
	private _refused: string | undefined;
	private _password: string | undefined;
	private _disposed = false;
	private readonly _onDidChange = new vscode.EventEmitter<void>();
	/** The content changed on disk (or was unlocked with a password) and is parsed again. */
	readonly onDidChange = this._onDidChange.event;
	private readonly _onDidDelete = new vscode.EventEmitter<void>();
	readonly onDidDelete = this._onDidDelete.event;
	private readonly _watcher: vscode.FileSystemWatcher | undefined;

	private constructor(
		readonly uri: vscode.Uri,
		private readonly _logger: Logger,
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
	static async open(uri: vscode.Uri, logger: Logger): Promise<CertificateDocument> {
		const doc = new CertificateDocument(uri, logger);
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
				this._refused = `This file is ${(stat.size / MB).toFixed(1)} MB; the certificate view opens files up to ${(limit / MB).toFixed(0)} MB (setting schannelLens.certificates.maxFileSize). Certificate files are rarely larger than a few hundred KB: is this the right file?`;
				return;
			}
			this._bytes = plainBytes(await vscode.workspace.fs.readFile(this.uri));
			const result = await loadCertificates(this._bytes, { fileName: this.fileName, ...(this._password !== undefined ? { password: this._password } : {}), crypto: globalThis.crypto?.subtle });
			this._certificates = result.value;
			this._problems = result.problems;
		} catch (err) {
			// Unreadable files are a state of the document, shown in the editor, not an extension error.
			this._refused = `The file could not be read: ${err instanceof Error ? err.message : String(err)}`;
			this._logger.info(`certificate editor: ${this.uri.toString(true)}: ${this._refused}`);
		}
	}

	dispose(): void {
		this._disposed = true;
		this._watcher?.dispose();
		this._onDidChange.dispose();
		this._onDidDelete.dispose();
	}
}
