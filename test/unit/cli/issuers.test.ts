import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRegText } from '../../../src/core/reg';
import { fixturePath, readFixture } from '../../support/fixtures';
import { runCaptured } from '../../support/cli';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string[] }> {
	const r = await runCaptured(...argv);
	return { ...r, out: r.out.join('\n') };
}

suite('CLI: issuers, hotfix, diff (issue 6 part 7)', () => {
	test('issuers --json on the lab Root store: the schema, totals, cut, clients and plans', async () => {
		const r = await run('issuers', fixturePath('reg/store-root-too-long.v5.reg'), '--store', `CA=${fixturePath('pki/intermediate-ca.pem')}`, '--clients', fixturePath('pki/client-alice.cer'), '--target-os', '2008r2', '--send-trusted-issuer-list', '1', '--json');
		assert.equal(r.code, 1, 'a list over the limit is an error-level finding');
		const j = JSON.parse(r.out);
		assert.equal(j.store, 'Root');
		assert.equal(j.targetOs, 'Windows Server 2008 R2');
		assert.deepEqual(j.totals, { names: 21_648, vectorBody: 22_250, withLength: 22_252 });
		assert.equal(j.limit, 16_384);
		assert.equal(j.truncated, true);
		assert.equal(j.entries.length, 301);
		const e = j.entries[0];
		assert.deepEqual(Object.keys(e).sort(), ['bytes', 'cumulativeBytes', 'cut', 'der', 'sha1', 'source', 'subject']);
		assert.equal(e.bytes, e.der.length / 2 + 2);
		assert.match(e.der, /^30/);
		assert.equal(j.entries[300].cumulativeBytes, 22_250);
		assert.ok(j.entries.some((x: { cut: boolean }) => x.cut));
		assert.equal(j.clients.length, 1);
		assert.equal(typeof j.clients[0].offered, 'boolean');
		assert.deepEqual(j.plans.map((p: { id: string }) => p.id), ['remove-roots', 'no-list', 'client-auth-issuer']);
		const removal = parseRegText(j.plans[0].reg);
		assert.deepEqual(removal.problems, []);
		assert.equal(j.plans[2].reg, null, 'plan (c) needs 2012 or later');
	});

	test('issuers without the SCHANNEL settings: whether the list is sent is unknown, and says what decides it (issue 10)', async () => {
		const r = await run('issuers', fixturePath('reg/store-root-too-long.v5.reg'), '--target-os', 'Windows Server 2012', '--json');
		const j = JSON.parse(r.out);
		assert.equal(j.verdict, 'unknown');
		assert.match(j.answer.unknown.decide, /SCHANNEL key export/);
		assert.equal(r.code, 1, 'unknown is not a pass');
	});

	test('issuers on Windows Server 2012 with SendTrustedIssuerList=0: no list is sent, exit 0', async () => {
		const r = await run('issuers', fixturePath('reg/store-root-too-long.v5.reg'), '--target-os', 'Windows Server 2012', '--send-trusted-issuer-list', '0', '--json');
		const j = JSON.parse(r.out);
		assert.equal(j.verdict, 'not-sent');
		assert.equal(r.code, 0);
	});

	test('issuers on a cut Root store export never says "fits" (issue 10)', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'issuers-cut-'));
		const cut = join(dir, 'root-store.reg');
		writeFileSync(cut, readFixture('reg/store-root-too-long.regedit4.reg').subarray(0, 200_000));
		const r = await run('issuers', cut, fixturePath('reg/schannel-2008r2.regedit4.reg'), '--json');
		const j = JSON.parse(r.out);
		assert.equal(j.verdict, 'unknown');
		assert.match(j.answer.damaged[0], /ends in the middle of line \d+/);
		assert.equal(j.plans[0].remove.length, 0);
		assert.equal(r.code, 1);
	});

	test('issuers: a ClientAuthIssuer store feeds the list on 2012 when the list is sent', async () => {
		const r = await run('issuers', fixturePath('reg/store-root-too-long.v5.reg'), fixturePath('reg/store-clientauthissuer.v5.reg'), '--target-os', '2012', '--send-trusted-issuer-list', '1', '--json');
		const j = JSON.parse(r.out);
		assert.equal(j.store, 'ClientAuthIssuer');
		assert.equal(j.entries.length, 1);
		assert.equal(j.verdict, 'fits');
	});

	test('issuers: bad usage and unreadable sources exit 2 with one line', async () => {
		assert.equal((await run('issuers')).code, 2);
		assert.equal((await run('issuers', fixturePath('pki/root-ca.pem'), '--target-os', 'Windows 95')).code, 2);
		assert.equal((await run('issuers', fixturePath('pki/root-ca.pem'), '--send-trusted-issuer-list', '2')).code, 2);
		const missing = await run('issuers', '/nonexistent/roots.sst');
		assert.equal(missing.code, 2);
		assert.match(missing.err[0]!, /roots\.sst: no such file/);
	});

	test('hotfix: versions from pasted text, exit 1 when not fixed, 0 when fixed', async () => {
		const fixed = await run('hotfix', '--version', '6.1.7601.21624', '--json');
		assert.equal(fixed.code, 0);
		assert.equal(JSON.parse(fixed.out).results[0].status, 'fixed');
		const gdr = await run('hotfix', '--version', 'FileVersion      : 6.1.7601.17514 (win7sp1_rtm.101119-1850)');
		assert.equal(gdr.code, 1);
		// Issue 15: the headline says "presumably", as the reasoning below it does (no source says whether a GDR update has the fix).
		assert.match(gdr.out, /: presumably not fixed \(GDR branch\); the fix is in 6\.1\.7601\.21624\n/);
		assert.match(gdr.out, /so this file is presumed not fixed\./);
		assert.doesNotMatch(gdr.out, /not-fixed|\(unknown\)/);
		const ldr = await run('hotfix', '--version', '6.1.7601.21624');
		assert.match(ldr.out, /: fixed \(LDR branch\)\n/);
		assert.equal((await run('hotfix', '--version', 'nothing')).code, 2);
	});

	test('diff: a root removed between two exports comes first, exit 1', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'schannel-lens-diff-'));
		const text = new TextDecoder('utf-16le').decode(readFixture('reg/store-authroot.v5.reg').subarray(2));
		const keys = text.split(/\r\n(?=\[)/);
		const firstCert = keys.findIndex((k) => /\\Certificates\\[0-9A-F]{40}\]/.test(k));
		const after = keys.filter((_, i) => i !== firstCert).join('\r\n');
		writeFileSync(join(dir, 'before.reg'), text, 'latin1');
		writeFileSync(join(dir, 'after.reg'), after, 'latin1');
		const r = await run('diff', join(dir, 'before.reg'), join(dir, 'after.reg'), '--json');
		const j = JSON.parse(r.out);
		assert.equal(j.removed.length, 1);
		assert.equal(j.added.length, 0);
		assert.ok(j.unchanged > 0);
		assert.equal(r.code, 1);
		assert.equal((await run('diff', join(dir, 'before.reg'))).code, 2);
	});
});
