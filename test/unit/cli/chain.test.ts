import * as assert from 'node:assert/strict';
import type { ChainJson } from '../../../src/cli/commands/chain';
import { fixturePath } from '../../support/fixtures';
import { SCENARIOS } from '../core/chain/scenarios';
import { runCaptured } from '../../support/cli';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { limboCases } from '../core/chain/limbo';

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
		for (const o of ['--store', '--anchors', '--crl', '--purpose', '--at', '--profile', '--public-suffix-list', '--host', '--ip', '--max-depth']) assert.ok(help.includes(o), o);
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
		// Issue 15: one sentence that reads (was: 'the issuer "…" of "…" is missing and add it to a store').
		assert.match(r.out, /^Not trusted: "carol\.missing-intermediate" was issued by "CN=Chain Lab Issuing CA 2,O=Schannel Lens Chain Lab,C=US", whose certificate is not among the certificates given, so the chain stops there\. Add that CA certificate \(an intermediate to the CA store, a root to Root\)/);
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
			['chain', F('leaf.pem'), '--profile', 'openssl'],
			['chain', F('leaf.pem'), '--host', 'a.example', '--ip', '192.0.2.1'],
			['chain', F('leaf.pem'), '--ip', '192.0.2.300'],
			['chain', F('leaf.pem'), '--host', 'under score_.example/x'],
			['chain', F('leaf.pem'), '--max-depth', 'two'],
			['chain', F('leaf.pem'), '--profile', 'webpki', '--public-suffix-list', F('no-such-list.dat')],
		]) {
			const r = await run(...argv);
			assert.equal(r.code, 2, argv.join(' '));
			assert.equal(r.err.split('\n').length, 1, r.err);
		}
	});

	test('--profile, --host and --max-depth: the JSON names the profile, the peer name and each finding\'s RFC section', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'limbo-cli-'));
		try {
			const c = limboCases().find((x) => x.id === 'rfc5280::aki::leaf-missing-aki')!;
			writeFileSync(join(dir, 'leaf.pem'), c.peer_certificate);
			writeFileSync(join(dir, 'root.pem'), c.trusted_certs.join(''));
			const base = ['chain', join(dir, 'leaf.pem'), '--anchors', join(dir, 'root.pem'), '--purpose', 'server', '--host', 'example.com'];
			const win = await run(...base, '--json');
			assert.equal(win.code, 0, win.err);
			const wj = JSON.parse(win.out) as ChainJson;
			assert.equal(wj.profile, 'windows');
			assert.deepEqual(wj.result.peerName, { kind: 'dns', value: 'example.com' });
			const warning = wj.result.chains[0]!.elements[0]!.status.find((s) => s.flag === 'NOT_RFC5280_CONFORMANT')!;
			assert.equal(warning.severity, 'warning');
			assert.equal(warning.rfc, 'RFC 5280 §4.2.1.1');
			assert.equal(wj.flags['NOT_RFC5280_CONFORMANT']?.kind, 'profile');
			const strict = await run(...base, '--profile', 'rfc5280', '--json');
			assert.equal(strict.code, 1);
			const sj = JSON.parse(strict.out) as ChainJson;
			assert.equal(sj.profile, 'rfc5280');
			assert.equal(sj.result.chains[0]!.elements[0]!.status.find((s) => s.rfc === 'RFC 5280 §4.2.1.1')?.severity, 'error');
			const text = await run(...base, '--profile', 'rfc5280', '--max-depth', '0');
			assert.match(text.out, /under the rfc5280 profile, host example\.com, at most 0 intermediate CA\(s\)/);
			assert.match(text.out, /\[RFC 5280 §4\.2\.1\.1\]/);
			const wrongHost = await run('chain', join(dir, 'leaf.pem'), '--anchors', join(dir, 'root.pem'), '--host', 'www.example.org', '--json');
			assert.equal(wrongHost.code, 1);
			assert.equal((JSON.parse(wrongHost.out) as ChainJson).flags['NAME_MISMATCH']?.windows, 'CERT_E_CN_NO_MATCH');
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	test('--profile webpki and --public-suffix-list (gzipped): the JSON names both, and the BR wildcard rule needs the list', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'limbo-cli-'));
		try {
			const c = limboCases().find((x) => x.id === 'webpki::san::public-suffix-multi-label-wildcard-san')!;
			writeFileSync(join(dir, 'leaf.pem'), c.peer_certificate);
			writeFileSync(join(dir, 'root.pem'), c.trusted_certs.join(''));
			const list = fixturePath('publicsuffix/public_suffix_list.dat.gz');
			const base = ['chain', join(dir, 'leaf.pem'), '--anchors', join(dir, 'root.pem'), '--purpose', 'server', '--profile', 'webpki'];
			const wildcard = (j: ChainJson) => j.result.chains[0]!.elements[0]!.status.find((s) => s.rfc === 'CA/B BR §3.2.2.6; RFC 6125 §7.2');
			const withList = await run(...base, '--public-suffix-list', list, '--json');
			assert.equal(withList.code, 1, withList.err);
			const wj = JSON.parse(withList.out) as ChainJson;
			assert.equal(wj.profile, 'webpki');
			assert.equal(wj.result.publicSuffixList, list);
			assert.equal(wildcard(wj)?.severity, 'error');
			assert.equal(wj.flags['NOT_WEBPKI_CONFORMANT']?.kind, 'profile');
			const without = JSON.parse((await run(...base, '--json')).out) as ChainJson;
			assert.equal(without.result.publicSuffixList, undefined);
			assert.equal(wildcard(without), undefined);
			const text = await run(...base, '--public-suffix-list', list);
			assert.match(text.out, /under the webpki profile \(public suffixes from .*public_suffix_list\.dat\.gz\)/);
			assert.match(text.out, /error: CA\/B Forum Baseline Requirements rule \(no Windows status\): SAN dNSName "\*\.co\.uk" is a wildcard over a public suffix .*\[CA\/B BR §3\.2\.2\.6; RFC 6125 §7\.2\]/);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
