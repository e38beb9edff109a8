import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixturePath, prng, REPO_ROOT } from '../../support/fixtures';
import { runCaptured } from '../../support/cli';

const run = runCaptured;

suite('CLI shell', () => {
	let dir: string;
	suiteSetup(() => {
		dir = mkdtempSync(join(tmpdir(), 'schannel-lens-cli-'));
		writeFileSync(join(dir, 'empty.reg'), '');
		const rnd = prng(7);
		writeFileSync(join(dir, 'random.bin'), Uint8Array.from({ length: 4096 }, () => Math.floor(rnd() * 256)));
		writeFileSync(join(dir, 'notes.txt'), 'hello\nworld\n');
		writeFileSync(join(dir, 'bad.reg'), 'Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\X]\r\n"v"=dword:0x1\r\n');
	});

	test('--help lists the commands and exit codes; --version prints the version', async () => {
		const help = await run('--help');
		assert.equal(help.code, 0);
		assert.match(help.out.join('\n'), /reg\s+Check \.reg exports/);
		assert.match(help.out.join('\n'), /Exit codes: 0/);
		assert.deepEqual((await run('--version')).out, ['9.9.9']);
	});

	const bad: [string, () => string, RegExp][] = [
		['missing file', () => join(dir, 'nope.reg'), /nope\.reg: no such file$/],
		['directory', () => dir, /is a directory/],
		['empty file', () => join(dir, 'empty.reg'), /empty\.reg: is empty \(0 bytes\)$/],
		['random bytes', () => join(dir, 'random.bin'), /random\.bin: not a \.reg export: binary data at byte offset \d+$/],
		['text that is not a .reg', () => join(dir, 'notes.txt'), /notes\.txt: not a \.reg export: line 1/],
	];
	for (const [name, file, reason] of bad) {
		test(`bad input (${name}) → exit 2 and one line naming the file`, async () => {
			const r = await run('reg', file());
			assert.equal(r.code, 2);
			assert.equal(r.err.length, 1);
			assert.match(r.err[0]!, reason);
			assert.ok(r.err[0]!.includes(file()), 'the line names the file');
		});
	}

	test('bad usage → exit 2: unknown command, unknown option, no file', async () => {
		assert.equal((await run('frobnicate')).code, 2);
		assert.equal((await run('reg', '--frob', 'x')).code, 2);
		assert.equal((await run('reg')).code, 2);
	});

	test('a clean export exits 0; an error-level finding exits 1 with file:line:col', async () => {
		const ok = await run('reg', fixturePath('public/fsackur__PsSsl__schannel.reg'));
		assert.equal(ok.code, 0, ok.err.join('\n'));
		const bad = await run('reg', join(dir, 'bad.reg'));
		assert.equal(bad.code, 1);
		assert.match(bad.out[0]!, /bad\.reg:4:11: error reg\.bad-dword: /);
	});

	test('--json prints the documented schema (docs/cli.md)', async () => {
		const r = await run('reg', '--json', join(dir, 'bad.reg'), fixturePath('public/fsackur__PsSsl__schannel.reg'));
		const json = JSON.parse(r.out.join('\n'));
		assert.equal(json.schemaVersion, 1);
		assert.equal(json.command, 'reg');
		assert.equal(json.files.length, 2);
		const [bad, good] = json.files;
		assert.deepEqual(Object.keys(bad).sort(), ['certificates', 'diagnostics', 'effective', 'encoding', 'file', 'header', 'issuerList', 'keys', 'machine', 'targetOs', 'values']);
		assert.deepEqual(bad.targetOs, { name: 'Windows Server 2008 R2', from: 'default' });
		assert.equal(bad.issuerList, null);
		assert.ok(bad.effective.some((e: { name: string; role: string }) => e.name === 'TLS 1.2' && e.role === 'server'));
		assert.deepEqual(bad.diagnostics[0], {
			file: join(dir, 'bad.reg'),
			line: 4,
			column: 11,
			endLine: 4,
			endColumn: 14,
			severity: 'error',
			code: 'reg.bad-dword',
			message: bad.diagnostics[0].message,
		});
		assert.equal(good.encoding, 'utf16le');
		assert.equal(good.keys, 8);
	});

	test('the built dist/cli.js runs as a program with the same exit codes', () => {
		const cli = join(REPO_ROOT, 'dist', 'cli.js');
		assert.ok(existsSync(cli), 'npm run build must leave dist/cli.js');
		const good = spawnSync(process.execPath, [cli, 'reg', fixturePath('public/fsackur__PsSsl__schannel.reg')], { encoding: 'utf8' });
		assert.equal(good.status, 0, good.stderr);
		const missing = spawnSync(process.execPath, [cli, 'reg', join(dir, 'nope.reg')], { encoding: 'utf8' });
		assert.equal(missing.status, 2);
		assert.equal(missing.stderr.trim().split('\n').length, 1);
	});
});
