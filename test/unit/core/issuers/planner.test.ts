import * as assert from 'node:assert/strict';
import { certificatesFromReg, loadCertificatesSync } from '../../../../src/core/x509';
import { clientAuthIssuerReg, clientCertificatesFrom, clientsAfterRemoval, computeIssuerList, noListReg, planRootRemoval, rootRemovalPowerShell, rootRemovalReg, storeCertificatesFrom, type StoreCertificate } from '../../../../src/core/issuers';
import { parseRegText } from '../../../../src/core/reg';
import { findWindowsVersion } from '../../../../src/core/schannel';
import { prng, readFixture } from '../../../support/fixtures';

const os2008r2 = findWindowsVersion('2008r2')!;
const NOW = new Date('2026-11-22T00:00:00Z');

function fake(id: number, size: number, extra: Partial<StoreCertificate> = {}): StoreCertificate {
	const der = new Uint8Array(size);
	der[0] = 0x30;
	der[1] = id & 0xff;
	der[2] = id >> 8;
	return { store: 'Root', sha1: id.toString(16).toUpperCase().padStart(40, '0'), subjectDer: der, issuerDer: der, subject: `CN=CA ${id}`, selfSigned: true, clientAuthAllowed: true, source: 's', sourceIndex: id, ...extra };
}

/** The fewest removals that fit, by brute force over all subsets (small n only). */
function bruteForceMinimum(sizes: number[], excess: number, locked: Set<number>): number {
	let best = Infinity;
	for (let mask = 0; mask < 1 << sizes.length; mask++) {
		let sum = 0;
		let count = 0;
		let ok = true;
		for (let i = 0; i < sizes.length; i++) {
			if (!(mask & (1 << i))) continue;
			if (locked.has(i)) ok = false;
			sum += sizes[i]! + 2;
			count++;
		}
		if (ok && sum >= excess) best = Math.min(best, count);
	}
	return best;
}

suite('fix plans for the trusted issuer list (issue 6 part 3)', () => {
	test('plan (a) is minimal: checked against brute force on 200 random small stores', () => {
		const rnd = prng(2464556);
		const smallOs = { ...os2008r2, issuerListLimit: { ...os2008r2.issuerListLimit, bytes: 1000 } };
		for (let n = 0; n < 200; n++) {
			const count = 4 + Math.floor(rnd() * 9);
			const sizes = Array.from({ length: count }, () => 40 + Math.floor(rnd() * 200));
			const certs = sizes.map((s, i) => fake(i + 1, s, rnd() < 0.3 ? { notAfter: new Date('2001-01-01') } : {}));
			const list = computeIssuerList(certs, { os: smallOs });
			const plan = planRootRemoval(list, [], certs, NOW);
			const excess = list.totals.vectorBody - 1000;
			const want = excess <= 0 ? 0 : bruteForceMinimum(sizes, excess, new Set());
			assert.equal(plan.remove.length, want, `case ${n}: ${sizes.join(',')}`);
			assert.ok(plan.after <= 1000 || excess <= 0);
		}
	});

	test('plan (a) keeps the roots Windows requires and the CAs the clients need, and prefers expired roots', () => {
		const smallOs = { ...os2008r2, issuerListLimit: { ...os2008r2.issuerListLimit, bytes: 400 } };
		const msRoot = fake(1, 120, { subject: 'CN=Microsoft Root Certificate Authority,DC=microsoft,DC=com', serialHex: '79AD16A14AA0A5AD4C7358F407132E65' });
		const needed = fake(2, 120);
		const expired = fake(3, 60, { notAfter: new Date('2010-01-01') });
		const big = fake(4, 120);
		const other = fake(5, 60);
		const certs = [msRoot, needed, expired, big, other];
		const list = computeIssuerList(certs, { os: smallOs });
		const client = { sha1: 'C', subject: 'CN=alice', subjectDer: new Uint8Array([0x30, 9, 9]), issuerDer: needed.subjectDer, source: 'x' };
		const plan = planRootRemoval(list, [client], certs, NOW);
		assert.ok(plan.fits);
		assert.deepEqual(plan.keptRequired.map((c) => c.sha1), [msRoot.sha1]);
		assert.deepEqual(plan.keptNeeded.map((c) => c.sha1), [needed.sha1]);
		const removed = plan.remove.map((r) => r.certificate.sha1);
		assert.ok(!removed.includes(msRoot.sha1) && !removed.includes(needed.sha1));
		// 490 bytes, limit 400: removing one 122-byte root is enough; "big" beats "expired" only on size, one removal must reach 90.
		assert.equal(plan.remove.length, 1);
		assert.ok(clientsAfterRemoval(list, plan, [client], certs)[0]!.offered);
	});

	test('on the lab Root store export: plan (a) fits, keeps the lab root alice needs, and its .reg parses', () => {
		const store = certificatesFromReg(parseRegText(new TextDecoder('utf-16le').decode(readFixture('reg/store-root-too-long.v5.reg').subarray(2))));
		const certs: StoreCertificate[] = store.map((rc, i) => ({ ...storeCertificatesFrom([{ certificate: rc.certificate!, der: rc.certificate!.der, source: { container: 'reg', index: i, offset: 0 }, problems: [] }], 'Root', 'root.reg')[0]!, registryKey: rc.keyPath }));
		const clients = clientCertificatesFrom(loadCertificatesSync(readFixture('pki/client-alice.cer')).value, 'alice');
		const intermediate = storeCertificatesFrom(loadCertificatesSync(readFixture('pki/intermediate-ca.pem')).value, 'CA', 'ca');
		const list = computeIssuerList(certs, { os: os2008r2 });
		assert.equal(list.verdict, 'over');
		const plan = planRootRemoval(list, clients, [...certs, ...intermediate], NOW);
		assert.ok(plan.fits);
		assert.ok(plan.after <= 16_384);
		assert.equal(plan.keptNeeded.length, 1, 'the lab root is kept for alice');
		const reg = rootRemovalReg(plan, os2008r2);
		const parsed = parseRegText(reg);
		assert.deepEqual(parsed.problems, []);
		assert.equal(parsed.keys.filter((k) => k.op === 'delete').length, plan.remove.length);
		assert.ok(parsed.keys.every((k) => /\\SystemCertificates\\ROOT\\Certificates\\[0-9A-F]{40}$/i.test(k.path)));
		const ps = rootRemovalPowerShell(plan);
		assert.equal((ps.match(/^Remove-Item /gm) ?? []).length, plan.remove.length);
		assert.match(ps, /never runs scripts/);
	});

	test('plan (b) sets SendTrustedIssuerList=0 and says what it does to client selection', () => {
		const doc = parseRegText(noListReg(os2008r2));
		assert.deepEqual(doc.problems, []);
		assert.equal(doc.keys[0]?.values[0]?.name, 'SendTrustedIssuerList');
		assert.deepEqual(doc.keys[0]?.values[0]?.decoded, { kind: 'number', value: 0 });
		assert.match(noListReg(os2008r2), /may offer any client-authentication certificate/);
	});

	test('plan (c) is offered from 2012 on, and its ClientAuthIssuer Blobs load back with matching thumbprints', () => {
		const cas = storeCertificatesFrom(loadCertificatesSync(readFixture('pki/root-ca.pem')).value, 'Root', 'root');
		assert.equal(clientAuthIssuerReg(os2008r2, cas), undefined);
		const text = clientAuthIssuerReg(findWindowsVersion('2012')!, cas)!;
		const doc = parseRegText(text);
		assert.deepEqual(doc.problems, []);
		const back = certificatesFromReg(doc);
		assert.equal(back.length, 1);
		assert.equal(back[0]!.storeName, 'ClientAuthIssuer');
		assert.ok(back[0]!.sha1MatchesKey);
		assert.deepEqual(doc.keys[0]?.values.map((v) => [v.name, v.decoded]), [['ClientAuthTrustMode', { kind: 'number', value: 2 }], ['SendTrustedIssuerList', { kind: 'number', value: 1 }]]);
	});
});
