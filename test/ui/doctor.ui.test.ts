// UI: the doctor page on the repo's samples at 1280×800, in the light, dark and high-contrast themes (issue 10).
// A second workbench window opens the samples folder as its workspace (the shared one is test/fixtures), so the
// command runs as a user would run it: from the palette, on the workspace folder.
// Screenshots: test-results/doctor-light.png, doctor-light-numbers.png, doctor-light-fixes.png, doctor-dark.png, doctor-dark-findings.png,
// doctor-high-contrast.png, doctor-high-contrast-fixes.png.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { repoRoot, workbench, Workbench } from './workbench';

suite('Doctor page in the workbench', () => {
	let wb: Workbench;

	suiteSetup(async function () {
		this.timeout(240_000);
		const shared = await workbench();
		const page = await shared.page.context().newPage();
		page.setDefaultTimeout(30_000);
		await page.setViewportSize({ width: 1280, height: 800 });
		const url = new URL(shared.url);
		url.searchParams.set('folder', join(repoRoot, 'samples'));
		await page.goto(url.toString());
		await page.locator('.monaco-workbench .part.editor').waitFor({ state: 'visible', timeout: 60_000 });
		await page.locator('.part.statusbar').waitFor({ state: 'visible' });
		wb = new Workbench(page, url.toString());
	});

	suiteTeardown(async () => {
		await wb?.page.close();
	});

	/** The theme picker (Ctrl+K Ctrl+T) lists installed themes only. */
	async function setTheme(name: string): Promise<void> {
		const input = wb.page.locator('.quick-input-widget input');
		// A webview that takes the focus back a moment later swallows the chord: press it until the picker opens.
		for (let attempt = 1; ; attempt++) {
			await wb.releaseWebviewFocus();
			await wb.page.keyboard.press('Escape');
			await wb.page.keyboard.press('Control+K');
			await wb.page.keyboard.press('Control+T');
			if (await input.waitFor({ timeout: 3_000 }).then(() => true, () => false)) break;
			assert.ok(attempt < 5, 'the color theme picker opens');
		}
		await input.fill(name);
		await wb.page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 10_000 });
		await input.press('Enter');
		await wb.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
	}

	async function shoot(view: FrameLocator, name: string, section?: string): Promise<void> {
		// An expression evaluated in the webview (the tests' tsconfig has no DOM types): the section goes to the top.
		await view.locator('body').evaluate(section ? `document.querySelector(${JSON.stringify(section)}).scrollIntoView({ block: 'start' })` : 'window.scrollTo(0, 0)');
		await wb.screenshot(name);
	}

	test('the Explorer offers "Diagnose Folder" on folders', async () => {
		const row = wb.page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'web01' }).first();
		const item = wb.page.locator('.monaco-menu .action-label', { hasText: 'Diagnose Folder' }).first();
		// The extension's menu items join the menu once its host has scanned it: open the menu until they are there.
		for (let attempt = 1; ; attempt++) {
			await row.click({ button: 'right' });
			const shown = await item.waitFor({ timeout: 2_000 }).then(() => true, () => false);
			await wb.page.keyboard.press('Escape');
			if (shown) break;
			assert.ok(attempt < 20, 'the Explorer context menu of a folder lists "Diagnose Folder"');
		}
	});

	test('Diagnose Folder on the samples: the answer first, per client, the numbers, findings, fixes, in three themes', async function () {
		this.timeout(180_000);
		await wb.runCommand('Schannel Lens: Diagnose Folder');
		await wb.page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'samples' }).first().click();
		const view = wb.webview();
		const headline = view.locator('h1.headline');
		await headline.waitFor({ timeout: 60_000 });
		assert.match((await headline.textContent()) ?? '', /alice\.client and dave\.expired\.client cannot log on to WEB01: .* 80 names/);
		assert.equal(await view.locator('table.clients tbody tr').count(), 3);
		assert.equal(await view.locator('table.clients td.outcome', { hasText: 'No certificate' }).count(), 3);
		await view.getByText('predicted right for 193 of 301 names').waitFor();
		assert.equal(await view.getByRole('heading', { level: 2 }).count(), 5, 'Clients, issuer list, findings, fixes, collect next');
		assert.equal(await view.getByRole('button', { name: /Open .* as new document/ }).count(), 2, 'plans (b) and (a); (c) is not available on 2008 R2');
		await view.getByText(/^Not available on Windows Server 2008 R2/).waitFor();
		// Nothing is cut at 1280×800 with the side bar open: the page never scrolls sideways.
		assert.equal(await view.locator('body').evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'), 0, 'no horizontal overflow');
		await shoot(view, 'doctor-light');
		await shoot(view, 'doctor-light-numbers', '#h-servers');
		await shoot(view, 'doctor-light-fixes', '#h-plans');

		// Keyboard: an evidence link opens the settings export at its line.
		const link = view.locator('a.place', { hasText: 'schannel-settings.reg, line 7' }).first();
		await link.focus();
		await link.press('Enter');
		await wb.page.locator('.tabs-container .tab.active', { hasText: 'schannel-settings.reg' }).waitFor();
		await wb.page.locator('.tabs-container .tab', { hasText: 'Doctor: samples' }).click();
		await view.locator('h1.headline').waitFor();

		try {
			await setTheme('Dark Modern');
			await view.locator('body.vscode-dark').waitFor();
			await shoot(view, 'doctor-dark');
			await shoot(view, 'doctor-dark-findings', '#h-findings');
			await setTheme('Dark High Contrast');
			await view.locator('body.vscode-high-contrast').waitFor();
			await shoot(view, 'doctor-high-contrast');
			await shoot(view, 'doctor-high-contrast-fixes', '#h-plans');
		} finally {
			await setTheme('Light Modern');
		}
	});
});
