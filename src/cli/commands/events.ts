import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { capi2Chain, createEventReader, detectEventFormat, explainEvent, knownProvider, type Capi2Chain, type EventExplanation, type EventNode, type EventProblem, type EventRecord } from '../../core/events';
import { ExitCode, worst, type ExitCodeValue } from '../exitCodes';
import { processOutput, type Output } from '../io';
import type { CommandSpec } from './command';
import { eventTimeText } from '../../core/text/time';

/** Problems kept per file in the output; the rest are counted in `problemsOmitted`. */
const MAX_PROBLEMS = 1000;
/** Bytes read per chunk: memory stays flat whatever the file size. */
const CHUNK = 4 << 20;

/** One event in `events --json` (docs/cli.md). */
export interface EventJson {
	record: number;
	time: string;
	provider: string;
	id: number;
	level: number;
	channel: string;
	computer: string;
	data: EventNode | null;
	message?: string;
	explanation?: Omit<EventExplanation, 'provider' | 'id'>;
	chain?: Capi2Chain;
}

const LEVELS = ['LogAlways', 'Critical', 'Error', 'Warning', 'Information', 'Verbose'];

export const eventsCommand: CommandSpec = {
	name: 'events',
	summary: 'Read Windows event logs (.evtx) and Event Viewer exports (XML, CSV, TXT): Schannel and CAPI2 events explained',
	usage: 'schannel-lens events FILE... [--provider P] [--id N]... [--json]',
	options: {
		provider: { type: 'string', description: 'only events of this provider (Schannel, CAPI2 or any provider name; case-insensitive)' },
		id: { type: 'string', multiple: true, description: 'only events with this event id (repeatable)' },
	},
	async run(args, json, io) {
		if (args.positionals.length === 0) return usage(io, 'events needs at least one FILE');
		const ids = (Array.isArray(args.values.id) ? args.values.id : []).map((v) => String(v));
		const bad = ids.find((v) => !/^\d+$/.test(v));
		if (bad !== undefined) return usage(io, `--id "${bad}" is not an event id (a whole number)`);
		const idSet = new Set(ids.map(Number));
		const provider = typeof args.values.provider === 'string' ? args.values.provider : undefined;
		const keep = (e: EventRecord) => (idSet.size === 0 || idSet.has(e.id)) && (provider === undefined || providerMatches(e.provider, provider));
		if (json) io.out('{"schemaVersion":1,"command":"events","files":[');
		let code: ExitCodeValue = ExitCode.Ok;
		let files = 0;
		for (const file of args.positionals) {
			code = worst(code, readOne(file, keep, io, json, files));
			files++;
		}
		if (json) io.out(']}');
		return code;
	},
};

function usage(io: Output, message: string): ExitCodeValue {
	io.err(`schannel-lens events: ${message}`);
	return ExitCode.Usage;
}

/** `Schannel` matches Schannel, `CAPI2` matches Microsoft-Windows-CAPI2; any other name matches itself. */
function providerMatches(actual: string, wanted: string): boolean {
	const a = actual.toLowerCase();
	const w = wanted.toLowerCase();
	return a === w || (knownProvider(actual) !== undefined && knownProvider(actual) === knownProvider(wanted)) || a === `microsoft-windows-${w}`;
}

/** The JSON form of an event: the record plus the explanation and CAPI2 chain when there are. */
export function eventJson(e: EventRecord): EventJson {
	const out: EventJson = { ...e };
	const x = explainEvent(e);
	if (x) {
		const { provider: _p, id: _i, ...rest } = x;
		out.explanation = rest;
	}
	const chain = capi2Chain(e);
	if (chain) out.chain = chain;
	return out;
}

function readOne(file: string, keep: (e: EventRecord) => boolean, io: Output, json: boolean, index: number): ExitCodeValue {
	const why = unreadable(file);
	if (why) {
		io.err(`schannel-lens: ${file}: ${why}`);
		return ExitCode.Usage;
	}
	let fd: number;
	try {
		fd = openSync(file, 'r');
	} catch (err) {
		io.err(`schannel-lens: ${file}: ${err instanceof Error ? err.message : String(err)}`);
		return ExitCode.Usage;
	}
	try {
		const buf = new Uint8Array(CHUNK);
		let n = readSync(fd, buf, 0, CHUNK, null);
		const format = detectEventFormat(buf.subarray(0, Math.min(n, 4096)), file);
		const problems: EventProblem[] = [];
		let omitted = 0;
		let shown = 0;
		let errors = 0;
		// On the real stdout, lines are written in batches of about 256 KB (one write per batch, not per event);
		// other outputs (tests) get one call per line.
		let batch: string[] = [];
		let batchChars = 0;
		const flush = () => {
			if (batch.length) io.out(batch.join('\n'));
			batch = [];
			batchChars = 0;
		};
		const reader = createEventReader(
			format,
			(e) => {
				if (!keep(e)) return;
				if (e.level === 1 || e.level === 2) errors++;
				batch.push(json ? `${shown ? ',' : ''}${JSON.stringify(eventJson(e))}` : textLine(file, e));
				batchChars += batch[batch.length - 1].length;
				if (batchChars > (io === processOutput ? 1 << 18 : 0)) flush();
				shown++;
			},
			(p) => {
				if (problems.length < MAX_PROBLEMS) problems.push(p);
				else omitted++;
			},
		);
		if (!reader) {
			io.err(`schannel-lens: ${file}: not an event log: no "ElfFile" magic at byte offset 0, no XML, no Event Viewer CSV/TXT header`);
			return ExitCode.Usage;
		}
		if (json) io.out(`${index ? ',' : ''}{"file":${JSON.stringify(file)},"format":${JSON.stringify(format)},"events":[`);
		// One reused buffer: the readers copy what they keep.
		for (; n > 0; n = readSync(fd, buf, 0, CHUNK, null)) reader.push(buf.subarray(0, n));
		const { records } = reader.end();
		flush();
		if (json) io.out(`],"records":${records},"shown":${shown},"problems":${JSON.stringify(problems)},"problemsOmitted":${omitted}}`);
		else {
			for (const p of problems) io.out(`${file}: ${p.offset !== null ? `offset ${p.offset}: ` : ''}${p.record !== undefined ? `record ${p.record}: ` : ''}problem: ${p.message.replace(/^record \d+: /, '')}`);
			io.out(`${file}: ${format}, ${records} records, ${shown} shown, ${problems.length + omitted} problems`);
		}
		return errors > 0 ? ExitCode.Findings : ExitCode.Ok;
	} catch (err) {
		io.err(`schannel-lens: ${file}: ${err instanceof Error ? err.message : String(err)}`);
		return ExitCode.Usage;
	} finally {
		closeSync(fd);
	}
}

/** `FILE: record N TIME PROVIDER ID LEVEL: title: decoded fields`. */
function textLine(file: string, e: EventRecord): string {
	const x = explainEvent(e);
	const level = LEVELS[e.level] ?? `level ${e.level}`;
	const head = `${file}: record ${e.record} ${eventTimeText(e.time) || '-'} ${e.provider} ${e.id} ${level}`;
	if (!x) return head;
	const chain = capi2Chain(e);
	const fields = chain
		? `chain ${chain.elements.map((el) => `${el.subject} [${el.errorStatus ? el.flags.filter((f) => !/MATCH_ISSUER|PREFERRED|SELF_SIGNED/.test(f)).join('|') : 'ok'}]`).join(' ← ')}`
		: x.fields.map((f) => `${f.name} ${f.text}`).join('; ');
	return `${head}: ${x.title}${fields ? `: ${fields}` : ''}`;
}

function unreadable(file: string): string | undefined {
	try {
		const st = statSync(file);
		if (st.isDirectory()) return 'is a directory, not a file';
		if (!st.isFile()) return 'is not a regular file';
		if (st.size === 0) return 'is empty (0 bytes)';
		return undefined;
	} catch (err) {
		const code = (err as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') return 'no such file';
		if (code === 'EACCES') return 'permission denied';
		return err instanceof Error ? err.message : String(err);
	}
}
