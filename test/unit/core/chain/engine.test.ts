import * as assert from 'node:assert/strict';
import { buildChains, CertificatePool, findPaths, SignatureChecker, type ChainResult } from '../../../../src/core/chain';
import type { Certificate } from '../../../../src/core/x509';
import { AT, cert, certs, crlsOf, poolOf } from './scenarios';

const checker = new SignatureChecker(globalThis.crypto.subtle);

function subjects(r: ChainResult, chain = 0): string[] {
	return r.chains[chain]!.elements.map((e) => r.nodes.find((n) => n.id === e.node)!.serial);
}

/** A copy of `c` with some fields replaced (the DER, and so the signatures, stay the real ones). */
function variant(c: Certificate, changes: Partial<Certificate>): Certificate {
	return { ...c, ...changes };
}

suite('chain engine', function () {
	this.timeout(60_000);

	test('several candidates for one issuer name: the valid, key-matching one wins; the others stay as alternatives', async () => {
		const r = await buildChains(cert('leaf.pem'), poolOf(['candidates.pem'], ['root.pem']), checker, { at: AT });
		assert.equal(r.verdict.trusted, true);
		assert.equal(r.chains.length, 3);
		assert.deepEqual(subjects(r, 0), ['1001', '02', '01']);
		assert.deepEqual(r.chains.map((c) => c.verdict), ['trusted', 'invalid', 'invalid']);
		assert.deepEqual(r.chains[1]!.errorFlags, ['IS_NOT_TIME_VALID']);
		assert.deepEqual(subjects(r, 1), ['1001', '12', '01']);
	});

	test('AKI/SKI mismatch: the re-keyed decoy matches by name only and its signature fails', async () => {
		const r = await buildChains(cert('leaf.pem'), poolOf(['candidates.pem'], ['root.pem']), checker, { at: AT });
		const decoy = r.chains[2]!;
		const edge = r.edges[decoy.elements[0]!.edge!]!;
		assert.equal(edge.match, 'nameKeyIdMismatch');
		assert.equal(edge.signature, 'invalid');
		assert.ok(decoy.elements[0]!.status.some((s) => s.flag === 'HAS_NAME_MATCH_ISSUER' && s.severity === 'info'));
		assert.ok(decoy.errorFlags.includes('IS_NOT_SIGNATURE_VALID'));
		assert.equal(r.edges[r.chains[0]!.elements[0]!.edge!]!.match, 'nameAndKeyId');
	});

	test('loops end as IS_CYCLIC + IS_PARTIAL_CHAIN and the search terminates', async () => {
		const r = await buildChains(cert('leafloop.pem'), poolOf(['loopa.pem', 'loopb.pem'], ['root.pem']), checker, { at: AT });
		assert.equal(r.chains.length, 1);
		assert.equal(r.chains[0]!.elements.length, 3);
		assert.deepEqual(r.chains[0]!.errorFlags, ['IS_CYCLIC', 'IS_PARTIAL_CHAIN']);
		assert.equal(r.verdict.kind, 'partial');
		assert.match(r.verdict.summary, /loop/);
	});

	test('a missing intermediate names the issuer DN and its AIA caIssuers URL; near misses by key id are listed', async () => {
		const leaf = cert('leafint2.pem');
		const r = await buildChains(leaf, poolOf(['int.pem'], ['root.pem']), checker, { at: AT });
		const m = r.missingIssuers[0]!;
		assert.equal(m.issuerWindows, 'CN=Chain Lab Issuing CA 2, O=Schannel Lens Chain Lab, C=US');
		assert.deepEqual(m.caIssuers, ['http://pki.chainlab.example/int2.cer']);
		assert.equal(m.authorityKeyId, leaf.authorityKeyIdentifier?.keyIdentifier);
		assert.match(r.verdict.summary, /fetch it by hand from http:\/\/pki\.chainlab\.example\/int2\.cer/);
		// The right key under another name (here: int2's key with int's subject) is a near miss, not an issuer.
		const pool = poolOf([], ['root.pem']);
		pool.add(variant(cert('int2.pem'), { subject: cert('int.pem').subject, sha256: 'FAKE' }), 'renamed.pem');
		const r2 = await buildChains(leaf, pool, checker, { at: AT });
		assert.equal(r2.verdict.kind, 'partial');
		assert.match(r2.missingIssuers[0]!.nearMisses[0]!.reason, /key identifier/);
	});

	test('the cross-signed path beats the untrusted self-signed root (preference rule)', async () => {
		const r = await buildChains(cert('leafb.pem'), poolOf(['intb.pem', 'rootb.pem', 'crossb.pem'], ['root.pem']), checker, { at: AT });
		assert.deepEqual(r.chains.map((c) => c.verdict), ['trusted', 'untrustedRoot']);
		assert.deepEqual(subjects(r, 0), ['1601', '0B', '0A', '01']);
		// Both anchors trusted: both chains are valid and the shorter one wins.
		const both = await buildChains(cert('leafb.pem'), poolOf(['intb.pem', 'crossb.pem'], ['root.pem', 'rootb.pem']), checker, { at: AT });
		assert.deepEqual(both.chains.map((c) => [c.verdict, c.elements.length]), [['trusted', 3], ['trusted', 4]]);
	});

	test('purpose: a client certificate is not valid for server use; "any" skips EKU', async () => {
		const pool = poolOf(['int.pem'], ['root.pem']);
		const server = await buildChains(cert('leaf.pem'), pool, checker, { at: AT, purpose: 'server' });
		assert.deepEqual(server.verdict.flags, ['IS_NOT_VALID_FOR_USAGE']);
		assert.deepEqual(server.verdict.failingDepths, [0]);
		assert.equal((await buildChains(cert('leaf.pem'), pool, checker, { at: AT, purpose: 'any' })).verdict.trusted, true);
	});

	test('revocation: CRL says good for alice; the CA above has no CRL (info), or an error when required', async () => {
		const pool = poolOf(['int.pem'], ['root.pem']);
		const r = await buildChains(cert('leaf.pem'), pool, checker, { at: AT, crls: crlsOf(['int.crl']) });
		assert.equal(r.verdict.trusted, true);
		const [leaf, ca] = r.chains[0]!.elements;
		assert.equal(leaf!.status.length, 0);
		assert.ok(ca!.status.some((s) => s.flag === 'REVOCATION_STATUS_UNKNOWN' && s.severity === 'info' && /http:\/\/pki\.chainlab\.example\/root\.crl/.test(s.message)));
		const required = await buildChains(cert('leaf.pem'), pool, checker, { at: AT, crls: crlsOf(['int.crl']), revocation: 'require' });
		assert.deepEqual(required.verdict.failingDepths, [1]);
		const none = await buildChains(cert('leafrev.pem'), pool, checker, { at: AT, crls: crlsOf(['int.crl']), revocation: 'none' });
		assert.equal(none.verdict.trusted, true);
		// Before the CRL was issued it is not current: unknown, not revoked.
		const early = await buildChains(cert('leafrev.pem'), pool, checker, { at: new Date('2024-06-01T00:00:00Z'), crls: crlsOf(['int.crl']) });
		assert.equal(early.verdict.trusted, true);
	});

	test('a certificate acting as a CA without cA=TRUE is INVALID_BASIC_CONSTRAINTS; unknown critical extensions are rejected', async () => {
		const pool = new CertificatePool();
		pool.add(variant(cert('int.pem'), { basicConstraints: { ca: false, critical: true } }), 'int.pem');
		pool.addAll(certs('root.pem'), 'root.pem', { anchor: true });
		const r = await buildChains(cert('leaf.pem'), pool, checker, { at: AT });
		assert.deepEqual(r.verdict.flags, ['INVALID_BASIC_CONSTRAINTS']);
		assert.deepEqual(r.verdict.failingDepths, [1]);
		const leaf = cert('leaf.pem');
		const odd = variant(leaf, { extensions: [...leaf.extensions, { oid: '1.2.3.4.5', name: '1.2.3.4.5', critical: true, offset: 0, value: new Uint8Array([5, 0]), decoded: true }] });
		const r2 = await buildChains(odd, poolOf(['int.pem'], ['root.pem']), checker, { at: AT });
		assert.deepEqual(r2.verdict.flags, ['HAS_NOT_SUPPORTED_CRITICAL_EXT']);
	});

	test('weak algorithms are warnings (SHA-1, RSA 1024); MD5 is an error and "unsupported" is said plainly', async () => {
		const pool = poolOf(['int.pem'], ['root.pem']);
		const weak = await buildChains(cert('leafweak.pem'), pool, checker, { at: AT });
		assert.equal(weak.verdict.trusted, true);
		assert.deepEqual(weak.chains[0]!.warningFlags, ['HAS_WEAK_SIGNATURE']);
		assert.equal(weak.chains[0]!.elements[0]!.status.filter((s) => s.severity === 'warning').length, 2);
		const md5 = await buildChains(cert('leafmd5.pem'), pool, checker, { at: AT });
		assert.ok(md5.chains[0]!.elements[0]!.status.some((s) => s.message === 'The signature could not be checked: unsupported signature algorithm md5WithRSAEncryption.'));
	});

	test('a self-signed leaf in the anchors is a one-element trusted chain', async () => {
		const r = await buildChains(cert('selfp256.pem'), poolOf([], ['selfp256.pem']), checker, { at: AT, purpose: 'any' });
		assert.equal(r.verdict.trusted, true);
		assert.equal(r.chains[0]!.elements.length, 1);
	});

	test('depth limit cuts the chain and says so', async () => {
		const r = await buildChains(cert('leaf.pem'), poolOf(['int.pem'], ['root.pem']), checker, { at: AT, maxDepth: 2 });
		assert.equal(r.truncated, true);
		assert.deepEqual(r.verdict.flags, ['IS_PARTIAL_CHAIN']);
	});

	test('1,000 candidates: only same-name candidates are explored, and same-name floods are capped', () => {
		const pool = poolOf(['int.pem'], ['root.pem']);
		const base = cert('int.pem');
		for (let i = 0; i < 1000; i++) {
			const der = base.subject.der.slice();
			der[der.length - 1 - (i % 7)] ^= (i % 250) + 1;
			der[der.length - 9] ^= i >> 8;
			pool.add(variant(base, { sha256: `DECOY${i}`, subject: { ...base.subject, der } }), 'decoys');
		}
		assert.equal(pool.size, 1002);
		const found = findPaths({ certificate: cert('leaf.pem'), sources: ['leaf'], anchor: false }, pool, { at: AT });
		assert.equal(found.paths.length, 1);
		assert.equal(found.truncated, false);
		const flood = new CertificatePool();
		for (let i = 0; i < 1000; i++) flood.add(variant(base, { sha256: `SAME${i}` }), 'flood');
		flood.addAll(certs('root.pem'), 'root.pem', { anchor: true });
		const capped = findPaths({ certificate: cert('leaf.pem'), sources: ['leaf'], anchor: false }, flood, { at: AT, maxPaths: 32 });
		assert.equal(capped.paths.length, 32);
		assert.equal(capped.truncated, true);
	});

	test('the result is plain JSON (round-trips unchanged)', async () => {
		const r = await buildChains(cert('leafsub.pem'), poolOf(['int.pem', 'sub.pem'], ['root.pem']), checker, { at: AT });
		assert.deepEqual(JSON.parse(JSON.stringify(r)), r);
		assert.equal(r.nodes.length, 4);
		assert.ok(r.nodes.every((n) => /^[0-9A-F]{64}$/.test(n.id)));
		assert.match(r.verdict.summary, /pathLenConstraint 0/);
	});
});
