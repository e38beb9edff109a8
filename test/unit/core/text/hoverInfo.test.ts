// Issue 3 parts 4 and 5: hover data (RDNs, DER sizes, matches) over the pure index lookups, on real fixtures.
import * as assert from 'node:assert/strict';
import { CertificateLookup, summarizeCertificate } from '../../../../src/core/certificateIndex';
import { dnInfo, pemInfo } from '../../../../src/core/text';
import { loadCertificatesSync, nameAttributes } from '../../../../src/core/x509';
import { readFixture } from '../../../support/fixtures';

function lookupOf(...files: string[]): CertificateLookup {
	const lookup = new CertificateLookup();
	for (const f of files) lookup.setFile(f, loadCertificatesSync(readFixture(f)).value.map((c) => summarizeCertificate(f, c)));
	return lookup;
}

suite('core/text: DN hover data', () => {
	const lookup = lookupOf('pki/client-alice.cer', 'pki/intermediate-ca.cer', 'pki/root-ca.cer', 'pki/lab-chain.p7b', 'pki/bundle-300.pem');

	test('Windows-format DN: RDNs most specific first, exact sizes from the matching certificate', () => {
		const subject = loadCertificatesSync(readFixture('pki/client-alice.cer')).value[0]!.certificate.subject;
		const der = subject.der;
		const types = nameAttributes(subject).reverse().map((a) => a.tagName);
		const info = dnInfo('CN=alice.client, OU=Clients, O=Schannel Lens Lab, C=US', lookup)!;
		assert.deepEqual(info.rdns.map((r) => `${r.label}=${r.value} ${r.type}`), ['CN=alice.client', 'OU=Clients', 'O=Schannel Lens Lab', 'C=US'].map((x, i) => `${x} ${types[i]}`));
		assert.equal(info.exact, true);
		assert.equal(info.derBytes, der.length);
		assert.equal(info.issuerListBytes, der.length + 2);
		assert.deepEqual(info.matches.map((m) => m.file), ['pki/client-alice.cer']);
	});

	test('a CA in two files is listed once per file; other spellings of the DN match too', () => {
		for (const text of ['CN=Schannel Lens Lab Root CA, OU=Fixtures, O=Schannel Lens Lab, C=US', '/C=US/O=Schannel Lens Lab/OU=Fixtures/CN=Schannel Lens Lab Root CA', 'cn=schannel lens lab root ca,ou=fixtures,o=schannel lens lab,c=us']) {
			const info = dnInfo(text, lookup)!;
			assert.deepEqual(new Set(info.matches.map((m) => m.file)), new Set(['pki/root-ca.cer', 'pki/lab-chain.p7b', 'pki/bundle-300.pem']), text);
			assert.equal(info.exact, true);
		}
	});

	test('BMPString names from the bundle: the exact types come from the certificate', () => {
		const info = dnInfo('CN=Ωmega CA 002, O=Ωmega 認証, C=JP', lookup)!;
		assert.equal(info.matches.length, 1);
		assert.deepEqual(info.rdns.map((r) => r.type), ['BMPString', 'BMPString', 'PrintableString']);
	});

	test('unknown DN: estimated sizes, no matches', () => {
		const info = dnInfo('CN=Nobody, O=Nowhere, C=US', lookup)!;
		assert.equal(info.exact, false);
		assert.equal(info.matches.length, 0);
		assert.match(info.rdns[0]!.type, /estimated/);
		assert.equal(info.issuerListBytes, info.derBytes + 2);
	});

	test('TeletexString and multi-valued RDNs keep their exact encoding', () => {
		assert.deepEqual(dnInfo('CN=Télécom Racine 003, O=Télécom, C=FR', lookup)!.rdns.map((r) => r.type), ['TeletexString', 'TeletexString', 'PrintableString']);
		const multi = dnInfo('OU=Ops + CN=Multi CA 004, DC=example, DC=org', lookup)!;
		assert.equal(multi.matches.length, 1);
		assert.deepEqual(multi.rdns.map((r) => r.multiValued), [true, true, false, false]);
	});

	test('text that does not parse as a DN gives nothing', () => {
		assert.equal(dnInfo('CN', lookup), undefined);
	});

	test('issuerPath: leaf → issuing CA → root, by subject DER and key identifiers', () => {
		const leaf = lookup.inFile('pki/client-alice.cer')[0]!;
		assert.deepEqual(lookup.issuerPath(leaf).map((c) => c?.title), ['Schannel Lens Lab Issuing CA 1', 'Schannel Lens Lab Root CA']);
		const lone = lookupOf('pki/client-alice.cer');
		assert.deepEqual(lone.issuerPath(leaf), [undefined]);
	});

	test('setFile replaces and removeFile forgets', () => {
		const l = lookupOf('pki/client-alice.cer');
		const sha1 = l.inFile('pki/client-alice.cer')[0]!.sha1;
		assert.equal(l.bySha1(sha1.toLowerCase().match(/../g)!.join(':')).length, 1);
		l.setFile('pki/client-alice.cer', []);
		assert.equal(l.count, 0);
		assert.equal(l.bySha1(sha1).length, 0);
	});
});

suite('core/text: PEM hover data', () => {
	test('a certificate block decodes to a summary', () => {
		const text = new TextDecoder('latin1').decode(readFixture('pki/client-expired.pem'));
		const { certificates, problems } = pemInfo(text, new Date('2025-06-01T00:00:00Z'));
		assert.deepEqual(problems, []);
		assert.equal(certificates.length, 1);
		assert.equal(certificates[0]!.subject, 'CN=dave.expired.client, OU=Clients, O=Schannel Lens Lab, C=US');
		assert.equal(certificates[0]!.state, 'expired');
	});

	test('a corrupted block reports problems and no certificate', () => {
		const { certificates, problems } = pemInfo('-----BEGIN CERTIFICATE-----\nMIIB$$$\n-----END CERTIFICATE-----', new Date());
		assert.equal(certificates.length, 0);
		assert.ok(problems.some((p) => /invalid base64/.test(p)));
	});
});
