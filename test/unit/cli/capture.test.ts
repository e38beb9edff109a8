import * as assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CaptureFileJson } from '../../../src/cli/commands/capture';
import { runCli } from '../../../src/cli/run';
import { fixturePath } from '../../support/fixtures';
import { runCaptured } from '../../support/cli';

const run = runCaptured;

async function json(...argv: string[]): Promise<{ code: number; files: CaptureFileJson[]; err: string[] }> {
	const r = await run('capture', '--json', ...argv);
	const doc = JSON.parse(r.out.join('\n')) as { schemaVersion: number; command: string; files: CaptureFileJson[] };
	assert.equal(doc.schemaVersion, 1);
	assert.equal(doc.command, 'capture');
	return { code: r.code, files: doc.files, err: r.err };
}

suite('CLI capture', function () {
	this.timeout(60_000);
	let dir: string;
	suiteSetup(() => {
		dir = mkdtempSync(join(tmpdir(), 'schannel-lens-capture-'));
		writeFileSync(join(dir, 'empty.pcap'), '');
		writeFileSync(join(dir, 'text.pcap'), 'hello, not a capture\n');
		// A pcapng under a .pcap name: detected by magic.
		copyFileSync(fixturePath('captures/tls12-mtls-wrongca.pcapng'), join(dir, 'renamed.pcap'));
	});

	test('help lists capture', async () => {
		assert.match((await run('--help')).out.join('\n'), /capture\s+Read pcap\/pcapng captures/);
		assert.match((await run('capture', '--help')).out.join('\n'), /--keylog/);
	});

	test('--json schema for a TLS 1.2 mutual-TLS failure', async () => {
		const { code, files } = await json(fixturePath('captures/tls12-mtls-nocert.pcap'));
		assert.equal(code, 1);
		const f = files[0]!;
		assert.equal(f.format, 'pcap');
		assert.deepEqual(f.linkTypes, [1]);
		assert.equal(f.packets, 12);
		assert.ok(f.bytes > 0);
		assert.deepEqual(f.problems, []);
		const h = f.handshakes[0]!;
		assert.deepEqual(Object.keys(h), ['stream', 'client', 'server', 'firstFrame', 'sni', 'alpn', 'versions', 'cipherSuite', 'encryptedHandshake', 'decrypted', 'renegotiation', 'complete', 'end', 'certificateRequest', 'serverCertificates', 'clientCertificates', 'alerts', 'verdict']);
		assert.equal(h.stream, 0);
		assert.match(h.client, /^127\.0\.0\.1:\d+$/);
		assert.equal(h.server, '127.0.0.1:28646');
		assert.equal(h.firstFrame, 4);
		assert.deepEqual(h.versions, { offered: ['TLS 1.2'], selected: 'TLS 1.2' });
		const cr = h.certificateRequest!;
		assert.equal(cr.listBytes, 205);
		assert.equal(cr.records, 1);
		assert.equal(cr.distinguishedNames.length, 2);
		assert.match(cr.distinguishedNames[0]!.der, /^30[0-9a-f]+$/);
		assert.equal(cr.distinguishedNames[0]!.text, 'CN=Schannel Lens Lab Root CA,OU=Fixtures,O=Schannel Lens Lab,C=US');
		assert.deepEqual(h.clientCertificates, []);
		assert.match(h.serverCertificates[0]!.sha1, /^[0-9A-F]{40}$/);
		assert.deepEqual(h.alerts, [{ frame: 9, from: 'server', level: 'fatal', description: 40, name: 'handshake_failure', encrypted: false, decrypted: false }]);
		assert.equal(h.complete, true);
		assert.equal(h.verdict.kind, 'conclusion');
		assert.equal(h.verdict.severity, 'error');
		assert.equal(h.verdict.code, 'client-certificate-missing');
	});

	test('several files, a repeated CA list, TLS 1.3 with --keylog, pcapng under a .pcap name', async () => {
		const { code, files } = await json(
			fixturePath('captures/tls12-mtls-bigcalist.pcap'),
			fixturePath('captures/tls13-mtls-bigcalist.pcap'),
			join(dir, 'renamed.pcap'),
			'--keylog',
			fixturePath('captures/tls13-mtls-bigcalist.keylog'),
		);
		assert.equal(code, 1);
		assert.equal(files.length, 3);
		const [a, b, c] = files.map((f) => f.handshakes[0]!);
		assert.equal(a!.certificateRequest!.distinguishedNames.length, 301);
		assert.deepEqual(b!.certificateRequest!.distinguishedNames, a!.certificateRequest!.distinguishedNames);
		assert.equal(b!.decrypted, true);
		assert.equal(files[2]!.format, 'pcapng');
		assert.equal(c!.verdict.code, 'client-certificate-rejected');
	});

	test('a gzip-compressed capture', async () => {
		const { code, files } = await json(fixturePath('public/zeek__tls-fragmented-handshake.pcap.gz'));
		assert.equal(code, 0);
		assert.equal(files[0]!.compressed, true);
		assert.equal(files[0]!.packets, 416);
	});

	test('text output: one line per handshake and a summary', async () => {
		const r = await run('capture', fixturePath('captures/tls12-mtls-success.pcap'));
		assert.equal(r.code, 0);
		assert.match(r.out[0]!, /stream 0 127\.0\.0\.1:\d+ → 127\.0\.0\.1:28644 TLS 1\.2: ok: .*Mutual TLS succeeded with CN=alice\.client/);
		assert.match(r.out.at(-1)!, /pcap, link types 1, 19 packets, 1 TLS handshake, 0 problems/);
	});

	test('text output: verdict, CA list size, --dns names with bytes and running total, alerts in words', async () => {
		const r = await run('capture', fixturePath('captures/tls12-reneg-iis.pcapng'), '--keylog', fixturePath('captures/tls12-reneg-iis.keylog'), '--dns');
		assert.equal(r.code, 0);
		const text = r.out.join('\n');
		assert.match(text, /requested by renegotiation/);
		assert.match(text, /renegotiation inside the encrypted session; decrypted with the key log/);
		assert.match(text, /CertificateRequest \(frame 17\): 2 CA names, 205 bytes; message \d+ bytes/);
		const dns = r.out.filter((l) => /^ +\d+\. /.test(l));
		assert.equal(dns.length, 2);
		assert.match(dns[1]!, /list total 205 bytes\)$/);
		assert.match(text, /alert \(frame \d+, client\): warning close_notify \(0\), encrypted on the wire and decrypted with the key log/);
		const plain = await run('capture', fixturePath('captures/tls12-reneg-iis.pcapng'));
		assert.match(plain.out.join('\n'), /encrypted on the wire; its code cannot be read without the key log/);
		assert.equal(plain.out.filter((l) => /^ +\d+\. /.test(l)).length, 0);
	});

	test('JSON: a capture cut at 9,000 bytes is incomplete, not a conclusion', async () => {
		const cut = join(dir, 'cut-9000.pcapng');
		writeFileSync(cut, readFileSync(fixturePath('captures/tls12-mtls-bigcalist.pcapng')).subarray(0, 9000));
		const { files } = await json(cut);
		const h = files[0]!.handshakes[0]!;
		assert.equal(h.complete, false);
		assert.equal(h.verdict.kind, 'incomplete');
		assert.match(h.verdict.message, /^Incomplete: the capture ends before/);
		assert.ok(files[0]!.problems.some((p) => /ends in the middle of a TLS record/.test(p.message) && p.frame !== null && p.offset !== null));
	});

	test('unreadable inputs: exit 2 with one stderr line each, other files still read', async () => {
		const r = await run('capture', '--json', join(dir, 'missing.pcap'), join(dir, 'empty.pcap'), join(dir, 'text.pcap'), fixturePath('captures/tls12-mtls-success.pcap'));
		assert.equal(r.code, 2);
		assert.equal(r.err.length, 3);
		assert.match(r.err[0]!, /missing\.pcap: no such file/);
		assert.match(r.err[1]!, /empty\.pcap: is empty/);
		assert.match(r.err[2]!, /text\.pcap: not a capture/);
		const doc = JSON.parse(r.out.join('\n')) as { files: CaptureFileJson[] };
		assert.equal(doc.files.length, 1);
		assert.equal((await run('capture')).code, 2);
		assert.equal((await run('capture', fixturePath('captures/tls12-mtls-success.pcap'), '--keylog', join(dir, 'nope.keylog'))).code, 2);
	});
});

suite('CLI capture: verdicts joined with given client certificates and the target OS', () => {
	test('--clients and --target-os: the failing sample names KB 2464556', async () => {
		const out: string[] = [];
		const code = await runCli(['capture', fixturePath('captures/tls12-mtls-truncated-list-nocert.pcapng'), '--target-os', '2008r2', '--clients', fixturePath('pki/client-alice.cer'), '--clients', fixturePath('pki/intermediate-ca.pem')], { out: (l) => out.push(l), err: () => undefined }, '0');
		assert.equal(code, 1);
		assert.match(out.join('\n'), /None of the known client certificates chains to a listed CA → see KB 2464556/);
		const bad = await runCli(['capture', fixturePath('captures/tls12-mtls-success.pcap'), '--target-os', 'Windows 95'], { out: () => undefined, err: () => undefined }, '0');
		assert.equal(bad, 2);
	});
});
