// The copies of one certificate come back in one order whatever order the files were indexed in (a .cer first,
// then PEM, then containers, each by file), so hovers and "Show as chain" pick the same copy every time.
import * as assert from 'node:assert/strict';
import { CertificateLookup, summarizeCertificate } from '../../../../src/core/certificateIndex';
import { loadCertificatesSync } from '../../../../src/core/x509';
import { readFixture } from '../../../support/fixtures';

const FILES = ['pki/lab-chain.p7b', 'pki/intermediate-ca.pem', 'pki/intermediate-ca.cer', 'pki/lab-chain.pem'];

function lookupIn(order: readonly string[]): CertificateLookup {
	const lookup = new CertificateLookup();
	for (const f of order) lookup.setFile(f, loadCertificatesSync(readFixture(f)).value.map((c) => summarizeCertificate(f, c)));
	return lookup;
}

suite('certificate index: the order of copies', () => {
	const sha1 = loadCertificatesSync(readFixture('pki/intermediate-ca.cer')).value[0]!.certificate.sha1;
	const subject = loadCertificatesSync(readFixture('pki/intermediate-ca.cer')).value[0]!.certificate.subject.der;
	const hex = [...subject].map((b) => b.toString(16).padStart(2, '0')).join('').toUpperCase();

	test('every indexing order gives the .cer first, then PEM files, then the PKCS #7 file', () => {
		const orders = [FILES, [...FILES].reverse(), [FILES[2]!, FILES[0]!, FILES[3]!, FILES[1]!]];
		const seen = orders.map((o) => lookupIn(o).bySha1(sha1).map((c) => c.file));
		assert.deepEqual(seen[0], ['pki/intermediate-ca.cer', 'pki/intermediate-ca.pem', 'pki/lab-chain.pem', 'pki/lab-chain.p7b']);
		for (const s of seen) assert.deepEqual(s, seen[0]);
		for (const o of orders) assert.deepEqual(lookupIn(o).bySubjectDer(hex).map((c) => c.file), seen[0]);
	});

	test('a file read again keeps its place', () => {
		const lookup = lookupIn(FILES);
		lookup.setFile('pki/intermediate-ca.cer', loadCertificatesSync(readFixture('pki/intermediate-ca.cer')).value.map((c) => summarizeCertificate('pki/intermediate-ca.cer', c)));
		assert.equal(lookup.bySha1(sha1)[0]!.file, 'pki/intermediate-ca.cer');
	});
});
