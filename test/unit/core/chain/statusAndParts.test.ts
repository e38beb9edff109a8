import * as assert from 'node:assert/strict';
import { checkNameConstraints, parseCrls, TRUST_FLAGS, trustFlagInfo, trustStatusValue } from '../../../../src/core/chain';
import type { Certificate } from '../../../../src/core/x509';
import { readFixture } from '../../../support/fixtures';
import { cert } from './scenarios';

suite('chain: CERT_TRUST flags, name constraints, CRLs', () => {
	test('every flag has its Windows name, bit, .NET X509ChainStatusFlags name and a sentence', () => {
		assert.deepEqual(trustFlagInfo('IS_PARTIAL_CHAIN'), { windows: 'CERT_TRUST_IS_PARTIAL_CHAIN', kind: 'error', value: 0x10000, dotnet: 'PartialChain', sentence: trustFlagInfo('IS_PARTIAL_CHAIN').sentence });
		assert.equal(trustFlagInfo('IS_UNTRUSTED_ROOT').dotnet, 'UntrustedRoot');
		assert.equal(trustFlagInfo('HAS_NOT_SUPPORTED_CRITICAL_EXT').value, 0x08000000);
		assert.equal(trustFlagInfo('HAS_NAME_MATCH_ISSUER').kind, 'info');
		for (const f of TRUST_FLAGS) {
			const info = trustFlagInfo(f);
			assert.match(info.dotnet, /^[A-Z][A-Za-z]+$/, f);
			assert.match(info.sentence, /^[A-Z].*\.$/, f);
		}
		assert.equal(trustStatusValue(['IS_NOT_TIME_VALID', 'IS_REVOKED', 'IS_NOT_TIME_VALID']), 5);
	});

	const ca = cert('intnc.pem');
	const leaf = cert('leafncok.pem');
	const withSan = (san: Certificate['subjectAltName'], subject = leaf.subject): Certificate => ({ ...leaf, subjectAltName: san, subject });
	const nc: [string, Certificate, string[]][] = [
		['within DNS and dirName', leaf, []],
		['DNS outside the permitted subtree', cert('leafncbad.pem'), ['INVALID_NAME_CONSTRAINTS', 'HAS_NOT_PERMITTED_NAME_CONSTRAINT']],
		['DNS in the excluded subtree', withSan([{ type: 'DNS', value: 'x.blocked.allowed.example' }]), ['INVALID_NAME_CONSTRAINTS', 'HAS_EXCLUDED_NAME_CONSTRAINT']],
		['email within (domain)', withSan([{ type: 'email', value: 'ann@allowed.example' }]), []],
		['email outside', withSan([{ type: 'email', value: 'ann@evil.example' }]), ['INVALID_NAME_CONSTRAINTS', 'HAS_NOT_PERMITTED_NAME_CONSTRAINT']],
		['directory name outside', withSan([], cert('oroot.pem').subject), ['INVALID_NAME_CONSTRAINTS', 'HAS_NOT_PERMITTED_NAME_CONSTRAINT']],
		['a name type the constraints do not mention (IP)', withSan([{ type: 'IP', value: '10.0.0.1' }]), ['HAS_NOT_DEFINED_NAME_CONSTRAINT']],
	];
	for (const [name, subject, flags] of nc) {
		test(`name constraints: ${name}`, () => {
			assert.deepEqual(checkNameConstraints(ca, subject).flatMap((f) => f.flags), flags);
		});
	}

	test('CRL: DER and PEM, revoked serial and dates; garbage is a problem, not an exception', () => {
		const der = readFixture('chains/int.crl');
		const [crl] = parseCrls(der, 'int.crl').value;
		assert.equal(crl!.revoked.get('1005')?.toISOString(), '2025-01-01T00:00:00.000Z');
		assert.equal(crl!.thisUpdate.toISOString(), '2025-01-01T00:00:00.000Z');
		assert.equal(crl!.nextUpdate?.toISOString(), '2035-01-01T00:00:00.000Z');
		const pem = `-----BEGIN X509 CRL-----\n${Buffer.from(der).toString('base64')}\n-----END X509 CRL-----\n`;
		assert.equal(parseCrls(new TextEncoder().encode(pem), 'int.pem').value[0]!.revoked.size, 1);
		const bad = parseCrls(Uint8Array.from([1, 2, 3]), 'junk');
		assert.equal(bad.value.length, 0);
		assert.equal(bad.problems[0]!.severity, 'error');
	});
});
