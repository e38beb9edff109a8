import * as assert from 'node:assert/strict';
import { DecodeCache } from '../../../../src/core/capture';
import { loadCertificatesSync } from '../../../../src/core/x509';
import { readFixture } from '../../../support/fixtures';

/** A CA list vector body (2-byte length + DER per name) of the given certificates' subjects. */
function list(file: string): Uint8Array {
	const names = loadCertificatesSync(readFixture(file)).value.map((c) => c.certificate.subject.der);
	const out = new Uint8Array(names.reduce((n, d) => n + 2 + d.length, 0));
	let o = 0;
	for (const d of names) {
		out[o++] = d.length >> 8;
		out[o++] = d.length & 0xff;
		out.set(d, o);
		o += d.length;
	}
	return out;
}

/** `bytes` placed at an odd offset inside a larger buffer, as lists sit inside a read chunk. */
function atOffset(bytes: Uint8Array, offset: number): Uint8Array {
	const host = new Uint8Array(bytes.length + offset + 3);
	host.set(bytes, offset);
	return host.subarray(offset, offset + bytes.length);
}

suite('capture decode cache: byte-exact keys at any alignment', () => {
	test('equal lists at different offsets hit; a same-length list with one byte changed misses', () => {
		const cache = new DecodeCache();
		const a = list('pki/bundle-300.pem');
		const first = cache.names(atOffset(a, 1));
		assert.equal(first.length, 301);
		assert.equal(cache.names(atOffset(a, 3)), first, 'the same list decodes once');
		const changed = a.slice();
		changed[changed.length - 5]! ^= 0x01;
		const other = cache.names(atOffset(changed, 2));
		assert.notEqual(other, first, 'a different list is decoded on its own');
		assert.notEqual(other.at(-1)!.der, first.at(-1)!.der);
	});
});
