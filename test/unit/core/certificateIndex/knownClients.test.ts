import * as assert from 'node:assert/strict';
import { CertificateLookup, knownClientCertificates, summarizeCertificate } from '../../../../src/core/certificateIndex';
import { toHex } from '../../../../src/core/crypto';
import { loadCertificatesSync } from '../../../../src/core/x509';
import { readFixture } from '../../../support/fixtures';

function index(...files: string[]): CertificateLookup {
	const lookup = new CertificateLookup();
	for (const f of files) lookup.setFile(f, loadCertificatesSync(readFixture(f)).value.map((c) => summarizeCertificate(f, c)));
	return lookup;
}

suite('workspace client certificates for capture verdicts', () => {
	test('alice with her intermediate and root: her chain names are the Issuing CA and the Root CA', () => {
		const known = knownClientCertificates(index('pki/client-alice.cer', 'pki/intermediate-ca.pem', 'pki/root-ca.pem', 'pki/server.cer'));
		assert.deepEqual(known.map((k) => k.label), ['CN=alice.client,OU=Clients,O=Schannel Lens Lab,C=US'], 'CAs and the server certificate are not clients');
		const intermediate = loadCertificatesSync(readFixture('pki/intermediate-ca.pem')).value[0]!.certificate;
		assert.deepEqual(known[0]!.chainNames.map((d) => toHex(d)), [toHex(intermediate.subject.der), toHex(intermediate.issuer.der)]);
	});

	test('a client without the clientAuth EKU is not a client certificate', () => {
		assert.deepEqual(knownClientCertificates(index('pki/client-no-clientauth-eku.cer')), []);
	});
});
