import * as assert from 'node:assert/strict';
import type { ChainJson } from '../../../src/cli/commands/chain';
import { fixturePath } from '../../support/fixtures';
import { SCENARIOS } from '../core/chain/scenarios';
import { runCaptured } from '../../support/cli';

const F = (f: string): string => fixturePath(`chains/${f}`);
const AT = '2026-06-01T00:00:00Z';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
	const r = await runCaptured(...argv);
	return { code: r.code, out: r.out.join('\n'), err: r.err.join('\n') };
}

suite('CLI chain', function () {
	this.timeout(60_000);

	test('help lists chain and its options', async () => {
		assert.match((await run('--help')).out, /chain\s+Build and validate/);
		const help = (await run('chain', '--help')).out;
		for (const o of ['--store', '--anchors', '--crl', '--purpose', '--at']) assert.ok(help.includes(o), o);
	});

	for (const s of SCENARIOS) {
		test(`exit code and --json verdict: ${s.name}`, async () => {
			const args = ['chain', F(s.leaf), '--purpose', s.purpose, '--at', AT, '--json'];
			for (const f of s.store) args.push('--store', F(f));
			for (const f of s.anchors) args.push('--anchors', F(f));
			for (const f of s.crls ?? []) args.push('--crl', F(f));
			const r = await run(...args);
			assert.equal(r.err, '');
			assert.equal(r.code, s.ours.accepted ? 0 : 1);
			const json = JSON.parse(r.out) as ChainJson;
			assert.equal(json.command, 'chain');
			assert.equal(json.result.verdict.trusted, s.ours.accepted);
			assert.deepEqual(json.result.verdict.failingDepths, s.ours.depths);
			for (const f of s.ours.flags) assert.equal(json.flags[f]?.windows, `CERT_TRUST_${f}`);
		});
	}

	test('text output: verdict sentence, per-element CERT_TRUST and .NET names, missing issuer with its AIA URL', async () => {
		const r = await run('chain', F('leafint2.pem'), '--store', F('int.pem'), '--anchors', F('root.pem'), '--at', AT);
		assert.equal(r.code, 1);
		assert.match(r.out, /^Not trusted: the issuer "CN=Chain Lab Issuing CA 2,O=Schannel Lens Chain Lab,C=US" of "carol\.missing-intermediate" is missing/);
		assert.match(r.out, /error: CERT_TRUST_IS_PARTIAL_CHAIN \(PartialChain\)/);
		assert.match(r.out, /Missing issuer: CN=Chain Lab Issuing CA 2, O=Schannel Lens Chain Lab, C=US/);
		assert.match(r.out, /fetch by hand: http:\/\/pki\.chainlab\.example\/int2\.cer/);
		const good = await run('chain', F('leaf.pem'), '--store', F('candidates.pem'), '--anchors', F('root.pem'), '--at', AT);
		assert.equal(good.code, 0);
		assert.match(good.out, /^Trusted for client authentication/);
		assert.match(good.out, /Alternative 2: invalid \(IS_NOT_SIGNATURE_VALID\)/);
		assert.match(good.out, /issuer matched by name, but the key id differs/);
	});

	test('bad usage exits 2 with one line', async () => {
		for (const argv of [
			['chain'],
			['chain', F('leaf.pem'), F('int.pem')],
			['chain', F('leaf.pem'), '--purpose', 'email'],
			['chain', F('leaf.pem'), '--at', 'yesterday'],
			['chain', F('missing.pem')],
			['chain', F('leaf.pem'), '--store', F('int.crl')],
			['chain', F('leaf.pem'), '--crl', F('int.pem')],
		]) {
			const r = await run(...argv);
			assert.equal(r.code, 2, argv.join(' '));
			assert.equal(r.err.split('\n').length, 1, r.err);
		}
	});
});
