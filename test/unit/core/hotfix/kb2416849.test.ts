import * as assert from 'node:assert/strict';
import { checkKb2416849, findVersions } from '../../../../src/core/hotfix';

function verdict(v: string) {
	const [version] = findVersions(v);
	assert.ok(version, `a version in ${v}`);
	return checkKb2416849(version);
}

suite('KB 2416849 (Schannel.dll hotfix) check (issue 6 part 4)', () => {
	const cases: [string, string, string | undefined][] = [
		['6.0.6002.22568', 'fixed', 'LDR'], // the documented file itself
		['6.1.7600.20861', 'fixed', 'LDR'],
		['6.1.7601.21624', 'fixed', 'LDR'],
		['6.1.7601.21861', 'fixed', 'LDR'], // later LDR (MS12-006): cumulative
		['6.1.7601.21092', 'not-fixed', 'LDR'], // older LDR
		['6.0.6002.22463', 'not-fixed', 'LDR'], // MS10-085 LDR, before the hotfix
		['6.1.7601.17514', 'not-fixed', 'GDR'], // SP1 RTM GDR
		['6.1.7601.23677', 'fixed', 'rollup'], // post-2016 rollup single branch (inferred)
		['6.3.9600.17031', 'not-applicable', undefined], // 2012 R2
		['10.0.17763.1', 'not-applicable', undefined],
		['6.0.6001.18000', 'unknown', undefined],
	];
	for (const [v, status, branch] of cases) {
		test(`${v} → ${status}${branch ? ` (${branch})` : ''}`, () => {
			const r = verdict(v);
			assert.equal(r.status, status);
			assert.equal(r.branch, branch);
			assert.ok(r.reasoning.length > 0);
		});
	}

	test('GDR verdicts say the evidence is unknown, the exact LDR file is documented', () => {
		assert.equal(verdict('6.1.7601.17514').evidence, 'unknown');
		assert.equal(verdict('6.1.7601.21624').evidence, 'documented');
		assert.equal(verdict('6.1.7601.17514').fixedIn, '6.1.7601.21624');
	});

	test('versions are found in pasted PowerShell, wmic and hotfix-listing text', () => {
		const ps = 'FileVersion      : 6.1.7601.17514 (win7sp1_rtm.101119-1850)\r\nProductVersion   : 6.1.7601.17514';
		assert.deepEqual(findVersions(ps).map((v) => v.text), ['6.1.7601.17514']);
		const wmic = 'Version\r\n6.1.7601.21624  \r\n';
		assert.deepEqual(findVersions(wmic).map((v) => v.text), ['6.1.7601.21624']);
		const listing = 'File name Schannel.dll File version 6.0.6002.22568 File size 270,848 Date 15-Jan-2011 Time 05:02\nSchannel.dll 6.1.7600.20861 ...';
		assert.deepEqual(findVersions(listing).map((v) => v.text), ['6.0.6002.22568', '6.1.7600.20861']);
		assert.deepEqual(findVersions('no version here 1.2.3'), []);
	});
});
