/** One opened event log or Event Viewer export: streamed through the core's readers; rows appear while it is read. */
import { createReadStream } from 'node:fs';
import * as vscode from 'vscode';
import { createEventReader, detectEventFormat, type EventFileFormat, type EventRecord, type EventStreamReader } from '../core/events';
import type { EventHeaderView, EventModel, EventRowView, EventStatus } from '../protocol/eventView';
import type { Logger } from '../shared/logger';
import { eventRow } from './eventModel';
import { isFolderFile } from '../shared/workspaceFiles';

const MB = 1024 * 1024;
/** Files above this size are streamed from disk under a cancellable progress notification. */
export const EVENT_PROGRESS_THRESHOLD = 20 * MB;
const CHUNK = MB;

export class EventDocument implements vscode.CustomDocument {
	private _events: EventRecord[] = [];
	private _rows: EventRowView[] = [];
	private _pending: EventRowView[] = [];
	private _problems: string[] = [];
	private _problemCount = 0;
	private _format: EventFileFormat = 'unknown';
	private _header: EventHeaderView;
	private _generation = 0;
	private _disposed = false;
	private readonly _onDidReset = new vscode.EventEmitter<void>();
	readonly onDidReset = this._onDidReset.event;
	private readonly _onDidAppend = new vscode.EventEmitter<readonly EventRowView[]>();
	readonly onDidAppend = this._onDidAppend.event;
	private readonly _onDidChangeHeader = new vscode.EventEmitter<EventHeaderView>();
	readonly onDidChangeHeader = this._onDidChangeHeader.event;
	private readonly _onDidDelete = new vscode.EventEmitter<void>();
	readonly onDidDelete = this._onDidDelete.event;
	private readonly _watcher: vscode.FileSystemWatcher | undefined;

	constructor(
		readonly uri: vscode.Uri,
		private readonly _logger: Logger,
	) {
		this._header = this._makeHeader('parsing', 'Reading…');
		// On disk and in workspace folders of other file systems (vscode-remote: in the web worker host).
		if (isFolderFile(uri)) {
			this._watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.joinPath(uri, '..'), this.fileName));
			this._watcher.onDidChange(() => void this.load());
			this._watcher.onDidDelete(() => this._onDidDelete.fire());
		}
	}

	get fileName(): string {
		return this.uri.path.split('/').pop() ?? this.uri.path;
	}
	get model(): EventModel {
		return { header: this._header, rows: this._rows };
	}
	/** The event behind row `index` (with its data tree), for details and actions. */
	event(index: number): EventRecord | undefined {
		return this._events[index];
	}

	private _makeHeader(status: EventStatus, summary: string): EventHeaderView {
		return { fileName: this.fileName, format: this._format, status, summaryText: summary, problems: this._problems.slice(0, 50) };
	}

	private _setHeader(status: EventStatus, summary: string): void {
		this._header = this._makeHeader(status, summary);
		if (!this._disposed) this._onDidChangeHeader.fire(this._header);
	}

	private _flush(): void {
		if (this._pending.length === 0 || this._disposed) return;
		const batch = this._pending;
		this._pending = [];
		this._onDidAppend.fire(batch);
	}

	/** Reads (again) from the start; never rejects: failures become the header's status. */
	async load(): Promise<void> {
		const generation = ++this._generation;
		this._events = [];
		this._rows = [];
		this._pending = [];
		this._problems = [];
		this._problemCount = 0;
		this._header = this._makeHeader('parsing', 'Reading…');
		if (!this._disposed) this._onDidReset.fire();
		const stale = () => this._disposed || generation !== this._generation;
		let reader: EventStreamReader | undefined;
		const start = (first: Uint8Array) => {
			this._format = detectEventFormat(first.subarray(0, 4096), this.fileName);
			reader = createEventReader(
				this._format,
				(e) => {
					if (stale()) return;
					const row = eventRow(e, this._events.length);
					this._events.push(e);
					this._rows.push(row);
					this._pending.push(row);
				},
				(p) => {
					this._problemCount++;
					if (this._problems.length < 200) this._problems.push(`${p.offset !== null ? `Offset ${p.offset}: ` : ''}${p.message}`);
				},
			);
			return reader;
		};
		try {
			const size = (await vscode.workspace.fs.stat(this.uri)).size;
			const cancelled = size > EVENT_PROGRESS_THRESHOLD && this.uri.scheme === 'file' ? await this._readWithProgress(start, size, stale) : await this._readSmall(start, stale);
			if (stale()) return;
			if (!reader) {
				this._setHeader('error', 'This is not an event log: no "ElfFile" magic, no Event Viewer XML, CSV or TXT header. Reopen it as text.');
				return;
			}
			const { records } = (reader as EventStreamReader).end();
			this._flush();
			const head = `${this._format}, ${records} event${records === 1 ? '' : 's'}, ${this._problemCount} problem${this._problemCount === 1 ? '' : 's'}`;
			this._setHeader(cancelled ? 'cancelled' : 'done', cancelled ? `Cancelled: ${head} in the part read` : head);
		} catch (err) {
			if (stale()) return;
			this._flush();
			const message = `The file could not be read: ${err instanceof Error ? err.message : String(err)}`;
			this._logger.info(`event editor: ${this.uri.toString(true)}: ${message}`);
			this._setHeader('error', message);
		}
	}

	private async _readSmall(start: (first: Uint8Array) => EventStreamReader | undefined, stale: () => boolean): Promise<boolean> {
		const bytes = await vscode.workspace.fs.readFile(this.uri);
		const reader = start(bytes);
		if (!reader) return false;
		for (let i = 0; i < bytes.length; i += CHUNK) {
			if (stale()) return true;
			reader.push(bytes.subarray(i, i + CHUNK));
			this._flush();
			await new Promise((r) => setImmediate(r));
		}
		return false;
	}

	private _readWithProgress(start: (first: Uint8Array) => EventStreamReader | undefined, size: number, stale: () => boolean): Thenable<boolean> {
		const title = vscode.l10n.t('Schannel Lens: reading {0} ({1} MB)', this.fileName, (size / MB).toFixed(0));
		return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
			const stream = createReadStream(this.uri.fsPath, { highWaterMark: CHUNK });
			let read = 0;
			let reader: EventStreamReader | undefined;
			try {
				for await (const chunk of stream as AsyncIterable<Buffer>) {
					if (stale() || token.isCancellationRequested) return true;
					const bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length);
					reader ??= start(bytes);
					if (!reader) return false;
					reader.push(bytes);
					read += chunk.length;
					this._flush();
					progress.report({ increment: (chunk.length / size) * 100, message: vscode.l10n.t('{0} MB, {1} events', (read / MB).toFixed(0), this._rows.length) });
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
