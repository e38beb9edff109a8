import * as assert from 'node:assert/strict';
import { analyzeReg } from '../../../../src/core/analysis';
import { decodeRegBytes, parseRegBytes, parseRegText } from '../../../../src/core/reg';
import { ALL_STORE_RULES } from '../../../../src/core/stores';
import { readFixture } from '../../../support/fixtures';

const NOW = new Date('2026-11-22T00:00:00Z');

function analyze(relative: string, targetOs = 'Windows Server 2008 R2') {
	const bytes = readFixture(relative);
	return analyzeReg(parseRegBytes(bytes), decodeRegBytes(bytes).text, { targetOs, now: NOW, fileName: relative });
}

/** The lab root export as text, to mutate into positive cases. */
function rootStoreText(): string {
	return decodeRegBytes(readFixture('reg/store-clientauthissuer.v5.reg')).text.replace(/ClientAuthIssuer/g, 'Root');
}

function codesOf(text: string): string[] {
	return analyzeReg(parseRegText(text), text, { now: NOW }).findings.map((f) => f.code);
}

suite('certificates inside .reg exports (issue 5 part 4)', () => {
	test('the lab Root store export: 301 CAs over the 2008 R2 limit, reported on its first store key', () => {
		const a = analyze('reg/store-root-too-long.v5.reg');
		assert.equal(a.certificates.length, 301);
		assert.ok(a.certificates.every((c) => c.certificate && c.sha1MatchesKey), 'every Blob decodes and matches its key name');
		assert.ok(a.issuerList);
		assert.equal(a.issuerList.source.store, 'Root');
		assert.equal(a.issuerList.verdict, 'over');
		assert.ok(a.issuerList.totals.vectorBody > 16_384);
		const f = a.findings.find((x) => x.code === 'sch.issuer-list-sent');
		assert.ok(f);
		// An error since issue 15: 2008 R2 sends the list by default, so clients whose CA is cut fail to log on now.
		assert.equal(f.severity, 'error');
		assert.match(f.message, /^301 CAs in Root → [\d,]+ bytes; Windows Server 2008 R2 sends at most 16,384: about \d+ CAs would be cut/);
	});

	test('REGEDIT4 and version 5 exports of the same store give the same certificates', () => {
		const v5 = analyze('reg/store-root-too-long.v5.reg').certificates.map((c) => c.certificate!.sha1);
		const v4 = analyze('reg/store-root-too-long.regedit4.reg').certificates.map((c) => c.certificate!.sha1);
		assert.deepEqual(v4, v5);
	});

	test('cert.thumbprint-mismatch: positive when the key name is changed, negative as exported', () => {
		const text = rootStoreText();
		assert.ok(!codesOf(text).includes('cert.thumbprint-mismatch'));
		const renamed = text.replace(/(\\Certificates\\)([0-9A-F]{40})/, (_m, p) => `${p}${'0'.repeat(40)}`);
		assert.ok(codesOf(renamed).includes('cert.thumbprint-mismatch'));
	});

	test('cert.blob-undecodable: positive for a damaged Blob, negative as exported', () => {
		const text = rootStoreText();
		assert.ok(!codesOf(text).includes('cert.blob-undecodable'));
		// A certificate element (32) that claims 65,535 bytes but holds two: the whole value replaced.
		const damaged = text.replace(/"Blob"=hex:(?:[^\r\n]*\\\r\n)*[^\r\n]*/, '"Blob"=hex:20,00,00,00,01,00,00,00,ff,ff,00,00,30,82');
		assert.notEqual(damaged, text);
		assert.ok(codesOf(damaged).includes('cert.blob-undecodable'));
	});

	test('cert.non-self-signed-root: positive for the intermediate placed in Root, negative in CA', () => {
		const ca = decodeRegBytes(readFixture('reg/store-ca.v5.reg')).text;
		assert.ok(!codesOf(ca).includes('cert.non-self-signed-root'));
		assert.ok(codesOf(ca.replace(/\\CA\\Certificates\\/g, '\\Root\\Certificates\\')).includes('cert.non-self-signed-root'));
	});

	test('cert.expired-root: positive when checked after the root expires, negative today', () => {
		const text = rootStoreText();
		const a = analyzeReg(parseRegText(text), text, { now: NOW });
		assert.ok(!a.findings.some((f) => f.code === 'cert.expired-root'));
		const later = analyzeReg(parseRegText(text), text, { now: new Date('2199-01-01T00:00:00Z') });
		assert.ok(later.findings.some((f) => f.code === 'cert.expired-root'));
	});

	test('cert.duplicate: positive when a key section appears twice, negative once', () => {
		const text = rootStoreText();
		assert.ok(!codesOf(text).includes('cert.duplicate'));
		const section = /\r\n(\[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\SystemCertificates\\Root\\Certificates\\[0-9A-F]{40}\][\s\S]*?)(?=\r\n\r\n|$)/.exec(text)![1]!;
		assert.ok(codesOf(`${text}\r\n${section}\r\n`).includes('cert.duplicate'));
	});

	test('every store rule has an https source', () => {
		for (const r of ALL_STORE_RULES) assert.match(r.docs, /^https:\/\//, r.code);
	});
});
