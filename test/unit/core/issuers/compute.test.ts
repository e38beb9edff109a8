import * as assert from 'node:assert/strict';
import { computeIssuerList, judgeClients, type StoreCertificate } from '../../../../src/core/issuers';
import { findWindowsVersion } from '../../../../src/core/schannel';

/** A fake DER Name of exactly `size` bytes whose content encodes `id` (only lengths and equality matter here). */
function name(id: number, size: number): Uint8Array {
	const der = new Uint8Array(size);
	der[0] = 0x30;
	der[1] = id & 0xff;
	der[2] = id >> 8;
	return der;
}

function cert(id: number, size: number, extra: Partial<StoreCertificate> = {}): StoreCertificate {
	return { store: 'Root', sha1: id.toString(16).toUpperCase().padStart(40, '0'), subjectDer: name(id, size), subject: `CN=CA ${id}`, selfSigned: true, clientAuthAllowed: true, source: 'root.reg', sourceIndex: id, issuerDer: name(id, size), ...extra };
}

const os2008r2 = findWindowsVersion('2008r2')!;
const os2012 = findWindowsVersion('2012')!;

suite('trusted issuer list (issue 6)', () => {
	test('three byte counts, running totals and the cut at 16,384 bytes on 2008 R2', () => {
		// 200 names of 98 bytes: 100 bytes each in the vector → 20,000 bytes; 163 fit (16,300), 37 are cut.
		const certs = Array.from({ length: 200 }, (_, i) => cert(i + 1, 98));
		const r = computeIssuerList(certs, { os: os2008r2 });
		assert.equal(r.source.store, 'Root');
		assert.deepEqual(r.totals, { names: 19_600, vectorBody: 20_000, withLength: 20_002 });
		assert.equal(r.limit.bytes, 16_384);
		assert.equal(r.verdict, 'over');
		assert.equal(r.entries.filter((e) => e.cut).length, 37);
		assert.equal(r.entries[162]!.cumulativeBytes, 16_300);
		assert.equal(r.entries[162]!.cut, false);
		assert.equal(r.entries[163]!.cut, true);
		assert.equal(r.orders.length, 2);
		assert.match(r.notes.join(' '), /estimate/);
		assert.match(r.notes.join(' '), /spans 2 records/);
	});

	test('registry order: .Default before .AuthRoot, thumbprints ascending within each', () => {
		const certs = [cert(3, 50, { store: 'AuthRoot' }), cert(2, 50), cert(1, 50, { store: 'AuthRoot' })];
		const r = computeIssuerList(certs, { os: os2008r2 });
		assert.deepEqual(r.entries.map((e) => e.certificate.subject), ['CN=CA 2', 'CN=CA 1', 'CN=CA 3']);
	});

	test('at risk: the names fit but not with their 2-byte prefixes', () => {
		const certs = Array.from({ length: 100 }, (_, i) => cert(i + 1, 163)); // 16,300 names, 16,500 vector
		assert.equal(computeIssuerList(certs, { os: os2008r2 }).verdict, 'at-risk');
	});

	test('SendTrustedIssuerList: absent on 2012 → no list; =1 on 2012 → ClientAuthIssuer when it has certificates', () => {
		const certs = [cert(1, 60), cert(2, 60, { store: 'ClientAuthIssuer' })];
		const none = computeIssuerList(certs, { os: os2012 });
		assert.equal(none.source.store, 'none');
		assert.equal(none.verdict, 'not-sent');
		assert.equal(none.entries.length, 0);
		const cai = computeIssuerList(certs, { os: os2012, sendTrustedIssuerList: 1 });
		assert.equal(cai.source.store, 'ClientAuthIssuer');
		assert.deepEqual(cai.entries.map((e) => e.certificate.subject), ['CN=CA 2']);
		const off = computeIssuerList(certs, { os: os2008r2, sendTrustedIssuerList: 0 });
		assert.equal(off.verdict, 'not-sent');
	});

	test('certificates whose EKU excludes client authentication are left out, with the reason', () => {
		const r = computeIssuerList([cert(1, 60), cert(2, 60, { clientAuthAllowed: false })], { os: os2008r2 });
		assert.equal(r.entries.length, 1);
		assert.equal(r.excluded.length, 1);
		assert.match(r.excluded[0]!.reason, /client authentication/);
	});

	test('who loses: a client whose CA was cut is not offered; one under a listed CA is; an empty list offers all', () => {
		const cas = Array.from({ length: 200 }, (_, i) => cert(i + 1, 98));
		const list = computeIssuerList(cas, { os: os2008r2 });
		const keptCa = list.entries.find((e) => !e.cut)!.certificate;
		const cutCa = list.entries.find((e) => e.cut)!.certificate;
		const intermediate = cert(900, 70, { store: 'CA', issuerDer: keptCa.subjectDer });
		const clients = [
			{ sha1: 'A', subject: 'CN=alice', subjectDer: name(1000, 40), issuerDer: intermediate.subjectDer, source: 'x' },
			{ sha1: 'B', subject: 'CN=bob', subjectDer: name(1001, 40), issuerDer: cutCa.subjectDer, source: 'x' },
			{ sha1: 'C', subject: 'CN=carol', subjectDer: name(1002, 40), issuerDer: name(4000, 40), source: 'x' },
		];
		const verdicts = judgeClients(clients, list, [...cas, intermediate]);
		assert.deepEqual(verdicts.map((v) => [v.client.subject, v.offered]), [['CN=alice', true], ['CN=bob', false], ['CN=carol', false]]);
		assert.equal(verdicts[1]!.cutIssuer, cutCa.subject);
		assert.match(verdicts[1]!.reason, /was cut/);
		const empty = computeIssuerList(cas, { os: os2012 });
		assert.ok(judgeClients(clients, empty, cas).every((v) => v.offered));
	});
});

suite('trusted issuer list: several exports of one store', () => {
	test('a certificate exported twice (v5 and REGEDIT4) counts once', () => {
		const a = cert(1, 60);
		const r = computeIssuerList([a, { ...a, source: 'other.reg' }, cert(2, 60)], { os: os2008r2 });
		assert.equal(r.entries.length, 2);
	});
});
