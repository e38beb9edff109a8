// The built CLI bundle (dist/cli.js, from the build stage) with Node's crypto and no @noble inside:
// TLS 1.3 (HKDF-Expand, AES-CCM) and TLS 1.2 (ChaCha20-Poly1305) decryption and a gzip-compressed capture,
// run as a user runs it. The in-process CLI tests import src/ and would not see a bundle without a provider.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fixturePath } from '../../support/fixtures';

const CLI = join(__dirname, '..', '..', '..', '..', 'dist', 'cli.js');

interface CaptureJson {
	files: { compressed: boolean; handshakes: { cipherSuite: string; decrypted: boolean; complete: boolean }[] }[];
}

function capture(file: string, keylog: string): CaptureJson {
	const r = spawnSync(process.execPath, [CLI, 'capture', file, '--keylog', keylog, '--json'], { encoding: 'utf8', timeout: 60_000 });
	assert.equal(r.status, 0, `dist/cli.js exited ${r.status}: ${r.stderr}`);
	return JSON.parse(r.stdout) as CaptureJson;
}

suite('CLI bundle (dist/cli.js): Node crypto through the provider', () => {
	test('a gzip-compressed TLS 1.3 AES-CCM capture is read and decrypted', () => {
		const dir = mkdtempSync(join(tmpdir(), 'schannel-lens-bundle-'));
		try {
			const gz = join(dir, 'ccm.pcapng.gz');
			writeFileSync(gz, gzipSync(readFileSync(fixturePath('captures/tls13-mtls-ccm.pcapng'))));
			const [file] = capture(gz, fixturePath('captures/tls13-mtls-ccm.keylog')).files;
			assert.equal(file?.compressed, true);
			assert.deepEqual(file?.handshakes.map((h) => [h.cipherSuite, h.decrypted, h.complete]), [['TLS_AES_128_CCM_SHA256', true, true]]);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	test('a TLS 1.2 ChaCha20-Poly1305 capture is decrypted', () => {
		const [file] = capture(fixturePath('captures/tls12-mtls-chacha.pcapng'), fixturePath('captures/tls12-mtls-chacha.keylog')).files;
		assert.ok(file && file.handshakes.length > 0);
		for (const h of file.handshakes) assert.equal(h.decrypted, true, h.cipherSuite);
	});
});
