import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCertificatesSync } from '../../../src/core/x509';
import { runCaptured } from '../../support/cli';
import { readFixture, REPO_ROOT } from '../../support/fixtures';

const samples = (rel: string) => join(REPO_ROOT, 'samples', rel);

suite('CLI: doctor on the samples (issue 10)', () => {
	test('doctor --json: alice and dave offer no certificate (cut root), bob has the wrong CA, plan (a) keeps the Lab Root', async () => {
		const r = await runCaptured('doctor', samples(''), '--json');
		assert.equal(r.code, 1, 'error-level findings');
		const j = JSON.parse(r.out.join('\n'));
		assert.equal(j.schemaVersion, 1);
		assert.equal(j.command, 'doctor');
		assert.deepEqual(j.machines.map((m: { name: string; role: string }) => `${m.name}:${m.role}`).sort(), ['CLIENTS:client', 'WEB01:server']);
		const by = (cn: string) => j.clients.find((c: { subject: string }) => c.subject.includes(`CN=${cn}`));
		assert.deepEqual([by('alice.client').outcome, by('alice.client').reasonCode], ['no-certificate', 'ca-cut']);
		assert.deepEqual([by('dave.expired.client').outcome, by('dave.expired.client').reasonCode], ['no-certificate', 'ca-cut']);
		assert.equal(by('dave.expired.client').expired, '2022-01-01');
		assert.deepEqual([by('bob.otherca.client').outcome, by('bob.otherca.client').reasonCode], ['no-certificate', 'wrong-ca']);
		const labRoot = loadCertificatesSync(readFixture('pki/root-ca.cer')).value[0]!.certificate.sha1;
		const a = j.plans.find((p: { id: string }) => p.id === 'remove-roots');
		assert.ok(a.keptNeeded.includes(labRoot));
		assert.ok(!a.remove.some((x: { sha1: string }) => x.sha1 === labRoot));
		for (const f of j.findings) for (const e of f.evidence) assert.equal(typeof e.file, 'string');
		assert.match(j.headline, /among the 80 names Schannel cut from a 22,252-byte list/);
	});

	test('doctor text: the answer first, the fixes ranked by risk; bad usage exits 2', async () => {
		const r = await runCaptured('doctor', samples(''));
		assert.match(r.out[0]!, /^alice\.client and dave\.expired\.client cannot log on to WEB01/);
		const text = r.out.join('\n');
		assert.ok(text.indexOf('(b) Send no list') < text.indexOf('(a) Remove roots'), 'lowest risk first');
		assert.equal((await runCaptured('doctor')).code, 2);
		const missing = await runCaptured('doctor', '/nonexistent/folder');
		assert.equal(missing.code, 2);
		assert.match(missing.err[0]!, /nonexistent\/folder: no such file or folder/);
		assert.equal((await runCaptured('doctor', samples(''), '--target-os', 'Windows 95')).code, 2);
	});

	test('the samples are byte-for-byte copies of the fixtures they come from (make-samples.sh)', () => {
		const pairs: [string, string][] = [
			['web01/root-store.reg', 'reg/store-root-too-long.regedit4.reg'],
			['web01/schannel-settings.reg', 'reg/schannel-2008r2.regedit4.reg'],
			['web01/failing-mtls-handshake.pcapng', 'captures/tls12-mtls-truncated-list-nocert.pcapng'],
			['clients/alice.cer', 'pki/client-alice.cer'],
			['clients/dave-expired.cer', 'pki/client-expired.cer'],
			['clients/bob-other-ca.cer', 'pki/client-otherca.cer'],
			['clients/issuing-ca-1.cer', 'pki/intermediate-ca.cer'],
			['clients/other-root-ca.cer', 'pki/other-root-ca.cer'],
			['clients/alice-with-chain.pfx', 'pki/client-alice-nopass.pfx'],
		];
		for (const [sample, fixture] of pairs) assert.deepEqual(new Uint8Array(readFileSync(samples(sample))), readFixture(fixture), sample);
	});
});
