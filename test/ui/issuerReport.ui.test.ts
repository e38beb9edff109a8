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
		// First pick: the stores (the open file is preselected); second pick: client certificates (skip).
		const input = wb.page.locator('.quick-input-widget input');
		await wb.page.locator('.quick-input-widget .quick-input-list .monaco-list-row').first().waitFor();
		await input.press('Enter');
		await wb.page.locator('.quick-input-widget .quick-input-title', { hasText: 'Client certificates' }).waitFor();
		await input.press('Escape');
		// Third pick: the server's Windows version (the setting's, Windows Server 2008 R2, comes first).
		await wb.page.locator('.quick-input-widget .quick-input-title', { hasText: 'Windows version of the server' }).waitFor();
		await wb.page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'Windows Server 2008 R2' }).first().waitFor();
		await input.press('Enter');
		const view = wb.webview();
		await view.getByText('Over the limit').first().waitFor({ timeout: 30_000 });
		await view.getByText('Target: Windows Server 2008 R2').first().waitFor();
		await view.getByText('Schannel stops here').first().waitFor();
		await wb.screenshot('issuer-report');
		assert.ok(await view.getByRole('button', { name: 'Open plan (a) as .reg' }).isEnabled());
	});
});
