// Issue 7 part 1: containers, link types, IP and TCP reassembly. Each rewrite of a committed capture must
// give the same CertificateRequest, certificates and alerts as the original.
import * as assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { readFixture } from '../../../support/fixtures';
import { concat, factsOf, fragmentIpv4, pcapPackets, read, relink, toIpv6, writePcap, writePcapng, type Pkt } from './builders';

const FIXTURES = ['captures/tls12-mtls-bigcalist.pcap', 'captures/tls12-mtls-wrongca.pcap', 'captures/tls12-mtls-bigcalist-frag512.pcap'];

suite('capture reader: containers', () => {
	for (const name of FIXTURES) {
		const original = readFixture(name);
		const base = factsOf(read(original));
		const packets = pcapPackets(original);
		const variants: [string, () => Uint8Array][] = [
			['pcap big-endian', () => writePcap(packets, { bigEndian: true })],
			['pcap nanoseconds', () => writePcap(packets, { nano: true })],
			['pcap big-endian nanoseconds', () => writePcap(packets, { bigEndian: true, nano: true })],
			['pcapng little-endian, if_tsresol 9', () => writePcapng(packets, { tsresol: 9 })],
			['pcapng big-endian', () => writePcapng(packets, { bigEndian: true })],
			['pcapng, 3 sections of alternating byte order', () => writePcapng(packets, { sections: 3, mixEndian: true })],
			['pcapng with a Simple Packet Block and obsolete Packet Blocks', () => writePcapng(packets, { spb: true, obsoletePb: true, sections: 2 })],
			['gzip-compressed pcap', () => new Uint8Array(gzipSync(original))],
			['gzip-compressed pcapng, two gzip members', () => {
				const ng = writePcapng(packets);
				return concat([gzipSync(ng.subarray(0, 1000)), gzipSync(ng.subarray(1000))]);
			}],
		];
		for (const [label, make] of variants) {
			test(`${name}: ${label}`, () => {
				const r = read(make(), 777);
				assert.deepEqual(factsOf(r), base);
				assert.equal(r.problemList.length, 0, JSON.stringify(r.problemList));
				assert.equal(r.packets, packets.length);
			});
		}
	}

	test('chunk size does not change anything (1 byte to 1 MB)', () => {
		const bytes = readFixture('captures/tls12-mtls-bigcalist-frag512.pcapng');
		const want = JSON.stringify(read(bytes).handshakeResults);
		for (const chunk of [1, 3, 64, 4096, 1 << 20]) assert.equal(JSON.stringify(read(bytes, chunk).handshakeResults), want, `chunk ${chunk}`);
	});

	test('gzip read one byte at a time', () => {
		const bytes = readFixture('public/zeek__tls-fragmented-handshake.pcap.gz');
		const r = read(bytes, 1);
		assert.equal(r.compressed, true);
		assert.equal(r.packets, 416);
		assert.equal(r.handshakeResults[0]!.serverCertificates[0]!.sha1, 'FA91E3F3398AE966DD0B64D5E7C16F34ADA9C9D6');
	});

	test('format comes from the magic number, not the name', () => {
		assert.equal(read(readFixture('captures/tls12-mtls-success.pcapng')).format, 'pcapng');
		assert.equal(read(readFixture('captures/tls12-mtls-success.pcap')).format, 'pcap');
		assert.equal(read(writePcap(pcapPackets(readFixture('captures/tls12-mtls-success.pcap')), { nano: true })).format, 'pcap-ns');
		const r = read(new TextEncoder().encode('this is not a capture at all'));
		assert.equal(r.format, 'unknown');
		assert.match(r.problemList[0]!.message, /unknown magic/);
	});

	test('pcapng Decryption Secrets Block written by a third party decrypts TLS 1.3', () => {
		const packets = pcapPackets(readFixture('captures/tls13-mtls-wrongca.pcap'));
		const keyLog = new TextDecoder().decode(readFixture('captures/tls13-mtls-wrongca.keylog'));
		const r = read(writePcapng(packets, { keyLog, bigEndian: true }));
		const h = r.handshakeResults[0]!;
		assert.equal(h.decrypted, true);
		assert.equal(h.certificateRequest?.distinguishedNames.length, 2);
		assert.deepEqual(h.alerts.map((a) => [a.from, a.description, a.encrypted]), [['server', 48, true]]);
	});
});

suite('capture reader: link types and IP', () => {
	const original = readFixture('captures/tls12-mtls-bigcalist.pcap');
	const base = factsOf(read(original));
	const packets = pcapPackets(original);
	const links: [string, number, (p: Pkt) => Uint8Array][] = [
		['NULL (0)', 0, (p) => relink(p.data, 0)],
		['LOOP (108)', 108, (p) => relink(p.data, 108)],
		['RAW (101)', 101, (p) => relink(p.data, 101)],
		['IPV4 (228)', 228, (p) => relink(p.data, 228)],
		['Linux SLL (113)', 113, (p) => relink(p.data, 113)],
		['Linux SLL2 (276)', 276, (p) => relink(p.data, 276)],
		['Ethernet + 802.1Q', 1, (p) => relink(p.data, 1, { vlanTags: 1 })],
		['Ethernet + QinQ', 1, (p) => relink(p.data, 1, { vlanTags: 2 })],
		['IPv6 with extension headers', 1, (p) => toIpv6(p.data)],
		['IPv6 (229) raw', 229, (p) => relink(toIpv6(p.data), 229)],
	];
	for (const [label, linkType, f] of links) {
		test(label, () => {
			const r = read(writePcap(packets.map((p) => ({ ...p, data: f(p), origLen: undefined })), { linkType }));
			assert.deepEqual(factsOf(r), base);
			assert.deepEqual(r.linkTypes, [linkType]);
		});
	}

	test('IPv4 fragments are reassembled', () => {
		const frags = packets.flatMap((p) => fragmentIpv4(p.data, 1480).map((data) => ({ ...p, data, origLen: undefined })));
		assert.ok(frags.length > packets.length + 10);
		const r = read(writePcap(frags));
		assert.deepEqual(factsOf(r), base);
	});

	test('IPv4 fragments out of order', () => {
		const frags = packets.flatMap((p) => fragmentIpv4(p.data, 2048).reverse().map((data) => ({ ...p, data, origLen: undefined })));
		assert.deepEqual(factsOf(read(writePcap(frags))), base);
	});
});

suite('capture reader: TCP reassembly', () => {
	const original = readFixture('captures/tls12-mtls-bigcalist-frag512.pcap');
	const base = factsOf(read(original));
	const packets = pcapPackets(original);

	test('segments swapped pairwise (out of order)', () => {
		const swapped = [...packets];
		for (let i = 4; i + 1 < swapped.length; i += 2) [swapped[i], swapped[i + 1]] = [swapped[i + 1]!, swapped[i]!];
		assert.deepEqual(factsOf(read(writePcap(swapped))), base);
	});

	test('every packet retransmitted', () => {
		assert.deepEqual(factsOf(read(writePcap(packets.flatMap((p) => [p, p])))), base);
	});

	test('segments re-cut into overlapping pieces', () => {
		const pieces = packets.flatMap((p) => overlapping(p));
		assert.ok(pieces.length > packets.length);
		assert.deepEqual(factsOf(read(writePcap(pieces))), base);
	});

	test('stream without SYN: resynchronised on the TLS records', () => {
		const noSyn = packets.filter((p) => !(p.data[14 + 20 + 13]! & 2));
		const r = read(writePcap(noSyn));
		assert.deepEqual(factsOf(r), base);
	});

	test('a lost segment in the middle: reported, and the handshake is marked incomplete', () => {
		const wrong = pcapPackets(readFixture('captures/tls12-mtls-bigcalist.pcap'));
		// Frame 10 completes the CertificateRequest; drop a segment of it.
		const idx = wrong.findIndex((p) => payloadLength(p) > 10000);
		const r = read(writePcap(wrong.filter((_, i) => i !== idx)));
		assert.ok(r.problemList.some((p) => /missing/.test(p.message)), JSON.stringify(r.problemList));
		assert.equal(r.handshakeResults[0]!.facts.incomplete, true);
	});
});

function payloadLength(p: Pkt): number {
	const ip = p.data.subarray(14);
	return ((ip[2]! << 8) | ip[3]!) - (ip[0]! & 15) * 4 - (ip[32]! >> 4) * 4;
}

/** Splits a TCP segment into pieces that overlap by 10 bytes. */
function overlapping(p: Pkt): Pkt[] {
	const ip = p.data.subarray(14);
	const ihl = (ip[0]! & 15) * 4;
	const thl = (ip[ihl + 12]! >> 4) * 4;
	const total = (ip[2]! << 8) | ip[3]!;
	const payload = ip.subarray(ihl + thl, total);
	if (payload.length < 200) return [p];
	const seq = new DataView(ip.buffer, ip.byteOffset + ihl + 4, 4).getUint32(0);
	const out: Pkt[] = [];
	for (let off = 0; off < payload.length; off += 90) {
		const part = payload.subarray(off, Math.min(payload.length, off + 100));
		const head = p.data.slice(0, 14 + ihl + thl);
		const len = ihl + thl + part.length;
		head[16] = len >> 8;
		head[17] = len & 0xff;
		new DataView(head.buffer, 14 + ihl + 4, 4).setUint32(0, (seq + off) >>> 0);
		out.push({ ...p, data: concat([head, part]), origLen: undefined });
	}
	return out;
}
