// TLS 1.3 decryption primitives and the gzip decoder, against node:crypto / node:zlib and RFC vectors.
import * as assert from 'node:assert/strict';
import { createCipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { deflateRawSync, gzipSync } from 'node:zlib';
import { aesGcmDecrypt, chacha20Poly1305Decrypt, GzipDecoder, HASH_SHA256, HASH_SHA384, hkdfExpandLabel, hmacHash, sha384, sha512 } from '../../../../src/core/capture';
import { prng } from '../../../support/fixtures';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

function seal(alg: 'aes-128-gcm' | 'aes-256-gcm' | 'chacha20-poly1305', key: Buffer, nonce: Buffer, aad: Buffer, plain: Buffer): Uint8Array {
	const c = createCipheriv(alg, key, nonce, { authTagLength: 16 } as never) as ReturnType<typeof createCipheriv> & { setAAD(b: Buffer, o?: object): void; getAuthTag(): Buffer };
	c.setAAD(aad, { plaintextLength: plain.length });
	return new Uint8Array(Buffer.concat([c.update(plain), c.final(), c.getAuthTag()]));
}

suite('capture crypto: SHA-384/512, HMAC, HKDF-Expand-Label', () => {
	test('SHA-384 and SHA-512 equal node:crypto for lengths 0..300', () => {
		const rnd = prng(5);
		for (let n = 0; n <= 300; n++) {
			const data = Uint8Array.from({ length: n }, () => Math.floor(rnd() * 256));
			assert.equal(hex(sha384(data)), createHash('sha384').update(data).digest('hex'), `len ${n}`);
			assert.equal(hex(sha512(data)), createHash('sha512').update(data).digest('hex'), `len ${n}`);
		}
	});

	test('HMAC-SHA256/384 equal node:crypto (short and long keys)', () => {
		for (const keyLen of [0, 20, 64, 129, 200]) {
			const key = randomBytes(keyLen), data = randomBytes(77);
			assert.equal(hex(hmacHash(HASH_SHA256, key, data)), createHmac('sha256', key).update(data).digest('hex'));
			assert.equal(hex(hmacHash(HASH_SHA384, key, data)), createHmac('sha384', key).update(data).digest('hex'));
		}
	});

	test('HKDF-Expand-Label: RFC 8448 §3 server handshake key and iv', () => {
		// RFC 8448 "Simple 1-RTT Handshake": server_handshake_traffic_secret → key, iv.
		const secret = Buffer.from('b67b7d690cc16c4e75e54213cb2d37b4e9c912bcded9105d42befd59d391ad38', 'hex');
		assert.equal(hex(hkdfExpandLabel(HASH_SHA256, secret, 'key', new Uint8Array(0), 16)), '3fce516009c21727d0f2e4e86ee403bc');
		assert.equal(hex(hkdfExpandLabel(HASH_SHA256, secret, 'iv', new Uint8Array(0), 12)), '5d313eb2671276ee13000b30');
	});
});

suite('capture crypto: AEAD decryption', () => {
	for (const alg of ['aes-128-gcm', 'aes-256-gcm', 'chacha20-poly1305'] as const) {
		test(`${alg} equals node:crypto for lengths 0..200 and rejects a bad tag`, () => {
			const keyLen = alg === 'aes-128-gcm' ? 16 : 32;
			const open = alg === 'chacha20-poly1305' ? chacha20Poly1305Decrypt : aesGcmDecrypt;
			for (let n = 0; n <= 200; n += 7) {
				const key = randomBytes(keyLen), nonce = randomBytes(12), aad = randomBytes(5), plain = randomBytes(n);
				const sealed = seal(alg, key, nonce, aad, plain);
				assert.equal(hex(open(key, nonce, aad, sealed)!), plain.toString('hex'), `len ${n}`);
				sealed[sealed.length - 1]! ^= 1;
				assert.equal(open(key, nonce, aad, sealed), undefined);
			}
		});
	}

	test('RFC 8439 §2.8.2 ChaCha20-Poly1305 vector', () => {
		const key = Buffer.from('808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f', 'hex');
		const nonce = Buffer.from('070000004041424344454647', 'hex');
		const aad = Buffer.from('50515253c0c1c2c3c4c5c6c7', 'hex');
		const plain = 'Ladies and Gentlemen of the class of \'99: If I could offer you only one tip for the future, sunscreen would be it.';
		const sealed = seal('chacha20-poly1305', key, nonce, aad, Buffer.from(plain));
		assert.equal(hex(sealed.subarray(sealed.length - 16)), '1ae10b594f09e26a7e902ecbd0600691');
		assert.equal(new TextDecoder().decode(chacha20Poly1305Decrypt(key, nonce, aad, sealed)), plain);
	});
});

suite('capture gzip decoder', () => {
	function inflate(bytes: Uint8Array, chunk: number): { out: Uint8Array; error: string | undefined } {
		const parts: Uint8Array[] = [];
		const d = new GzipDecoder((b) => parts.push(b));
		for (let i = 0; i < bytes.length; i += chunk) d.push(bytes.subarray(i, i + chunk));
		d.end();
		return { out: Buffer.concat(parts), error: d.error?.message };
	}

	test('equals zlib for stored, fixed and dynamic blocks, any chunking', () => {
		const rnd = prng(9);
		const text = new TextEncoder().encode('Schannel Lens '.repeat(5000));
		const random = Uint8Array.from({ length: 300_000 }, () => Math.floor(rnd() * 256));
		const mixed = Uint8Array.from({ length: 200_000 }, (_, i) => (i % 1000 < 500 ? Math.floor(rnd() * 4) : i & 0xff));
		for (const data of [new Uint8Array(0), text, random, mixed]) {
			for (const level of [0, 1, 9]) {
				const gz = gzipSync(data, { level });
				for (const chunk of [1, 13, 4096, gz.length]) {
					if (chunk === 1 && gz.length > 50_000) continue;
					const r = inflate(gz, chunk);
					assert.equal(r.error, undefined);
					assert.equal(Buffer.compare(r.out, data), 0, `level ${level} chunk ${chunk} len ${data.length}`);
				}
			}
		}
	});

	test('reports a cut stream, a bad CRC and non-gzip data, keeping what came before', () => {
		const data = new TextEncoder().encode('x'.repeat(100_000) + 'y'.repeat(100_000));
		const gz = gzipSync(data);
		const cut = inflate(gz.subarray(0, gz.length - 20), 100);
		assert.match(cut.error!, /ends early/);
		const bad = Uint8Array.from(gz);
		bad[bad.length - 6]! ^= 0xff;
		assert.match(inflate(bad, 100).error!, /CRC/);
		assert.match(inflate(new Uint8Array(deflateRawSync(data)), 100).error!, /not gzip/);
	});
});
