// 3DES-EDE-CBC for TLS records: Node's native des-ede3-cbc (nodeCrypto.des3CbcDecrypt) and the core's own
// implementation (desCbcDecryptRaw, used when the provider has none) both invert OpenSSL's encryption, without
// touching the TLS padding (no PKCS#7 removal).
import * as assert from 'node:assert/strict';
import { createCipheriv } from 'node:crypto';
import { desCbcDecryptRaw } from '../../../../src/core/crypto/des';
import { nodeCrypto } from '../../../../src/shared/nodeCrypto';
import { prng } from '../../../support/fixtures';

suite('capture crypto: 3DES-EDE-CBC (raw, for TLS records)', () => {
	test('native and core decryption invert node:crypto encryption, padding bytes kept', () => {
		const rnd = prng(3);
		const bytes = (n: number): Uint8Array => Uint8Array.from({ length: n }, () => Math.floor(rnd() * 256));
		for (const blocks of [1, 2, 7, 64]) {
			const key = bytes(24), iv = bytes(8), plain = bytes(blocks * 8);
			const c = createCipheriv('des-ede3-cbc', key, iv).setAutoPadding(false);
			const sealed = new Uint8Array(Buffer.concat([c.update(plain), c.final()]));
			assert.equal(sealed.length, plain.length);
			assert.deepEqual(Buffer.from(nodeCrypto.des3CbcDecrypt!(key, iv, sealed)), Buffer.from(plain), `native, ${blocks} blocks`);
			assert.deepEqual(Buffer.from(desCbcDecryptRaw(key, iv, sealed)!), Buffer.from(plain), `core, ${blocks} blocks`);
		}
	});

	test('the core refuses data that is not whole blocks and keys of the wrong size', () => {
		assert.equal(desCbcDecryptRaw(new Uint8Array(24), new Uint8Array(8), new Uint8Array(12)), undefined);
		assert.equal(desCbcDecryptRaw(new Uint8Array(16), new Uint8Array(8), new Uint8Array(16)), undefined);
		assert.throws(() => nodeCrypto.des3CbcDecrypt!(new Uint8Array(16), new Uint8Array(8), new Uint8Array(16)), /24 bytes/);
	});
});
