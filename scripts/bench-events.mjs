// Event log benchmark (issue 11), in one run: on bench-data/big.evtx (generated when missing: the file header of a
// real System log followed by the real chunks of test/fixtures/events' System and Application logs, repeated up to
// the size, with the header's chunk count and CRC32 rewritten) it times, interleaved, median of 3:
//   - `schannel-lens events --json` (every event with its data tree, explanation and CAPI2 chain, to /dev/null),
//   - `evtxexport -f xml` (libyal libevtx, Debian libevtx-utils; every record as XML, to /dev/null),
// with each one's peak RSS (/usr/bin/time). Targets: ≥ 3× evtxexport's speed, < 200 MB peak RSS.
//   node scripts/bench-events.mjs [--size-mb N]   (default 128 MB)
// From scripts/bench.mjs: `results.push(...(await (await import('./bench-events.mjs')).benchEvents({ filter })));`
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32 } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = join(root, 'bench-data');
const HEADER = 4096;
const CHUNK = 65536;
// Files libevtx reads to the end (the CAPI2 logs stop evtxexport at their first entity reference).
const SOURCES = ['evtx__system.evtx', 'Zeus__System.evtx', 'EventLog__Application.evtx'];

/** Records in a chunk by a bare walk of the record headers (magic 0x2a2a, size) up to the free-space offset. */
function recordsIn(chunk) {
	const v = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength);
	const free = v.getUint32(48, true);
	let n = 0;
	for (let p = 512; p + 24 <= free && v.getUint32(p, true) === 0x2a2a; p += v.getUint32(p + 4, true)) n++;
	return n;
}

function generate(file, sizeMb) {
	const chunks = [];
	for (const name of SOURCES) {
		const b = new Uint8Array(readFileSync(join(root, 'test', 'fixtures', 'events', name)));
		for (let at = HEADER; at + CHUNK <= b.length; at += CHUNK) {
			const c = b.subarray(at, at + CHUNK);
			if (String.fromCharCode(...c.subarray(0, 7)) === 'ElfChnk') chunks.push({ bytes: c, records: recordsIn(c) });
		}
	}
	const count = Math.floor((sizeMb * 1048576 - HEADER) / CHUNK);
	const header = new Uint8Array(readFileSync(join(root, 'test', 'fixtures', 'events', SOURCES[0]))).slice(0, HEADER);
	const hv = new DataView(header.buffer);
	hv.setBigUint64(16, BigInt(count - 1), true); // last chunk number
	hv.setUint16(42, Math.min(count, 0xffff), true); // chunk count
	hv.setUint32(120, 0, true); // not dirty
	hv.setUint32(124, crc32(header.subarray(0, 120)), true);
	mkdirSync(dirname(file), { recursive: true });
	const fd = openSync(file, 'w');
	writeSync(fd, header);
	let records = 0;
	for (let i = 0; i < count; i++) {
		const c = chunks[i % chunks.length];
		writeSync(fd, c.bytes);
		records += c.records;
	}
	closeSync(fd);
	return { chunks: count, records };
}

/** Runs a shell command under /usr/bin/time; returns wall ms and peak RSS in MB. */
function timed(command) {
	const t = performance.now();
	const r = spawnSync('/usr/bin/time', ['-f', '__RSS_KB=%M __CPU=%U+%S', 'sh', '-c', command], { encoding: 'utf8', maxBuffer: 1 << 26 });
	const ms = performance.now() - t;
	const m = /__RSS_KB=(\d+) __CPU=([\d.]+)\+([\d.]+)/.exec(r.stderr ?? '');
	return { ms, rssMb: m ? Number(m[1]) / 1024 : NaN, cpuMs: m ? (Number(m[2]) + Number(m[3])) * 1000 : NaN, stdout: r.stdout ?? '', status: r.status };
}

async function bundleCli() {
	const esbuild = await import('esbuild');
	const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
	const outfile = join(root, 'out', 'bench', 'events-cli.js');
	await esbuild.build({ entryPoints: [join(root, 'src/cli/main.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile, logLevel: 'warning', define: { SCHANNEL_LENS_VERSION: JSON.stringify(pkg.version) } });
	return outfile;
}

/** Runs the event log benchmark; prints PASS/MISS lines and returns `{ name, ms, targetMs, detail }` rows. */
export async function benchEvents({ filter, sizeMb = 128 } = {}) {
	if (filter && !'events'.includes(filter) && !filter.includes('events')) return [];
	const big = join(dataDir, `big${sizeMb === 128 ? '' : `-${sizeMb}mb`}.evtx`);
	const meta = `${big}.json`;
	if (!existsSync(big) || !existsSync(meta)) {
		console.log(`generating ${big} …`);
		const m = generate(big, sizeMb);
		writeFileSync(meta, JSON.stringify(m));
	}
	const expected = JSON.parse(readFileSync(meta, 'utf8'));
	const mb = statSync(big).size / 1048576;
	const cli = await bundleCli();
	const oursCmd = `"${process.execPath}" "${cli}" events --json "${big}" > /dev/null`;
	const peerCmd = `evtxexport -f xml "${big}" > /dev/null 2>&1`;
	// Warm the page cache, then interleave: ours, peer, ours, peer, ours, peer.
	spawnSync('sh', ['-c', `cat "${big}" > /dev/null`]);
	const ours = [];
	const peer = [];
	for (let i = 0; i < 3; i++) {
		ours.push(timed(oursCmd));
		peer.push(timed(peerCmd));
	}
	const med = (runs) => [...runs].sort((a, b) => a.ms - b.ms)[1];
	const o = med(ours);
	const p = med(peer);
	// Untimed: our record count against the bare header walk of the generator.
	const tail = spawnSync('sh', ['-c', `"${process.execPath}" "${cli}" events --json "${big}" | tail -c 400`], { encoding: 'utf8' }).stdout;
	const records = Number(/"records":(\d+)/.exec(tail)?.[1] ?? NaN);
	const ok = records === expected.records;
	const line = (pass, name, ms, detail) => console.log(`${pass ? 'PASS' : 'MISS'}  ${name.padEnd(58)} ${ms.toFixed(1).padStart(8)} ms  ${detail}`);
	console.log(`events benchmark on ${big} (${mb.toFixed(0)} MB, ${expected.chunks} chunks, ${expected.records.toLocaleString('en-US')} records)`);
	const speedup = p.ms / o.ms;
	const cpu = (runs) => [...runs].map((r) => r.cpuMs).sort((a, b) => a - b)[1];
	line(ok, 'events: schannel-lens events --json (median of 3)', o.ms, `${(mb / (o.ms / 1000)).toFixed(1)} MB/s, CPU ${cpu(ours).toFixed(0)} ms, peak RSS ${o.rssMb.toFixed(0)} MB, ${records} records (${ok ? 'as generated' : 'MISMATCH'})`);
	line(true, 'events: evtxexport -f xml (median of 3)', p.ms, `${(mb / (p.ms / 1000)).toFixed(1)} MB/s, CPU ${cpu(peer).toFixed(0)} ms, peak RSS ${p.rssMb.toFixed(0)} MB`);
	line(speedup >= 3, 'events: speed-up over evtxexport (target ≥ 3×)', o.ms, `${speedup.toFixed(2)}× wall clock, ${(cpu(peer) / cpu(ours)).toFixed(2)}× CPU time`);
	line(o.rssMb < 200, 'events: peak RSS (target < 200 MB)', o.ms, `${o.rssMb.toFixed(0)} MB`);
	const rows = [
		{ name: 'events vs evtxexport', ms: o.ms, targetMs: p.ms / 3, detail: `${speedup.toFixed(2)}×` },
		{ name: 'events peak RSS', ms: o.rssMb, targetMs: 200 },
	];
	if (!ok) rows.push({ name: 'events record count', ms: Infinity, targetMs: 0 });
	return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const sizeArg = process.argv.indexOf('--size-mb');
	const rows = await benchEvents({ sizeMb: sizeArg > 0 ? Number(process.argv[sizeArg + 1]) : 128 });
	process.exitCode = rows.some((r) => r.ms > r.targetMs) ? 1 : 0;
}
