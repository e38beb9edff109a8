import * as assert from 'node:assert/strict';
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { desCbcDecrypt, hmac, pkcs12Kdf, pkcs12PasswordBytes, rc2CbcDecrypt, rc2ExpandKey, SHA1, SHA256, sha1, sha256, toHex, fromHex } from '../../../../src/core/crypto';
import { rc2DecryptBlock } from '../../../../src/core/crypto/rc2';
import { prng } from '../../../support/fixtures';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const hex = (s: string): Uint8Array => fromHex(s)!;

suite('crypto: SHA-1 / SHA-256 (pure TS, synchronous)', () => {
	const vectors: [string, string, string][] = [
		['', 'DA39A3EE5E6B4B0D3255BFEF95601890AFD80709', 'E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855'],
		['abc', 'A9993E364706816ABA3E25717850C26C9CD0D89D', 'BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD'],
		['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '84983E441C3BD26EBAAE4AA1F95129E5E54670F1', '248D6A61D20638B8E5C026930C3E6039A33CE45964FF2167F6ECEDD419DB06C1'],
	];
	for (const [input, s1, s256] of vectors) {
		test(`FIPS 180 vector "${input.slice(0, 12)}…"`, () => {
			assert.equal(toHex(sha1(enc(input))), s1);
			assert.equal(toHex(sha256(enc(input))), s256);
		});
	}

	test('one million "a" (FIPS 180 long vector)', () => {
		const a = new Uint8Array(1_000_000).fill(0x61);
		assert.equal(toHex(sha1(a)), '34AA973CD4C4DAA4F61EEB2BDBAD27316534016F');
		assert.equal(toHex(sha256(a)), 'CDC76E5C9914FB9281A1C7E284D73E67F1809A48A497200E046D39CCC7112CD0');
	});

	test('equals node:crypto for every length 0..300 and random buffers', () => {
		const rnd = prng(1);
		for (let len = 0; len <= 300; len++) {
			const data = Uint8Array.from({ length: len }, () => Math.floor(rnd() * 256));
			assert.equal(toHex(sha1(data)), createHash('sha1').update(data).digest('hex').toUpperCase(), `sha1 len ${len}`);
			assert.equal(toHex(sha256(data)), createHash('sha256').update(data).digest('hex').toUpperCase(), `sha256 len ${len}`);
		}
	});

	test('HMAC equals node:crypto (short and long keys)', () => {
		for (const keyLen of [0, 20, 64, 100]) {
			const key = randomBytes(keyLen);
			const data = randomBytes(77);
			assert.equal(toHex(hmac(SHA1, key, data)), createHmac('sha1', key).update(data).digest('hex').toUpperCase());
			assert.equal(toHex(hmac(SHA256, key, data)), createHmac('sha256', key).update(data).digest('hex').toUpperCase());
		}
	});
});

suite('crypto: PKCS#12 KDF and legacy ciphers', () => {
	test('password bytes: BMPString + terminator; undefined is empty', () => {
		assert.deepEqual(Array.from(pkcs12PasswordBytes('ab')), [0, 0x61, 0, 0x62, 0, 0]);
		assert.deepEqual(Array.from(pkcs12PasswordBytes('')), [0, 0]);
		assert.equal(pkcs12PasswordBytes(undefined).length, 0);
	});

	test('KDF: known answer (password "smeg", salt 0A58CF64530D823F, 1 iteration; BouncyCastle PKCS12Test vectors)', () => {
		const pwd = pkcs12PasswordBytes('smeg');
		const salt = hex('0A58CF64530D823F');
		assert.equal(toHex(pkcs12Kdf(SHA1, pwd, salt, 1, 1, 24)), '8AAAE6297B6CB04642AB5B077851284EB7128F1A2A7FBCA3');
		assert.equal(toHex(pkcs12Kdf(SHA1, pwd, salt, 1, 2, 8)), '79993DFE048D3B76');
	});

	test('3DES-CBC decrypt equals node:crypto des-ede3-cbc; bad padding → undefined', () => {
		const key = randomBytes(24);
		const iv = randomBytes(8);
		for (const len of [0, 1, 7, 8, 9, 100]) {
			const plain = randomBytes(len);
			const c = createCipheriv('des-ede3-cbc', key, iv);
			const ct = new Uint8Array(Buffer.concat([c.update(plain), c.final()]));
			assert.deepEqual(Array.from(desCbcDecrypt(key, iv, ct)!), Array.from(plain));
		}
		const c = createCipheriv('des-ede3-cbc', key, iv);
		const ct = new Uint8Array(Buffer.concat([c.update(randomBytes(16)), c.final()]));
		// Wrong keys give garbage whose padding node:crypto accepts or refuses; ours must agree each time
		// (issue 13: this used to assert `length <= 23`, which no 24-byte decryption can break).
		let refused = 0;
		for (let k = 0; k < 64; k++) {
			const wrongKey = new Uint8Array(24).fill(k + 1);
			const d = createDecipheriv('des-ede3-cbc', wrongKey, iv);
			let expected: number[] | undefined;
			try {
				expected = Array.from(Buffer.concat([d.update(ct), d.final()]));
			} catch {
				expected = undefined;
			}
			const actual = desCbcDecrypt(wrongKey, iv, ct);
			assert.deepEqual(actual && Array.from(actual), expected, `wrong key ${k + 1}`);
			if (expected === undefined) refused++;
		}
		assert.ok(refused > 32, `only ${refused} of 64 wrong keys were refused`);
		assert.equal(desCbcDecrypt(key, iv, ct.subarray(0, 7)), undefined);
	});

	test('RC2: RFC 2268 §5 test vectors (decrypt direction)', () => {
		const cases: [string, number, string, string][] = [
			['0000000000000000', 63, '0000000000000000', 'EBB773F993278EFF'],
			['FFFFFFFFFFFFFFFF', 64, 'FFFFFFFFFFFFFFFF', '278B27E42E2F0D49'],
			['3000000000000000', 64, '1000000000000001', '30649EDF9BE7D2C2'],
			['88BCA90E90875A7F0F79C384627BAFB2', 128, '0000000000000000', '2269552AB0F85CA6'],
		];
		for (const [key, bits, plain, cipher] of cases) {
			const k = rc2ExpandKey(hex(key), bits);
			const block = hex(cipher);
			rc2DecryptBlock(k, block, 0);
			assert.equal(toHex(block), plain, `key ${key}`);
		}
		assert.equal(rc2CbcDecrypt(hex('01'), 40, new Uint8Array(8), new Uint8Array(7)), undefined);
	});
});
