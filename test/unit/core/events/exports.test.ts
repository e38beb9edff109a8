// Issue 11: Event Viewer exports (XML, CSV, tab-separated text in English and German), streaming in any slices,
// the knowledge base, CAPI2 chains and the Schannel evidence summary.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { crc32 as zlibCrc32 } from 'node:zlib';
import {
	alertCode,
	capi2Chain,
	crc32,
	createEventReader,
	detectEventFormat,
	EVENT_KNOWLEDGE,
	explainEvent,
	readEventFile,
	readEvtx,
	summarizeSchannelEvidence,
	type EventNode,
	type EventRecord,
} from '../../../../src/core/events';
import { fixturePath, prng, readFixture } from '../../../support/fixtures';

const read = (f: string) => readEventFile(readFixture(`events/${f}`), f);

/** Reads `bytes` pushed in random slices (1 byte to 70 KB). */
function readInSlices(bytes: Uint8Array, name: string, seed: number): { events: EventRecord[]; problems: number } {
	const events: EventRecord[] = [];
	let problems = 0;
	const reader = createEventReader(detectEventFormat(bytes.subarray(0, 4096), name), (e) => events.push(e), () => problems++)!;
	const rnd = prng(seed);
	for (let at = 0; at < bytes.length; ) {
		const n = 1 + Math.floor(rnd() * (rnd() < 0.5 ? 8 : 70_000));
		reader.push(bytes.subarray(at, at + n));
		at += n;
	}
	reader.end();
	return { events, problems };
}

suite('events: Event Viewer exports', () => {
	test('formats are detected by content', () => {
		assert.equal(read('schannel-server.xml').format, 'xml');
		assert.equal(read('schannel-client.xml').format, 'xml');
		assert.equal(read('schannel-server.csv').format, 'csv');
		assert.equal(read('schannel-server-de.txt').format, 'txt');
		assert.equal(detectEventFormat(readFixture('events/Zeus__System.evtx').subarray(0, 4096), 'x.bin'), 'evtx');
		assert.equal(readEventFile(new TextEncoder().encode('hello'), 'x.bin').format, 'unknown');
	});

	test('XML export (<Events> document, UTF-8): every event with its System fields, EventData and rendered message', () => {
		const r = read('schannel-server.xml');
		assert.deepEqual(r.problems, []);
		assert.deepEqual(r.events.map((e) => e.id), [36885, 36888, 36885, 36888, 36887, 36874, 36870, 36871, 36885]);
		assert.deepEqual(r.events.map((e) => e.record), [120450, 120451, 120452, 120453, 120454, 120455, 120456, 120457, 120458]);
		assert.deepEqual(new Set(r.events.map((e) => `${e.provider}|${e.channel}|${e.computer}`)), new Set(['Schannel|System|WEB01.contoso.test']));
		assert.equal(r.events[1].time, '2026-03-02T08:15:04.2000000Z');
		assert.deepEqual(r.events[1].data?.children.map((c) => [c.attributes.Name, c.text]), [['AlertDesc', '40'], ['ErrorState', '1205']]);
		assert.match(r.events[0].message ?? '', /^When asking for client authentication, this server sends a list of trusted certificate authorities/);
	});

	test('XML export (bare <Event> elements, UTF-16LE with BOM)', () => {
		const r = read('schannel-client.xml');
		assert.deepEqual(r.events.map((e) => [e.record, e.id, e.level, e.computer]), [[5501, 36875, 3, 'PC17.contoso.test'], [5502, 36887, 2, 'PC17.contoso.test']]);
	});

	test('CSV (English) and TXT (German, UTF-16): same events, levels, local times and alert codes as the XML export', () => {
		const xml = read('schannel-server.xml').events;
		const csv = read('schannel-server.csv');
		assert.deepEqual(csv.problems, []);
		assert.deepEqual(csv.events.map((e) => [e.id, e.level, e.provider, e.time]), xml.map((e) => [e.id, e.level, e.provider, e.time.slice(0, 19)]));
		assert.deepEqual(csv.events.map((e) => alertCode(e)), xml.map((e) => alertCode(e)));
		assert.deepEqual(xml.map((e) => alertCode(e)).filter((c) => c !== undefined), [40, 40, 48]);
		const de = read('schannel-server-de.txt');
		assert.deepEqual(de.problems, []);
		const kept = xml.filter((e) => [36885, 36887, 36888].includes(e.id));
		assert.deepEqual(de.events.map((e) => [e.id, e.level, e.time, alertCode(e)]), kept.map((e) => [e.id, e.level, e.time.slice(0, 19), alertCode(e)]));
	});

	test('a CSV without the Event Viewer header is not an event file; the delimited reader says why', () => {
		const bytes = new TextEncoder().encode('a,b,c\n1,2,3\n');
		const r = readEventFile(bytes, 'x.csv');
		assert.deepEqual([r.format, r.events.length], ['unknown', 0]);
		assert.match(r.problems[0]?.message ?? '', /not an event log/);
		const problems: string[] = [];
		const reader = createEventReader('csv', () => assert.fail('no events'), (p) => problems.push(p.message))!;
		reader.push(bytes);
		reader.end();
		assert.match(problems[0] ?? '', /no header row/);
	});

	test('a malformed <Event> is named at its byte offset and the next one is still read', () => {
		const good = '<Event><System><Provider Name="Schannel"/><EventID>36887</EventID><EventRecordID>7</EventRecordID></System><EventData><Data Name="AlertDesc">46</Data></EventData></Event>';
		const text = `<Events>\n<Event><System></Provider></System></Event>\n${good}</Events>`;
		const r = readEventFile(new TextEncoder().encode(text), 'x.xml');
		assert.equal(r.problems.length, 1);
		assert.equal(r.problems[0].offset, text.indexOf('</Provider>'));
		assert.deepEqual(r.events.map((e) => [e.record, e.id, alertCode(e)]), [[7, 36887, 46]]);
	});

	test('any slicing of the input gives the same events (evtx, XML UTF-8 and UTF-16, CSV, TXT)', () => {
		for (const [i, f] of ['schannel-server.xml', 'schannel-client.xml', 'schannel-server.csv', 'schannel-server-de.txt', 'Zeus__System.evtx'].entries()) {
			const whole = read(f).events;
			const sliced = readInSlices(readFixture(`events/${f}`), f, i + 1);
			assert.equal(sliced.problems, 0, f);
			assert.deepEqual(sliced.events, whole, f);
		}
	});

	test('the XML export reader agrees with the .evtx reader on evtxexport\'s XML of a real System log', () => {
		const r = spawnSync('evtxexport', ['-f', 'xml', fixturePath('events/evtx__system.evtx')], { maxBuffer: 256 << 20 });
		assert.equal(r.status, 0, 'evtxexport (Debian libevtx-utils) must be installed');
		const fromXml = readEventFile(new Uint8Array(r.stdout), 'system.xml');
		const fromEvtx = readEvtx(readFixture('events/evtx__system.evtx')).events;
		assert.equal(fromXml.events.length, 1881);
		const strip = (n: EventNode | null): unknown => n && { name: n.name, attributes: Object.fromEntries(Object.entries(n.attributes).filter(([k]) => !k.startsWith('xmlns'))), children: n.children.map(strip), text: n.text.replace(/\r\n?/g, '\n') };
		fromXml.events.forEach((e, i) => {
			const o = fromEvtx[i];
			assert.deepEqual([e.record, e.provider, e.id, e.level, e.channel, e.computer, e.time], [o.record, o.provider, o.id, o.level, o.channel, o.computer, o.time], `record ${o.record}`);
			assert.deepEqual(strip(e.data), strip(o.data), `record ${o.record}`);
		});
	});

	test('crc32 equals zlib\'s', () => {
		const rnd = prng(3);
		const b = Uint8Array.from({ length: 5000 }, () => Math.floor(rnd() * 256));
		for (const [s, e] of [[0, 5000], [1, 4999], [7, 8], [100, 100]]) assert.equal(crc32(b, s, e), zlibCrc32(b.subarray(s, e)));
	});
});

suite('events: knowledge', () => {
	test('every Schannel event 36864-36889 of the reference and the CAPI2 events of the issue are known, tagged', () => {
		const ids = (p: string) => EVENT_KNOWLEDGE.filter((k) => k.provider === p).map((k) => k.id);
		for (const id of [36864, 36867, 36868, 36869, 36870, 36871, 36872, 36873, 36874, 36875, 36876, 36877, 36878, 36879, 36880, 36881, 36882, 36883, 36884, 36885, 36886, 36887, 36888, 36889]) assert.ok(ids('Schannel').includes(id), String(id));
		for (const id of [11, 30, 40, 41, 53, 90, 4097, 4100, 4107, 4108, 4109, 4110, 4111, 4112, 4113]) assert.ok(ids('CAPI2').includes(id), String(id));
		for (const k of EVENT_KNOWLEDGE) assert.ok(k.evidence === 'documented' || k.evidence === 'inferred');
		assert.ok(EVENT_KNOWLEDGE.filter((k) => k.provider === 'CAPI2' && k.id >= 4097).every((k) => k.evidence === 'inferred'), 'the automatic root update texts are not from a Microsoft document');
	});

	test('36885 links KB 2464556; 36887/36888 name the TLS alert; 36870 names the HRESULT', () => {
		const xml = read('schannel-server.xml').events;
		assert.equal(explainEvent(xml[0])?.kb, 'KB2464556');
		assert.equal(explainEvent(xml[1])?.fields.find((f) => f.name === 'alert')?.text, '40 handshake_failure');
		assert.equal(explainEvent(xml[4])?.fields.find((f) => f.name === 'alert')?.text, '48 unknown_ca');
		assert.match(explainEvent(xml[6])?.fields.find((f) => f.name === 'ErrorCode')?.text ?? '', /^0x8009030D SEC_E_UNKNOWN_CREDENTIALS/);
		assert.equal(explainEvent({ ...xml[0], provider: 'Service Control Manager' }), undefined);
	});

	test('CAPI2 11 chain: statuses as numbers (CAPI2 hex without 0x), flags by name, revocation text', () => {
		const e = readEvtx(readFixture('events/evtx__E_Windows_CAPI2_Operational.evtx')).events.find((x) => x.record === 7)!;
		const chain = capi2Chain(e)!;
		assert.equal(chain.errorStatus, 0x40);
		assert.equal(chain.infoStatus, 0x100);
		assert.deepEqual(chain.elements.map((x) => x.subject), ['Microsoft Corporation', 'Microsoft Code Signing PCA', 'Microsoft Root Authority']);
		assert.equal(chain.elements[0].thumbprint, '9617094A1CFB59AE7C1F7DFDB6739E4E7C40508F');
		assert.deepEqual(chain.elements[1].flags, ['CERT_TRUST_REVOCATION_STATUS_UNKNOWN', 'CERT_TRUST_HAS_EXACT_MATCH_ISSUER', 'CERT_TRUST_HAS_PREFERRED_ISSUER']);
		assert.deepEqual(chain.elements[1].revocation, { result: 0x80092012, text: 'The revocation function was unable to check revocation for the certificate.' });
		assert.equal(capi2Chain({ ...e, id: 30 }), undefined);
	});

	test('summarizeSchannelEvidence: 36885 count and time range, root updates, alerts in time order', () => {
		const events = [...read('schannel-server.xml').events, ...readEvtx(readFixture('events/EventLog__Application.evtx')).events];
		const s = summarizeSchannelEvidence(events);
		assert.deepEqual(s.issuerListTruncated, { count: 3, first: '2026-03-02T08:15:04.1234567Z', last: '2026-03-03T07:59:59.9999999Z', records: [120450, 120452, 120458] });
		assert.equal(s.rootUpdates.count, 6);
		assert.ok(s.rootUpdates.first <= s.rootUpdates.last && s.rootUpdates.first.startsWith('20'));
		assert.deepEqual(s.alerts.map((a) => [a.id, a.code, a.name, a.record]), [[36888, 40, 'handshake_failure', 120451], [36888, 40, 'handshake_failure', 120453], [36887, 48, 'unknown_ca', 120454]]);
		assert.equal(summarizeSchannelEvidence([]).issuerListTruncated, undefined);
	});
});
