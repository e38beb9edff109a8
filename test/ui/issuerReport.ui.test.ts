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

	test('asked again, the same panel is reused; after a reload it comes back, titled by the machine (issue 15)', async function () {
		this.timeout(240_000);
		const tabs = wb.page.locator('.tabs-container .tab', { hasText: 'Trusted issuer list:' });
		await tabs.first().waitFor();
		await wb.openFile('reg/store-root-too-long.v5.reg');
		await wb.runCommand('Schannel Lens: Check Trusted Issuer List');
		await wb.webview().getByText('Over the limit').first().waitFor({ timeout: 30_000 });
		assert.equal(await tabs.count(), 1, 'one panel per machine');
		const title = (await tabs.first().getAttribute('aria-label')) ?? '';
		assert.match(title, /^Trusted issuer list: .+ \(Windows Server 2008 R2\)/);
		// The workbench's own reload (not a browser reload) saves the open editors first, as closing VS Code does.
		const loaded = wb.page.waitForEvent('load', { timeout: 60_000 });
		await wb.runCommand('Developer: Reload Window');
		await loaded;
		await wb.page.locator('.monaco-workbench .part.editor').waitFor({ timeout: 90_000 });
		await tabs.first().click();
		await tabs.first().waitFor({ timeout: 90_000 });
		await wb.webview().getByText('Over the limit').first().waitFor({ timeout: 90_000 });
		assert.equal(await tabs.count(), 1);
		assert.equal((await tabs.first().getAttribute('aria-label')) ?? '', title, 'restored with the same title');
		await wb.screenshotAt1280('issuer-report-restored');
	});
});
