// Issue 11 robustness: damaged .evtx files (bad chunk magic, bad CRCs, cut at any byte, stale header) and 10,000
// mutated inputs: no exception, no hang, the events of the good chunks still reported, the damage named by offset.
import * as assert from 'node:assert/strict';
import { crc32, readEventFile, readEvtx, type EventProblem } from '../../../../src/core/events';
import { prng, readFixture } from '../../../support/fixtures';

const HEADER = 4096;
const CHUNK = 65536;
const CAPI2 = 'events/evtx__E_Windows_CAPI2_Operational.evtx';

function u32(b: Uint8Array, at: number): number {
	return new DataView(b.buffer, b.byteOffset).getUint32(at, true);
}

function setU32(b: Uint8Array, at: number, v: number): void {
	new DataView(b.buffer, b.byteOffset).setUint32(at, v >>> 0, true);
}

/** Rewrites a chunk's two CRC32s (records, then header) after an edit, as Windows would have written them. */
function fixChunkCrcs(file: Uint8Array, chunkAt: number): void {
	const c = file.subarray(chunkAt, chunkAt + CHUNK);
	setU32(c, 52, crc32(c, 512, u32(c, 48)));
	setU32(c, 124, crc32(c, 128, 512, crc32(c, 0, 120)));
}

/** A small real file: the CAPI2 log's header and first chunk cut down to its first `records` records (CRCs rewritten). */
function smallEvtx(records: number): Uint8Array {
	const full = readFixture(CAPI2);
	const file = full.slice(0, HEADER + CHUNK);
	const c = file.subarray(HEADER);
	let pos = 512;
	let last = 512;
	for (let i = 0; i < records; i++) {
		last = pos;
		pos += u32(c, pos + 4);
	}
	c.fill(0, pos);
	setU32(c, 44, last);
	setU32(c, 48, pos);
	fixChunkCrcs(file, HEADER);
	return file;
}

const inFile = (p: EventProblem, length: number) => p.offset === null || (p.offset >= 0 && p.offset <= length);

suite('events: damaged .evtx files', function () {
	this.timeout(120_000);

	test('the constructed small file is clean and reads its records', () => {
		const r = readEvtx(smallEvtx(8));
		assert.deepEqual(r.problems, []);
		assert.equal(r.events.length, 8);
	});

	test('a bad chunk magic: that chunk is named by offset and skipped, the other chunks are read', () => {
		const file = readFixture(CAPI2).slice();
		const good = readEvtx(file);
		file[HEADER + 2 * CHUNK] = 0x58; // "XlfChnk"
		const r = readEvtx(file);
		assert.ok(r.problems.some((p) => p.offset === HEADER + 2 * CHUNK && /chunk 2: no "ElfChnk" magic/.test(p.message)), JSON.stringify(r.problems));
		const lost = good.events.filter((e) => !r.events.some((x) => x.record === e.record));
		assert.ok(lost.length > 0);
		assert.equal(r.events.length, good.events.length - lost.length);
	});

	test('a flipped byte in the records: the records CRC32 mismatch is named at the chunk offset + 52', () => {
		const file = readFixture(CAPI2).slice();
		file[HEADER + CHUNK + 700] ^= 0x01;
		const r = readEvtx(file);
		assert.ok(r.problems.some((p) => p.offset === HEADER + CHUNK + 52 && /chunk 1: event records CRC32 mismatch/.test(p.message)), JSON.stringify(r.problems));
	});

	test('a flipped byte in a chunk header: the header CRC32 mismatch is named at the chunk offset + 124', () => {
		const file = readFixture(CAPI2).slice();
		file[HEADER + 3 * CHUNK + 200] ^= 0x80; // inside the string table of chunk 3
		const r = readEvtx(file);
		assert.ok(r.problems.some((p) => p.offset === HEADER + 3 * CHUNK + 124 && /chunk 3: header CRC32 mismatch/.test(p.message)), JSON.stringify(r.problems));
	});

	test('a damaged file header: named at offset 0 or 124, and every chunk still read', () => {
		const file = readFixture(CAPI2).slice();
		file[60] ^= 0xff;
		const r = readEvtx(file);
		assert.ok(r.problems.some((p) => p.offset === 124 && /file header CRC32 mismatch/.test(p.message)));
		assert.equal(r.events.length, 340);
		file[0] = 0;
		const r2 = readEvtx(file);
		assert.ok(r2.problems.some((p) => p.offset === 0 && /ElfFile/.test(p.message)));
		assert.equal(r2.events.length, 340);
	});

	test('a stale header (the dirty System log): named at offset 42 with both counts, all 1881 records read', () => {
		const r = readEvtx(readFixture('events/evtx__system.evtx'));
		assert.equal(r.events.length, 1881);
		assert.deepEqual(
			r.problems.map((p) => [p.offset, p.message]),
			[[42, 'the file header is stale: it counts 3 chunks, the file holds 15 (dirty flag set: the log was not closed cleanly); all were read']],
		);
		assert.equal(r.summary.header.dirty, true);
	});

	test('a file cut at any byte: the complete chunks all read, the cut named, no exception', () => {
		const full = readFixture(CAPI2).subarray(0, HEADER + 3 * CHUNK);
		const perChunk = [0, 1, 2].map((k) => readEvtx(full.subarray(0, HEADER + (k + 1) * CHUNK)).events.length);
		for (let cut = 1; cut < full.length; cut += 1499) {
			const r = readEvtx(full.subarray(0, cut));
			const complete = Math.max(0, Math.floor((cut - HEADER) / CHUNK));
			if (complete > 0) assert.ok(r.events.length >= perChunk[complete - 1], `cut ${cut}: ${r.events.length} < ${perChunk[complete - 1]}`);
			if (cut < HEADER) assert.ok(r.problems.some((p) => /ends inside the 4096-byte file header/.test(p.message)), `cut ${cut}`);
			else if ((cut - HEADER) % CHUNK !== 0) assert.ok(r.problems.some((p) => p.offset === cut && /ends inside chunk/.test(p.message)), `cut ${cut}: ${JSON.stringify(r.problems)}`);
			for (const p of r.problems) assert.ok(inFile(p, cut), `cut ${cut}: ${JSON.stringify(p)}`);
		}
	});

	test('the damaged sample (two zeroed chunks and more): 270 records, each damage named', () => {
		const r = readEvtx(readFixture('events/evtx__sample_with_a_bad_chunk_magic.evtx'));
		assert.equal(r.events.length, 270);
		assert.ok(r.problems.some((p) => /all zero bytes/.test(p.message)));
		assert.ok(r.problems.some((p) => /no "ElfChnk" magic/.test(p.message)));
		for (const p of r.problems) assert.ok(typeof p.offset === 'number' && p.offset > 0);
	});

	test('10,000 mutated inputs (evtx, XML, CSV): no exception, problems inside the file, good parts still read', () => {
		const rnd = prng(11);
		const int = (n: number) => Math.floor(rnd() * n);
		const evtx = smallEvtx(8);
		const base = readEvtx(evtx).events.map((e) => e.record);
		const xml = readFixture('events/schannel-server.xml');
		const csv = readFixture('events/schannel-server.csv');
		let withProblems = 0;
		let keptAll = 0;
		for (let i = 0; i < 10_000; i++) {
			const kind = i % 10 < 8 ? 'evtx' : i % 10 === 8 ? 'xml' : 'csv';
			const src = kind === 'evtx' ? evtx : kind === 'xml' ? xml : csv;
			const m = src.slice();
			const end = kind === 'evtx' ? u32(m, HEADER + 48) + HEADER : m.length;
			const op = int(6);
			const at = kind === 'evtx' && op < 4 ? HEADER + 512 + int(end - HEADER - 512) : int(m.length);
			if (op === 0) m[at] ^= 1 << int(8);
			else if (op === 1) for (let k = 0; k < 8; k++) m[Math.min(m.length - 1, at + int(64))] = int(256);
			else if (op === 2) m.set([0xff, 0xff, 0xff, 0x7f].slice(0, Math.max(0, m.length - at)), at);
			else if (op === 3) m.fill(0, at, Math.min(m.length, at + int(300)));
			let input = m;
			if (op === 4) input = m.subarray(0, at);
			if (op === 5) {
				const dup = m.subarray(Math.max(0, at - int(200)), at);
				input = new Uint8Array(m.length + dup.length);
				input.set(m.subarray(0, at));
				input.set(dup, at);
				input.set(m.subarray(at), at + dup.length);
			}
			// Half the evtx mutations get valid CRCs, so the binary XML parser sees the damage instead of the checksums.
			if (kind === 'evtx' && i % 2 === 0 && input.length >= HEADER + CHUNK && u32(input, HEADER + 48) <= CHUNK) fixChunkCrcs(input, HEADER);
			const r = kind === 'evtx' ? readEvtx(input) : readEventFile(input, `m.${kind}`);
			const problems = 'summary' in r ? r.problems : r.problems;
			for (const p of problems) assert.ok(inFile(p, input.length), `mutation ${i}: ${JSON.stringify(p)}`);
			if (problems.length) withProblems++;
			if (kind === 'evtx' && op === 0) {
				// One flipped bit spoils at most the record it sits in (and those after it in the chunk).
				const got = new Set(r.events.map((e) => e.record));
				if (base.every((id) => got.has(id))) keptAll++;
			}
		}
		assert.ok(withProblems > 5000, `${withProblems} mutations reported a problem`);
		assert.ok(keptAll > 0, 'some single-bit flips leave every record readable');
	});
});
