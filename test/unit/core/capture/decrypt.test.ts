// Issue 14: TLS <=1.2 decryption with a key log (renegotiation as IIS does it, every AEAD and CBC suite,
// TLS 1.0/1.1 PRF, RSA pre-master lines), TLS 1.3 CCM/CCM_8, and damage reported as facts.
// The captures are made by test/fixtures/generate-decrypt.sh (openssl s_server/s_client on 127.0.0.1) and
// generate-decrypt-gnutls.sh (GnuTLS: 3DES and RC4);
// tshark.test.ts compares every one of them with tshark given the same key log.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { KeyLog, readCapture, type CaptureReport } from '../../../../src/core/capture';
import type { CryptoProvider } from '../../../../src/core/crypto';
import { nobleCrypto } from '../../../../src/core/crypto/noble';
import { nodeCrypto } from '../../../../src/shared/nodeCrypto';
import { fixturePath, readFixture } from '../../../support/fixtures';

const SUITES: Record<string, string> = {
	'tls12-reneg-iis': 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
	'tls12-reneg-iis-cbc': 'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384',
	'tls12-mtls-gcm256': 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
	'tls12-mtls-chacha': 'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256',
	'tls12-mtls-ccm': 'TLS_DHE_RSA_WITH_AES_128_CCM',
	'tls12-mtls-ccm8': 'TLS_RSA_WITH_AES_256_CCM_8',
	'tls12-mtls-cbc-sha': 'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA',
	'tls12-mtls-cbc-sha-noetm': 'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA',
	'tls12-mtls-cbc-sha256': 'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256',
	'tls11-mtls-cbc': 'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA',
	'tls10-mtls-cbc-noetm': 'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA',
	'tls13-mtls-ccm': 'TLS_AES_128_CCM_SHA256',
	'tls13-mtls-ccm8': 'TLS_AES_128_CCM_8_SHA256',
	'tls12-mtls-rsakx-gcm': 'TLS_RSA_WITH_AES_128_GCM_SHA256',
	// GnuTLS on both sides (generate-decrypt-gnutls.sh: this machine's OpenSSL has no 3DES suite): native
	// des-ede3-cbc with nodeCrypto, the core's own 3DES with nobleCrypto (which has none).
	'tls12-mtls-3des': 'TLS_RSA_WITH_3DES_EDE_CBC_SHA',
	// GnuTLS too: RC4 (pure TypeScript for both providers; its keystream runs through the application data).
	'tls12-mtls-rc4': 'TLS_RSA_WITH_RC4_128_SHA',
};

function read(name: string, crypto: CryptoProvider, keylog: string | null = readFileSync(fixturePath(`captures/${name}.keylog`), 'utf8')): CaptureReport {
	const keyLog = new KeyLog();
	if (keylog !== null) assert.deepEqual(keyLog.addText(keylog), [], 'key log lines');
	return readCapture(readFixture(`captures/${name}.pcapng`), { keyLog, crypto }, 4096);
}

for (const crypto of [nodeCrypto, nobleCrypto]) {
	suite(`capture decryption with a key log (${crypto.name} crypto)`, () => {
		test('TLS 1.2 renegotiation (IIS): the second handshake with its CertificateRequest, certificates and verdict', () => {
			for (const name of ['tls12-reneg-iis', 'tls12-reneg-iis-cbc']) {
				const r = read(name, crypto);
				assert.deepEqual(r.problemList, [], name);
				assert.equal(r.handshakeResults.length, 2, name);
				const [first, second] = r.handshakeResults as [CaptureReport['handshakeResults'][0], CaptureReport['handshakeResults'][0]];
				assert.equal(first.renegotiation, false);
				assert.equal(first.certificateRequest, null);
				assert.equal(first.verdict.code, 'no-client-certificate-request-before-renegotiation');
				assert.equal(second.renegotiation, true);
				assert.equal(second.decrypted, true);
				assert.equal(second.certificateRequest?.distinguishedNames.length, 2);
				assert.match(second.certificateRequest!.distinguishedNames[0]!.text, /Schannel Lens Lab/);
				assert.equal(second.serverCertificates.length, 2);
				assert.equal(second.clientCertificates?.length, 2);
				assert.match(second.verdict.message, /requested by renegotiation/);
				assert.equal(second.verdict.code, 'mutual-tls-ok');
				assert.equal(second.verdict.kind, 'conclusion');
				assert.equal(second.complete, true);
				assert.equal(second.cipherSuite, SUITES[name]);
				// close_notify from both sides: encrypted on the wire, decrypted.
				assert.deepEqual(second.alerts.map((a) => [a.encrypted, a.description]), [[true, 0], [true, 0]]);
			}
		});

		test('every suite decrypts: CertificateRequest, client certificate, Finished both ways, close_notify', () => {
			for (const [name, suite] of Object.entries(SUITES)) {
				if (name.includes('reneg')) continue;
				const r = read(name, crypto);
				assert.deepEqual(r.problemList, [], name);
				assert.equal(r.handshakeResults.length, 1, name);
				const h = r.handshakeResults[0]!;
				assert.equal(h.cipherSuite, suite, name);
				assert.equal(h.decrypted, true, name);
				assert.ok(h.facts.clientFinished && h.facts.serverFinished, name);
				assert.equal(h.certificateRequest?.distinguishedNames.length, 2, name);
				assert.equal(h.clientCertificates?.length, 2, name);
				assert.equal(h.verdict.code, 'mutual-tls-ok', `${name}: ${h.verdict.message}`);
				assert.ok(h.alerts.length > 0 && h.alerts.every((a) => a.encrypted && a.description === 0), `${name}: ${JSON.stringify(h.alerts)}`);
			}
		});
	});
}

suite('capture decryption: without keys and with wrong keys', () => {
	test('without the key log the renegotiation stays encrypted (and says so)', () => {
		const r = read('tls12-reneg-iis', nodeCrypto, null);
		assert.equal(r.handshakeResults.length, 1);
		assert.equal(r.handshakeResults[0]!.verdict.code, 'renegotiation-encrypted');
		assert.ok(r.handshakeResults[0]!.alerts.every((a) => a.encrypted && a.description === null));
	});

	test('a key log whose secret is wrong: a problem naming the record, decryption stops, nothing invented', () => {
		const text = readFileSync(fixturePath('captures/tls12-mtls-chacha.keylog'), 'utf8').replace(/([0-9a-f])(\s*)$/i, (_m, c: string, ws: string) => `${c === '0' ? '1' : '0'}${ws}`);
		const r = read('tls12-mtls-chacha', nodeCrypto, text);
		assert.ok(r.problemList.some((p) => /does not decrypt with the key log's secret/.test(p.message) && p.frame !== null && p.offset !== null), JSON.stringify(r.problemList));
		const h = r.handshakeResults[0]!;
		assert.equal(h.facts.decryptFailed, true);
		assert.ok(h.alerts.every((a) => a.description === null));
	});

	test('RSA key log lines (pre-master secret) with the extended master secret', () => {
		const keylog = readFileSync(fixturePath('captures/tls12-mtls-rsakx-gcm.keylog'), 'utf8');
		assert.match(keylog, /^RSA [0-9a-f]{16} [0-9a-f]{96}\n$/);
		const h = read('tls12-mtls-rsakx-gcm', nodeCrypto).handshakeResults[0]!;
		assert.equal(h.decrypted, true);
		assert.equal(h.facts.serverFinished, true);
	});
});

suite('capture damage is a fact, not a verdict', () => {
	test('a pcapng cut at 9,000 bytes: incomplete, never "the server did not ask for a client certificate"', () => {
		const file = readFixture('captures/tls12-mtls-bigcalist.pcapng');
		const r = readCapture(file.subarray(0, 9000));
		assert.equal(r.handshakeResults.length, 1);
		const h = r.handshakeResults[0]!;
		assert.equal(h.complete, false);
		assert.equal(h.end, 'capture-end');
		assert.equal(h.verdict.kind, 'incomplete');
		assert.equal(h.verdict.code, 'incomplete');
		assert.match(h.verdict.message, /^Incomplete: the capture ends before the end of the server's first flight/);
		assert.doesNotMatch(h.verdict.message, /did not ask/);
		assert.ok(h.verdict.missing);
		const cut = r.problemList.find((p) => /capture ends in the middle of a TLS record/.test(p.message));
		assert.ok(cut && cut.frame !== null && cut.offset !== null, JSON.stringify(r.problemList));
	});

	test('the whole file: complete, and a conclusion', () => {
		const h = readCapture(readFixture('captures/tls12-mtls-bigcalist.pcapng')).handshakeResults[0]!;
		assert.equal(h.complete, true);
		assert.equal(h.verdict.kind, 'conclusion');
	});

	test('cut after the CertificateRequest: the client answer is what is missing', () => {
		const file = readFixture('captures/tls12-mtls-success.pcapng');
		const full = readCapture(file).handshakeResults[0]!;
		assert.ok(full.certificateRequest);
		// Find the smallest prefix holding the CertificateRequest.
		let h = full;
		for (let cut = 1000; cut < file.length; cut += 100) {
			const r = readCapture(file.subarray(0, cut)).handshakeResults[0];
			if (r?.certificateRequest) {
				h = r;
				break;
			}
		}
		assert.equal(h.verdict.kind, 'incomplete');
		assert.match(h.verdict.message, /the capture ends before the client's answer/);
	});
});
