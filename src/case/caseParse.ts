/**
 * The case builder's captures and event logs read in the parse worker (issue 13: heavy work off the extension host's
 * thread): the hooks a workspace CaseFile carries. Without a runner (before activation) the builder reads in place.
 */
import * as vscode from 'vscode';
import type { CaptureProblem, HandshakeResult } from '../core/capture';
import type { CaseFile } from '../core/case';
import type { EventProblem, EventRecord } from '../core/events';
import type { ParseDone } from '../workers/parseJob';
import type { ParseOutcome, ParseRunner } from '../workers/parseRunner';

let runner: ParseRunner | undefined;

/** Called in `activate`: the case's captures and event logs are read by `parse` (src/host.ts: a worker). */
export function setCaseParseRunner(parse: ParseRunner | undefined): void {
	runner = parse;
}

function ended(outcome: ParseOutcome): ParseDone {
	if (outcome.type === 'done') return outcome.end;
	throw new Error(outcome.type === 'error' ? outcome.message : 'cancelled');
}

/** The parse hooks of the case file at `uri` (whole file: `read`); none without a runner. */
export function caseFileParsers(uri: vscode.Uri, read: () => Thenable<Uint8Array>): Pick<CaseFile, 'parseCapture' | 'parseEvents'> {
	const parse = runner;
	if (!parse) return {};
	const source = { uri, read, purpose: 'case' };
	// Never cancelled: a case is built whole.
	const control = { cancel: new vscode.CancellationTokenSource().token };
	return {
		parseCapture: async () => {
			const handshakes: HandshakeResult[] = [];
			const problems: CaptureProblem[] = [];
			let bytes = 0;
			const end = ended(
				await parse({ kind: 'capture' }, source, (b) => {
					if (b.type !== 'capture') return;
					for (const h of b.handshakes) handshakes.push(h);
					for (const p of b.problems) problems.push(p);
					bytes = b.bytes;
				}, control),
			);
			if (!('capture' in end)) throw new Error('the parse gave no capture summary');
			return { handshakes, problems, summary: end.capture, bytes };
		},
		parseEvents: async (keep) => {
			const events: EventRecord[] = [];
			const problems: EventProblem[] = [];
			const end = ended(
				await parse({ kind: 'events', fileName: uri.path.split('/').pop() ?? uri.path }, source, (b) => {
					if (b.type !== 'events') return;
					for (const e of b.events) if (keep(e)) events.push(e);
					for (const p of b.problems) problems.push(p);
				}, control),
			);
			if (!('events' in end)) throw new Error('the parse gave no event count');
			return { format: end.events.format, events, problems, records: end.events.records };
		},
	};
}

/**
 * The same hooks, each file parsed once: the `.reg` issuer-list answer builds its machine again on every edit of the
 * document, and the files beside it only change when the folder watcher reloads them (a new CaseFile). A failed
 * parse is tried again next time.
 */
export function parsedOnce(hooks: Pick<CaseFile, 'parseCapture' | 'parseEvents'>): Pick<CaseFile, 'parseCapture' | 'parseEvents'> {
	const out: { -readonly [K in keyof typeof hooks]: (typeof hooks)[K] } = {};
	const { parseCapture, parseEvents } = hooks;
	if (parseCapture) {
		let capture: ReturnType<typeof parseCapture> | undefined;
		out.parseCapture = () => {
			capture ??= parseCapture().catch((err: unknown) => {
				capture = undefined;
				throw err;
			});
			return capture;
		};
	}
	if (parseEvents) {
		const byFilter = new Map<(e: EventRecord) => boolean, ReturnType<typeof parseEvents>>();
		out.parseEvents = (keep) => {
			let events = byFilter.get(keep);
			if (!events) {
				events = parseEvents(keep).catch((err: unknown) => {
					byFilter.delete(keep);
					throw err;
				});
				byFilter.set(keep, events);
			}
			return events;
		};
	}
	return out;
}
