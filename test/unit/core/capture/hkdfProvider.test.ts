// HKDF-Expand-Label over the provider's HMAC (no @noble/hashes import in the capture core), checked against
// Node's own HKDF (extract + expand) for every length up to three hash blocks, with both providers.
import * as assert from 'node:assert/strict';
import { createHmac, hkdfSync } from 'node:crypto';
import { hkdfExpandLabel } from '../../../../src/core/capture';
import { nobleCrypto } from '../../../../src/core/crypto/noble';
import { nodeCrypto } from '../../../../src/shared/nodeCrypto';

function labelInfo(label: string, context: Uint8Array, length: number): Buffer {
	const full = Buffer.from(`tls13 ${label}`, 'latin1');
	return Buffer.concat([Buffer.from([length >> 8, length & 0xff, full.length]), full, Buffer.from([context.length]), context]);
}

suite('capture crypto: HKDF-Expand-Label through the provider', () => {
	for (const provider of [nobleCrypto, nodeCrypto]) {
		test(`${provider.name}: equals node:crypto hkdfSync for SHA-256 and SHA-384, lengths 1..144`, () => {
			const ikm = Buffer.from('input keying material of the test');
			const salt = Buffer.from('salt of the test');
			const context = Buffer.from('ctx');
			for (const [hash, node] of [['SHA-256', 'sha256'], ['SHA-384', 'sha384']] as const) {
				const prk = createHmac(node, salt).update(ikm).digest();
				for (let length = 1; length <= 144; length++) {
					const want = Buffer.from(hkdfSync(node, ikm, salt, labelInfo('key', context, length), length));
					const got = Buffer.from(hkdfExpandLabel(hash, prk, 'key', context, length, provider));
					assert.equal(got.toString('hex'), want.toString('hex'), `${hash} length ${length}`);
				}
			}
		});
	}
});
