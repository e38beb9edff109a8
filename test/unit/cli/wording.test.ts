// Issue 15, wording: what an admin reads from the CLI on the samples.
import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCaptured } from '../../support/cli';
import { REPO_ROOT } from '../../support/fixtures';

const samples = (rel: string) => join(REPO_ROOT, 'samples', rel);

suite('CLI wording (issue 15)', () => {
	test('cert: an expired certificate says so beside notAfter; EKUs by name with their OID', async () => {
		const dave = await runCaptured('cert', samples('clients/dave-expired.cer'));
		assert.match(dave.out.join('\n'), /notAfter: +2022-01-01T00:00:00Z {2}\(EXPIRED\)/);
		const alice = await runCaptured('cert', samples('clients/alice.cer'));
		const text = alice.out.join('\n');
		assert.match(text, /eku: +Client Authentication \(1\.3\.6\.1\.5\.5\.7\.3\.2\)/);
		assert.doesNotMatch(text, /EXPIRED|NOT YET VALID/, 'alice is valid until 2039');
		const json = JSON.parse((await runCaptured('cert', '--json', samples('clients/alice.cer'))).out.join('\n'));
		assert.deepEqual(json.files[0].certificates[0].eku, ['1.3.6.1.5.5.7.3.2'], 'the JSON schema keeps the OIDs');
	});

	test('issuers on a folder without certificates names the folder, and .stl only when one was given', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'schannel-lens-empty-'));
		writeFileSync(join(dir, 'notes.txt'), 'nothing here\n');
		const empty = await runCaptured('issuers', dir);
		assert.equal(empty.code, 2);
		assert.ok(empty.err.join('\n').includes(`no certificates in ${dir}`), empty.err.join('\n'));
		assert.doesNotMatch(empty.err.join('\n'), /\.stl/);
	});

	test('chain: a missing issuer reads as one sentence naming the certificate and its issuer', async () => {
		const r = await runCaptured('chain', samples('clients/alice.cer'), '--anchors', join(REPO_ROOT, 'test/fixtures/pki/root-ca.pem'));
		assert.equal(r.code, 1);
		assert.match(r.out[0]!, /^Not trusted: "alice\.client" was issued by "CN=Schannel Lens Lab Issuing CA 1,OU=Fixtures,O=Schannel Lens Lab,C=US", whose certificate is not among the certificates given, so the chain stops there\./);
		assert.doesNotMatch(r.out[0]!, /is missing and add/);
	});
});
