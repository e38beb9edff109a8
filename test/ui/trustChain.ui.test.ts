// UI: the chain view of a broken chain (issue 4); a person should see where it breaks.
import * as assert from 'node:assert/strict';
import { workbench, type Workbench } from './workbench';

/** "View: Hide Panel" is offered only while the panel shows: run it only then. */
async function hidePanel(wb: Workbench): Promise<void> {
	if (await wb.page.locator('.part.panel').isVisible()) await wb.runCommand('View: Hide Panel');
}

suite('Trust chain view in the workbench', () => {
	let wb: Workbench;

	suiteSetup(async function () {
		this.timeout(180_000);
		wb = await workbench();
	});

	test('Show Trust Chain on an expired leaf draws the chain and marks the leaf', async () => {
		await wb.closeAllEditors();
		await wb.openFile('chains/leafexp.pem');
		await wb.runCommand('Schannel Lens: Show Trust Chain');
		const view = wb.webview();
		await view.locator('svg g.node.error').first().waitFor({ timeout: 60_000 });
		await view.locator('svg text', { hasText: 'Chain Lab Root CA' }).first().waitFor();
		await wb.screenshot('chain-broken');
		assert.ok((await view.locator('svg g.node').count()) >= 3);
		// The nodes are focusable buttons: no role=img around them, which would hide them from screen readers (issue 13).
		assert.equal(await view.locator('svg[role=img]').count(), 0);
		assert.ok((await view.getByRole('button', { name: /Press Enter to open/ }).count()) >= 3, 'the chain nodes are exposed as buttons');
	});

	test('the certificate editor\'s Certification Path tab opens the chain view', async () => {
		await wb.closeAllEditors();
		await wb.openTab('pki/client-alice.cer');
		const editor = wb.webview();
		await editor.getByRole('tab', { name: 'Certification Path' }).click();
		await editor.getByRole('button', { name: 'Open in chain view' }).click();
		await wb.page.locator('.tabs-container .tab.active', { hasText: 'Chain: pki/client-alice.cer' }).waitFor({ timeout: 60_000 });
		await wb.webview().locator('svg g.node').first().waitFor({ timeout: 60_000 });
		assert.ok(await wb.webview().locator('svg text', { hasText: 'alice.client' }).count() > 0);
	});

	/** Shows the chain of `file` for server authentication with the host name example.com typed in (panel hidden). */
	async function serverChain(file: string) {
		await hidePanel(wb);
		await wb.openFile(file);
		await wb.runCommand('Schannel Lens: Show Trust Chain');
		const view = wb.webview();
		await view.locator('svg g.node').first().waitFor({ timeout: 60_000 });
		await view.locator('#purpose').selectOption('server');
		await view.locator('p.verdict', { hasText: 'for server authentication' }).waitFor({ timeout: 60_000 });
		await view.locator('#host').fill('example.com');
		await view.locator('#host').press('Enter');
		await view.locator('#host').blur();
		await view.locator('p.host', { hasText: 'Host name checked: example.com' }).waitFor({ timeout: 60_000 });
		return view;
	}

	test('profile switch and host name (issue 12): a chain Windows accepts and RFC 5280 rejects, at 1280×800', async () => {
		await wb.closeAllEditors();
		await wb.page.setViewportSize({ width: 1280, height: 800 });
		try {
			// x509-limbo rfc5280::aki::intermediate-missing-aki: the intermediate has no authority key identifier.
			const view = await serverChain('limbo/intermediate-missing-aki/leaf.pem');
			const verdict = view.locator('p.verdict');
			assert.match((await verdict.textContent()) ?? '', /^✔ Trusted for server authentication: "example\.com".*Windows accepts it, but it breaks 1 RFC 5280 rule/);
			assert.match((await view.locator('ul.rules li').first().textContent()) ?? '', /RFC 5280 §4\.2\.1\.1.*depth 1: No authority key identifier/);
			await wb.screenshot('chain-profile-windows-accepts');
			await view.locator('#profile').selectOption('rfc5280');
			await view.locator('p.verdict.error', { hasText: 'Not trusted for server authentication' }).waitFor({ timeout: 60_000 });
			assert.match((await view.locator('p.flags').textContent()) ?? '', /Status: RFC 5280 rule \(no Windows status\)/);
			assert.match((await view.locator('p.host').textContent()) ?? '', /Rules: RFC 5280 \(strict.*Host name checked: example\.com/);
			assert.ok((await view.locator('svg g.node.error').count()) >= 1, 'the intermediate is drawn as failing');
			await wb.screenshot('chain-profile-rfc5280-rejects');
		} finally {
			await wb.page.setViewportSize({ width: 1400, height: 900 });
		}
	});

	test('webpki profile: a chain Windows and RFC 5280 accept and the Web PKI rules reject, at 1280×800 in three themes', async function () {
		this.timeout(240_000);
		await wb.closeAllEditors();
		await wb.page.setViewportSize({ width: 1280, height: 800 });
		try {
			// x509-limbo webpki::eku::ee-without-eku: the leaf has no extended key usage (CA/B BR §7.1.2.7.6).
			const view = await serverChain('limbo/ee-without-eku/leaf.pem');
			assert.match((await view.locator('p.verdict').textContent()) ?? '', /^✔ Trusted for server authentication: "example\.com"/);
			await view.locator('#profile').selectOption('rfc5280');
			await view.locator('p.host', { hasText: 'Rules: RFC 5280' }).waitFor({ timeout: 60_000 });
			assert.match((await view.locator('p.verdict').textContent()) ?? '', /^✔ Trusted for server authentication/);
			assert.deepEqual(await view.locator('#profile option').allTextContents(), ['Windows (CryptoAPI)', 'RFC 5280 (strict: OpenSSL, browsers)', 'Web PKI (RFC 5280 + CA/B Forum BRs)']);
			await view.locator('#profile').selectOption('webpki');
			await view.locator('p.verdict.error', { hasText: 'Not trusted for server authentication' }).waitFor({ timeout: 60_000 });
			assert.match((await view.locator('p.flags').textContent()) ?? '', /CA\/B Forum BR rule \(no Windows status\)/);
			assert.match((await view.locator('p.host').textContent()) ?? '', /Rules: Web PKI \(RFC 5280 \+ CA\/B Forum BRs\).*Host name checked: example\.com/);
			assert.match((await view.locator('ul.rules li').first().textContent()) ?? '', /\[CA\/B BR §7\.1\.2\.7\.6\] depth 0: No extended key usage extension/);
			assert.ok((await view.locator('svg g.node.error').count()) >= 1, 'the leaf is drawn as failing');
			for (const [theme, name] of [['Light Modern', 'light'], ['Dark Modern', 'dark'], ['Dark High Contrast', 'high-contrast']] as const) {
				await wb.setTheme(theme);
				await view.locator('p.verdict.error').waitFor();
				await wb.screenshot(`chain-profile-webpki-rejects-${name}`);
			}
		} finally {
			await wb.setTheme('Dark Modern').catch(() => undefined);
			await wb.page.setViewportSize({ width: 1400, height: 900 });
		}
	});

	test('the chain view comes back after a window reload (registerWebviewPanelSerializer, issue 13)', async function () {
		this.timeout(180_000);
		await wb.closeAllEditors();
		await wb.openFile('chains/leafexp.pem');
		await wb.runCommand('Schannel Lens: Show Trust Chain');
		await wb.webview().locator('svg g.node.error').first().waitFor({ timeout: 60_000 });
		await wb.screenshotAt1280('chain-view-1280');
		await wb.runCommand('Developer: Reload Window');
		await wb.page.locator('.monaco-workbench .part.editor').waitFor({ timeout: 60_000 });
		await wb.page.locator('.tabs-container .tab', { hasText: 'Chain: chains/leafexp.pem' }).first().click({ timeout: 60_000 });
		await wb.webview().locator('svg g.node.error').first().waitFor({ timeout: 60_000 });
		await wb.webview().locator('svg text', { hasText: 'Chain Lab Root CA' }).first().waitFor();
		await wb.screenshotAt1280('chain-restored-after-reload');
	});
});
