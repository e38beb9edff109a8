import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { buildChains, SignatureChecker } from '../../../../src/core/chain';
import { AT, AT_EPOCH, cert, chainFixture, crlsOf, poolOf, SCENARIOS, type Scenario } from './scenarios';

/** What `openssl verify` says: accepted, and the depths of the errors it printed. */
function opensslVerdict(s: Scenario): { accepted: boolean; depths: number[]; output: string } {
	const args = ['verify', '-x509_strict', '-purpose', s.purpose === 'client' ? 'sslclient' : 'sslserver', '-attime', String(AT_EPOCH)];
	for (const a of s.anchors) args.push('-CAfile', chainFixture(a));
	for (const u of s.store) args.push('-untrusted', chainFixture(u));
	for (const c of s.crls ?? []) args.push('-crl_check', '-CRLfile', chainFixture(c));
	args.push(chainFixture(s.leaf));
	const r = spawnSync('openssl', args, { encoding: 'utf8' });
	if (r.error) throw new Error(`openssl is required for the agreement test and could not be run: ${r.error.message}`);
	const output = `${r.stdout}${r.stderr}`;
	const depths = [...output.matchAll(/error \d+ at (\d+) depth lookup/g)].map((m) => Number(m[1]));
	return { accepted: r.status === 0, depths: [...new Set(depths)].sort((a, b) => a - b), output };
}

// Issue 4, "Done when": verdicts (accepted or rejected, and the failing depth) agree with openssl verify -x509_strict.
suite('chain: agreement with openssl verify -x509_strict', function () {
	this.timeout(60_000);
	const checker = new SignatureChecker(globalThis.crypto.subtle);

	for (const s of SCENARIOS) {
		test(`${s.name}${s.openssl ? ' (documented difference)' : ''}`, async () => {
			const result = await buildChains(cert(s.leaf), poolOf(s.store, s.anchors), checker, { purpose: s.purpose, at: AT, crls: crlsOf(s.crls) });
			const best = result.chains[0]!;
			const ours = { accepted: result.verdict.trusted, depths: [...result.verdict.failingDepths] };
			assert.deepEqual(ours, { accepted: s.ours.accepted, depths: [...s.ours.depths] }, `ours: ${result.verdict.summary}`);
			for (const f of s.ours.flags) assert.ok(best.errorFlags.includes(f), `expected ${f} in ${best.errorFlags.join(', ')}`);
			if (s.ours.accepted) assert.deepEqual(best.errorFlags, []);
			assert.equal(best.elements.length, s.ours.length);
			const theirs = opensslVerdict(s);
			const expected = s.openssl ?? s.ours;
			assert.deepEqual({ accepted: theirs.accepted, depths: theirs.depths }, { accepted: expected.accepted, depths: [...expected.depths] }, theirs.output);
		});
	}
});
