import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { rc2CbcDecrypt } from '../../../../src/core/crypto/rc2';
import { loadCertificates } from '../../../../src/core/x509';
import { fixturePath } from '../../../support/fixtures';

suite('Node Buffers as input (regression: Buffer#slice is a view, not a copy)', () => {
	test('the legacy RC2/3DES PFX loads from a Buffer, as the extension host hands it over', async () => {
		const buffer = readFileSync(fixturePath('pki/client-alice-legacy.pfx'));
		const { value, problems } = await loadCertificates(buffer, { password: 'test', crypto: globalThis.crypto.subtle });
		assert.ok(value.length > 0, problems.map((p) => p.message).join('; '));
	});

	test('RC2 decryption does not write into its input', () => {
		const data = Buffer.alloc(16, 0x42);
		rc2CbcDecrypt(new Uint8Array(8).fill(1), 64, new Uint8Array(8), data);
		assert.ok(data.every((b) => b === 0x42));
	});
});
