import * as assert from 'node:assert/strict';
import { decodePssParams, ecdsaDerToP1363, SignatureChecker, signedParts } from '../../../../src/core/chain';
import { cert } from './scenarios';

suite('chain signatures (injected WebCrypto)', () => {
	const checker = new SignatureChecker(globalThis.crypto.subtle);
	const cases: [string, string, string, 'valid' | 'invalid' | 'unsupported', RegExp][] = [
		['RSA PKCS#1 v1.5 SHA-256', 'leaf.pem', 'int.pem', 'valid', /sha256WithRSAEncryption/],
		['RSA PKCS#1 v1.5 SHA-1', 'leafweak.pem', 'int.pem', 'valid', /sha1WithRSAEncryption/],
		['RSA-PSS SHA-384 (params from the AlgorithmIdentifier)', 'intec.pem', 'root.pem', 'valid', /rsassaPss/],
		['ECDSA P-384 SHA-384', 'leafec.pem', 'intec.pem', 'valid', /ecdsaWithSHA384/],
		['ECDSA P-256 self-signed', 'selfp256.pem', 'selfp256.pem', 'valid', /ecdsaWithSHA256/],
		['ECDSA P-521 SHA-512 self-signed', 'selfp521.pem', 'selfp521.pem', 'valid', /ecdsaWithSHA512/],
		['Ed25519', 'leafed.pem', 'inted.pem', 'valid', /Ed25519/],
		['flipped byte', 'leafbadsig.pem', 'int.pem', 'invalid', /sha256WithRSAEncryption/],
		['wrong issuer key', 'leaf.pem', 'intdecoy.pem', 'invalid', /sha256WithRSAEncryption/],
		['MD5 is unsupported, said plainly', 'leafmd5.pem', 'int.pem', 'unsupported', /^unsupported signature algorithm md5WithRSAEncryption$/],
		['ECDSA signature but an RSA issuer key', 'leafec.pem', 'int.pem', 'unsupported', /on curve rsaEncryption/],
	];
	for (const [name, subject, issuer, status, detail] of cases) {
		test(name, async () => {
			const r = await checker.check(cert(subject), cert(issuer));
			assert.equal(r.status, status, r.detail);
			assert.match(r.detail, detail);
		});
	}

	test('ECDSA DER → P1363: strips sign bytes, left-pads, rejects oversize', () => {
		const der = Uint8Array.from([0x30, 0x08, 0x02, 0x02, 0x00, 0x80, 0x02, 0x02, 0x01, 0x02]);
		assert.deepEqual([...ecdsaDerToP1363(der, 4)!], [0, 0, 0, 0x80, 0, 0, 1, 2]);
		assert.equal(ecdsaDerToP1363(der, 1), undefined);
		assert.equal(ecdsaDerToP1363(Uint8Array.from([1, 2, 3]), 32), undefined);
	});

	test('RSA-PSS parameters: defaults and the fixture values', () => {
		assert.deepEqual(decodePssParams(undefined), { hashOid: '1.3.14.3.2.26', mgfHashOid: '1.3.14.3.2.26', saltLength: 20 });
		const parts = signedParts(cert('intec.pem').der)!;
		assert.deepEqual(decodePssParams(parts.algorithmParams), { hashOid: '2.16.840.1.101.3.4.2.2', mgfHashOid: '2.16.840.1.101.3.4.2.2', saltLength: 32 });
		assert.equal(signedParts(Uint8Array.from([0x30, 0x00])), undefined);
	});

	test('a crypto that throws becomes a status, never an exception', async () => {
		const broken = new SignatureChecker({ importKey: () => Promise.reject(new Error('no keys today')), verify: () => Promise.resolve(true) });
		const r = await broken.check(cert('leaf.pem'), cert('int.pem'));
		assert.equal(r.status, 'unsupported');
		assert.match(r.detail, /cannot be imported \(no keys today\)/);
	});
});
