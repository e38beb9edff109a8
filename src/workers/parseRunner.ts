/**
 * The host's side of the capture and event-log parse (src/workers/parseJob.ts): in a worker (worker_threads on
 * the desktop, a Web Worker on the web; src/host.ts picks) or, where no worker can start, in place on the host's
 * thread with a yield between chunks. Either way the caller gets the same batches and the same end.
 */
import * as l10n from '@vscode/l10n';
import type * as vscode from 'vscode';
import { PARSE_CHUNK, PARSE_WINDOW, runParseJob, type FromParseWorker, type ParseBatch, type ParseDone, type ParseJob, type ToParseWorker } from './parseJob';

type Token = Pick<vscode.CancellationToken, 'isCancellationRequested' | 'onCancellationRequested'>;

/** The file to parse: its URI (a worker that can read `file:` paths streams it) and how the host reads it whole. */
export interface ParseSource {
	readonly uri: vscode.Uri;
	read(): Thenable<Uint8Array>;
	/** Who reads (e.g. `case`): counted apart from the editor's reads of the same file ({@link parseWorkerStatsOf}). */
	readonly purpose?: string;
}

/** `cancel` ends the parse at once (the worker is terminated, no result); `stop` ends the read early with the result of the part read. */
export interface ParseControl {
	readonly cancel: Token;
	readonly stop?: Token;
}

export type ParseOutcome = { readonly type: 'done'; readonly end: ParseDone; readonly stopped: boolean } | { readonly type: 'error'; readonly message: string } | { readonly type: 'cancelled' };

/** Parses `source` as `job` says; `onBatch` gets what each chunk gave, in order. Never rejects. */
export type ParseRunner = (job: ParseJob, source: ParseSource, onBatch: (batch: ParseBatch) => void, control: ParseControl) => Promise<ParseOutcome>;

/** A started worker, as the host sees it (Node's worker_threads or a Web Worker). */
export interface ParseWorkerPort {
	post(message: ToParseWorker, transfer?: ArrayBuffer[]): void;
	/** Resolves once the worker has stopped. */
	terminate(): Promise<void>;
}

/** Starts a worker that sends its messages to `onMessage` and its failure to `onError`. */
export type StartParseWorker = (onMessage: (message: FromParseWorker) => void, onError: (message: string) => void) => Promise<ParseWorkerPort>;

interface WorkerCounts {
	started: number;
	live: number;
	cancelled: number;
}

/** For the integration tests (read through test-only commands): workers started and still alive, and those cancelled while reading. */
export const parseWorkerStats: WorkerCounts = { started: 0, live: 0, cancelled: 0 };
/** The same per file (URI), for the last {@link FILES_COUNTED} files: background reads (the case builder) do not blur a test's file. */
const fileStats = new Map<string, WorkerCounts>();
const FILES_COUNTED = 100;

const statsKey = (uri: string, purpose?: string) => (purpose ? `${purpose} ${uri}` : uri);

/** The worker counts of one file (`uri.toString()`), read by the editors or for `purpose`. */
export function parseWorkerStatsOf(uri: string, purpose?: string): WorkerCounts {
	return { ...(fileStats.get(statsKey(uri, purpose)) ?? { started: 0, live: 0, cancelled: 0 }) };
}

function count(source: ParseSource, field: keyof WorkerCounts, delta: number): void {
	parseWorkerStats[field] += delta;
	const key = statsKey(source.uri.toString(), source.purpose);
	let file = fileStats.get(key);
	if (!file) {
		if (fileStats.size >= FILES_COUNTED) fileStats.delete(fileStats.keys().next().value!);
		file = { started: 0, live: 0, cancelled: 0 };
		fileStats.set(key, file);
	}
	file[field] += delta;
}

/** Test hook: while held, the host gives the workers no more chunks or credits (a read stays in progress). */
let held = false;
const heldFeeds: (() => void)[] = [];
export function holdParseWorkers(hold: boolean): void {
	held = hold;
	if (!hold) for (const feed of heldFeeds.splice(0)) feed();
}

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** Yields to the host's event loop: setImmediate in Node hosts; the web extension host (a Web Worker) has only setTimeout. */
const yieldToHost = () => new Promise<void>((r) => (typeof setImmediate === 'function' ? setImmediate(r) : setTimeout(r, 0)));

/** The parse on the host's thread (no worker available): the file read whole, 1 MB chunks with a yield between them. */
export const parseInPlace: ParseRunner = async (job, source, onBatch, control) => {
	let bytes: Uint8Array;
	try {
		bytes = await source.read();
	} catch (err) {
		return { type: 'error', message: message(err) };
	}
	const ending = () => control.cancel.isCancellationRequested || control.stop?.isCancellationRequested === true;
	async function* chunks(): AsyncGenerator<Uint8Array> {
		for (let i = 0; i < bytes.length; i += PARSE_CHUNK) {
			if (ending()) return;
			// A copy: the core may keep views into the chunk across pushes.
			yield bytes.slice(i, i + PARSE_CHUNK);
			await yieldToHost();
		}
	}
	let outcome: ParseOutcome = { type: 'error', message: l10n.t('the parse ended without a result') };
	await runParseJob(job, chunks(), (m) => {
		if (m.type === 'done') outcome = { type: 'done', end: m, stopped: control.stop?.isCancellationRequested === true };
		else if (m.type === 'error') outcome = { type: 'error', message: m.message };
		else if (!control.cancel.isCancellationRequested) onBatch(m);
	});
	return control.cancel.isCancellationRequested ? { type: 'cancelled' } : outcome;
};

/**
 * A runner that parses in a fresh worker per file. `streamsFiles`: the worker reads `file:` URIs from disk itself
 * (Node); otherwise the host reads the file and hands it over in chunks, {@link PARSE_WINDOW} ahead. A worker
 * that cannot start leaves the parse to {@link parseInPlace}.
 */
export function workerParseRunner(start: StartParseWorker, streamsFiles: boolean, bundle?: Record<string, string>): ParseRunner {
	return async (job, source, onBatch, control) => {
		if (control.cancel.isCancellationRequested) return { type: 'cancelled' };
		const path = streamsFiles && source.uri.scheme === 'file' ? source.uri.fsPath : undefined;
		let bytes: Uint8Array | undefined;
		if (path === undefined) {
			try {
				bytes = await source.read();
			} catch (err) {
				return { type: 'error', message: message(err) };
			}
			if (control.cancel.isCancellationRequested) return { type: 'cancelled' };
		}
		let resolve!: (outcome: ParseOutcome) => void;
		const result = new Promise<ParseOutcome>((r) => (resolve = r));
		let port: ParseWorkerPort | undefined;
		let settled = false;
		let stopped = false;
		let offset = 0;
		const subscriptions: { dispose(): void }[] = [];
		const finish = (outcome: ParseOutcome) => {
			if (settled) return;
			settled = true;
			for (const s of subscriptions) s.dispose();
			if (outcome.type === 'cancelled') count(source, 'cancelled', 1);
			const worker = port;
			port = undefined;
			void worker
				?.terminate()
				.catch(() => undefined)
				.then(() => count(source, 'live', -1));
			resolve(outcome);
		};
		/** The next chunk of a host-read file, or its end. */
		const send = () => {
			if (!port || !bytes || stopped || offset > bytes.length) return;
			if (offset === bytes.length) {
				offset++;
				return port.post({ type: 'end' });
			}
			const chunk = bytes.slice(offset, offset + PARSE_CHUNK);
			offset = Math.min(offset + PARSE_CHUNK, bytes.length);
			port.post({ type: 'chunk', bytes: chunk }, [chunk.buffer as ArrayBuffer]);
		};
		/** A batch was taken: one more chunk (or credit) for the worker. */
		const feed = () => {
			if (settled) return;
			if (held) return void heldFeeds.push(feed);
			if (path !== undefined) port?.post({ type: 'next' });
			else send();
		};
		const onMessage = (m: FromParseWorker) => {
			if (settled) return;
			if (m.type === 'done') return finish({ type: 'done', end: m, stopped });
			if (m.type === 'error') return finish({ type: 'error', message: m.message });
			onBatch(m);
			feed();
		};
		try {
			port = await start(onMessage, (error) => finish({ type: 'error', message: error }));
		} catch {
			return parseInPlace(job, source, onBatch, control);
		}
		count(source, 'started', 1);
		count(source, 'live', 1);
		if (settled) {
			// It failed before it was handed back.
			const failed = port;
			port = undefined;
			void failed.terminate().then(
				() => count(source, 'live', -1),
				() => count(source, 'live', -1),
			);
			return result;
		}
		subscriptions.push(control.cancel.onCancellationRequested(() => finish({ type: 'cancelled' })));
		if (control.stop) {
			subscriptions.push(
				control.stop.onCancellationRequested(() => {
					stopped = true;
					port?.post({ type: 'stop' });
				}),
			);
		}
		try {
			port.post({ type: 'start', job, ...(path !== undefined ? { path } : {}), ...(bundle ? { l10n: bundle } : {}) });
			for (let i = 0; i < PARSE_WINDOW; i++) send();
		} catch (err) {
			finish({ type: 'error', message: message(err) });
		}
		if (control.cancel.isCancellationRequested) finish({ type: 'cancelled' });
		return result;
	};
}
