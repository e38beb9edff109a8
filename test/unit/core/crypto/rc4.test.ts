// RC4 for the TLS RC4 suites: RFC 6229 keystream vectors, and skip() equals processing and dropping.
import * as assert from 'node:assert/strict';
import { Rc4 } from '../../../../src/core/crypto/rc4';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

suite('crypto: RC4', () => {
	test('RFC 6229 keystream (40-bit key 0x0102030405, offsets 0 and 16; 128-bit key 0x0102…10, offset 0)', () => {
		assert.equal(hex(new Rc4(Buffer.from('0102030405', 'hex')).process(new Uint8Array(32))), 'b2396305f03dc027ccc3524a0a1118a86982944f18fc82d589c403a47a0d0919');
		assert.equal(hex(new Rc4(Buffer.from('0102030405060708090a0b0c0d0e0f10', 'hex')).process(new Uint8Array(16))), '9ac7cc9a609d1ef7b2932899cde41b97');
	});

	test('OpenSSL agrees (head -c 32 /dev/zero | openssl enc -rc4 -provider legacy -provider default -K 0102030405 -nosalt: the key zero-padded to 16 bytes)', () => {
		const key = new Uint8Array(16);
		key.set([1, 2, 3, 4, 5]);
		assert.equal(hex(new Rc4(key).process(new Uint8Array(32))), 'ee5441e6b38c2d5a75a6db590a1cbd2a8f4f473114c3def2b040b3a7a6432764');
	});

	test('skip(n) then process equals processing n bytes first; decryption inverts encryption', () => {
		const key = Buffer.from('schannel lens rc4 key');
		const a = new Rc4(key), b = new Rc4(key);
		a.process(new Uint8Array(1000));
		b.skip(1000);
		assert.equal(hex(a.process(new Uint8Array(64))), hex(b.process(new Uint8Array(64))));
		const plain = Buffer.from('close_notify and friends');
		assert.equal(Buffer.from(new Rc4(key).process(new Rc4(key).process(plain))).toString(), plain.toString());
		assert.throws(() => new Rc4(new Uint8Array(0)), /1\.\.256 bytes/);
	});
});
