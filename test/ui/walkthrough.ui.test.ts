// UI (issue 15): the walkthrough "Schannel Lens: why clients cannot log on to WEB01" and the Schannel Lens side bar,
// as a new user finds them at 1280×800. Screenshots: test-results/walkthrough.png, test-results/sidebar-start.png.
import * as assert from 'node:assert/strict';
import { workbench, type Workbench } from './workbench';

suite('The guided start (issue 15)', () => {
	let wb: Workbench;

	suiteSetup(async function () {
		this.timeout(180_000);
		wb = await workbench();
	});

	test('the walkthrough lists its four steps; the first one shows its text and link', async function () {
		this.timeout(120_000);
		await wb.closeAllEditors();
		await wb.runCommand('Welcome: Open Walkthrough...');
		const pick = wb.page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'why clients cannot log on to WEB01' }).first();
		await pick.waitFor({ timeout: 30_000 });
		await pick.click();
		const page = wb.page.locator('.gettingStartedContainer');
		for (const step of ['Open the capture', "Open the server's exports", 'Run the doctor', 'Read the plan']) await page.getByText(step, { exact: true }).first().waitFor({ timeout: 30_000 });
		await page.getByText('Open failing-mtls-handshake.pcapng').first().waitFor();
		assert.equal(await page.getByText('Schannel Lens: why clients cannot log on to WEB01').count() > 0, true, 'the walkthrough title is shown');
		await wb.screenshotAt1280('walkthrough');
	});

	test('the Schannel Lens side bar: the Start view offers the doctor, the issuer list, the collection script and the walkthrough', async function () {
		this.timeout(60_000);
		await wb.closeAllEditors();
		await wb.runCommand('Schannel Lens: Focus on Start View');
		const welcome = wb.page.locator('.part.sidebar .welcome-view-content').first();
		for (const button of ['Diagnose Folder', 'Check Trusted Issuer List', 'Create Collection Script']) await welcome.getByRole('button', { name: button }).waitFor();
		await welcome.getByText('Walk through the samples').waitFor();
		await wb.screenshotAt1280('sidebar-start');
		await wb.runCommand('View: Show Explorer');
	});
});
