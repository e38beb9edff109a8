// The TLS 1.3 key schedule's HKDF-Expand-Label and the gzip decoder, against RFC vectors and node:zlib.
import * as assert from 'node:assert/strict';
import { deflateRawSync, gzipSync } from 'node:zlib';
import { GzipDecoder, hkdfExpandLabel } from '../../../../src/core/capture';
import { prng } from '../../../support/fixtures';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

suite('capture crypto: HKDF-Expand-Label', () => {
	test('RFC 8448 §3 server handshake key and iv', () => {
		// RFC 8448 "Simple 1-RTT Handshake": server_handshake_traffic_secret → key, iv.
		const secret = Buffer.from('b67b7d690cc16c4e75e54213cb2d37b4e9c912bcded9105d42befd59d391ad38', 'hex');
		assert.equal(hex(hkdfExpandLabel('SHA-256', secret, 'key', new Uint8Array(0), 16)), '3fce516009c21727d0f2e4e86ee403bc');
		assert.equal(hex(hkdfExpandLabel('SHA-256', secret, 'iv', new Uint8Array(0), 12)), '5d313eb2671276ee13000b30');
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
