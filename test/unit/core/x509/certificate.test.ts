import * as assert from 'node:assert/strict';
import { decodeCertificate, formatRfc4514, formatWindows, loadCertificatesSync } from '../../../../src/core/x509';
import { readFixture } from '../../../support/fixtures';

function cert(file: string) {
	const { value, problems } = decodeCertificate(readFixture(file));
	assert.ok(value, JSON.stringify(problems));
	return value;
}

suite('x509 certificate: decode the lab PKI', () => {
	test('server.cer: names, serial, validity, key, extensions, hashes', () => {
		const c = cert('pki/server.cer');
		assert.equal(formatRfc4514(c.subject), 'CN=localhost,O=Schannel Lens Lab,C=US');
		assert.equal(formatWindows(c.issuer), 'CN=Schannel Lens Lab Issuing CA 1, OU=Fixtures, O=Schannel Lens Lab, C=US');
		assert.equal(c.version, 3);
		assert.match(c.serialHex, /^[0-9A-F]+$/);
		assert.match(c.notBeforeIso, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
		assert.equal(c.publicKey.algorithm, 'rsaEncryption');
		assert.equal(c.publicKey.bits, 2048);
		assert.deepEqual(c.extendedKeyUsage?.map((e) => e.name), ['serverAuth']);
		assert.equal(c.basicConstraints?.ca, false);
		assert.match(c.subjectKeyIdentifier ?? '', /^[0-9A-F]{40}$/);
		assert.equal(c.authorityKeyIdentifier?.keyIdentifier, cert('pki/intermediate-ca.cer').subjectKeyIdentifier);
		assert.equal(c.sha1.length, 40);
		assert.equal(c.sha256.length, 64);
		assert.equal(c.isSelfIssued, false);
		assert.ok(c.subjectAltName?.some((g) => g.type === 'DNS'));
		assert.equal(c.signatureAlgorithm.name, 'sha256WithRSAEncryption');
		assert.ok(c.tbsRange[0] > 0 && c.tbsRange[1] < c.der.length);
	});

	test('root-ca.cer is self-issued and self-signed by name; a CA with keyCertSign', () => {
		const c = cert('pki/root-ca.cer');
		assert.equal(c.isSelfIssued, true);
		assert.equal(c.isSelfSignedByName, true);
		assert.equal(c.basicConstraints?.ca, true);
		assert.ok(c.keyUsage?.includes('keyCertSign'));
	});

	test('EC client: curve and size', () => {
		const c = cert('pki/client-alice-ec.cer');
		assert.equal(c.publicKey.algorithm, 'ecPublicKey');
		assert.ok(c.publicKey.curve && c.publicKey.bits);
	});

	test('client EKUs: clientAuth present / absent', () => {
		assert.ok(cert('pki/client-alice.cer').extendedKeyUsage?.some((e) => e.oid === '1.3.6.1.5.5.7.3.2'));
		assert.ok(!cert('pki/client-no-clientauth-eku.cer').extendedKeyUsage?.some((e) => e.oid === '1.3.6.1.5.5.7.3.2'));
	});

	test('expired client: notAfter in the past', () => {
		assert.ok(cert('pki/client-expired.cer').notAfter.getTime() < Date.now());
	});

	test('every lab .cer equals its .pem', () => {
		for (const base of ['root-ca', 'intermediate-ca', 'server', 'client-alice', 'client-alice-ec', 'client-otherca']) {
			const der = cert(`pki/${base}.cer`);
			const pem = loadCertificatesSync(readFixture(`pki/${base}.pem`)).value[0]!.certificate;
			assert.equal(pem.sha256, der.sha256, base);
		}
	});
});
