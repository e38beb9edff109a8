import * as assert from 'node:assert/strict';
import { buildChains, CertificatePool, dnsNameMatches, ipBytes, parsePeerName, SignatureChecker, type ChainResult, type ElementStatus } from '../../../../src/core/chain';
import { loadCertificatesSync } from '../../../../src/core/x509';
import { limboCases, runCase, type LimboCase } from './limbo';

/**
 * One test per engine rule of issue 12, each on the x509-limbo case that isolates it (real certificates from the
 * vendored suite): the finding, its section, and how each profile weighs it.
 */
const checker = new SignatureChecker(globalThis.crypto.subtle);
const cases = new Map(limboCases().map((c) => [c.id, c]));
const byId = (id: string): LimboCase => cases.get(id) ?? assert.fail(`no limbo case ${id}`);

function findings(r: ChainResult): ElementStatus[] {
	return r.chains[0]!.elements.flatMap((e) => e.status);
}

/** [rule, limbo case, RFC section on the finding, message pattern, severity under windows ('error' when Windows rejects it too)]. */
const RULES: [string, string, string, RegExp, 'error' | 'warning'][] = [
	['AKI missing on a leaf', 'rfc5280::aki::leaf-missing-aki', 'RFC 5280 §4.2.1.1', /No authority key identifier/, 'warning'],
	['AKI missing on an intermediate', 'rfc5280::aki::intermediate-missing-aki', 'RFC 5280 §4.2.1.1', /No authority key identifier/, 'warning'],
	['AKI critical', 'rfc5280::aki::critical-aki', 'RFC 5280 §4.2.1.1', /authority key identifier is marked critical/, 'warning'],
	['SKI critical', 'rfc5280::ski::critical-ski', 'RFC 5280 §4.2.1.2', /subject key identifier is marked critical/, 'warning'],
	['SKI missing in a root', 'rfc5280::ski::root-missing-ski', 'RFC 5280 §4.2.1.2', /without a subject key identifier/, 'warning'],
	['SKI missing in an intermediate', 'rfc5280::ski::intermediate-missing-ski', 'RFC 5280 §4.2.1.2', /without a subject key identifier/, 'warning'],
	['duplicate extensions', 'rfc5280::duplicate-extensions', 'RFC 5280 §4.2', /more than once/, 'warning'],
	['SAN that does not decode', 'rfc5280::san::malformed', 'RFC 5280 §4.2.1.6', /does not decode/, 'warning'],
	['SAN not critical with an empty subject', 'rfc5280::san::noncritical-with-empty-subject', 'RFC 5280 §4.2.1.6', /subject is empty/, 'warning'],
	['SAN dNSName syntax (underscore)', 'rfc5280::san::underscore-dns', 'RFC 5280 §4.2.1.6', /preferred name syntax/, 'warning'],
	['serial zero', 'rfc5280::serial::zero', 'RFC 5280 §4.1.2.2', /zero/, 'warning'],
	['serial over 20 bytes', 'rfc5280::serial::too-long', 'RFC 5280 §4.1.2.2', /at most 20/, 'warning'],
	['serial negative', 'rfc5280::serial::negative', 'RFC 5280 §4.1.2.2', /negative/, 'warning'],
	['keyCertSign on a leaf', 'rfc5280::leaf-ku-keycertsign', 'RFC 5280 §4.2.1.9', /keyCertSign but basicConstraints/, 'warning'],
	['basicConstraints not critical on a CA', 'rfc5280::root-non-critical-basic-constraints', 'RFC 5280 §4.2.1.9', /not critical in a CA/, 'warning'],
	['critical AIA', 'rfc5280::ee-critical-aia-invalid', 'RFC 5280 §4.2.2.1', /information access extension is marked critical/, 'warning'],
	['policy constraints not critical', 'rfc5280::pc::ica-noncritical-pc', 'RFC 5280 §4.2.1.11', /policy constraints extension is not critical/, 'warning'],
	['empty EKU', 'rfc5280::eku::ee-eku-empty', 'RFC 5280 §4.2.1.12', /extended key usage extension is empty/, 'warning'],
	['name constraints in an end-entity certificate', 'rfc5280::nc::not-allowed-in-ee-critical', 'RFC 5280 §4.2.1.10', /end-entity certificate/, 'warning'],
	['name constraints not critical', 'rfc5280::nc::permitted-dns-match-noncritical', 'RFC 5280 §4.2.1.10', /name constraints extension is not critical/, 'warning'],
	['malformed DNS constraint (wildcard)', 'rfc5280::nc::invalid-dnsname-wildcard', 'RFC 5280 §4.2.1.10', /wildcards are not allowed/, 'warning'],
	['malformed DNS constraint (leading period)', 'rfc5280::nc::invalid-dnsname-leading-period', 'RFC 5280 §4.2.1.10', /leading period/, 'warning'],
	['malformed IP constraint', 'rfc5280::nc::invalid-ipv4-address', 'RFC 5280 §4.2.1.10', /contiguous mask/, 'error'],
	['wildcard SAN vs an excluded subtree (CVE-2025-61727)', 'rfc5280::nc::nc-forbids-dnsname-wildcard-san', 'RFC 5280 §4.2.1.10', /the wildcard can stand for a name in the excluded subtree/, 'error'],
	['excluded otherName', 'rfc5280::nc::nc-forbids-othername', 'RFC 5280 §4.2.1.10', /cannot evaluate/, 'error'],
	['malformed SAN under a permitting constraint', 'rfc5280::nc::nc-permits-invalid-email-san', 'RFC 5280 §4.2.1.6', /not a mailbox/, 'warning'],
	['CRL without crlNumber', 'crl::crlnumber-missing', 'RFC 5280 §5.2.3', /no CRL number/, 'warning'],
	['CRL with a critical crlNumber', 'crl::crlnumber-critical', 'RFC 5280 §5.2.3', /CRL number critical/, 'warning'],
	['CRL issuer without cRLSign', 'crl::issuer-missing-crlsign', 'RFC 5280 §6.3.3', /lacks cRLSign/, 'warning'],
	['an extension that does not decode (AIA)', 'webpki::malformed-aia', 'RFC 5280 §4.2', /^Extension .* does not decode/, 'warning'],
	['signatureAlgorithm differs from the TBS signature', 'rfc5280::mismatching-signature-algorithm', 'RFC 5280 §4.1.1.2', /signatureAlgorithm differs/, 'warning'],
	['max chain depth', 'pathlen::max-chain-depth-1-exhausted', 'RFC 5280 §6.1.2 (k)', /limit given \(max depth\) is 1/, 'error'],
	['host name not in the SAN', 'rfc5280::ca-as-leaf-wrong-san', 'RFC 6125 §6.4', /does not name/, 'error'],
];

async function both(id: string): Promise<Record<'rfc5280' | 'windows', ChainResult>> {
	const c = byId(id);
	return { rfc5280: await runCase(c, 'rfc5280', checker), windows: await runCase(c, 'windows', checker) };
}

suite('chain: one test per rule (issue 12)', function () {
	this.timeout(60_000);

	for (const [rule, id, rfc, message, windowsSeverity] of RULES) {
		test(`${rule} (${id})`, async () => {
			const r = await both(id);
			assert.equal(r.rfc5280.verdict.trusted, false, r.rfc5280.verdict.summary);
			const strict = findings(r.rfc5280).filter((s) => s.rfc === rfc && message.test(s.message));
			assert.ok(strict.length > 0, `no ${rfc} finding matching ${message} in: ${findings(r.rfc5280).map((s) => `${s.rfc ?? ''} ${s.message}`).join(' | ')}`);
			assert.ok(strict.every((s) => s.severity === 'error'));
			const win = findings(r.windows).filter((s) => s.rfc === rfc && message.test(s.message));
			assert.ok(win.length > 0, 'the windows profile reports the rule too');
			assert.equal(win[0]!.severity, windowsSeverity);
			if (windowsSeverity === 'warning' && win[0]!.flag === 'NOT_RFC5280_CONFORMANT') assert.match(win[0]!.message, /Windows accepts this/);
		});
	}

	test('findings with a Windows flag carry their RFC 5280 section too', async () => {
		const expects: [string, string, string][] = [
			['rfc5280::validity::expired-leaf', 'IS_NOT_TIME_VALID', 'RFC 5280 §4.1.2.5'],
			['pathlen::intermediate-violates-pathlen-0', 'INVALID_BASIC_CONSTRAINTS', 'RFC 5280 §4.2.1.9'],
			['rfc5280::unknown-critical-extension-ee', 'HAS_NOT_SUPPORTED_CRITICAL_EXT', 'RFC 5280 §4.2'],
			['crl::revoked-certificate-with-crl', 'IS_REVOKED', 'RFC 5280 §6.1.3 (a)(3)'],
		];
		for (const [id, flag, rfc] of expects) {
			const r = await runCase(byId(id), 'windows', checker);
			assert.ok(findings(r).some((s) => s.flag === flag && s.rfc === rfc && s.severity === 'error'), `${id}: ${findings(r).map((s) => `${s.flag} ${s.rfc ?? ''}`).join(' | ')}`);
		}
	});

	test('the passing counterparts stay trusted under rfc5280 (no over-rejection)', async () => {
		for (const id of ['rfc5280::aki::self-signed-root-missing-aki', 'rfc5280::nc::nc-forbids-othername-noop', 'crl::issuer-no-keyusage-extension', 'crl::certificate-not-on-crl', 'pathlen::max-chain-depth-1-self-issued', 'rfc5280::nc::permitted-dns-match']) {
			const r = await runCase(byId(id), 'rfc5280', checker);
			assert.equal(r.verdict.trusted, true, `${id}: ${r.verdict.summary}`);
		}
	});

	test('path building: key rollover (self-issued, not self-signed) is built past', async () => {
		const r = await runCase(byId('pathlen::self-issued-certs-pathlen'), 'rfc5280', checker);
		assert.equal(r.verdict.trusted, true, r.verdict.summary);
		assert.equal(r.chains[0]!.elements.length, 5);
	});

	test('path building: under rfc5280 a trusted certificate that is not self-signed ends the chain; under windows it does not', async () => {
		const r = await both('rfc5280::root-and-intermediate-swapped');
		assert.equal(r.rfc5280.verdict.trusted, true, r.rfc5280.verdict.summary);
		assert.equal(r.rfc5280.chains[0]!.elements.length, 2);
		assert.equal(r.windows.verdict.trusted, false);
		assert.deepEqual(r.windows.verdict.flags, ['IS_UNTRUSTED_ROOT']);
	});

	test('a CA certificate as the leaf is not rejected for key usage under rfc5280', async () => {
		const r = await both('rfc5280::ca-as-leaf');
		assert.equal(r.rfc5280.verdict.trusted, true, r.rfc5280.verdict.summary);
	});

	test('validation time with fractional seconds is cut to whole seconds', async () => {
		assert.equal((await runCase(byId('rfc5280::validity::notafter-fractional'), 'rfc5280', checker)).verdict.trusted, true);
		assert.equal((await runCase(byId('rfc5280::validity::notbefore-fractional'), 'rfc5280', checker)).verdict.trusted, false);
	});

	test('work limit: nc-dos (2048 constraints × 2048 names) is refused at the comparison budget, as a finding', async () => {
		for (const id of ['pathological::nc-dos-1', 'pathological::nc-dos-2', 'pathological::nc-dos-3']) {
			const r = await runCase(byId(id), 'windows', checker);
			assert.equal(r.verdict.trusted, false);
			assert.ok(r.limitsHit.some((l) => l.startsWith('name-constraint')), `${id}: ${r.limitsHit.join('; ')}`);
			assert.ok(findings(r).some((s) => s.flag === 'INVALID_NAME_CONSTRAINTS' && /over the work limit/.test(s.message)));
		}
	});

	test('work limit: candidate issuers and signatures are bounded and reported', async () => {
		const c = byId('pathological::pathological-chain-same-subject-distinct-key');
		const pool = new CertificatePool();
		const load = (pems: readonly string[]) => pems.flatMap((p) => loadCertificatesSync(new TextEncoder().encode(p)).value.map((l) => l.certificate));
		pool.addAll(load(c.untrusted_intermediates), 'untrusted');
		pool.addAll(load(c.trusted_certs), 'trusted', { anchor: true });
		const leaf = load([c.peer_certificate])[0]!;
		const few = await buildChains(leaf, pool, checker, { limits: { candidates: 20 }, maxChains: 1000 });
		assert.equal(few.verdict.trusted, false);
		assert.ok(few.limitsHit.some((l) => /20 issuer candidates/.test(l)), few.limitsHit.join('; '));
		const sigs = await buildChains(leaf, pool, new SignatureChecker(globalThis.crypto.subtle), { limits: { signatures: 5 } });
		assert.ok(sigs.limitsHit.some((l) => /signature checks stopped at 5/.test(l)), sigs.limitsHit.join('; '));
		assert.ok(sigs.edges.some((e) => /limit of 5 signature checks/.test(e.signatureDetail)));
	});

	test('host names: RFC 6125 wildcards, IP addresses by bytes, bad input', () => {
		assert.equal(dnsNameMatches('*.example.com', 'www.example.com'), true);
		assert.equal(dnsNameMatches('*.example.com', 'a.b.example.com'), false);
		assert.equal(dnsNameMatches('*.example.com', 'example.com'), false);
		assert.equal(dnsNameMatches('*.com', 'example.com'), false);
		assert.equal(dnsNameMatches('f*.example.com', 'foo.example.com'), false);
		assert.equal(dnsNameMatches('www.*.com', 'www.example.com'), false);
		assert.equal(dnsNameMatches('WWW.Example.COM', 'www.example.com'), true);
		assert.deepEqual(ipBytes('2001:db8::1'), Uint8Array.from([0x20, 1, 0xd, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]));
		assert.deepEqual(ipBytes('192.0.2.1'), Uint8Array.from([192, 0, 2, 1]));
		assert.equal(ipBytes('192.168.001.001'), undefined);
		assert.equal(ipBytes('1::2::3'), undefined);
		assert.deepEqual(parsePeerName('dns', 'WWW.Example.com.'), { kind: 'dns', value: 'www.example.com' });
		assert.match(parsePeerName('ip', 'example.com') as string, /not an IPv4 or IPv6 address/);
	});

	test('host names: CN fallback only under windows, and only without a SAN dNSName', async () => {
		const r = await both('webpki::san::no-san');
		assert.equal(r.windows.verdict.trusted, true);
		assert.ok(findings(r.windows).some((s) => s.rfc === 'RFC 9525 §6.3' && /falls back to the CN/.test(s.message)));
		assert.deepEqual(r.rfc5280.verdict.flags, ['NAME_MISMATCH']);
		const ip = await both('webpki::san::exact-localhost-ip-san');
		assert.equal(ip.rfc5280.verdict.trusted, true);
		assert.equal(ip.rfc5280.peerName?.kind, 'ip');
	});
});
