/** One opened event log or Event Viewer export: parsed by the core's readers in a worker (src/workers/parseJob.ts); rows appear while it is read. */
import * as vscode from 'vscode';
import type { EventFileFormat, EventRecord } from '../core/events';
import type { EventHeaderView, EventModel, EventRowView, EventStatus } from '../protocol/eventView';
import type { Logger } from '../shared/logger';
import { eventRow } from './eventModel';
import { isFolderFile } from '../shared/workspaceFiles';
import type { EventBatch } from '../workers/parseJob';
import { parseInPlace, type ParseControl, type ParseOutcome, type ParseRunner } from '../workers/parseRunner';

const MB = 1024 * 1024;
/** Files above this size are read under a cancellable progress notification. */
export const EVENT_PROGRESS_THRESHOLD = 20 * MB;

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
	/** Cancels the read in progress (its worker is terminated). */
	private _reading: vscode.CancellationTokenSource | undefined;
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
		/** Where the file is parsed: a worker (src/host.ts), else on this thread. */
		private readonly _parse: ParseRunner = parseInPlace,
	) {
		this._header = this._makeHeader('parsing', vscode.l10n.t('Reading…'));
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
		// A read still in progress is of no use now: its worker is terminated.
		this._reading?.cancel();
		const generation = ++this._generation;
		this._events = [];
		this._rows = [];
		this._pending = [];
		this._problems = [];
		this._problemCount = 0;
		this._header = this._makeHeader('parsing', vscode.l10n.t('Reading…'));
		if (!this._disposed) this._onDidReset.fire();
		const stale = () => this._disposed || generation !== this._generation;
		const reading = new vscode.CancellationTokenSource();
		this._reading = reading;
		const onBatch = (batch: EventBatch) => {
			if (stale()) return;
			this._format = batch.format;
			for (const e of batch.events) {
				const row = eventRow(e, this._events.length);
				this._events.push(e);
				this._rows.push(row);
				this._pending.push(row);
			}
			for (const p of batch.problems) {
				this._problemCount++;
				if (this._problems.length < 200) this._problems.push(p.offset !== null ? vscode.l10n.t('Offset {0}: {1}', p.offset, p.message) : p.message);
			}
			this._flush();
		};
		try {
			const size = (await vscode.workspace.fs.stat(this.uri)).size;
			if (stale()) return;
			const run = (control: ParseControl, progress?: (read: number) => void) =>
				this._parse({ kind: 'events', fileName: this.fileName }, { uri: this.uri, read: () => vscode.workspace.fs.readFile(this.uri) }, (b) => {
					if (b.type !== 'events') return;
					onBatch(b);
					progress?.(b.bytes);
				}, control);
			const outcome = size > EVENT_PROGRESS_THRESHOLD ? await this._readWithProgress(run, reading.token, size) : await run({ cancel: reading.token });
			if (stale() || outcome.type === 'cancelled') return;
			if (outcome.type === 'error') throw new Error(outcome.message);
			if (!('events' in outcome.end)) return;
			const { format, records } = outcome.end.events;
			this._flush();
			this._format = format;
			if (format === 'unknown') {
				this._setHeader('error', vscode.l10n.t('This is not an event log: no "ElfFile" magic, no Event Viewer XML, CSV or TXT header. Reopen it as text.'));
				return;
			}
			const events = records === 1 ? vscode.l10n.t('1 event') : vscode.l10n.t('{0} events', records);
			const problems = this._problemCount === 1 ? vscode.l10n.t('1 problem') : vscode.l10n.t('{0} problems', this._problemCount);
			const head = vscode.l10n.t('{0}, {1}, {2}', format, events, problems);
			this._setHeader(outcome.stopped ? 'cancelled' : 'done', outcome.stopped ? vscode.l10n.t('Cancelled: {0} in the part read', head) : head);
		} catch (err) {
			if (stale()) return;
			this._flush();
			const message = vscode.l10n.t('The file could not be read: {0}', err instanceof Error ? err.message : String(err));
			this._logger.info(`event editor: ${this.uri.toString(true)}: ${message}`);
			this._setHeader('error', message);
		} finally {
			reading.dispose();
			if (this._reading === reading) this._reading = undefined;
		}
	}

	/** Large files: read under a cancellable notification; its Cancel ends the read with what the part read gave. */
	private _readWithProgress(run: (control: ParseControl, progress: (read: number) => void) => Promise<ParseOutcome>, cancel: vscode.CancellationToken, size: number): Thenable<ParseOutcome> {
		const title = vscode.l10n.t('Schannel Lens: reading {0} ({1} MB)', this.fileName, (size / MB).toFixed(0));
		return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, stop) => {
			let reported = 0;
			return run({ cancel, stop }, (read) => {
				progress.report({ increment: ((read - reported) / size) * 100, message: vscode.l10n.t('{0} MB, {1} events', (read / MB).toFixed(0), this._rows.length) });
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
