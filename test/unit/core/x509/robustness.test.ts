import * as assert from 'node:assert/strict';
import { decodeCertificate, findPemBlocks, loadCertificates, loadCertificatesSync, parseDn, parseSerializedElement, type X509Problem } from '../../../../src/core/x509';
import { prng, readFixture } from '../../../support/fixtures';

function checkProblems(problems: readonly X509Problem[], length: number): void {
	for (const p of problems) {
		assert.ok(p.offset >= 0 && p.offset <= length, `offset ${p.offset} within 0..${length}`);
		assert.ok(p.message.length > 0);
	}
}

suite('x509 robustness: bad input gives problems, never exceptions', function () {
	this.timeout(120_000);
	const der = readFixture('pki/server.cer');

	test('truncated DER at every 37th offset: an error with an offset, no certificate', () => {
		for (let n = 0; n < der.length; n += 37) {
			const cut = der.subarray(0, n);
			const r = loadCertificatesSync(cut);
			assert.equal(r.value.length, 0, `cut at ${n}`);
			assert.ok(r.problems.some((p) => p.severity === 'error'), `cut at ${n}`);
			checkProblems(r.problems, cut.length);
		}
	});

	test('the 434-certificate SST truncated at 200 offsets: never throws', () => {
		const sst = readFixture('public/t0rik__winrootCAupdate__roots.sst');
		const rnd = prng(37);
		for (let n = 0; n < 200; n++) {
			const cut = sst.subarray(0, Math.floor(rnd() * sst.length));
			const r = loadCertificatesSync(cut);
			checkProblems(r.problems, cut.length);
		}
	});

	test('bit flips in a certificate: problems or a certificate, never an exception', () => {
		const rnd = prng(99);
		for (let n = 0; n < 2000; n++) {
			const copy = der.slice();
			for (let k = 0; k < 1 + (n % 4); k++) copy[Math.floor(rnd() * copy.length)] = Math.floor(rnd() * 256);
			const r = decodeCertificate(copy);
			checkProblems(r.problems, copy.length);
			assert.ok(r.value !== undefined || r.problems.length > 0);
		}
	});

	test('corrupted PEM: bad characters, missing END, truncated base64', () => {
		const pem = new TextDecoder().decode(readFixture('pki/server.pem'));
		const bad = new TextEncoder().encode(pem.replace(/[A-Za-z]{4}\n/, '!@#$\n'));
		const r = loadCertificatesSync(bad);
		assert.ok(r.problems.some((p) => /invalid base64 character/.test(p.message)));
		checkProblems(r.problems, bad.length);
		const noEnd = loadCertificatesSync(new TextEncoder().encode(pem.replace(/-----END CERTIFICATE-----/, '')));
		assert.ok(noEnd.problems.some((p) => /no "-----END CERTIFICATE-----"/.test(p.message)));
		const half = loadCertificatesSync(new TextEncoder().encode(pem.slice(0, pem.length / 2)));
		assert.equal(half.value.length, 0);
		assert.ok(half.problems.some((p) => p.severity === 'error'));
		assert.equal(findPemBlocks(new TextEncoder().encode('-----BEGIN CERTIFICATE-----')).value.length, 1);
	});

	test('empty input and a PEM without certificates', () => {
		assert.match(loadCertificatesSync(new Uint8Array()).problems[0]!.message, /empty/);
		const key = loadCertificatesSync(readFixture('pki/server.key'));
		assert.equal(key.value.length, 0);
		assert.ok(key.problems.some((p) => /no certificate found/.test(p.message)));
	});

	test('garbage Blobs and DN strings', () => {
		const rnd = prng(5);
		for (let n = 0; n < 500; n++) {
			const bytes = Uint8Array.from({ length: Math.floor(rnd() * 64) }, () => Math.floor(rnd() * 256));
			bytes.set([0x20, 0, 0, 0, 1, 0, 0, 0].slice(0, bytes.length));
			checkProblems(parseSerializedElement(bytes).problems, bytes.length);
			const s = Array.from({ length: Math.floor(rnd() * 30) }, () => 'CN=,;+"\\#= aO.1'[Math.floor(rnd() * 15)]).join('');
			const p = parseDn(s);
			checkProblems(p.problems, s.length);
		}
	});

	test('50 MB of random bytes: a "no certificate found" problem, quickly (and async PKCS#12 path too)', async () => {
		const rnd = prng(50);
		const big = new Uint8Array(50 * 1024 * 1024);
		const view = new Uint32Array(big.buffer);
		for (let i = 0; i < view.length; i++) view[i] = Math.floor(rnd() * 0x100000000);
		big[0] = 0x42;
		const r = await loadCertificates(big);
		assert.equal(r.value.length, 0);
		assert.match(r.problems[0]!.message, /no certificate found/);
		big[0] = 0x30; // now it claims to be DER
		const d = await loadCertificates(big);
		assert.equal(d.value.length, 0);
		assert.ok(d.problems.length > 0);
	});

	test('PFX: truncated and bit-flipped files never throw', async () => {
		const pfx = readFixture('pki/client-alice-legacy.pfx');
		const rnd = prng(12);
		for (let n = 0; n < 60; n++) {
			const copy = n % 2 ? pfx.subarray(0, Math.floor(rnd() * pfx.length)) : pfx.slice();
			if (n % 2 === 0) copy[Math.floor(rnd() * copy.length)] ^= 1 << Math.floor(rnd() * 8);
			const r = await loadCertificates(copy, { password: 'test', crypto: globalThis.crypto.subtle });
			checkProblems(r.problems, copy.length);
		}
	});
});
