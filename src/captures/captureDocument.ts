/** One opened capture: parsed by the core's CaptureReader in a worker (src/workers/parseJob.ts); connections appear while it is read. */
import type { KnownClientCertificate } from '../core/capture';
import * as vscode from 'vscode';
import { captureCaseAnswer } from '../case/workspaceCase';
import { KeyLog, type CaptureSummary, type HandshakeResult } from '../core/capture';
import type { WindowsVersion } from '../core/schannel/os';
import { targetOsSetting } from '../shared/settings';
import type { CaptureHeaderView, CaptureModel, CaptureStatus, ConnectionView } from '../protocol/captureView';
import type { Logger } from '../shared/logger';
import { connectionView } from './captureModel';
import { isFolderFile } from '../shared/workspaceFiles';
import type { CaptureBatch, ParseJob } from '../workers/parseJob';
import { parseInPlace, type ParseControl, type ParseOutcome, type ParseRunner } from '../workers/parseRunner';

const MB = 1024 * 1024;
/** Files above this size are read under a cancellable progress notification. */
export const PROGRESS_THRESHOLD = 20 * MB;

function summaryText(s: CaptureSummary, status: CaptureStatus): string {
	const handshakes = s.handshakes === 1 ? vscode.l10n.t('1 TLS handshake') : vscode.l10n.t('{0} TLS handshakes', s.handshakes);
	const problems = s.problems === 1 ? vscode.l10n.t('1 problem') : vscode.l10n.t('{0} problems', s.problems);
	const head = vscode.l10n.t('{0}{1}, {2} packets, {3}, {4}', s.format, s.compressed ? ' (gzip)' : '', s.packets, handshakes, problems);
	return status === 'cancelled' ? vscode.l10n.t('Cancelled after {0} MB: {1} in the part read', (s.bytes / MB).toFixed(1), head) : head;
}

export class CaptureDocument implements vscode.CustomDocument {
	private _handshakes: HandshakeResult[] = [];
	private _connections: ConnectionView[] = [];
	private _pending: ConnectionView[] = [];
	private _header: CaptureHeaderView;
	private _problems: string[] = [];
	private _generation = 0;
	private _disposed = false;
	/** Cancels the read in progress (its worker is terminated). */
	private _reading: vscode.CancellationTokenSource | undefined;
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
		/** Where the file is parsed: a worker (src/host.ts), else on this thread. */
		private readonly _parse: ParseRunner = parseInPlace,
	) {
		this._os = targetOsSetting(uri);
		this._header = this._makeHeader('parsing', vscode.l10n.t('Reading…'));
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

	/** The chosen key log's text, else that of `<capture name without extension>.keylog` beside the capture; undefined when there is none. */
	private async _readKeyLog(): Promise<string | undefined> {
		const candidates = this._keyLogUri ? [this._keyLogUri] : [vscode.Uri.joinPath(this.uri, '..', `${this.fileName.replace(/\.(pcapng|pcap|cap)(\.gz)?$/i, '')}.keylog`)];
		for (const uri of candidates) {
			const name = uri.path.split('/').pop() ?? uri.path;
			let bytes: Uint8Array;
			try {
				bytes = await vscode.workspace.fs.readFile(uri);
			} catch (err) {
				if (this._keyLogUri) this._problems.push(vscode.l10n.t('Key log {0}: cannot be read ({1})', name, err instanceof Error ? err.message : String(err)));
				continue;
			}
			const text = new TextDecoder().decode(bytes);
			// Checked here for the header; the worker reads the text again for the decryption.
			const bad = new KeyLog().addText(text);
			if (bad.length) this._problems.push(vscode.l10n.t('Key log {0}: {1} line(s) are not "LABEL client_random secret" (first: line {2}); they are ignored', name, bad.length, bad[0]!));
			this._keyLogName = name;
			return text;
		}
		return undefined;
	}

	/** Reads (again) from the start; never rejects: failures become the header's status. */
	async load(): Promise<void> {
		// A read still in progress is of no use now: its worker is terminated.
		this._reading?.cancel();
		const generation = ++this._generation;
		this._os = targetOsSetting(this.uri);
		this._handshakes = [];
		this._connections = [];
		this._pending = [];
		this._problems = [];
		this._keyLogName = null;
		const keyLogText = await this._readKeyLog();
		if (generation !== this._generation) return;
		this._header = this._makeHeader('parsing', vscode.l10n.t('Reading…'));
		if (!this._disposed) this._onDidReset.fire();
		const stale = () => this._disposed || generation !== this._generation;
		const reading = new vscode.CancellationTokenSource();
		this._reading = reading;
		// Plain data only: the job is copied to the worker.
		const knowledge = { targetOs: this._os, clientCertificates: this._knownClients().map((c) => ({ label: c.label, chainNames: c.chainNames.map((n) => n.slice()) })) };
		const job: ParseJob = { kind: 'capture', ...(keyLogText !== undefined ? { keyLogText } : {}), knowledge };
		const onBatch = (batch: CaptureBatch) => {
			if (stale()) return;
			for (const h of batch.handshakes) {
				const view = connectionView(h, this._handshakes.length, this._os.issuerListLimit.bytes);
				this._handshakes.push(h);
				this._connections.push(view);
				this._pending.push(view);
			}
			for (const p of batch.problems) if (this._problems.length < 200) this._problems.push(p.frame !== null ? vscode.l10n.t('Frame {0}: {1}', p.frame, p.message) : p.message);
			this._flush();
		};
		try {
			const size = (await vscode.workspace.fs.stat(this.uri)).size;
			if (stale()) return;
			const run = (control: ParseControl, progress?: (read: number) => void) =>
				this._parse(job, { uri: this.uri, read: () => vscode.workspace.fs.readFile(this.uri) }, (b) => {
					if (b.type !== 'capture') return;
					onBatch(b);
					progress?.(b.bytes);
				}, control);
			const outcome = size > PROGRESS_THRESHOLD ? await this._readWithProgress(run, reading.token, size) : await run({ cancel: reading.token });
			if (stale() || outcome.type === 'cancelled') return;
			if (outcome.type === 'error') throw new Error(outcome.message);
			if (!('capture' in outcome.end)) return;
			const summary = outcome.end.capture;
			this._flush();
			if (summary.format === 'unknown' && summary.packets === 0) {
				this._setHeader('error', vscode.l10n.t('This is not a pcap or pcapng capture (Network Monitor and other .cap formats are not read). Save it as pcapng in Wireshark, or reopen it as text.'));
				return;
			}
			const status: CaptureStatus = outcome.stopped ? 'cancelled' : 'done';
			this._setHeader(status, summaryText(summary, status));
			if (!outcome.stopped) void this._addCaseAnswer(stale);
		} catch (err) {
			if (stale()) return;
			this._flush();
			const message = vscode.l10n.t('The file could not be read: {0}', err instanceof Error ? err.message : String(err));
			this._logger.info(`capture editor: ${this.uri.toString(true)}: ${message}`);
			this._setHeader('error', message);
		} finally {
			reading.dispose();
			if (this._reading === reading) this._reading = undefined;
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

	/** Large files: read under a cancellable notification; its Cancel ends the read with what the part read gave. */
	private _readWithProgress(run: (control: ParseControl, progress: (read: number) => void) => Promise<ParseOutcome>, cancel: vscode.CancellationToken, size: number): Thenable<ParseOutcome> {
		const title = vscode.l10n.t('Schannel Lens: reading {0} ({1} MB)', this.fileName, (size / MB).toFixed(0));
		return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, stop) => {
			let reported = 0;
			return run({ cancel, stop }, (read) => {
				progress.report({ increment: ((read - reported) / size) * 100, message: vscode.l10n.t('{0} MB, {1} connections', (read / MB).toFixed(0), this._connections.length) });
				reported = read;
			});
		});
	}

	dispose(): void {
		this._disposed = true;
		this._generation++;
		this._reading?.cancel();
		this._watcher?.dispose();
		this._onDidReset.dispose();
		this._onDidAppend.dispose();
		this._onDidChangeHeader.dispose();
		this._onDidDelete.dispose();
	}
}
