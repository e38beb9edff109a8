// UI (issue 15): the walkthrough "Schannel Lens: the WEB01 case" and the Schannel Lens side bar,
// as a new user finds them at 1280×800. Screenshots: test-results/walkthrough.png, sidebar-start.png.
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
		const before = wb.page.viewportSize();
		await wb.page.setViewportSize({ width: 1280, height: 800 });
		try {
			await showWalkthrough();
		} finally {
			if (before) await wb.page.setViewportSize(before);
		}
	});

	async function showWalkthrough(): Promise<void> {
		await wb.runCommand('Welcome: Open Walkthrough...');
		const pick = wb.page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'Schannel Lens: the WEB01 case' }).first();
		await pick.waitFor({ timeout: 30_000 });
		await pick.click();
		const page = wb.page.locator('.gettingStartedContainer');
		for (const step of ['Open the capture', "Open the server's exports", 'Run the doctor', 'Read the plan']) await page.getByText(step, { exact: true }).first().waitFor({ timeout: 30_000 });
		// The first step, whatever step an earlier run left selected.
		await page.getByText('Open the capture', { exact: true }).first().click();
		await page.getByText('Open failing-mtls-handshake.pcapng').first().waitFor();
		// The whole title: the page clamps long ones to "…".
		const title = await page.locator('h2.category-title:visible').first().evaluate((e) => {
			const x = e as unknown as { textContent: string | null; scrollHeight: number; clientHeight: number };
			return { text: (x.textContent ?? '').trim(), scrollHeight: x.scrollHeight, clientHeight: x.clientHeight };
		});
		assert.equal(title.text, 'Schannel Lens: the WEB01 case');
		assert.ok(title.scrollHeight <= title.clientHeight + 1, `the title is not clamped (${title.scrollHeight} > ${title.clientHeight})`);
		// The steps slide open: wait until the last one stops moving.
		await wb.waitForStableLayout(page.getByText('Read the plan', { exact: true }).first());
		await wb.screenshot('walkthrough');
	}

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
