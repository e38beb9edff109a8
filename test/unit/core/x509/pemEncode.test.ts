import * as assert from 'node:assert/strict';
import { decodeBase64, encodeBase64, findPemBlocks, loadCertificatesSync, toPem } from '../../../../src/core/x509';
import { prng, readFixture } from '../../../support/fixtures';

suite('PEM and base64 encoding in the core (one place for the editor, the capture editor and the CLI)', () => {
	test('base64 equals Node\'s for every length 0..300 of random bytes', () => {
		const rnd = prng(7);
		for (let n = 0; n <= 300; n++) {
			const bytes = Uint8Array.from({ length: n }, () => Math.floor(rnd() * 256));
			assert.equal(encodeBase64(bytes), Buffer.from(bytes).toString('base64'), `length ${n}`);
			assert.deepEqual(decodeBase64(encodeBase64(bytes)).value, bytes);
		}
	});

	test('toPem of a certificate reads back as the same certificate, 64 characters a line', () => {
		const der = loadCertificatesSync(readFixture('pki/root-ca.cer')).value[0]!.der;
		const pem = toPem(der);
		assert.match(pem, /^-----BEGIN CERTIFICATE-----\n([A-Za-z0-9+/]{64}\n)+[A-Za-z0-9+/=]{1,64}\n-----END CERTIFICATE-----\n$/);
		assert.deepEqual(findPemBlocks(new TextEncoder().encode(pem)).value[0]!.der, der);
	});
});
