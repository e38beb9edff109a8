// UI: the certificate editor in the real workbench — a single certificate with its state, and the list of a bundle.
// Screenshots: test-results/certificate-editor.png, certificate-details.png, certificate-list.png.
import * as assert from 'node:assert/strict';
import { workbench, type Workbench } from './workbench';

suite('Certificate editor in the workbench', () => {
	let wb: Workbench;

	suiteSetup(async function () {
		this.timeout(180_000); // first use packages the extension and starts code-server
		wb = await workbench();
	});

	/** Opens a file through Quick Open; custom editors have no text view, so wait for the tab only. */
	const quickOpen = (relativePath: string) => wb.openTab(relativePath);

	test('a client certificate: title, state badges, General and Details tabs', async () => {
		await wb.closeAllEditors();
		await quickOpen('pki/client-expired.cer');
		const view = wb.webview();
		await view.locator('.cert-title').getByText('dave.expired.client').waitFor({ timeout: 30_000 });
		await view.locator('.badge-expired').first().waitFor();
		assert.match((await view.locator('[data-field=validity]').textContent()) ?? '', /Expired on 2022-01-01/);
		await wb.screenshot('certificate-editor');
		await view.getByRole('tab', { name: 'General' }).focus();
		await wb.page.keyboard.press('ArrowRight');
		await view.getByRole('tab', { name: 'Details', selected: true }).waitFor();
		await view.getByText('Thumbprint (SHA-256)').waitFor();
		await wb.screenshot('certificate-details');
		await wb.page.keyboard.press('ArrowRight');
		await view.getByRole('tab', { name: 'Certification Path', selected: true }).waitFor();
		// The index may still be building right after startup; the Path tab fills in when it is done.
		await view.locator('.path-step').nth(2).waitFor({ timeout: 60_000 });
		assert.match((await view.locator('.path-step').first().textContent()) ?? '', /Schannel Lens Lab Root CA/);
		await wb.screenshot('certificate-path');
	});

	test('a 301-certificate bundle opens as a filterable list; Enter opens a row', async () => {
		await wb.closeAllEditors();
		await wb.openFile('pki/bundle-300.pem');
		await wb.runCommand('Schannel Lens: Open in Certificate View');
		const view = wb.webview();
		await view.locator('.cert-row').first().waitFor({ timeout: 30_000 });
		assert.equal(await view.locator('.cert-row').count(), 301);
		await wb.screenshot('certificate-list');
		await view.locator('input.filter').fill('Ωmega');
		await view.getByText('50 of 301 certificates').waitFor();
		await view.locator('input.filter').press('ArrowDown');
		await wb.page.keyboard.press('Enter');
		await view.locator('.cert-title').getByText('Ωmega CA 002').waitFor();
	});

	test('a password-protected PFX asks for its password in VS Code\'s password box, not in the webview', async () => {
		await wb.closeAllEditors();
		await quickOpen('pki/client-alice.pfx');
		const view = wb.webview();
		assert.equal(await view.locator('input[type=password]').count(), 0, 'no password field inside the webview (issue 13)');
		const enterPassword = async (password: string) => {
			await view.locator('#pfx-password-button').click();
			const input = wb.page.locator('.quick-input-widget input[type=password]');
			await input.waitFor({ state: 'visible' });
			await input.fill(password);
			await input.press('Enter');
			await wb.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
		};
		await view.locator('#pfx-password-button').waitFor({ timeout: 30_000 });
		await enterPassword('wrong');
		await view.getByText(/^Wrong password/).waitFor();
		await view.locator('#pfx-password-button').click();
		await wb.page.locator('.quick-input-widget input[type=password]').waitFor({ state: 'visible' });
		await wb.screenshotAt1280('certificate-password');
		await wb.page.keyboard.press('Escape');
		await wb.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
		await enterPassword('test');
		await view.locator('.cert-row').first().waitFor();
		assert.equal(await view.locator('.badge-key').count(), 1);
	});

	test('a PFX asking for 10,000,000 key-derivation iterations is not derived until the user says so (issue 13)', async () => {
		await wb.closeAllEditors();
		await quickOpen('pki/client-alice-10m-iterations.pfx');
		const view = wb.webview();
		await view.getByText(/over the limit of 1,000,000/).first().waitFor({ timeout: 30_000 });
		const toast = wb.page.locator('.notification-toast', { hasText: '10,000,000 key-derivation iterations' });
		await toast.waitFor({ timeout: 30_000 });
		assert.equal(await toast.getByRole('button', { name: 'Derive keys' }).count(), 1);
		await wb.screenshotAt1280('certificate-pfx-iteration-bound');
		await wb.runCommand('Notifications: Clear All Notifications');
		await toast.waitFor({ state: 'detached' });
	});

	test('the Certificates view groups the workspace certificates by machine (folder), store and file, with their state (issue 15)', async function () {
		// The index reads the whole fixtures folder first: on a loaded 2-core machine that can take over a minute.
		this.timeout(240_000);
		await wb.closeAllEditors();
		// Its own container in the activity bar (issue 15), with the Start view above it.
		await wb.runCommand('Schannel Lens: Focus on Certificates View');
		await wb.page.locator('.part.sidebar .composite.title', { hasText: 'Schannel Lens' }).first().waitFor();
		await wb.page.locator('.part.sidebar .welcome-view-content', { hasText: 'Diagnose Folder' }).first().waitFor();
		await wb.screenshotAt1280('sidebar-schannel-lens');
		// Fold the Start view: the tree is virtual, rows below the fold are not in the DOM.
		await wb.setSectionExpanded('Start', false);
		const row = (text: string) => wb.page.locator('.part.sidebar .monaco-list-row', { hasText: text }).first();
		/** Expands a row once (a click on an expanded row would fold it). */
		const expand = async (text: string) => {
			await row(text).waitFor({ timeout: 180_000 });
			if ((await row(text).getAttribute('aria-expanded')) === 'false') await row(text).click();
			await wb.page.locator('.part.sidebar .monaco-list-row[aria-expanded="true"]', { hasText: text }).first().waitFor();
		};
		try {
			await expand('pki');
			await expand('Certificate files');
			await expand('client-expired.cer');
			await row('dave.expired.client').waitFor();
			await row('expired · client auth').waitFor();
			await wb.screenshot('certificate-tree');
			await row('pki').click(); // fold: the list is virtual, rows far below are not in the DOM
			await expand('public');
			await row('LOCAL_MACHINE').waitFor();
			await wb.screenshot('certificate-tree-stores');
		} finally {
			await wb.setSectionExpanded('Start', true);
			await wb.runCommand('View: Show Explorer');
		}
	});

	test('dark theme: the editor follows the workbench colours', async () => {
		await wb.closeAllEditors();
		await quickOpen('pki/client-expired.cer');
		await wb.webview().locator('.cert-title').getByText('dave.expired.client').waitFor({ timeout: 30_000 });
		await setTheme('Dark Modern');
		try {
			await wb.webview().locator('body.vscode-dark').waitFor();
			await wb.screenshot('certificate-editor-dark');
		} finally {
			await setTheme('Light Modern');
		}
	});

	/** The theme picker (Ctrl+K Ctrl+T) lists installed themes only; the palette route can land in the marketplace. */
	async function setTheme(name: string): Promise<void> {
		await wb.releaseWebviewFocus();
		await wb.page.keyboard.press('Escape');
		await wb.page.keyboard.press('Control+K');
		await wb.page.keyboard.press('Control+T');
		const input = wb.page.locator('.quick-input-widget input');
		await input.fill(name);
		await wb.page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 10_000 });
		await input.press('Enter');
		await wb.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
	}
});
