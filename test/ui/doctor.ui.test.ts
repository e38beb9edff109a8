// UI: the doctor page on the repo's samples at 1280×800, in the light, dark and high-contrast themes (issue 10).
// A second workbench window opens a temporary workspace (the shared one is test/fixtures) holding a copy of the
// samples and a copy without the server's Root store export; the doctor runs from the Explorer's context menu.
// Screenshots: test-results/doctor-light.png, doctor-light-numbers.png, doctor-light-fixes.png,
// doctor-dark.png, doctor-dark-findings.png, doctor-high-contrast.png, doctor-high-contrast-fixes.png,
// doctor-restored.png (after a reload), doctor-unknown.png and doctor-unknown-numbers.png (no Root store export).
import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { repoRoot, workbenchOn, type Workbench } from './workbench';

suite('Doctor page in the workbench', () => {
	let wb: Workbench;
	let workspace: string | undefined;

	suiteSetup(async function () {
		this.timeout(240_000);
		const dir = mkdtempSync(join(tmpdir(), 'schannel-lens-doctor-ui-'));
		workspace = dir;
		const samples = join(repoRoot, 'samples');
		cpSync(samples, join(dir, 'samples'), { recursive: true });
		cpSync(join(samples, 'web01'), join(dir, 'without-root-store', 'web01'), { recursive: true });
		cpSync(join(samples, 'clients'), join(dir, 'without-root-store', 'clients'), { recursive: true });
		rmSync(join(dir, 'without-root-store', 'web01', 'root-store.reg'));
		wb = await workbenchOn(dir);
	});

	// This suite's own window: the shared runner's failure picture shows the other one.
	teardown(async function () {
		if (this.currentTest?.state === 'failed') await wb?.screenshot(`failed-doctor-window-${this.currentTest.title}`).catch(() => undefined);
	});

	suiteTeardown(async () => {
		await wb?.page.close();
		if (workspace) rmSync(workspace, { recursive: true, force: true });
	});

	async function shoot(view: FrameLocator, name: string, section?: string): Promise<void> {
		// An expression evaluated in the webview (the tests' tsconfig has no DOM types): the section goes to the top.
		await view.locator('body').evaluate(section ? `document.querySelector(${JSON.stringify(section)}).scrollIntoView({ block: 'start' })` : 'window.scrollTo(0, 0)');
		await wb.screenshot(name);
	}

	/** Right-clicks a folder in the Explorer and runs "Diagnose Folder" from its context menu. */
	async function diagnoseFromExplorer(folder: string): Promise<void> {
		const row = wb.page.locator('.explorer-folders-view .monaco-list-row', { hasText: folder }).first();
		const item = wb.page.locator('.monaco-menu .action-label', { hasText: 'Diagnose Folder' }).first();
		// The extension's menu items join the menu once its host has scanned it: open the menu until they are there.
		for (let attempt = 1; ; attempt++) {
			await row.click({ button: 'right' });
			if (await item.waitFor({ timeout: 2_000 }).then(() => true, () => false)) break;
			await wb.page.keyboard.press('Escape');
			assert.ok(attempt < 20, `the Explorer context menu of ${folder} lists "Diagnose Folder"`);
		}
		await item.click();
		// A click that lands just after the menu opened can be ignored by the menu: the hovered item then takes Enter.
		if (!(await item.waitFor({ state: 'hidden', timeout: 2_000 }).then(() => true, () => false))) {
			await item.hover();
			await wb.page.keyboard.press('Enter');
		}
		await wb.page.locator('.tabs-container .tab.active', { hasText: `Doctor: ${folder}` }).waitFor();
	}

	test('Diagnose Folder on the samples: the answer first, per client, the numbers, findings, fixes', async function () {
		this.timeout(180_000);
		await diagnoseFromExplorer('samples');
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

		// Keyboard: an evidence link (a real link, in the tab order) opens the settings export at its line.
		const link = view.locator('a.place', { hasText: 'schannel-settings.reg, line 7' }).first();
		await link.focus();
		await link.press('Enter');
		await wb.page.locator('.tabs-container .tab.active', { hasText: 'schannel-settings.reg' }).waitFor();
		await wb.page.locator('.tabs-container .tab', { hasText: 'Doctor: samples' }).click();
		await view.locator('h1.headline').waitFor();
	});

	test('after a reload the page comes back (panel serializer) with the same answer', async function () {
		this.timeout(120_000);
		// The workbench's own reload (not a browser reload) saves the open editors first, as closing VS Code does.
		const loaded = wb.page.waitForEvent('load', { timeout: 60_000 });
		await wb.runCommand('Developer: Reload Window');
		await loaded;
		await wb.page.locator('.monaco-workbench .part.editor').waitFor({ state: 'visible', timeout: 60_000 });
		const headline = wb.webview().locator('h1.headline');
		await headline.waitFor({ timeout: 60_000 });
		assert.match((await headline.textContent()) ?? '', /80 names/);
		await wb.screenshot('doctor-restored');
	});

	test('dark and high-contrast themes', async function () {
		this.timeout(120_000);
		const view = wb.webview();
		await view.locator('h1.headline').waitFor();
		try {
			await wb.setTheme('Dark Modern');
			await view.locator('body.vscode-dark').waitFor();
			await shoot(view, 'doctor-dark');
			await shoot(view, 'doctor-dark-findings', '#h-findings');
			await wb.setTheme('Dark High Contrast');
			await view.locator('body.vscode-high-contrast').waitFor();
			await shoot(view, 'doctor-high-contrast');
			await shoot(view, 'doctor-high-contrast-fixes', '#h-plans');
		} finally {
			await wb.setTheme('Light Modern');
		}
	});

	test('without the Root store export: unknown, and the page says which export to add', async function () {
		this.timeout(120_000);
		// One doctor page at a time: the webview locator then finds the new one.
		await wb.closeAllEditors();
		await diagnoseFromExplorer('without-root-store');
		const view = wb.webview();
		await view.locator('h1.headline', { hasText: 'unknown' }).waitFor({ timeout: 60_000 });
		await view.locator('.server .verdict', { hasText: 'Unknown' }).waitFor();
		assert.equal(await view.locator('.server .verdict', { hasText: 'Fits' }).count(), 0);
		assert.ok((await view.locator('td.outcome', { hasText: 'Unknown' }).count()) >= 2, 'alice and dave are unknown');
		await view.locator('#h-collect + ul li', { hasText: 'Root store export' }).first().waitFor();
		// A missing export is never shown as an empty one.
		await view.locator('.server dd', { hasText: 'unknown (no store export to count)' }).waitFor();
		await view.locator('body').evaluate('window.scrollTo(0, 0)');
		await wb.screenshot('doctor-unknown');
		await view.locator('body').evaluate(`document.querySelector('#h-servers').scrollIntoView({ block: 'start' })`);
		await wb.screenshot('doctor-unknown-numbers');
	});
});
