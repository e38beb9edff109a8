import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { applyCtl, ctlIndex, issuerReport, readStoreSource } from '../../../../src/core/issuers';
import { findWindowsVersion } from '../../../../src/core/schannel';
import { parseCtl } from '../../../../src/core/x509';
import { fixturePath, readFixture } from '../../../support/fixtures';

const STL = 'public/robstradling__authroot.stl__authroot.stl';
const SST = 'public/t0rik__winrootCAupdate__roots.sst';

/** The independent listing of the same CTL (robstradling/authroot.stl's authroot.tsv). */
function oracle(): Map<string, string> {
	const rows = readFileSync(fixturePath('public/robstradling__authroot.stl__authroot.tsv'), 'utf8').trim().split('\n');
	const header = rows[0]!.split('\t');
	const purposes = header.indexOf('Trust Purposes');
	return new Map(rows.slice(1).map((r) => r.split('\t')).map((c) => [c[0]!, c[purposes] ?? '']));
}

suite('AuthRoot certificate trust list (issue 6: a real Windows root store)', () => {
	test('every trusted subject of authroot.stl, and its client-authentication purpose, agree with authroot.tsv', () => {
		const { value, problems } = parseCtl(readFixture(STL));
		assert.deepEqual(problems, []);
		assert.ok(value);
		const want = oracle();
		assert.equal(value.entries.length, want.size);
		const index = ctlIndex([value]);
		for (const [sha1, purposes] of want) {
			const v = index.get(sha1);
			assert.ok(v, `${sha1} is in our parse`);
			assert.equal(v.clientAuthAllowed, purposes === '' || /Client Authentication/.test(purposes), `${sha1}: "${purposes}"`);
		}
	});

	test('roots.sst (434) with the AuthRoot CTL on Windows Server 2008 R2: totals, limit and cut', async () => {
		const sst = await readStoreSource(SST, readFixture(SST), 'Root');
		const stl = await readStoreSource(STL, readFixture(STL), 'Root');
		assert.equal(sst.certs.length, 434);
		assert.ok(stl.ctl);
		const applied = applyCtl(sst.stores, ctlIndex([stl.ctl]));
		const authRoot = applied.stores.filter((c) => c.store === 'AuthRoot').length + applied.disallowed.length;
		assert.ok(authRoot > 300, `most roots of the .sst are in the CTL (${authRoot})`);
		const report = issuerReport([sst, stl], [], { os: findWindowsVersion('2008r2')! });
		assert.equal(report.store, 'Root');
		assert.equal(report.limit, 16_384);
		assert.equal(report.verdict, 'over');
		assert.equal(report.totals.vectorBody, report.entries.reduce((n, e) => n + e.bytes, 0));
		assert.equal(report.totals.withLength, report.totals.vectorBody + 2);
		const cut = report.entries.filter((e) => e.cut);
		assert.ok(cut.length > 0 && cut.length < report.entries.length);
		assert.ok(report.entries.filter((e) => !e.cut).every((e) => e.cumulativeBytes <= 16_384));
		assert.ok(report.excluded.length > 0, 'roots the CTL does not trust for client authentication are left out');
	});
});
