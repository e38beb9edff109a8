import * as assert from 'node:assert/strict';
import { buildChains, CertificatePool, canonicalIp, ipBytes, parsePublicSuffixList, SignatureChecker, type ChainResult, type ElementStatus, type PublicSuffixList } from '../../../../src/core/chain';
import { loadCertificatesSync, type Certificate } from '../../../../src/core/x509';
import { readFixture } from '../../../support/fixtures';
import { limboCases, publicSuffixes, runCase, type LimboCase } from './limbo';

const cases = limboCases();
const byId = (id: string): LimboCase => {
	const c = cases.find((x) => x.id === id);
	if (!c) throw new Error(`no limbo case ${id}`);
	return c;
};
const checker = new SignatureChecker(globalThis.crypto.subtle);
const findings = (r: ChainResult): ElementStatus[] => r.chains[0]!.elements.flatMap((e) => e.status);
const brFindings = (r: ChainResult): ElementStatus[] => findings(r).filter((s) => s.flag === 'NOT_WEBPKI_CONFORMANT');

/** [rule, x509-limbo case that breaks only that rule (on top of what rfc5280 already rejects), section, message]. */
const RULES: readonly [string, string, string, RegExp][] = [
	['root AKI without keyIdentifier', 'webpki::aki::root-with-aki-missing-keyidentifier', 'CA/B BR §7.1.2.1.3', /has no keyIdentifier/],
	['root AKI with authorityCertIssuer', 'webpki::aki::root-with-aki-authoritycertissuer', 'CA/B BR §7.1.2.1.3', /authorityCertIssuer or authorityCertSerialNumber/],
	['root AKI with authorityCertSerialNumber', 'webpki::aki::root-with-aki-authoritycertserialnumber', 'CA/B BR §7.1.2.1.3', /authorityCertIssuer or authorityCertSerialNumber/],
	['root AKI differs from its SKI', 'webpki::aki::root-with-aki-ski-mismatch', 'CA/B BR §7.1.2.1.3', /differs from its own subject key identifier/],
	['root with an EKU', 'webpki::eku::root-has-eku', 'CA/B BR §7.1.2.1.2', /root CA certificate with an extended key usage/],
	['subscriber without EKU', 'webpki::eku::ee-without-eku', 'CA/B BR §7.1.2.7.6', /No extended key usage extension/],
	['subscriber EKU critical', 'webpki::eku::ee-critical-eku', 'CA/B BR §7.1.2.7.6', /extended key usage extension is critical/],
	['subscriber EKU with anyExtendedKeyUsage', 'webpki::eku::ee-anyeku', 'CA/B BR §7.1.2.7.10', /anyExtendedKeyUsage/],
	['subscriber with cA = TRUE', 'webpki::ee-basicconstraints-ca', 'CA/B BR §7.1.2.7.8', /cA = TRUE/],
	['subscriber with keyCertSign (a CA as the leaf)', 'webpki::ca-as-leaf', 'CA/B BR §7.1.2.7.11', /keyCertSign/],
	['subscriber without SAN', 'webpki::san::no-san', 'CA/B BR §7.1.2.7.12', /No subject alternative name/],
	['critical SAN with a subject', 'webpki::san::san-critical-with-nonempty-subject', 'CA/B BR §7.1.2.7.12; RFC 5280 §4.2.1.6', /critical although the subject is not empty/],
	['CN not among the SAN names', 'webpki::cn::not-in-san', 'CA/B BR §7.1.4.3', /"notinsan\.example\.com" is not a character-for-character copy/],
	['CN differing from the SAN only in case', 'webpki::cn::case-mismatch', 'CA/B BR §7.1.4.3', /only in letter case/],
	['CN naming a SAN address in a non-canonical form', 'webpki::cn::ipv6-uppercase-mismatch', 'CA/B BR §7.1.4.3', /not in the required text form \(2001:db8::8a2e:370:7334: RFC 3986 §3\.2\.2 for IPv4, RFC 5952 §4 for IPv6\)/],
	['RSA key under 2048 bits', 'webpki::forbidden-weak-rsa-key-in-root', 'CA/B BR §6.1.5', /RSA key of 1024 bits/],
	['RSA modulus not a multiple of 8', 'webpki::forbidden-rsa-key-not-divisible-by-8-in-leaf', 'CA/B BR §6.1.5', /2052 bits, which is not a multiple of 8/],
	['EC key on a curve the BRs do not allow', 'webpki::forbidden-p192-leaf', 'CA/B BR §7.1.3.1.2', /EC key on prime192v1/],
	['EC key with explicit curve parameters', 'webpki::explicit-curve', 'CA/B BR §7.1.3.1.2', /explicit parameters; .*only the named curves/],
	['DSA key', 'webpki::forbidden-dsa-leaf', 'CA/B BR §7.1.3.1', /^dsa key; the Baseline Requirements allow only RSA/],
	['X.509 version other than 3', 'webpki::v1-cert', 'CA/B BR §7.1.1', /version 1 certificate/],
	['wildcard over a one-label public suffix (no list needed)', 'webpki::san::public-suffix-wildcard-san', 'CA/B BR §3.2.2.6; RFC 6125 §7.2', /"\*\.com" is a wildcard over a top-level domain/],
	['wildcard over a multi-label public suffix (ICANN section)', 'webpki::san::public-suffix-multi-label-wildcard-san', 'CA/B BR §3.2.2.6; RFC 6125 §7.2', /"\*\.co\.uk" is a wildcard over a public suffix in public_suffix_list\.dat/],
	['wildcard over a private-section public suffix', 'webpki::san::public-suffix-private-namespace-wildcard-san', 'CA/B BR §3.2.2.6; RFC 6125 §7.2', /"\*\.s3\.amazonaws\.com" is a wildcard over a public suffix/],
];

suite('chain: webpki profile, one test per CA/Browser Forum rule', function () {
	this.timeout(60_000);

	for (const [rule, id, section, message] of RULES) {
		test(`${rule} (${id})`, async () => {
			const c = byId(id);
			assert.equal(c.expected_result, 'FAILURE');
			const web = await runCase(c, 'webpki', checker);
			assert.equal(web.verdict.trusted, false, web.verdict.summary);
			const hit = brFindings(web).filter((s) => s.rfc === section && message.test(s.message));
			assert.ok(hit.length > 0, `no ${section} finding matching ${message} in: ${brFindings(web).map((s) => `${s.rfc ?? ''} ${s.message}`).join(' | ')}`);
			assert.ok(hit.every((s) => s.severity === 'error'));
			// Windows does not enforce the BRs: the same rule is an info finding there, saying so; rfc5280 does not report it.
			const win = brFindings(await runCase(c, 'windows', checker, publicSuffixes())).filter((s) => s.rfc === section && message.test(s.message));
			assert.ok(win.length > 0, 'the windows profile reports the rule too');
			assert.ok(win.every((s) => s.severity === 'info' && /Windows does not enforce the CA\/Browser Forum Baseline Requirements \(inferred\)/.test(s.message)));
			assert.deepEqual(brFindings(await runCase(c, 'rfc5280', checker, publicSuffixes())), []);
		});
	}

	test('a valid Web PKI chain (a saved copy of cryptography.io, Let\'s Encrypt) has no BR finding', async () => {
		const r = await runCase(byId('webpki::cryptographydotio-chain'), 'webpki', checker);
		assert.equal(r.verdict.trusted, true, r.verdict.summary);
		assert.deepEqual(brFindings(r), []);
	});

	test('a non-critical name constraint: an RFC 5280 error, accepted by webpki (BR §7.1.2.10.8) with the exception named', async () => {
		const c = byId('webpki::nc::permitted-dns-match-noncritical');
		assert.equal(c.expected_result, 'SUCCESS');
		const web = await runCase(c, 'webpki', checker);
		assert.equal(web.verdict.trusted, true, web.verdict.summary);
		assert.ok(findings(web).some((s) => s.severity === 'info' && s.rfc === 'RFC 5280 §4.2.1.10; CA/B BR §7.1.2.10.8'));
		assert.equal((await runCase(c, 'rfc5280', checker)).verdict.trusted, false);
	});

	test('the multi-label public-suffix rule needs the list: without one, *.co.uk is not reported', async () => {
		const c = byId('webpki::san::public-suffix-multi-label-wildcard-san');
		const without = await runCase(c, 'webpki', checker, null);
		assert.equal(without.publicSuffixList, undefined);
		assert.deepEqual(brFindings(without).filter((s) => s.rfc?.startsWith('CA/B BR §3.2.2.6')), []);
		assert.equal((await runCase(c, 'webpki', checker)).publicSuffixList, 'public_suffix_list.dat');
	});

	test('the Public Suffix List alone decides (test/fixtures/webpki, openssl): *.co.uk rejected with the list, *.example.co.uk accepted', async () => {
		const cert = (f: string): Certificate => loadCertificatesSync(readFixture(`webpki/${f}`)).value[0]!.certificate;
		const judge = async (leaf: string, host: string, suffixes?: PublicSuffixList): Promise<ChainResult> => {
			const pool = new CertificatePool();
			pool.add(cert('root.pem'), 'root.pem', { anchor: true });
			return buildChains(cert(leaf), pool, checker, { profile: 'webpki', purpose: 'server', peer: { kind: 'dns', value: host }, ...(suffixes ? { publicSuffixes: suffixes } : {}) });
		};
		const psl = publicSuffixes();
		const without = await judge('psl-wildcard.pem', 'www.co.uk');
		assert.equal(without.verdict.trusted, true, without.verdict.summary);
		const withList = await judge('psl-wildcard.pem', 'www.co.uk', psl);
		assert.equal(withList.verdict.trusted, false);
		assert.deepEqual(findings(withList).filter((s) => s.severity === 'error').map((s) => s.rfc), ['CA/B BR §3.2.2.6; RFC 6125 §7.2']);
		const ok = await judge('ok-wildcard.pem', 'www.example.co.uk', psl);
		assert.equal(ok.verdict.trusted, true, ok.verdict.summary);
		assert.deepEqual(brFindings(ok), []);
	});

	test('client-authentication chains get no BR findings under windows (the TLS BRs govern server certificates)', async () => {
		const c = { ...byId('webpki::eku::ee-without-eku'), extended_key_usage: ['clientAuth'] };
		assert.deepEqual(brFindings(await runCase(c, 'windows', checker)), []);
	});
});

suite('chain: Public Suffix List and canonical IP text', () => {
	test('the vendored list: ICANN, private, wildcard and exception rules', () => {
		const psl = publicSuffixes();
		assert.ok(psl.rules > 9000, `${psl.rules} rules`);
		for (const d of ['com', 'co.uk', 's3.amazonaws.com', 'anything.ck', 'unknowntld']) assert.equal(psl.isPublicSuffix(d), true, d);
		for (const d of ['example.com', 'example.co.uk', 'www.ck', 'bucket.s3.amazonaws.com', 'a..b', '']) assert.equal(psl.isPublicSuffix(d), false, d);
		assert.equal(psl.isPublicSuffix('CO.UK.'), true);
	});

	test('parser: comments, first word only, wildcard and exception', () => {
		const psl = parsePublicSuffixList('// comment\nuk\nco.uk extra words\n*.kawasaki.jp\n!city.kawasaki.jp\n\n', 'tiny');
		assert.equal(psl.rules, 4);
		assert.equal(psl.isPublicSuffix('co.uk'), true);
		assert.equal(psl.isPublicSuffix('foo.kawasaki.jp'), true);
		assert.equal(psl.isPublicSuffix('city.kawasaki.jp'), false);
		assert.equal(psl.isPublicSuffix('kawasaki.jp'), false);
	});

	test('canonicalIp: RFC 3986 dotted decimal and RFC 5952 text', () => {
		const t = (s: string): string => canonicalIp(ipBytes(s)!);
		assert.equal(t('192.168.1.1'), '192.168.1.1');
		assert.equal(t('2001:0DB8:0000:0000:0000:0000:0000:0001'), '2001:db8::1');
		assert.equal(t('2001:db8:0:0:1:0:0:1'), '2001:db8::1:0:0:1');
		assert.equal(t('2001:db8:0:1:1:1:1:1'), '2001:db8:0:1:1:1:1:1');
		assert.equal(t('::'), '::');
		assert.equal(t('fe80::'), 'fe80::');
		assert.equal(t('::1'), '::1');
	});
});
