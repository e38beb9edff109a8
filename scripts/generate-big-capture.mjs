// Generates bench-data/big-v2.pcap (about 1 GB, git-ignored) for `npm run bench` (scripts/bench-capture.mjs):
// bulk TLS 1.2 transfers interleaved with 2,000+ mutual-TLS 1.2 handshakes whose CertificateRequest carries a
// 38 KB CA list over 3 records (successes, clients without a certificate, wrong CA), plus TLS 1.3 handshakes and
// TLS 1.2 AES-GCM, AES-CBC and renegotiating connections whose key logs go to bench-data/<name>.keylog.
// Everything is replayed from the committed lab captures (test/fixtures/captures), with new addresses, ports
// and sequence numbers. Segments are at most 16,384 bytes by default, like the loopback captures they come from
// (lo has a 64 KB MTU; the lab captures carry 4–16 KB segments); `--mss 1448` cuts them like Ethernet instead
// (about 10× more packets). Also writes bench-data/<name>.json with the expected counts.
//   node scripts/generate-big-capture.mjs [--size-mb 1024] [--mss 16384] [--out bench-data/big-v2.pcap]
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, dflt) => {
	const i = process.argv.indexOf(name);
	return i > 0 ? process.argv[i + 1] : dflt;
};
const TARGET = Number(arg('--size-mb', '1024')) * 1024 * 1024;
const OUT = join(root, arg('--out', 'bench-data/big-v2.pcap'));
const MSS = Number(arg('--mss', '16384'));
const CONCURRENT = 24;
const BULK_BYTES = 6 * 1024 * 1024;
const CR_TARGET = 38_700;

/** The Ethernet frames of a lab capture: pcap (LE µs) or pcapng (dumpcap on lo: one Ethernet interface). */
function labFrames(b) {
	const out = [];
	if (b.readUInt32LE(0) === 0x0a0d0d0a) {
		for (let p = 0; p + 12 <= b.length; ) {
			const type = b.readUInt32LE(p), len = b.readUInt32LE(p + 4);
			if (type === 1 && b.readUInt16LE(p + 8) !== 1) throw new Error('pcapng interface is not Ethernet');
			if (type === 6) out.push(b.subarray(p + 28, p + 28 + b.readUInt32LE(p + 20)));
			p += len;
		}
		return out;
	}
	for (let p = 24; p + 16 <= b.length; ) {
		const cap = b.readUInt32LE(p + 8);
		out.push(b.subarray(p + 16, p + 16 + cap));
		p += 16 + cap;
	}
	return out;
}

/** Per-direction TCP payload, in order, of a lab capture (Ethernet IPv4, loopback, no loss). */
function streams(file) {
	const b = readFileSync(join(root, 'test/fixtures/captures', file));
	const parts = { client: [], server: [] };
	/** The original order of the data segments: [from the client?, bytes]. */
	const order = [];
	let serverPort = 0;
	for (const f of labFrames(b)) {
		const ip = f.subarray(14);
		const ihl = (ip[0] & 15) * 4;
		const tcp = ip.subarray(ihl);
		const flags = tcp[13];
		if ((flags & 0x12) === 0x02) serverPort = tcp.readUInt16BE(2);
		const payload = ip.subarray(ihl + (tcp[12] >> 4) * 4, ip.readUInt16BE(2));
		if (!payload.length) continue;
		const fromClient = tcp.readUInt16BE(0) !== serverPort;
		parts[fromClient ? 'client' : 'server'].push(Buffer.from(payload));
		order.push([fromClient, payload.length]);
	}
	return { client: Buffer.concat(parts.client), server: Buffer.concat(parts.server), order };
}

/** Splits a byte stream into TLS records. */
function records(buf) {
	const out = [];
	for (let p = 0; p + 5 <= buf.length; ) {
		const n = buf.readUInt16BE(p + 3);
		out.push({ type: buf[p], version: buf.readUInt16BE(p + 1), body: buf.subarray(p + 5, p + 5 + n) });
		p += 5 + n;
	}
	return out;
}

function record(type, body, version = 0x0303) {
	const h = Buffer.alloc(5);
	h[0] = type;
	h.writeUInt16BE(version, 1);
	h.writeUInt16BE(body.length, 3);
	return Buffer.concat([h, body]);
}

/** Rewrites a TLS 1.2 server stream: the CertificateRequest gets the big CA list, cut into 16 KB records. */
function withBigRequest(server, bigList) {
	const recs = records(server);
	const firstEncrypted = recs.findIndex((r) => r.type === 20);
	const plainEnd = firstEncrypted < 0 ? recs.length : firstEncrypted;
	const hs = Buffer.concat(recs.slice(0, plainEnd).filter((r) => r.type === 22).map((r) => r.body));
	const msgs = [];
	for (let p = 0; p + 4 <= hs.length; ) {
		const n = hs.readUIntBE(p + 1, 3);
		let msg = hs.subarray(p, p + 4 + n);
		if (msg[0] === 13) {
			const b = msg.subarray(4);
			const typesLen = b[0];
			const sigLen = b.readUInt16BE(1 + typesLen);
			const head = b.subarray(0, 1 + typesLen + 2 + sigLen);
			const lenField = Buffer.alloc(2);
			lenField.writeUInt16BE(bigList.length);
			const body = Buffer.concat([head, lenField, bigList]);
			const mh = Buffer.alloc(4);
			mh[0] = 13;
			mh.writeUIntBE(body.length, 1, 3);
			msg = Buffer.concat([mh, body]);
		}
		msgs.push(msg);
		p += 4 + n;
	}
	const flight = Buffer.concat(msgs);
	const out = [];
	for (let p = 0; p < flight.length; p += 16384) out.push(record(22, flight.subarray(p, p + 16384)));
	// Anything else before the CCS (alerts) stays, in order, after the flight.
	for (const r of recs.slice(0, plainEnd)) if (r.type !== 22) out.push(record(r.type, r.body, r.version));
	for (const r of recs.slice(plainEnd)) out.push(record(r.type, r.body, r.version));
	return Buffer.concat(out);
}

/** The 301 lab CA names, repeated until the list is about 38 KB. */
function bigCaList() {
	const recs = records(streams('tls12-mtls-bigcalist.pcap').server);
	const hs = Buffer.concat(recs.filter((r) => r.type === 22).map((r) => r.body));
	for (let p = 0; p + 4 <= hs.length; ) {
		const n = hs.readUIntBE(p + 1, 3);
		if (hs[p] === 13) {
			const b = hs.subarray(p + 4, p + 4 + n);
			const at = 1 + b[0];
			const listAt = at + 2 + b.readUInt16BE(at);
			const list = b.subarray(listAt + 2, listAt + 2 + b.readUInt16BE(listAt));
			const names = [];
			for (let q = 0; q < list.length; q += 2 + list.readUInt16BE(q)) names.push(list.subarray(q, q + 2 + list.readUInt16BE(q)));
			const out = [];
			let size = 0;
			for (let i = 0; size < CR_TARGET; i++) {
				out.push(names[i % names.length]);
				size += names[i % names.length].length;
			}
			return { list: Buffer.concat(out), count: out.length };
		}
		p += 4 + n;
	}
	throw new Error('no CertificateRequest in tls12-mtls-bigcalist.pcap');
}

const big = bigCaList();
const bulkChunk = Buffer.alloc(16384 + 24);
for (let i = 0; i < bulkChunk.length; i++) bulkChunk[i] = (i * 2654435761) >>> 24;

const templates = {
	mtlsOk: (() => { const s = streams('tls12-mtls-success.pcap'); return { client: s.client, server: withBigRequest(s.server, big.list), alerts: 0 }; })(),
	mtlsNoCert: (() => { const s = streams('tls12-mtls-nocert.pcap'); return { client: s.client, server: withBigRequest(s.server, big.list), alerts: 1 }; })(),
	mtlsWrongCa: (() => { const s = streams('tls12-mtls-wrongca.pcap'); return { client: s.client, server: withBigRequest(s.server, big.list), alerts: 1 }; })(),
	tls13: streams('tls13-mtls-success.pcap'),
	// TLS 1.2 connections whose key logs are committed beside them: AES-256-GCM and AES-128-CBC-SHA mutual TLS, and
	// the IIS-style renegotiation (AES-128-GCM) whose CertificateRequest is only visible decrypted.
	// They are replayed segment by segment in their captured order (a renegotiation's messages must keep their order).
	tls12Gcm: { ...streams('tls12-mtls-gcm256.pcapng'), replay: true },
	tls12Cbc: { ...streams('tls12-mtls-cbc-sha.pcapng'), replay: true },
	tls12Reneg: { ...streams('tls12-reneg-iis.pcapng'), replay: true },
};
/** Key logs of the replayed connections (the replays keep their client randoms): written beside the corpus. */
const KEYLOGS = ['tls13-mtls-success.keylog', 'tls12-mtls-gcm256.keylog', 'tls12-mtls-cbc-sha.keylog', 'tls12-reneg-iis.keylog'];
/** A bulk transfer: the TLS 1.2 success handshake (2 DNs), then BULK_BYTES of application data each way split 1:7. */
function bulk() {
	const s = streams('tls12-mtls-success.pcap');
	const recs = records(s.server);
	const head = Buffer.concat(recs.slice(0, recs.findIndex((r) => r.type === 23)).map((r) => record(r.type, r.body, r.version)));
	const data = [];
	for (let n = 0; n < BULK_BYTES; n += bulkChunk.length + 5) data.push(record(23, bulkChunk));
	const clientData = data.slice(0, Math.ceil(data.length / 8));
	return { client: Buffer.concat([s.client, ...clientData]), server: Buffer.concat([head, ...data]) };
}
const bulkTemplate = bulk();

// Schedule: per 27 connections, 1 bulk transfer, 20 mutual-TLS handshakes with the big list, 3 TLS 1.3, and one each
// of TLS 1.2 AES-GCM, AES-CBC and renegotiation with key logs.
const PATTERN = ['bulk', ...Array.from({ length: 20 }, (_, i) => (i % 5 === 3 ? 'mtlsNoCert' : i % 5 === 4 ? 'mtlsWrongCa' : 'mtlsOk')), 'tls13', 'tls12Gcm', 'tls13', 'tls12Cbc', 'tls13', 'tls12Reneg'];

const fd = (mkdirSync(dirname(OUT), { recursive: true }), openSync(OUT, 'w'));
let buf = Buffer.alloc(8 << 20), pos = 0, written = 0, frames = 0, sec = 1_700_000_000, usec = 0;
function flush() {
	writeSync(fd, buf, 0, pos);
	written += pos;
	pos = 0;
}
function put(b) {
	if (pos + b.length > buf.length) flush();
	b.copy(buf, pos);
	pos += b.length;
}
const fileHeader = Buffer.alloc(24);
fileHeader.writeUInt32LE(0xa1b2c3d4, 0);
fileHeader.writeUInt16LE(2, 4);
fileHeader.writeUInt16LE(4, 6);
fileHeader.writeUInt32LE(262144, 16);
fileHeader.writeUInt32LE(1, 20);
put(fileHeader);

const hdr = Buffer.alloc(16 + 14 + 20 + 20);
function packet(c, fromClient, flags, payload) {
	usec += 7;
	if (usec >= 1e6) {
		usec -= 1e6;
		sec++;
	}
	const len = 54 + payload.length;
	hdr.writeUInt32LE(sec, 0);
	hdr.writeUInt32LE(usec, 4);
	hdr.writeUInt32LE(len, 8);
	hdr.writeUInt32LE(len, 12);
	hdr.fill(0, 16);
	hdr[16 + 12] = 0x08;
	const ip = 30;
	hdr[ip] = 0x45;
	hdr.writeUInt16BE(40 + payload.length, ip + 2);
	hdr[ip + 8] = 64;
	hdr[ip + 9] = 6;
	const cli = c.clientIp, srv = c.serverIp;
	hdr.writeUInt32BE(fromClient ? cli : srv, ip + 12);
	hdr.writeUInt32BE(fromClient ? srv : cli, ip + 16);
	const t = 50;
	hdr.writeUInt16BE(fromClient ? c.cport : c.sport, t);
	hdr.writeUInt16BE(fromClient ? c.sport : c.cport, t + 2);
	hdr.writeUInt32BE(fromClient ? c.cseq : c.sseq, t + 4);
	hdr.writeUInt32BE(fromClient ? c.sseq : c.cseq, t + 8);
	hdr[t + 12] = 0x50;
	hdr[t + 13] = flags;
	hdr.writeUInt16BE(65535, t + 14);
	put(hdr);
	if (payload.length) put(payload);
	frames++;
}

// decryptedWithKeys: handshakes marked decrypted when the corpus's key log is given (a renegotiation is a second one).
const expected = { handshakes: 0, mtls: 0, bigRequests: 0, bigRequestNames: big.count, bigRequestBytes: big.list.length, readableAlerts: 0, tls13: 0, tls12Keyed: 0, renegotiations: 0, decryptedWithKeys: 0, bulk: 0, packets: 0, bytes: 0 };
let connId = 0;
function open(kind) {
	const t = kind === 'bulk' ? bulkTemplate : templates[kind];
	const id = connId++;
	expected.handshakes++;
	if (kind.startsWith('mtls')) {
		expected.mtls++;
		expected.bigRequests++;
		expected.readableAlerts += t.alerts;
	}
	if (kind === 'tls13') expected.tls13++;
	if (kind.startsWith('tls12')) expected.tls12Keyed++;
	if (kind === 'tls12Reneg') expected.renegotiations++;
	if (kind === 'tls13' || kind.startsWith('tls12')) expected.decryptedWithKeys += kind === 'tls12Reneg' ? 2 : 1;
	if (kind === 'bulk') expected.bulk++;
	return {
		kind, clientIp: (10 << 24) | (1 << 16) | (id & 0xffff), serverIp: (10 << 24) | (2 << 16) | (id % 7), cport: 1024 + (id % 60000), sport: kind === 'tls13' ? 8443 : kind.startsWith('tls12') ? 4443 : 443,
		cseq: (id * 2654435761) >>> 0, sseq: (id * 40503 + 12345) >>> 0, client: t.client, server: t.server, co: 0, so: 0, state: 'syn', order: t.replay ? t.order : undefined, oi: 0,
	};
}
/** Where the first flight of each side ends: the ClientHello record, and the server's records before its first CCS or alert. */
function plan(c) {
	const chEnd = 5 + c.client.readUInt16BE(3);
	let sEnd = 0;
	while (sEnd + 5 <= c.server.length && c.server[sEnd] === 22) sEnd += 5 + c.server.readUInt16BE(sEnd + 3);
	return { chEnd, sEnd };
}

/** Emits the next segment of a connection: ClientHello, the server's first flight, then both sides interleaved. */
function step(c) {
	if (c.state === 'syn') {
		packet(c, true, 0x02, Buffer.alloc(0));
		c.cseq = (c.cseq + 1) >>> 0;
		packet(c, false, 0x12, Buffer.alloc(0));
		c.sseq = (c.sseq + 1) >>> 0;
		c.state = 'data';
		c.plan = plan(c);
		return true;
	}
	if (c.order) {
		// Replay: the captured segments in their order.
		if (c.oi < c.order.length) {
			const [fromClient, n] = c.order[c.oi++];
			if (fromClient) {
				packet(c, true, 0x18, c.client.subarray(c.co, c.co + n));
				c.cseq = (c.cseq + n) >>> 0;
				c.co += n;
			} else {
				packet(c, false, 0x18, c.server.subarray(c.so, c.so + n));
				c.sseq = (c.sseq + n) >>> 0;
				c.so += n;
			}
			return true;
		}
		c.order = undefined;
	}
	const { chEnd, sEnd } = c.plan;
	const client = () => {
		const seg = c.client.subarray(c.co, Math.min(c.client.length, c.co + MSS, c.co < chEnd ? chEnd : Infinity));
		packet(c, true, 0x18, seg);
		c.cseq = (c.cseq + seg.length) >>> 0;
		c.co += seg.length;
	};
	const server = () => {
		const seg = c.server.subarray(c.so, Math.min(c.server.length, c.so + MSS, c.so < sEnd ? sEnd : Infinity));
		packet(c, false, 0x18, seg);
		c.sseq = (c.sseq + seg.length) >>> 0;
		c.so += seg.length;
	};
	if (c.co < chEnd) client();
	else if (c.so < sEnd) server();
	else if (c.co < c.client.length && (c.turn = !c.turn)) client();
	else if (c.so < c.server.length) server();
	else if (c.co < c.client.length) client();
	else {
		packet(c, true, 0x11, Buffer.alloc(0));
		c.cseq = (c.cseq + 1) >>> 0;
		packet(c, false, 0x11, Buffer.alloc(0));
		return false;
	}
	return true;
}

const started = Date.now();
const live = [];
let next = 0;
while (written + pos < TARGET || live.length) {
	while (live.length < CONCURRENT && written + pos < TARGET) live.push(open(PATTERN[next++ % PATTERN.length]));
	for (let i = 0; i < live.length; i++) {
		const c = live[i];
		const more = step(c);
		if (!more) live.splice(i--, 1);
	}
}
flush();
closeSync(fd);
expected.packets = frames;
expected.bytes = written;
writeFileSync(OUT.replace(/\.pcap$/, '.json'), JSON.stringify(expected, null, 2));
writeFileSync(OUT.replace(/\.pcap$/, '.keylog'), KEYLOGS.map((k) => readFileSync(join(root, 'test/fixtures/captures', k), 'utf8')).join(''));
console.log(`wrote ${OUT}: ${(written / 1048576).toFixed(0)} MB, ${frames.toLocaleString('en-US')} packets, ${expected.handshakes} TLS connections (${expected.mtls} mutual-TLS with a ${big.count}-name ${big.list.length.toLocaleString('en-US')}-byte CA list, ${expected.tls13} TLS 1.3, ${expected.tls12Keyed} TLS 1.2 with key logs (${expected.renegotiations} renegotiating), ${expected.bulk} bulk; key log ${OUT.replace(/\.pcap$/, '.keylog')}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
