// Issue 11: `schannel-lens events FILE... [--provider P] [--id N] [--json]` (docs/cli.md).
import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventJson } from '../../../src/cli/commands/events';
import { fixturePath } from '../../support/fixtures';
import { runCaptured } from '../../support/cli';

interface FileJson {
	file: string;
	format: string;
	records: number;
	shown: number;
	events: EventJson[];
	problems: { offset: number | null; record?: number; message: string }[];
	problemsOmitted: number;
}

async function json(...argv: string[]): Promise<{ code: number; files: FileJson[]; err: string[] }> {
	const r = await runCaptured('events', '--json', ...argv);
	const doc = JSON.parse(r.out.join('\n')) as { schemaVersion: number; command: string; files: FileJson[] };
	assert.equal(doc.schemaVersion, 1);
	assert.equal(doc.command, 'events');
	return { code: r.code, files: doc.files, err: r.err };
}

suite('CLI events', function () {
	this.timeout(60_000);

	test('--json: the schema of docs/cli.md, explanations, CAPI2 chains with numeric statuses', async () => {
		const r = await json('--id', '11', fixturePath('events/evtx__E_Windows_CAPI2_Operational.evtx'));
		assert.equal(r.code, 0);
		const f = r.files[0];
		assert.deepEqual([f.format, f.records, f.shown, f.events.length], ['evtx', 340, 42, 42]);
		const e = f.events[0];
		assert.deepEqual(Object.keys(e).slice(0, 8), ['record', 'time', 'provider', 'id', 'level', 'channel', 'computer', 'data']);
		assert.equal(e.chain?.errorStatus, 0x40);
		assert.equal(e.chain?.elements[1].errorStatus, 0x40);
		assert.deepEqual(e.chain?.elements[1].flags.slice(0, 1), ['CERT_TRUST_REVOCATION_STATUS_UNKNOWN']);
		assert.equal(e.explanation?.title, 'Chain built (CertGetCertificateChain)');
		assert.ok(f.events.every((x) => x.id === 11 && x.chain));
	});

	test('--provider and --id filter; several files; Error-level events give exit code 1', async () => {
		const r = await json('--provider', 'schannel', '--id', '36887', '--id', '36888', fixturePath('events/schannel-server.xml'), fixturePath('events/schannel-client.xml'));
		assert.equal(r.code, 1);
		assert.deepEqual(r.files.map((f) => [f.format, f.records, f.events.map((e) => e.id)]), [['xml', 9, [36888, 36888, 36887]], ['xml', 2, [36887]]]);
		assert.deepEqual(r.files[0].events.map((e) => e.explanation?.fields.find((x) => x.name === 'alert')?.text), ['40 handshake_failure', '40 handshake_failure', '48 unknown_ca']);
		const none = await json('--provider', 'CAPI2', fixturePath('events/schannel-server.xml'));
		assert.deepEqual([none.code, none.files[0].events.length], [0, 0]);
	});

	test('damage is listed with offsets and the good chunks still read', async () => {
		const r = await json(fixturePath('events/evtx__sample_with_a_bad_chunk_magic.evtx'));
		assert.equal(r.files[0].records, 270);
		assert.ok(r.files[0].problems.some((p) => p.offset === 397312 && /chunk 6: no "ElfChnk" magic/.test(p.message)));
	});

	test('text output: one line per event with the explanation, problems, a summary line', async () => {
		const r = await runCaptured('events', fixturePath('events/schannel-server.csv'));
		assert.equal(r.code, 1);
		assert.match(r.out[0], /schannel-server\.csv: record 1 2026-03-02T08:15:04 \(local time of the export\) Schannel 36885 Warning: Trusted issuer list truncated \(KB 2464556\)$/);
		assert.match(r.out[1], /36888 Error: Fatal alert generated and sent: alert 40 handshake_failure$/);
		assert.match(r.out[r.out.length - 1], /schannel-server\.csv: csv, 9 records, 9 shown, 0 problems$/);
	});

	test('bad usage and unreadable input: exit 2 with one line naming the file', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'schannel-lens-events-'));
		writeFileSync(join(dir, 'notes.txt'), 'just some notes\n');
		const r = await runCaptured('events', join(dir, 'notes.txt'));
		assert.equal(r.code, 2);
		assert.match(r.err[0], /notes\.txt: not an event log/);
		const missing = await runCaptured('events', join(dir, 'nope.evtx'));
		assert.deepEqual([missing.code, /nope\.evtx: no such file/.test(missing.err[0])], [2, true]);
		const badId = await runCaptured('events', '--id', 'x', join(dir, 'notes.txt'));
		assert.equal(badId.code, 2);
		assert.equal((await runCaptured('events')).code, 2);
	});
});
