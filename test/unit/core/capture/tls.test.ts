// Issue 7 parts 2 and 3: TLS details and verdicts, on the committed captures and on small synthetic ones.
import * as assert from 'node:assert/strict';
import { KeyLog, readCapture, type HandshakeResult, type VerdictKnowledge } from '../../../../src/core/capture';
import { findWindowsVersion } from '../../../../src/core/schannel/os';
import { decodeCertificate } from '../../../../src/core/x509';
import { readFixture } from '../../../support/fixtures';
import { clientHello, concat, conversation, handshake, pkts, read, record, serverHello, writePcap } from './builders';

function only(file: string, knowledge?: VerdictKnowledge, keylog?: string): HandshakeResult {
	const keyLog = new KeyLog();
	if (keylog) keyLog.addText(new TextDecoder().decode(readFixture(keylog)));
	const r = readCapture(readFixture(file), { keyLog, ...(knowledge ? { knowledge } : {}) });
	assert.equal(r.handshakeResults.length, 1);
	return r.handshakeResults[0]!;
}

function subjectDer(file: string): Uint8Array {
	return decodeCertificate(readFixture(file)).value!.subject.der;
}

suite('capture TLS: verdicts on the lab captures', () => {
	test('TLS 1.2 success: mutual TLS with alice', () => {
		const h = only('captures/tls12-mtls-success.pcap');
		assert.equal(h.verdict.code, 'mutual-tls-ok');
		assert.equal(h.verdict.severity, 'ok');
		assert.match(h.verdict.message, /Server asked for a client certificate with 2 acceptable CA names \(205 bytes\)\. Mutual TLS succeeded with CN=alice\.client/);
		assert.deepEqual(h.versions, { offered: ['TLS 1.2'], selected: 'TLS 1.2' });
		assert.equal(h.sni, 'localhost');
	});

	test('TLS 1.2 no certificate: handshake_failure (40)', () => {
		const h = only('captures/tls12-mtls-nocert.pcap');
		assert.equal(h.verdict.code, 'client-certificate-missing');
		assert.equal(h.verdict.severity, 'error');
		assert.match(h.verdict.message, /The client sent no certificate, and the server ended the handshake: handshake_failure \(40\)/);
		assert.deepEqual(h.clientCertificates, []);
	});

	test('wrong CA: the server rejected the client certificate: unknown_ca (48)', () => {
		const h = only('captures/tls12-mtls-wrongca.pcap');
		assert.equal(h.verdict.code, 'client-certificate-rejected');
		assert.match(h.verdict.message, /The server rejected the client certificate \(CN=bob\.otherca\.client.*\): unknown_ca \(48\)/);
		assert.deepEqual(h.alerts.map((a) => [a.from, a.level, a.description, a.name, a.encrypted]), [['server', 'fatal', 48, 'unknown_ca', false]]);
	});

	test('301 CA names over 2 records; with a target OS the limit names it', () => {
		const plain = only('captures/tls12-mtls-bigcalist.pcap');
		assert.equal(plain.certificateRequest!.records, 2);
		assert.equal(plain.certificateRequest!.listBytes, 22250);
		assert.match(plain.verdict.message, /301 acceptable CA names \(22,250 bytes across 2 records\)/);
		const os = findWindowsVersion('Windows Server 2008 R2')!;
		const h = only('captures/tls12-mtls-bigcalist-frag512.pcap', { targetOs: os });
		assert.equal(h.certificateRequest!.records, 44);
		assert.match(h.verdict.message, /A Windows Server 2008 R2 server sends at most 16,384 bytes, so this list did not come from one\./);
		assert.equal(h.verdict.code, 'ca-list-too-long');
	});

	test('workspace knowledge: no client certificate chains to a listed CA → KB 2464556', () => {
		const other = { label: 'CN=bob.otherca.client', chainNames: [subjectDer('pki/other-root-ca.cer')] };
		const h = only('captures/tls12-mtls-truncated-list-nocert.pcap', { clientCertificates: [other] });
		assert.match(h.verdict.message, /None of the known client certificates chains to a listed CA → see KB 2464556/);
		const alice = { label: 'CN=alice.client', chainNames: [subjectDer('pki/intermediate-ca.cer'), subjectDer('pki/root-ca.cer')] };
		const h2 = only('captures/tls12-mtls-nocert.pcap', { clientCertificates: [other, alice] });
		assert.match(h2.verdict.message, /Known client certificate CN=alice\.client chains to a listed CA/);
	});

	test('TLS 1.3 without keys: the request is encrypted', () => {
		const h = only('captures/tls13-mtls-success.pcapng');
		assert.equal(h.encryptedHandshake, true);
		assert.equal(h.decrypted, false);
		assert.equal(h.certificateRequest, null);
		assert.equal(h.verdict.code, 'tls13-encrypted');
		assert.match(h.verdict.message, /TLS 1\.3: everything after the ServerHello is encrypted/);
	});

	test('TLS 1.3 with the key log: the same facts as TLS 1.2, alert decrypted', () => {
		const h = only('captures/tls13-mtls-nocert.pcap', undefined, 'captures/tls13-mtls-nocert.keylog');
		assert.equal(h.decrypted, true);
		assert.equal(h.certificateRequest!.distinguishedNames.length, 2);
		assert.deepEqual(h.certificateRequest!.certificateTypes, []);
		assert.ok(h.certificateRequest!.signatureAlgorithms.length > 0);
		assert.deepEqual(h.alerts.map((a) => [a.from, a.description, a.name, a.encrypted]), [['server', 116, 'certificate_required', true]]);
		assert.equal(h.verdict.code, 'client-certificate-missing');
	});

	test('TLS 1.3 with a key log for another connection: not decrypted, said so', () => {
		const h = only('captures/tls13-mtls-nocert.pcap', undefined, 'captures/tls13-mtls-success.keylog');
		assert.equal(h.decrypted, false);
		assert.equal(h.verdict.code, 'tls13-encrypted');
	});

	test('STARTTLS and other protocols before TLS are found by content', () => {
		for (const [file, dns] of [['public/zeek__pop3-starttls.pcap', 0], ['public/zeek__psql-aws-ssl-require.pcap', 1], ['public/zeek__mysql-tls-12-amazon-rds.pcap', 0], ['public/ndpi__ftp-start-tls.pcap', 0], ['public/zeek__xmpp-dialback-starttls.pcap', 0]] as const) {
			const r = readCapture(readFixture(file));
			const withRequest = r.handshakeResults.filter((h) => h.certificateRequest);
			assert.equal(withRequest.length, 1, file);
			assert.equal(withRequest[0]!.certificateRequest!.distinguishedNames.length, dns, file);
		}
	});
});

suite('capture TLS: synthetic conversations', () => {
	test('SSLv2-compatible ClientHello', () => {
		const v2 = Uint8Array.of(0x80, 0x2b, 1, 3, 1, 0, 0x12, 0, 0, 0, 0x10, 0, 0, 0x2f, 0, 0, 0x35, 0, 0, 0x0a, 0, 0, 0x05, 0, 0, 0x04, 0x01, 0, 0x80, ...new Array(16).fill(0x42));
		const frames = conversation([[true, v2], [false, record(22, handshake(2, serverHello(0x0301, 0x002f)), 0x0301)]]);
		const h = read(writePcap(pkts(frames))).handshakeResults[0]!;
		assert.deepEqual(h.versions, { offered: ['TLS 1.0'], selected: 'TLS 1.0' });
		assert.equal(h.cipherSuite, 'TLS_RSA_WITH_AES_128_CBC_SHA');
	});

	test('IIS-style renegotiation inside the encrypted session is reported, not "no request"', () => {
		const frames = conversation([
			[true, record(22, handshake(1, clientHello(0x0303)))],
			[false, record(22, concat([handshake(2, serverHello(0x0303, 0xc02f)), handshake(14, new Uint8Array(0))]))],
			[true, concat([record(22, handshake(16, new Uint8Array(33))), record(20, Uint8Array.of(1)), record(22, new Uint8Array(40))])],
			[false, concat([record(20, Uint8Array.of(1)), record(22, new Uint8Array(40))])],
			[true, record(23, new Uint8Array(300))],
			[false, record(22, new Uint8Array(40))], // encrypted HelloRequest
			[true, record(22, new Uint8Array(400))], // encrypted ClientHello
			[false, record(22, new Uint8Array(3000))], // encrypted ServerHello … CertificateRequest
		]);
		const h = read(writePcap(pkts(frames))).handshakeResults[0]!;
		assert.equal(h.certificateRequest, null);
		assert.equal(h.verdict.code, 'renegotiation-encrypted');
		assert.match(h.verdict.message, /renegotiation inside the encrypted session, as IIS does/);
	});

	test('a 38 KB CertificateRequest over 3 records: over MessageLimitClient', () => {
		const names: Uint8Array[] = [];
		const dn = decodeCertificate(readFixture('pki/root-ca.cer')).value!.subject.der;
		while (names.reduce((n, x) => n + x.length, 0) < 38_700) names.push(concat([Uint8Array.of(dn.length >> 8, dn.length & 0xff), dn]));
		const list = concat(names);
		const body = concat([Uint8Array.of(1, 1, 0, 2, 4, 1, list.length >> 8, list.length & 0xff), list]);
		const msg = concat([handshake(2, serverHello(0x0303, 0xc02f)), handshake(13, body), handshake(14, new Uint8Array(0))]);
		const recs: Uint8Array[] = [];
		for (let i = 0; i < msg.length; i += 16384) recs.push(record(22, msg.subarray(i, i + 16384)));
		const frames = conversation([[true, record(22, handshake(1, clientHello(0x0303)))], [false, concat(recs)]], { port: 8443 });
		const h = read(writePcap(pkts(frames))).handshakeResults[0]!;
		assert.equal(h.certificateRequest!.records, 3);
		assert.equal(h.certificateRequest!.listBytes, list.length);
		assert.match(h.verdict.message, new RegExp(`${names.length} acceptable CA names \\(${list.length.toLocaleString('en-US')} bytes across 3 records\\)`));
		assert.match(h.verdict.message, /a Windows client rejects handshake messages over 32,768 bytes \(MessageLimitClient\)/);
	});

	test('STARTTLS on an unusual port: TLS found after the plaintext', () => {
		const frames = conversation([
			[false, new TextEncoder().encode('220 mail.example ESMTP\r\n')],
			[true, new TextEncoder().encode('EHLO x\r\n')],
			[false, new TextEncoder().encode('250-mail.example\r\n250 STARTTLS\r\n')],
			[true, new TextEncoder().encode('STARTTLS\r\n')],
			[false, new TextEncoder().encode('220 Ready to start TLS\r\n')],
			[true, record(22, handshake(1, clientHello(0x0303)), 0x0301)],
			[false, record(22, handshake(2, serverHello(0x0303, 0xc030)))],
			[false, record(21, Uint8Array.of(2, 40))],
		], { port: 2525 });
		const h = read(writePcap(pkts(frames))).handshakeResults[0]!;
		assert.equal(h.server, '10.0.0.2:2525');
		assert.deepEqual(h.alerts.map((a) => [a.from, a.name]), [['server', 'handshake_failure']]);
		assert.equal(h.verdict.code, 'server-alert');
	});
});
