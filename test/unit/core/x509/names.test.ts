import * as assert from 'node:assert/strict';
import {
	certificateRequestBytes, decodeName, describeNameTypes, formatRfc4514, formatWindows, loadCertificatesSync, namesLookAlike, parseDn, sameNameBytes, sameNameCryptoApi, Tag, type Name,
} from '../../../../src/core/x509';
import { toHex } from '../../../../src/core/crypto';
import { readFixture } from '../../../support/fixtures';

function dn(text: string): Name {
	const r = parseDn(text);
	assert.ok(r.value, `${text}: ${JSON.stringify(r.problems)}`);
	return r.value;
}

suite('x509 names: parse DN strings and print them (RFC 4514 and Windows)', () => {
	const cases: { input: string; rfc: string; windows: string; tags?: number[] }[] = [
		{ input: 'CN=Alice,OU=Users,O=Lab,C=US', rfc: 'CN=Alice,OU=Users,O=Lab,C=US', windows: 'CN=Alice, OU=Users, O=Lab, C=US', tags: [Tag.PRINTABLE_STRING, Tag.PRINTABLE_STRING, Tag.PRINTABLE_STRING, Tag.PRINTABLE_STRING] },
		{ input: 'CN=Alice, OU=Users, O=Lab, C=US', rfc: 'CN=Alice,OU=Users,O=Lab,C=US', windows: 'CN=Alice, OU=Users, O=Lab, C=US' },
		{ input: 'CN=Alice; OU=Users; O=Lab; C=US', rfc: 'CN=Alice,OU=Users,O=Lab,C=US', windows: 'CN=Alice, OU=Users, O=Lab, C=US' },
		{ input: '/C=US/O=Lab/OU=Users/CN=Alice', rfc: 'CN=Alice,OU=Users,O=Lab,C=US', windows: 'CN=Alice, OU=Users, O=Lab, C=US' },
		{ input: 'CN="Smith, John", O=Lab', rfc: 'CN=Smith\\, John,O=Lab', windows: 'CN="Smith, John", O=Lab' },
		{ input: 'CN=Smith\\, John,O=Lab', rfc: 'CN=Smith\\, John,O=Lab', windows: 'CN="Smith, John", O=Lab' },
		{ input: 'CN="Say ""hi""", O=Lab', rfc: 'CN=Say \\"hi\\",O=Lab', windows: 'CN="Say ""hi""", O=Lab' },
		{ input: 'CN=Prüf GmbH,C=DE', rfc: 'CN=Prüf GmbH,C=DE', windows: 'CN=Prüf GmbH, C=DE', tags: [Tag.PRINTABLE_STRING, Tag.UTF8_STRING] },
		{ input: 'CN=Pr\\C3\\BCf,C=DE', rfc: 'CN=Prüf,C=DE', windows: 'CN=Prüf, C=DE' },
		{ input: 'E=pki@example.com, CN=Mail CA, DC=example, DC=org', rfc: 'emailAddress=pki@example.com,CN=Mail CA,DC=example,DC=org', windows: 'E=pki@example.com, CN=Mail CA, DC=example, DC=org', tags: [Tag.IA5_STRING, Tag.IA5_STRING, Tag.PRINTABLE_STRING, Tag.IA5_STRING] },
		{ input: 'S=Washington, L=Redmond, ST=WA, T=Boss, G=Ann, SN=Lee, SERIALNUMBER=42', rfc: 'ST=Washington,L=Redmond,ST=WA,title=Boss,GN=Ann,SN=Lee,serialNumber=42', windows: 'S=Washington, L=Redmond, S=WA, T=Boss, G=Ann, SN=Lee, SERIALNUMBER=42' },
		{ input: 'CN=Ops + OU=Team, O=Lab', rfc: 'OU=Team+CN=Ops,O=Lab', windows: 'CN=Ops + OU=Team, O=Lab' },
		{ input: 'OID.1.2.3.4=#0c03616263, CN=x', rfc: '1.2.3.4=#0c03616263,CN=x', windows: 'OID.1.2.3.4=abc, CN=x', tags: [Tag.PRINTABLE_STRING, Tag.UTF8_STRING] },
		{ input: '2.5.4.3=#13024142', rfc: 'CN=AB', windows: 'CN=AB', tags: [Tag.PRINTABLE_STRING] },
		{ input: 'CN=\\ lead and trail\\ ', rfc: 'CN=\\ lead and trail\\ ', windows: 'CN=" lead and trail "' },
		{ input: 'CN=#hash', rfc: '', windows: '' },
	];
	for (const c of cases) {
		test(`${c.input}`, () => {
			const r = parseDn(c.input);
			if (c.rfc === '') {
				assert.equal(r.value, undefined);
				assert.ok(r.problems.length > 0);
				return;
			}
			assert.ok(r.value, JSON.stringify(r.problems));
			assert.equal(formatRfc4514(r.value), c.rfc);
			assert.equal(formatWindows(r.value), c.windows);
			if (c.tags) assert.deepEqual(r.value.rdns.flatMap((x) => x.attributes.map((a) => a.tag)), c.tags);
			// Parsing our own output gives the same bytes back.
			assert.ok(sameNameBytes(dn(c.rfc), r.value), 'RFC 4514 output round-trips');
			assert.ok(namesLookAlike(dn(c.windows), r.value), 'Windows output reads the same');
		});
	}

	test('problems carry character offsets', () => {
		const r = parseDn('CN=a, XX=b');
		assert.equal(r.value, undefined);
		assert.equal(r.problems[0]!.offset, 6);
		assert.match(r.problems[0]!.message, /unknown attribute type "XX"/);
		assert.match(parseDn('CN="open').problems[0]!.message, /unterminated/);
		assert.equal(parseDn('').value?.rdns.length, 0);
	});

	test('CertificateRequest bytes: 2 + DER length', () => {
		const name = dn('CN=Alice,O=Lab,C=US');
		assert.equal(certificateRequestBytes(name), 2 + name.der.length);
		assert.equal(toHex(name.der).slice(0, 2), '30');
	});

	test('same text, different string type: bytes differ, names look alike', () => {
		const printable = dn('CN=Lab Root,C=US');
		const utf8 = decodeName(Uint8Array.from([0x30, 0x22, 0x31, 0x0b, 0x30, 0x09, 0x06, 0x03, 0x55, 0x04, 0x06, 0x13, 0x02, 0x55, 0x53, 0x31, 0x13, 0x30, 0x11, 0x06, 0x03, 0x55, 0x04, 0x03, 0x0c, 0x0a, ...new TextEncoder().encode('lab  root')]), 0);
		assert.equal(utf8.value, undefined, 'length mismatch is a problem, not an exception');
		const good = Uint8Array.from([0x30, 0x21, 0x31, 0x0b, 0x30, 0x09, 0x06, 0x03, 0x55, 0x04, 0x06, 0x13, 0x02, 0x55, 0x53, 0x31, 0x12, 0x30, 0x10, 0x06, 0x03, 0x55, 0x04, 0x03, 0x0c, 0x09, ...new TextEncoder().encode('lab  root')]);
		const other = decodeName(good).value!;
		assert.equal(sameNameBytes(printable, other), false);
		assert.equal(sameNameCryptoApi(printable, other), false);
		assert.equal(namesLookAlike(printable, other), true);
		assert.deepEqual(describeNameTypes(other), ['CN=lab  root (UTF8String)', 'C=US (PrintableString)']);
	});

	test('bundle-300.pem: string types (UTF8, Printable, BMP, Teletex, IA5) and DER bytes are preserved', () => {
		const { value, problems } = loadCertificatesSync(readFixture('pki/bundle-300.pem'));
		assert.equal(problems.filter((p) => p.severity === 'error').length, 0);
		assert.ok(value.length >= 300);
		const tags = new Set<number>();
		let multi = 0;
		for (const { certificate: c } of value) {
			for (const name of [c.subject, c.issuer]) {
				// Name.der is exactly the bytes inside the certificate.
				const at = c.der.findIndex((_, i) => name.der.every((b, j) => c.der[i + j] === b));
				assert.ok(at > 0, 'subject/issuer DER found verbatim in the certificate');
				const again = decodeName(name.der).value!;
				assert.ok(sameNameBytes(again, name));
				assert.equal(formatRfc4514(again), formatRfc4514(name));
				for (const rdn of name.rdns) {
					if (rdn.attributes.length > 1) multi++;
					for (const a of rdn.attributes) tags.add(a.tag);
				}
			}
			// Printing and re-parsing gives a name that reads the same (types may differ: that is the point).
			assert.ok(namesLookAlike(dn(formatRfc4514(c.subject)), c.subject), formatRfc4514(c.subject));
			assert.ok(namesLookAlike(dn(formatWindows(c.subject)), c.subject), formatWindows(c.subject));
		}
		for (const t of [Tag.UTF8_STRING, Tag.PRINTABLE_STRING, Tag.BMP_STRING, Tag.TELETEX_STRING, Tag.IA5_STRING]) assert.ok(tags.has(t), `tag 0x${t.toString(16)} present`);
		assert.ok(multi > 0, 'multi-valued RDNs present');
	});
});
