// Issue 3 part 4: finding DNs, thumbprints and PEM blocks in text (pure core/text scanners).
import * as assert from 'node:assert/strict';
import { findDnAt, findDns, findThumbprintAt, listPemBlocks, pemBlockAt, scanWindow, type LineSource } from '../../../../src/core/text';

const ISSUING = 'CN=Schannel Lens Lab Issuing CA 1, OU=Fixtures, O=Schannel Lens Lab, C=US';

suite('core/text: DNs in a line', () => {
	const cases: { name: string; line: string; want: string[] }[] = [
		{ name: 'certutil one-line form', line: `  Issuer: ${ISSUING}`, want: [ISSUING] },
		{ name: 'sentence ending in a country code', line: `The chain ends at ${ISSUING}.`, want: [ISSUING] },
		{ name: 'XML element', line: `<Issuer>${ISSUING}</Issuer>`, want: [ISSUING] },
		{ name: '.reg string value', line: `"TrustedIssuer"="${ISSUING}"`, want: [ISSUING] },
		{ name: 'RFC 4514 without spaces', line: 'dn: CN=alice.client,OU=Clients,O=Schannel Lens Lab,C=US', want: ['CN=alice.client,OU=Clients,O=Schannel Lens Lab,C=US'] },
		{ name: 'OpenSSL slash form', line: 'subject=/C=US/O=Schannel Lens Lab/OU=Clients/CN=alice.client', want: ['/C=US/O=Schannel Lens Lab/OU=Clients/CN=alice.client'] },
		{ name: 'quoted value with a comma', line: 'Issuer: CN=Foo CA, O="VeriSign, Inc.", C=US', want: ['CN=Foo CA, O="VeriSign, Inc.", C=US'] },
		{ name: 'multi-valued RDN', line: 'CN=Multi CA 004+OU=Ops,DC=example,DC=org', want: ['CN=Multi CA 004+OU=Ops,DC=example,DC=org'] },
		{ name: 'ends before prose after a comma', line: 'Subject CN=alice, which was rejected', want: ['CN=alice'] },
		{ name: 'two DNs on one line', line: `Issuer: ${ISSUING}\tSubject: CN=alice.client, O=Lab`, want: [ISSUING, 'CN=alice.client, O=Lab'] },
		{ name: 'not a DN: key=value noise', line: 'rc=0, s=1, t=2 c=3', want: [] },
		{ name: 'not a DN: a lone weak attribute', line: 'S=WA', want: [] },
		{ name: 'not a DN: inside a word', line: 'ABC=1, XCN=2', want: [] },
	];
	for (const c of cases) {
		test(c.name, () => {
			assert.deepEqual(findDns(c.line).map((d) => d.text), c.want);
		});
	}

	test('findDnAt: only when the position is inside the DN, with exact bounds', () => {
		const line = `  Issuer: ${ISSUING}`;
		const start = line.indexOf('CN=');
		assert.equal(findDnAt(line, start - 1), undefined);
		assert.deepEqual(findDnAt(line, start), { start, end: line.length, text: ISSUING });
		assert.equal(findDnAt(line, line.length - 1)?.text, ISSUING);
		assert.equal(findDnAt(line, 0), undefined);
	});

	test('a very long line is scanned only around the position', () => {
		const line = `${'x'.repeat(100_000)} ${ISSUING} ${'y'.repeat(100_000)}`;
		assert.deepEqual(scanWindow(line, 100_010), { from: 100_010 - 4096, to: 100_010 + 4096 });
		assert.equal(findDnAt(line, 100_005)?.text, ISSUING);
	});
});

suite('core/text: thumbprints', () => {
	const sha1 = '6E53843B4C18555C48355DB8377C1F99E2299A6D';
	const forms = [sha1.toLowerCase(), sha1, sha1.match(/../g)!.join(' '), sha1.match(/../g)!.join(':'), sha1.toLowerCase().match(/../g)!.join(' ')];
	for (const form of forms) {
		test(`"${form.slice(0, 14)}…"`, () => {
			const line = `Cert Hash(sha1): ${form} end`;
			const found = findThumbprintAt(line, 20);
			assert.equal(found?.sha1, sha1);
			assert.equal(found?.text, form);
		});
	}

	test('not part of a longer hex string (SHA-256, git hashes, hex dumps)', () => {
		assert.equal(findThumbprintAt('a'.repeat(64), 10), undefined);
		assert.equal(findThumbprintAt(Array.from({ length: 32 }, () => 'ab').join(':'), 10), undefined);
		assert.equal(findThumbprintAt(Array.from({ length: 24 }, () => 'ab').join(' '), 10), undefined);
		assert.equal(findThumbprintAt('short 6e53843b', 8), undefined);
	});
});

function lines(text: string): LineSource {
	const all = text.split('\n');
	return { lineCount: all.length, lineAt: (n) => ({ text: all[n]! }) };
}

suite('core/text: PEM blocks by line', () => {
	const doc = lines(['intro', '-----BEGIN CERTIFICATE-----', 'MIIB', '-----END CERTIFICATE-----', '', '-----BEGIN PRIVATE KEY-----', 'MIIE', '-----END PRIVATE KEY-----', '-----BEGIN CERTIFICATE-----', 'MIIC'].join('\n'));

	test('listPemBlocks: complete blocks only, with labels', () => {
		assert.deepEqual(listPemBlocks(doc), [
			{ label: 'CERTIFICATE', startLine: 1, endLine: 3 },
			{ label: 'PRIVATE KEY', startLine: 5, endLine: 7 },
		]);
	});

	test('pemBlockAt: inside, on the markers, outside, and in an unterminated block', () => {
		assert.equal(pemBlockAt(doc, 2)?.startLine, 1);
		assert.equal(pemBlockAt(doc, 1)?.endLine, 3);
		assert.equal(pemBlockAt(doc, 3)?.startLine, 1);
		assert.equal(pemBlockAt(doc, 4), undefined);
		assert.equal(pemBlockAt(doc, 0), undefined);
		assert.equal(pemBlockAt(doc, 9), undefined);
	});
});
