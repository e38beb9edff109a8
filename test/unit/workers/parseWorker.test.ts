// Issue 13: the capture and event-log parse of the editors runs in a worker thread (src/workers/parseWorker.ts,
// here its compiled out/src/workers/parseWorker.js) driven by the host's runner (src/workers/parseRunner.ts).
// The core read in this thread is the oracle; the results cross by structured clone, so they must be plain data.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type * as vscode from 'vscode';
import { KeyLog, readCapture, type HandshakeResult } from '../../../src/core/capture';
import { readEventFile, type EventRecord } from '../../../src/core/events';
import type { FromParseWorker, ParseBatch, ParseJob } from '../../../src/workers/parseJob';
import { holdParseWorkers, parseInPlace, parseWorkerStats, workerParseRunner, type ParseControl, type ParseOutcome, type ParseRunner } from '../../../src/workers/parseRunner';
import { fixturePath, readFixture } from '../../support/fixtures';

const WORKER = join(__dirname, '..', '..', '..', 'src', 'workers', 'parseWorker.js');

const nodeWorkers = (streamsFiles: boolean): ParseRunner =>
	workerParseRunner(async (onMessage, onError) => {
		const worker = new Worker(WORKER);
		worker.on('message', (m: FromParseWorker) => onMessage(m));
		worker.on('error', (err) => onError(err.message));
		return { post: (m, transfer) => worker.postMessage(m, transfer), terminate: () => worker.terminate().then(() => undefined) };
	}, streamsFiles);

/** A cancellation token the test controls. */
function token(): { token: ParseControl['cancel']; cancel(): void } {
	const listeners = new Set<() => void>();
	const t = {
		isCancellationRequested: false,
		onCancellationRequested: (listener: () => void) => {
			listeners.add(listener);
			return { dispose: () => listeners.delete(listener) };
		},
	};
	return {
		token: t as unknown as ParseControl['cancel'],
		cancel() {
			t.isCancellationRequested = true;
			for (const l of [...listeners]) l();
		},
	};
}

const source = (file: string) => ({ uri: { scheme: 'file', fsPath: file } as vscode.Uri, read: () => Promise.resolve(new Uint8Array(readFileSync(file))) });

/** Everything a run gave: the handshakes or events of all batches, and the outcome. */
async function run(runner: ParseRunner, job: ParseJob, file: string, control: ParseControl = { cancel: token().token }): Promise<{ handshakes: HandshakeResult[]; events: EventRecord[]; batches: ParseBatch[]; outcome: ParseOutcome }> {
	const batches: ParseBatch[] = [];
	const outcome = await runner(job, source(file), (b) => batches.push(b), control);
	return { handshakes: batches.flatMap((b) => (b.type === 'capture' ? b.handshakes : [])), events: batches.flatMap((b) => (b.type === 'events' ? b.events : [])), batches, outcome };
}

/** A pcap of `mb` MB or more: the packets of a lab capture, repeated. */
function bigCapture(mb: number): string {
	const source = readFixture('captures/tls12-mtls-success.pcap');
	const packets = source.subarray(24);
	const copies = Math.ceil((mb * 1024 * 1024) / packets.length);
	const bytes = new Uint8Array(24 + copies * packets.length);
	bytes.set(source.subarray(0, 24));
	for (let i = 0; i < copies; i++) bytes.set(packets, 24 + i * packets.length);
	const file = join(mkdtempSync(join(tmpdir(), 'schannel-lens-parse-')), 'big.pcap');
	writeFileSync(file, bytes);
	return file;
}

const until = async (probe: () => boolean, what: string): Promise<void> => {
	const deadline = Date.now() + 20_000;
	while (!probe()) {
		if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 10));
	}
};

suite('Capture and event-log parse in a worker (issue 13)', () => {
	teardown(() => holdParseWorkers(false));

	test('every capture fixture: handshake results and problems survive structured clone unchanged (plain data)', () => {
		const names = readdirSync(fixturePath('captures')).filter((n) => /\.(pcap|pcapng)(\.gz)?$/.test(n));
		assert.ok(names.length > 20, `${names.length} captures`);
		let handshakes = 0;
		for (const name of names) {
			const report = readCapture(readFixture(`captures/${name}`));
			handshakes += report.handshakeResults.length;
			for (const h of report.handshakeResults) assert.deepStrictEqual(structuredClone(h), h, `${name}: stream ${h.stream}`);
			assert.deepStrictEqual(structuredClone(report.problemList), report.problemList, name);
		}
		assert.ok(handshakes > 50, `${handshakes} handshakes`);
	});

	test('every .evtx fixture: the event records survive structured clone unchanged', () => {
		const names = readdirSync(fixturePath('events')).filter((n) => n.endsWith('.evtx'));
		assert.ok(names.length >= 5);
		for (const name of names) {
			const report = readEventFile(readFixture(`events/${name}`), name);
			assert.deepStrictEqual(structuredClone(report.events), report.events, name);
		}
	});

	for (const streamsFiles of [true, false]) {
		const how = streamsFiles ? 'the worker streams the file itself' : 'the host hands the bytes over in chunks';
		test(`a capture with its key log (${how}): the same handshakes, verdicts and summary as the core read in place`, async () => {
			const file = fixturePath('captures/tls12-reneg-iis.pcapng');
			const keyLogText = readFileSync(fixturePath('captures/tls12-reneg-iis.keylog'), 'utf8');
			const keyLog = new KeyLog();
			keyLog.addText(keyLogText);
			const want = readCapture(readFixture('captures/tls12-reneg-iis.pcapng'), { keyLog });
			const started = parseWorkerStats.started;
			const got = await run(nodeWorkers(streamsFiles), { kind: 'capture', keyLogText }, file);
			assert.equal(parseWorkerStats.started, started + 1, 'one worker started');
			assert.equal(got.outcome.type, 'done');
			assert.deepStrictEqual(got.handshakes, want.handshakeResults);
			assert.ok(got.handshakes.some((h) => h.decrypted), 'decrypted in the worker with the key log');
			if (got.outcome.type === 'done' && 'capture' in got.outcome.end) assert.equal(got.outcome.end.capture.packets, want.packets);
			else assert.fail(JSON.stringify(got.outcome));
			await until(() => parseWorkerStats.live === 0, 'the worker to be gone');
		});

		test(`an .evtx (${how}): the same events as the core read in place`, async () => {
			const name = 'evtx__E_Windows_CAPI2_Operational.evtx';
			const want = readEventFile(readFixture(`events/${name}`), name);
			const got = await run(nodeWorkers(streamsFiles), { kind: 'events', fileName: name }, fixturePath(`events/${name}`));
			assert.deepStrictEqual(got.outcome, { type: 'done', stopped: false, end: { type: 'done', events: { format: 'evtx', records: want.records } } });
			assert.equal(got.events.length, want.events.length);
			assert.deepStrictEqual(got.events, want.events);
		});
	}

	test('not an event log: the worker says format unknown and reads no further', async () => {
		const got = await run(nodeWorkers(true), { kind: 'events', fileName: 'x.xml' }, fixturePath('captures/tls12-mtls-success.pcap'));
		assert.deepStrictEqual(got.outcome, { type: 'done', stopped: false, end: { type: 'done', events: { format: 'unknown', records: 0 } } });
		assert.equal(got.events.length, 0);
	});

	test('a file the worker cannot read: an error outcome naming the cause', async () => {
		const got = await run(nodeWorkers(true), { kind: 'capture' }, join(tmpdir(), 'schannel-lens-no-such-file.pcap'));
		assert.equal(got.outcome.type, 'error');
		assert.match(got.outcome.type === 'error' ? got.outcome.message : '', /ENOENT/);
	});

	test('cancel while the worker reads: it is terminated, no batch arrives after the cancel, no result', async () => {
		const file = bigCapture(4);
		holdParseWorkers(true);
		const cancel = token();
		const batches: ParseBatch[] = [];
		const cancelledBefore = parseWorkerStats.cancelled;
		const running = nodeWorkers(true)({ kind: 'capture' }, source(file), (b) => batches.push(b), { cancel: cancel.token });
		// Held: the worker reads its window of chunks and waits for the host.
		await until(() => batches.length > 0 && parseWorkerStats.live === 1, 'the first batch');
		cancel.cancel();
		const seen = batches.length;
		assert.deepStrictEqual(await running, { type: 'cancelled' });
		holdParseWorkers(false);
		await until(() => parseWorkerStats.live === 0, 'the worker to be terminated');
		assert.equal(parseWorkerStats.cancelled, cancelledBefore + 1);
		assert.equal(batches.length, seen, 'no batch after the cancel');
		assert.ok(batches.reduce((n, b) => Math.max(n, b.bytes), 0) < 4 * 1024 * 1024, 'the file was not read to the end');
	});

	for (const [name, runner] of [
		['in a worker', nodeWorkers(true)],
		['in place', parseInPlace],
	] as const) {
		test(`stop (the progress notification's Cancel) ${name}: the summary of the part read`, async () => {
			const file = bigCapture(4);
			const stop = token();
			const batches: ParseBatch[] = [];
			const running = runner({ kind: 'capture' }, source(file), (b) => {
				batches.push(b);
				if (batches.length === 1) stop.cancel();
			}, { cancel: token().token, stop: stop.token });
			const outcome = await running;
			assert.equal(outcome.type, 'done');
			if (outcome.type !== 'done' || !('capture' in outcome.end)) return assert.fail(JSON.stringify(outcome));
			assert.equal(outcome.stopped, true);
			assert.equal(outcome.end.capture.format, 'pcap');
			assert.ok(outcome.end.capture.bytes < 4 * 1024 * 1024, `${outcome.end.capture.bytes} bytes read`);
			assert.ok(outcome.end.capture.packets > 0);
			await until(() => parseWorkerStats.live === 0, 'no worker left');
		});
	}

	test('in place: the same handshakes as the core read', async () => {
		const want = readCapture(readFixture('captures/tls12-mtls-success.pcap'));
		const got = await run(parseInPlace, { kind: 'capture' }, fixturePath('captures/tls12-mtls-success.pcap'));
		assert.deepStrictEqual(got.handshakes, want.handshakeResults);
	});
});
