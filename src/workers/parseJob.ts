/**
 * The capture and event-log parse of the editors, as a job with messages (issue 13: heavy work off the extension
 * host's thread). The same job runs in a worker thread (src/workers/parseWorker.ts), in a Web Worker
 * (src/web/parseWebWorker.ts), or in place where neither exists (src/workers/parseRunner.ts): everything that
 * crosses is plain data (structured clone), and the job never holds what it has posted.
 */
import { CaptureReader, KeyLog, type CaptureProblem, type CaptureSummary, type HandshakeResult, type VerdictKnowledge } from '../core/capture';
import { createEventReader, detectEventFormat, type EventFileFormat, type EventProblem, type EventRecord, type EventStreamReader } from '../core/events';

/** The chunk size of every read (the file streamed by the worker, or the bytes the host hands over). */
export const PARSE_CHUNK = 1024 * 1024;
/** Chunks a worker may read ahead of the batches the host has taken (the host's "next" gives one more). */
export const PARSE_WINDOW = 2;

/** What to parse, and what the parse needs from the host: the key log's text and the verdicts' knowledge. */
export type ParseJob =
	| { readonly kind: 'capture'; readonly keyLogText?: string; readonly knowledge?: VerdictKnowledge }
	| { readonly kind: 'events'; readonly fileName: string };

/** Host to worker: `start` first (with `path` the worker reads the file itself), then `next` per batch (path) or `chunk`s and `end`; `stop` ends the read early. */
export type ToParseWorker =
	| { readonly type: 'start'; readonly job: ParseJob; readonly path?: string; readonly l10n?: Record<string, string> }
	| { readonly type: 'next' }
	| { readonly type: 'chunk'; readonly bytes: Uint8Array }
	| { readonly type: 'end' }
	| { readonly type: 'stop' };

/** The handshakes and problems found in one chunk; `bytes` is how much of the file has been read. */
export interface CaptureBatch {
	readonly type: 'capture';
	readonly bytes: number;
	readonly handshakes: HandshakeResult[];
	readonly problems: CaptureProblem[];
}

/** The events and problems found in one chunk. */
export interface EventBatch {
	readonly type: 'events';
	readonly bytes: number;
	readonly format: EventFileFormat;
	readonly events: EventRecord[];
	readonly problems: EventProblem[];
}

export type ParseBatch = CaptureBatch | EventBatch;

/** The end of a job: the capture's summary, or the event file's format ('unknown': not an event log) and record count. */
export type ParseDone = { readonly type: 'done'; readonly capture: CaptureSummary } | { readonly type: 'done'; readonly events: { readonly format: EventFileFormat; readonly records: number } };

/** Worker to host. */
export type FromParseWorker = ParseBatch | ParseDone | { readonly type: 'error'; readonly message: string };

/** Runs `job` over `chunks`, posting a batch per chunk, then `done` (or `error` when the file cannot be read). */
export async function runParseJob(job: ParseJob, chunks: AsyncIterable<Uint8Array>, post: (message: FromParseWorker) => void): Promise<void> {
	try {
		if (job.kind === 'capture') await captureJob(job, chunks, post);
		else await eventJob(job, chunks, post);
	} catch (err) {
		post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
	}
}

async function captureJob(job: Extract<ParseJob, { kind: 'capture' }>, chunks: AsyncIterable<Uint8Array>, post: (message: FromParseWorker) => void): Promise<void> {
	const keyLog = new KeyLog();
	if (job.keyLogText !== undefined) keyLog.addText(job.keyLogText);
	let handshakes: HandshakeResult[] = [];
	let problems: CaptureProblem[] = [];
	let bytes = 0;
	const reader = new CaptureReader({
		keyLog,
		...(job.knowledge ? { knowledge: job.knowledge } : {}),
		onHandshake: (h) => handshakes.push(h),
		onProblem: (p) => problems.push(p),
	});
	const flush = () => {
		post({ type: 'capture', bytes, handshakes, problems });
		handshakes = [];
		problems = [];
	};
	for await (const chunk of chunks) {
		reader.push(chunk);
		bytes += chunk.length;
		flush();
	}
	const summary = reader.end();
	flush();
	post({ type: 'done', capture: summary });
}

async function eventJob(job: Extract<ParseJob, { kind: 'events' }>, chunks: AsyncIterable<Uint8Array>, post: (message: FromParseWorker) => void): Promise<void> {
	let events: EventRecord[] = [];
	let problems: EventProblem[] = [];
	let bytes = 0;
	let format: EventFileFormat = 'unknown';
	let reader: EventStreamReader | undefined;
	const start = (first: Uint8Array) => {
		format = detectEventFormat(first.subarray(0, 4096), job.fileName);
		reader = createEventReader(
			format,
			(e) => events.push(e),
			(p) => problems.push(p),
		);
		return reader;
	};
	const flush = () => {
		post({ type: 'events', bytes, format, events, problems });
		events = [];
		problems = [];
	};
	const notEvents = () => post({ type: 'done', events: { format: 'unknown', records: 0 } });
	for await (const chunk of chunks) {
		const r = reader ?? start(chunk);
		// Not an event log: nothing more is read.
		if (!r) return notEvents();
		r.push(chunk);
		bytes += chunk.length;
		flush();
	}
	// An empty file: its name decides.
	const r = reader ?? start(new Uint8Array(0));
	if (!r) return notEvents();
	const { records } = r.end();
	flush();
	post({ type: 'done', events: { format, records } });
}

/**
 * The worker's side of the flow control: the chunks the host sends (`chunk`, `end`), the credits it gives
 * (`next`: the worker reads at most {@link PARSE_WINDOW} chunks ahead of the batches taken), and `stop`.
 */
export class ParseInbox {
	private _credits = PARSE_WINDOW;
	private readonly _queue: Uint8Array[] = [];
	private _ended = false;
	private _stopped = false;
	private _wake: (() => void) | undefined;

	receive(message: ToParseWorker): void {
		switch (message.type) {
			case 'next':
				this._credits++;
				break;
			case 'chunk':
				this._queue.push(message.bytes);
				break;
			case 'end':
				this._ended = true;
				break;
			case 'stop':
				this._stopped = true;
				this._queue.length = 0;
				break;
			default:
				return;
		}
		const wake = this._wake;
		this._wake = undefined;
		wake?.();
	}

	private _changed(): Promise<void> {
		return new Promise((resolve) => (this._wake = resolve));
	}

	/** The chunks the host sends, until `end` or `stop`. */
	async *received(): AsyncGenerator<Uint8Array> {
		for (;;) {
			while (this._queue.length === 0 && !this._ended && !this._stopped) await this._changed();
			const chunk = this._queue.shift();
			if (!chunk) return;
			yield chunk;
		}
	}

	/** `source` (the worker's own reads), a chunk per credit, until `stop`; leaving closes the source. */
	async *gated(source: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
		for await (const chunk of source) {
			while (this._credits === 0 && !this._stopped) await this._changed();
			if (this._stopped) return;
			this._credits--;
			yield chunk;
		}
	}
}
