/** One entry point for every event file format: detect, stream, report. */
import * as l10n from '@vscode/l10n';
import { EvtxReader, isEvtx } from './evtx';
import { DelimitedExportReader, XmlExportReader } from './exports';
import type { EventFileFormat, EventFileReport, EventProblem, EventRecord } from './types';

/** A reader of any format: push bytes, then end. */
export interface EventStreamReader {
	push(bytes: Uint8Array): void;
	end(): { records: number; problems: number };
}

/**
 * The format of an event file from its first bytes (and its name as a tie-breaker for CSV vs TXT).
 * @example detectEventFormat(bytes, 'System.evtx') // 'evtx'
 */
export function detectEventFormat(first: Uint8Array, name = ''): EventFileFormat {
	if (isEvtx(first)) return 'evtx';
	const n = name.toLowerCase();
	let text: string;
	if ((first[0] === 0xff && first[1] === 0xfe) || (first.length > 1 && first[0] !== 0 && first[1] === 0)) text = new TextDecoder('utf-16le').decode(first.subarray(0, first.length & ~1));
	else if (first[0] === 0xfe && first[1] === 0xff) text = new TextDecoder('utf-16be').decode(first.subarray(0, first.length & ~1));
	else text = new TextDecoder('utf-8').decode(first);
	text = text.replace(/^\ufeff/, '').trimStart();
	if (text.startsWith('<') || /<(?:\w+:)?Events?[\s>]/.test(text)) return 'xml';
	// CSV/TXT only with Event Viewer's header row (English or German column names).
	const line = text.split(/\r?\n/, 1)[0] ?? '';
	const header = /(^|[\t,])"?(Level|Ebene)"?[\t,]/.test(line) && /(Event ID|Ereignis-ID)/.test(line);
	if (header && line.includes('\t')) return 'txt';
	if (header && line.includes(',')) return 'csv';
	if (n.endsWith('.evtx')) return 'evtx';
	return 'unknown';
}

/** A streaming reader for `format`; undefined for 'unknown'. */
export function createEventReader(format: EventFileFormat, onEvent: (e: EventRecord) => void, onProblem: (p: EventProblem) => void): EventStreamReader | undefined {
	const options = { onEvent, onProblem };
	switch (format) {
		case 'evtx': {
			const r = new EvtxReader(options);
			return { push: (b) => r.push(b), end: () => r.end() };
		}
		case 'xml':
			return new XmlExportReader(options);
		case 'csv':
			return new DelimitedExportReader(options, ',');
		case 'txt':
			return new DelimitedExportReader(options, '\t');
		default:
			return undefined;
	}
}

/** Reads a whole file held in memory (tests, small files). */
export function readEventFile(bytes: Uint8Array, name = ''): EventFileReport {
	const format = detectEventFormat(bytes.subarray(0, 4096), name);
	const events: EventRecord[] = [];
	const problems: EventProblem[] = [];
	const reader = createEventReader(format, (e) => events.push(e), (p) => problems.push(p));
	if (!reader) return { format, events, problems: [{ offset: 0, message: l10n.t('not an event log: no "ElfFile" magic, no XML, no Event Viewer CSV/TXT header') }], records: 0 };
	reader.push(bytes);
	const { records } = reader.end();
	return { format, events, problems, records };
}
