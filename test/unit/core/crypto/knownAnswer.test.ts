// Known-answer tests of the core's crypto provider, run against both implementations:
// Node's native crypto (injected by the CLI and the desktop host) and @noble (the browser build).
import * as assert from 'node:assert/strict';
import { createCipheriv, randomBytes } from 'node:crypto';
import { fromHex, type AeadName, type CryptoProvider } from '../../../../src/core/crypto';
import { nobleCrypto } from '../../../../src/core/crypto/noble';
import { desCbcDecrypt } from '../../../../src/core/crypto/des';
import { nodeCrypto } from '../../../../src/shared/nodeCrypto';

const h = (s: string): Uint8Array => fromHex(s.replace(/\s+/g, ''))!;
const x = (b: Uint8Array | undefined): string => (b ? Buffer.from(b).toString('hex') : 'undefined');
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

const ABC = 'abc';
const TWO_BLOCKS = 'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq';

for (const crypto of [nodeCrypto, nobleCrypto] as CryptoProvider[]) {
	suite(`known answers (${crypto.name} provider)`, () => {
		test('FIPS 180-4 examples: SHA-1, SHA-256, SHA-384, SHA-512 of "abc" and the two-block message; MD5 (RFC 1321)', () => {
			assert.equal(x(crypto.hash('SHA-1', enc(ABC))), 'a9993e364706816aba3e25717850c26c9cd0d89d');
			assert.equal(x(crypto.hash('SHA-1', enc(TWO_BLOCKS))), '84983e441c3bd26ebaae4aa1f95129e5e54670f1');
			assert.equal(x(crypto.hash('SHA-256', enc(ABC))), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
			assert.equal(x(crypto.hash('SHA-256', enc(TWO_BLOCKS))), '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
			assert.equal(x(crypto.hash('SHA-384', enc(ABC))), 'cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7');
			assert.equal(x(crypto.hash('SHA-512', enc(ABC))), 'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f');
			assert.equal(x(crypto.hash('MD5', enc(ABC))), '900150983cd24fb0d6963f7d28e17f72');
		});

		test('FIPS 180-4 long message: one million "a"', () => {
			const a = new Uint8Array(1_000_000).fill(0x61);
			assert.equal(x(crypto.hash('SHA-1', a)), '34aa973cd4c4daa4f61eeb2bdbad27316534016f');
			assert.equal(x(crypto.hash('SHA-256', a)), 'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
		});

		test('HKDF-Expand: RFC 5869 test cases 1 and 3 (SHA-256), length bound', () => {
			const okm1 = crypto.hkdfExpand('SHA-256', h('077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5'), h('f0f1f2f3f4f5f6f7f8f9'), 42);
			assert.equal(x(okm1), '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865');
			const okm3 = crypto.hkdfExpand('SHA-256', h('19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04'), new Uint8Array(0), 42);
			assert.equal(x(okm3), '8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8');
			assert.throws(() => crypto.hkdfExpand('SHA-256', new Uint8Array(32), new Uint8Array(0), 255 * 32 + 1));
		});

		test('HMAC: RFC 2202 (SHA-1) and RFC 4231 test case 2 (SHA-256, SHA-384)', () => {
			const key = enc('Jefe'), data = enc('what do ya want for nothing?');
			assert.equal(x(crypto.hmac('SHA-1', key, data)), 'effcdf6ae5eb2fa2d27416d5f184df9c259a7c79');
			assert.equal(x(crypto.hmac('SHA-256', key, data)), '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
			assert.equal(x(crypto.hmac('SHA-384', key, data)), 'af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649');
		});

		test('AES-GCM: NIST SP 800-38D (GCM spec test cases 2, 4 and 14), bad tag rejected', () => {
			const zero = (n: number): Uint8Array => new Uint8Array(n);
			assert.equal(x(crypto.aead('AES-GCM', zero(16)).open(zero(12), zero(0), h('0388dace60b6a392f328c2b971b2fe78 ab6e47d42cec13bdf53a67b21257bddf'))), '00000000000000000000000000000000');
			const tc4 = h('42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091 5bc94fbc3221a5db94fae95ae7121a47');
			const open4 = (sealed: Uint8Array): Uint8Array | undefined => crypto.aead('AES-GCM', h('feffe9928665731c6d6a8f9467308308')).open(h('cafebabefacedbaddecaf888'), h('feedfacedeadbeeffeedfacedeadbeefabaddad2'), sealed);
			assert.equal(x(open4(tc4)), 'd9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39');
			const bad = tc4.slice();
			bad[bad.length - 1]! ^= 1;
			assert.equal(open4(bad), undefined);
			assert.equal(x(crypto.aead('AES-GCM', zero(32)).open(zero(12), zero(0), h('cea7403d4d606b6e074ec5d3baf39d18 d0d1c8a799996bf0265b98b5d48ab919'))), '00000000000000000000000000000000');
		});

		test('AES-CCM: RFC 3610 packet vector #1 (8-byte tag, 13-byte nonce), bad tag rejected', () => {
			const key = crypto.aead('AES-CCM', h('c0c1c2c3c4c5c6c7c8c9cacbcccdcecf'), 8);
			const sealed = h('588c979a61c663d2f066d0c2c0f989806d5f6b61dac384 17e8d12cfdf926e0');
			assert.equal(x(key.open(h('00000003020100a0a1a2a3a4a5'), h('0001020304050607'), sealed)), '08090a0b0c0d0e0f101112131415161718191a1b1c1d1e');
			sealed[0]! ^= 1;
			assert.equal(key.open(h('00000003020100a0a1a2a3a4a5'), h('0001020304050607'), sealed), undefined);
		});

		test('ChaCha20-Poly1305: RFC 8439 §2.8.2', () => {
			const plain = "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.";
			const sealed = h(`d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d63dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b3692ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc3ff4def08e4b7a9de576d26586cec64b6116
				1ae10b594f09e26a7e902ecbd0600691`);
			const out = crypto.aead('CHACHA20-POLY1305', h('808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f')).open(h('070000004041424344454647'), h('50515253c0c1c2c3c4c5c6c7'), sealed);
			assert.equal(new TextDecoder().decode(out), plain);
		});

		test('AES-CBC: NIST SP 800-38A F.2.1 / F.2.5 (decrypt, no padding removed)', () => {
			const iv = h('000102030405060708090a0b0c0d0e0f');
			assert.equal(x(crypto.aesCbcDecrypt(h('2b7e151628aed2a6abf7158809cf4f3c'), iv, h('7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b2'))), '6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51');
			assert.equal(x(crypto.aesCbcDecrypt(h('603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4'), iv, h('f58c4c04d6e5f1ba779eabfb5f7bfbd6'))), '6bc1bee22e409f96e93d7e117393172a');
		});

		test('bad key lengths are refused (the old hand-written GCM had no check)', () => {
			assert.throws(() => crypto.aead('AES-GCM', new Uint8Array(15)), /16, 24 or 32/);
			assert.throws(() => crypto.aead('CHACHA20-POLY1305', new Uint8Array(16)), /32 bytes/);
		});

		for (const alg of ['AES-GCM', 'AES-CCM', 'CHACHA20-POLY1305'] as AeadName[]) {
			test(`${alg} opens what node:crypto seals, lengths 0..200, and rejects a flipped tag`, () => {
				for (let n = alg === 'AES-CCM' ? 1 : 0; n <= 200; n += 13) {
					const key = randomBytes(alg === 'CHACHA20-POLY1305' ? 32 : n % 2 ? 16 : 32), nonce = randomBytes(12), aad = randomBytes(13), plain = randomBytes(n);
					const tag = alg === 'AES-CCM' && n % 3 === 0 ? 8 : 16;
					const name = alg === 'CHACHA20-POLY1305' ? 'chacha20-poly1305' : `aes-${key.length * 8}-${alg === 'AES-GCM' ? 'gcm' : 'ccm'}`;
					const c = createCipheriv(name as 'aes-128-gcm', key, nonce, { authTagLength: tag });
					c.setAAD(aad, { plaintextLength: n });
					const sealed = new Uint8Array(Buffer.concat([c.update(plain), c.final(), c.getAuthTag()]));
					const k = crypto.aead(alg, key, tag);
					assert.equal(x(k.open(nonce, aad, sealed)), plain.toString('hex'), `${alg} len ${n}`);
					sealed[sealed.length - 1]! ^= 1;
					assert.equal(k.open(nonce, aad, sealed), undefined);
				}
			});
		}
	});
}

suite('known answers: the legacy ciphers the core keeps (no maintained library)', () => {
	test('3DES: NIST SP 800-67 rev. 1 example (three keys, "The qufck brown fox jump")', () => {
		const key = h('0123456789abcdef 23456789abcdef01 456789abcdef0123');
		const blocks = ['a826fd8ce53b855f', 'cce21c8112256fe6', '68d5c05dd9b6b900'];
		const plain = ['5468652071756663', '6b2062726f776e20', '666f78206a756d70'];
		// ECB through CBC: each block alone with a zero IV, followed by a full padding block of the same key.
		blocks.forEach((b, i) => {
			const pad = createCipheriv('des-ede3-cbc', key, h(b)).setAutoPadding(false).update(h('0808080808080808'));
			assert.equal(x(desCbcDecrypt(key, new Uint8Array(8), new Uint8Array(Buffer.concat([h(b), pad])))), plain[i]);
		});
	});
});
