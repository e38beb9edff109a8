// UI: a flawed Schannel export shows its problems inline and in the Problems panel (issue 5).
import * as assert from 'node:assert/strict';
import { workbench, type Workbench } from './workbench';

const FLAWED = 'reg/schannel-2008r2-flawed.v5.reg';

suite('Schannel diagnostics in the workbench', () => {
	let wb: Workbench;

	suiteSetup(async function () {
		this.timeout(180_000);
		wb = await workbench();
	});

	test('the Problems panel lists the Schannel findings of a flawed export', async () => {
		await wb.closeAllEditors();
		await wb.openFile(FLAWED);
		await wb.openProblems();
		const rows = wb.problemsRows();
		await rows.filter({ hasText: 'sch.cipher-slash-split' }).first().waitFor({ timeout: 20_000 });
		await rows.filter({ hasText: 'RC4 128/128' }).first().waitFor();
		await wb.screenshot('reg-problems');
		assert.ok((await rows.count()) >= 5, 'several findings are listed');
	});
});
