// UI: the trusted issuer list report for the lab Root store (issue 6).
import * as assert from 'node:assert/strict';
import { workbench, type Workbench } from './workbench';

suite('Trusted issuer list report in the workbench', () => {
	let wb: Workbench;

	suiteSetup(async function () {
		this.timeout(180_000);
		wb = await workbench();
	});

	test('Check Trusted Issuer List on the open Root store export shows the cut and the plans', async () => {
		await wb.closeAllEditors();
		await wb.openFile('reg/store-root-too-long.v5.reg');
		await wb.runCommand('Schannel Lens: Check Trusted Issuer List');
		// The open export's folder is the machine (issue 10): no picking of files, the report opens at once.
		const view = wb.webview();
		await view.getByText('Over the limit').first().waitFor({ timeout: 30_000 });
		await view.getByText('Target: Windows Server 2008 R2').first().waitFor();
		await view.getByText('Schannel stops here').first().waitFor();
		await wb.screenshot('issuer-report');
		assert.ok(await view.getByRole('button', { name: 'Open plan (a) as .reg' }).isEnabled());
	});
});
