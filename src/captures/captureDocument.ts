/** One opened capture: streamed through the core's CaptureReader; connections appear while it is read. */
import type { KnownClientCertificate } from '../core/capture';
import { createReadStream } from 'node:fs';
import * as vscode from 'vscode';
import { captureCaseAnswer } from '../case/workspaceCase';
import { CaptureReader, KeyLog, type CaptureSummary, type HandshakeResult } from '../core/capture';
import type { WindowsVersion } from '../core/schannel/os';
import { targetOsSetting } from '../shared/settings';
import type { CaptureHeaderView, CaptureModel, CaptureStatus, ConnectionView } from '../protocol/captureView';
import type { Logger } from '../shared/logger';
import { connectionView } from './captureModel';
import { isFolderFile } from '../shared/workspaceFiles';

const MB = 1024 * 1024;
/** Files above this size are streamed from disk under a cancellable progress notification. */
export const PROGRESS_THRESHOLD = 20 * MB;
const CHUNK = MB;


function summaryText(s: CaptureSummary, status: CaptureStatus): string {
	const head = `${s.format}${s.compressed ? ' (gzip)' : ''}, ${s.packets} packets, ${s.handshakes} TLS handshake${s.handshakes === 1 ? '' : 's'}, ${s.problems} problem${s.problems === 1 ? '' : 's'}`;
	return status === 'cancelled' ? `Cancelled after ${(s.bytes / MB).toFixed(1)} MB: ${head} in the part read` : head;
}

export class CaptureDocument implements vscode.CustomDocument {
	private _handshakes: HandshakeResult[] = [];
	private _connections: ConnectionView[] = [];
	private _pending: ConnectionView[] = [];
	private _header: CaptureHeaderView;
	private _problems: string[] = [];
	private _generation = 0;
	private _disposed = false;
	private readonly _onDidReset = new vscode.EventEmitter<void>();
	/** Everything starts over (the file is read again). */
	readonly onDidReset = this._onDidReset.event;
	private readonly _onDidAppend = new vscode.EventEmitter<readonly ConnectionView[]>();
	/** New connections, in order. */
	readonly onDidAppend = this._onDidAppend.event;
	private readonly _onDidChangeHeader = new vscode.EventEmitter<CaptureHeaderView>();
	readonly onDidChangeHeader = this._onDidChangeHeader.event;
	private readonly _onDidDelete = new vscode.EventEmitter<void>();
	readonly onDidDelete = this._onDidDelete.event;
	private readonly _watcher: vscode.FileSystemWatcher | undefined;
	private _os: WindowsVersion;
	/** The key log chosen for this capture (else a `<name>.keylog` beside it is used when it exists). */
	private _keyLogUri: vscode.Uri | undefined;
	private _keyLogName: string | null = null;

	constructor(
		readonly uri: vscode.Uri,
		private readonly _logger: Logger,
		/** The workspace's client certificates, so verdicts can say whether one chains to a listed CA. */
		private readonly _knownClients: () => readonly KnownClientCertificate[] = () => [],
	) {
		this._os = targetOsSetting(uri);
		this._header = this._makeHeader('parsing', 'Reading…');
		// On disk and in workspace folders of other file systems (vscode-remote: in the web worker host).
		if (isFolderFile(uri)) {
			const dir = vscode.Uri.joinPath(uri, '..');
			this._watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(dir, this.fileName));
			this._watcher.onDidChange(() => void this.load());
			this._watcher.onDidDelete(() => this._onDidDelete.fire());
		}
	}

	get fileName(): string {
		return this.uri.path.split('/').pop() ?? this.uri.path;
	}
	get os(): WindowsVersion {
		return this._os;
	}
	/** What has been read so far. */
	get model(): CaptureModel {
		return { header: this._header, connections: this._connections };
	}
	/** The core result of connection `id` (with certificate DER), for the actions. */
	handshake(id: number): HandshakeResult | undefined {
		return this._handshakes[id];
	}

	private _makeHeader(status: CaptureStatus, summary: string): CaptureHeaderView {
		return { fileName: this.fileName, status, summaryText: summary, targetOs: this._os.name, limitBytes: this._os.issuerListLimit.bytes, problems: this._problems.slice(0, 20), keyLog: this._keyLogName };
	}

	private _setHeader(status: CaptureStatus, summary: string): void {
		this._header = this._makeHeader(status, summary);
		if (!this._disposed) this._onDidChangeHeader.fire(this._header);
	}

	private _flush(): void {
		if (this._pending.length === 0 || this._disposed) return;
		const batch = this._pending;
		this._pending = [];
		this._onDidAppend.fire(batch);
	}

	/** Decrypts with this key log from now on (reads the capture again). */
	setKeyLog(uri: vscode.Uri): Promise<void> {
		this._keyLogUri = uri;
		return this.load();
	}

	/** The chosen key log, else `<capture name without extension>.keylog` beside the capture; undefined when there is none. */
	private async _readKeyLog(): Promise<KeyLog | undefined> {
		const candidates = this._keyLogUri ? [this._keyLogUri] : [vscode.Uri.joinPath(this.uri, '..', `${this.fileName.replace(/\.(pcapng|pcap|cap)(\.gz)?$/i, '')}.keylog`)];
		for (const uri of candidates) {
			let bytes: Uint8Array;
			try {
				bytes = await vscode.workspace.fs.readFile(uri);
			} catch (err) {
				if (this._keyLogUri) this._problems.push(`Key log ${uri.path.split('/').pop()}: cannot be read (${err instanceof Error ? err.message : String(err)})`);
				continue;
			}
			const keyLog = new KeyLog();
			const name = uri.path.split('/').pop() ?? uri.path;
			const bad = keyLog.addText(new TextDecoder().decode(bytes));
			if (bad.length) this._problems.push(`Key log ${name}: ${bad.length} line(s) are not "LABEL client_random secret" (first: line ${bad[0]}); they are ignored`);
			this._keyLogName = name;
			return keyLog;
		}
		return undefined;
	}

	/** Reads (again) from the start; never rejects: failures become the header's status. */
	async load(): Promise<void> {
		const generation = ++this._generation;
		this._os = targetOsSetting(this.uri);
		this._handshakes = [];
		this._connections = [];
		this._pending = [];
		this._problems = [];
		this._keyLogName = null;
		const keyLog = await this._readKeyLog();
		if (generation !== this._generation) return;
		this._header = this._makeHeader('parsing', 'Reading…');
		if (!this._disposed) this._onDidReset.fire();
		const stale = () => this._disposed || generation !== this._generation;
		const reader = new CaptureReader({
			...(keyLog ? { keyLog } : {}),
			knowledge: { targetOs: this._os, clientCertificates: this._knownClients() },
			onHandshake: (h) => {
				if (stale()) return;
				const view = connectionView(h, this._handshakes.length, this._os.issuerListLimit.bytes);
				this._handshakes.push(h);
				this._connections.push(view);
				this._pending.push(view);
			},
			onProblem: (p) => {
				if (this._problems.length < 200) this._problems.push(`${p.frame !== null ? `Frame ${p.frame}: ` : ''}${p.message}`);
			},
		});
		try {
			const size = (await vscode.workspace.fs.stat(this.uri)).size;
			const cancelled = size > PROGRESS_THRESHOLD ? await this._readWithProgress(reader, size, stale) : await this._readSmall(reader, stale);
			if (stale()) return;
			const summary = reader.end();
			this._flush();
			if (summary.format === 'unknown' && summary.packets === 0) {
				this._setHeader('error', 'This is not a pcap or pcapng capture (Network Monitor and other .cap formats are not read). Save it as pcapng in Wireshark, or reopen it as text.');
				return;
			}
			const status: CaptureStatus = cancelled ? 'cancelled' : 'done';
			this._setHeader(status, summaryText(summary, status));
			if (!cancelled) void this._addCaseAnswer(stale);
		} catch (err) {
			if (stale()) return;
			this._flush();
			const message = `The file could not be read: ${err instanceof Error ? err.message : String(err)}`;
			this._logger.info(`capture editor: ${this.uri.toString(true)}: ${message}`);
			this._setHeader('error', message);
		}
	}

	/** The server's store against this capture's list, from the diagnosis engine; the header is sent again. */
	private async _addCaseAnswer(stale: () => boolean): Promise<void> {
		try {
			const caseAnswer = await captureCaseAnswer(this.uri);
			if (stale() || !caseAnswer) return;
			this._header = { ...this._header, caseAnswer };
			if (!this._disposed) this._onDidChangeHeader.fire(this._header);
		} catch (err) {
			this._logger.info(`capture editor: case for ${this.uri.toString(true)}: ${err instanceof Error ? err.message : String(err)}`);
		}
	}

	/** Small files: one read, pushed in 1 MB chunks with a yield between them so batches reach the webview. */
	private async _readSmall(reader: CaptureReader, stale: () => boolean): Promise<boolean> {
		const bytes = await vscode.workspace.fs.readFile(this.uri);
		for (let i = 0; i < bytes.length; i += CHUNK) {
			if (stale()) return true;
			// A copy: the core may keep views into the chunk across pushes.
			reader.push(new Uint8Array(bytes.subarray(i, i + CHUNK)));
			this._flush();
			// setImmediate in Node hosts; the web extension host (a Web Worker) has only setTimeout.
			await new Promise((r) => (typeof setImmediate === 'function' ? setImmediate(r) : setTimeout(r, 0)));
		}
		return false;
	}

	/** Large files: streamed from disk (or read at once for non-file schemes) under a cancellable notification. */
	private _readWithProgress(reader: CaptureReader, size: number, stale: () => boolean): Thenable<boolean> {
		const title = vscode.l10n.t('Schannel Lens: reading {0} ({1} MB)', this.fileName, (size / MB).toFixed(0));
		return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
			// Streaming needs Node's fs: other schemes and the web extension host read the file at once.
			if (this.uri.scheme !== 'file' || typeof process === 'undefined') return this._readSmall(reader, () => stale() || token.isCancellationRequested);
			const stream = createReadStream(this.uri.fsPath, { highWaterMark: CHUNK });
			let read = 0;
			try {
				for await (const chunk of stream as AsyncIterable<Buffer>) {
					if (stale() || token.isCancellationRequested) return true;
					reader.push(new Uint8Array(chunk));
					read += chunk.length;
					this._flush();
					progress.report({ increment: (chunk.length / size) * 100, message: vscode.l10n.t('{0} MB, {1} connections', (read / MB).toFixed(0), this._connections.length) });
				}
			} finally {
				stream.destroy();
			}
			return false;
		});
	}

	dispose(): void {
		this._disposed = true;
		this._generation++;
		this._watcher?.dispose();
		this._onDidReset.dispose();
		this._onDidAppend.dispose();
		this._onDidChangeHeader.dispose();
		this._onDidDelete.dispose();
	}
}
