import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CertFileResult } from '../../../src/cli/commands/cert';
import { fixturePath, prng, readFixture, REPO_ROOT } from '../../support/fixtures';
import { runCaptured } from '../../support/cli';

const run = runCaptured;

async function json(...argv: string[]): Promise<{ code: number; files: CertFileResult[] }> {
	const r = await run('cert', '--json', ...argv);
	return { code: r.code, files: JSON.parse(r.out.join('\n')).files };
}

suite('CLI cert', function () {
	this.timeout(60_000);
	let dir: string;
	suiteSetup(() => {
		dir = mkdtempSync(join(tmpdir(), 'schannel-lens-cert-'));
		writeFileSync(join(dir, 'empty.cer'), '');
		const rnd = prng(3);
		writeFileSync(join(dir, 'random.bin'), Uint8Array.from({ length: 4096 }, (_, i) => (i === 0 ? 0x42 : Math.floor(rnd() * 256))));
		writeFileSync(join(dir, 'truncated.cer'), readFixture('pki/server.cer').subarray(0, 300));
	});

	test('help lists cert', async () => {
		assert.match((await run('--help')).out.join('\n'), /cert\s+Load certificates/);
		assert.match((await run('cert', '--help')).out.join('\n'), /--password/);
	});

	test('--json fields for a PEM server certificate', async () => {
		const { code, files } = await json(fixturePath('pki/server.pem'));
		assert.equal(code, 0);
		const c = files[0]!.certificates[0]!;
		assert.deepEqual(Object.keys(c.source).sort(), ['container', 'file', 'friendlyName', 'hasPrivateKey', 'index', 'offset', 'pemLabel', 'pemLine', 'sha1MatchesKey', 'storeLocation', 'storeName', 'storePath']);
		assert.equal(c.source.container, 'pem');
		assert.equal(c.source.pemLine, 1);
		assert.equal(c.subject, 'CN=localhost,O=Schannel Lens Lab,C=US');
		assert.equal(c.subjectWindows, 'CN=localhost, O=Schannel Lens Lab, C=US');
		assert.match(c.sha1, /^[0-9A-F]{40}$/);
		assert.match(c.sha256, /^[0-9A-F]{64}$/);
		assert.match(c.notBefore, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
		assert.equal(c.keyAlgorithm, 'rsaEncryption');
		assert.equal(c.keySize, 2048);
		assert.deepEqual(c.eku, ['1.3.6.1.5.5.7.3.1']);
		assert.equal(c.basicConstraints?.ca, false);
		assert.match(c.ski ?? '', /^[0-9A-F]+$/);
		assert.match(c.aki ?? '', /^[0-9A-F]+$/);
	});

	test('several files and containers in one run: p7b, sst, reg, pfx with password', async () => {
		const { code, files } = await json(fixturePath('pki/lab-chain.p7b'), fixturePath('public/t0rik__winrootCAupdate__roots.sst'), fixturePath('public/RealTenzo__RealTenzo__cert.reg'), fixturePath('pki/client-alice.pfx'), '--password', 'test');
		assert.equal(code, 0);
		assert.deepEqual(files.map((f) => f.container), ['pkcs7', 'sst', 'reg', 'pkcs12']);
		assert.equal(files[1]!.certificates.length, 434);
		const reg = files[2]!.certificates[0]!;
		assert.match(reg.source.storePath ?? '', /\\Certificates\\50E8E66831E80168D79A7969ECA005A323740371$/);
		assert.equal(reg.source.sha1MatchesKey, true);
		assert.equal(reg.sha1, '50E8E66831E80168D79A7969ECA005A323740371');
		assert.ok(files[3]!.certificates.some((c) => c.source.hasPrivateKey));
	});

	test('wrong PFX password: exit 1 and the MAC message', async () => {
		const r = await run('cert', fixturePath('pki/client-alice.pfx'), '--password', 'nope');
		assert.equal(r.code, 1);
		assert.match(r.out.join('\n'), /wrong password or corrupted file: MAC check failed/);
	});

	test('truncated DER: exit 1 with a byte offset', async () => {
		const r = await run('cert', join(dir, 'truncated.cer'));
		assert.equal(r.code, 1);
		assert.match(r.out.join('\n'), /truncated\.cer: byte 0: error: DER certificate: value of \d+ bytes runs past the end/);
	});

	const unreadable: [string, () => string, RegExp][] = [
		['missing file', () => join(dir, 'nope.cer'), /nope\.cer: no such file$/],
		['directory', () => dir, /is a directory/],
		['empty file', () => join(dir, 'empty.cer'), /empty\.cer: is empty \(0 bytes\)$/],
		['random bytes', () => join(dir, 'random.bin'), /random\.bin: no certificate found: .*\(byte offset 0\)$/],
		['a .reg without certificates', () => fixturePath('public/fsackur__PsSsl__schannel.reg'), /no certificate found/],
	];
	for (const [name, file, reason] of unreadable) {
		test(`unreadable (${name}) → exit 2, one stderr line naming the file`, async () => {
			const r = await run('cert', file());
			assert.equal(r.code, 2);
			assert.equal(r.err.length, 1);
			assert.match(r.err[0]!, reason);
			assert.ok(r.err[0]!.includes(file()));
		});
	}

	test('the built dist/cli.js runs cert', () => {
		const cli = join(REPO_ROOT, 'dist', 'cli.js');
		assert.ok(existsSync(cli), 'npm run build must leave dist/cli.js');
		const r = spawnSync(process.execPath, [cli, 'cert', '--json', fixturePath('pki/root-ca.cer')], { encoding: 'utf8' });
		assert.equal(r.status, 0, r.stderr);
		assert.equal(JSON.parse(r.stdout).files[0].certificates[0].selfIssued, true);
	});
});
