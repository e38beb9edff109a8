// UI: the capture editor in the real workbench with the failing mutual-TLS capture (issue 7).
// Screenshots: test-results/capture-failing.png — the table row, the verdict in words and the DN list with sizes;
// capture-renegotiation.png — the IIS renegotiation decrypted with its key log.
import * as assert from 'node:assert/strict';
import { workbench, type Workbench } from './workbench';

suite('Capture editor in the workbench', () => {
	let wb: Workbench;

	suiteSetup(async function () {
		this.timeout(180_000); // first use packages the extension and starts code-server
		wb = await workbench();
	});

	/** Opens a file through Quick Open; custom editors have no text view, so wait for the tab only. */
	const quickOpen = (relativePath: string) => wb.openTab(relativePath);


	test('failing mutual TLS: the table row, the verdict and the DN list say why', async function () {
		this.timeout(120_000);
		await wb.closeAllEditors();
		await quickOpen('captures/tls12-mtls-truncated-list-nocert.pcapng');
		const view = wb.webview();
		const row = view.locator('.table-body .row').first();
		await row.waitFor({ timeout: 30_000 });
		await view.locator('body[data-status=done]').waitFor();
		assert.equal(await view.locator('.table-body .row').count(), 1);
		// Screen readers count the header row too (issue 13): 1 header + 1 connection, the connection is row 2.
		assert.equal(await view.locator('[role=grid]').getAttribute('aria-rowcount'), '2');
		assert.equal(await row.getAttribute('aria-rowindex'), '2');
		await wb.screenshotAt1280('capture-grid-1280');
		assert.match((await row.textContent()) ?? '', /handshake_failure \(40\)/);
		await row.click();
		await wb.page.keyboard.press('Enter');
		const verdict = view.locator('.verdict-banner');
		await verdict.waitFor();
		const text = (await verdict.textContent()) ?? '';
		assert.match(text, /Failed/);
		assert.match(text, /221 acceptable CA names \(16,326 bytes\)/);
		assert.match(text, /client sent no certificate/i);
		assert.equal(await view.locator('.dn-list tr.dn').count(), 221);
		// Without the side bar the table's columns and the whole verdict fit the screenshot.
		await wb.runCommand('View: Toggle Primary Side Bar Visibility');
		await wb.page.locator('.part.sidebar').waitFor({ state: 'hidden' });
		await wb.waitForStableLayout(wb.page.locator('.part.editor'));
		await wb.screenshot('capture-failing');
		await wb.runCommand('View: Toggle Primary Side Bar Visibility');
		await wb.page.locator('.part.sidebar').waitFor({ state: 'visible' });
		// The filter narrows the table by any text (here: a word of the verdict).
		await view.locator('input.filter').fill('handshake_failure');
		await view.getByText('1 of 1 connections').waitFor();
		await view.locator('input.filter').fill('no-such-host');
		await view.getByText('0 of 1 connections').waitFor();
		await view.locator('input.filter').fill('');
	});

	test('Export DN list opens an untitled text document with the running total', async function () {
		this.timeout(60_000);
		const view = wb.webview();
		await view.getByRole('button', { name: 'Export DN list' }).click();
		await wb.page.locator('.editor-instance .monaco-editor .view-lines', { hasText: 'Acceptable CA names' }).first().waitFor();
		// Leave no dirty untitled editor behind: later suites close all editors and must not meet a save prompt.
		await wb.runCommand('View: Revert and Close Editor');
		await wb.page.locator('.editor-instance .monaco-editor .view-lines', { hasText: 'Acceptable CA names' }).waitFor({ state: 'detached' });
		// Close the capture tab with the mouse: right after the untitled editor closes, the webview takes the
		// focus back and swallows the next F1 of the following suite's closeAllEditors().
		await wb.page.locator('.tabs-container .tab', { hasText: 'tls12-mtls-truncated-list-nocert.pcapng' }).locator('.tab-actions .action-label').click();
		await wb.page.locator('.tabs-container .tab', { hasText: 'tls12-mtls-truncated-list-nocert.pcapng' }).waitFor({ state: 'detached' });
	});

	test('several connections: arrow keys move the selection, Enter shows the details', async function () {
		this.timeout(60_000);
		await quickOpen('public/ndpi__anyconnect-vpn.pcap');
		const view = wb.webview();
		await view.locator('body[data-status=done]').waitFor({ timeout: 30_000 });
		assert.equal(await view.locator('.table-body .row').count(), 6);
		await view.locator('.table-body .row').first().click();
		await wb.page.keyboard.press('ArrowDown');
		await view.locator('.table-body .row[aria-selected=true][data-id="1"]').waitFor();
		await wb.page.keyboard.press('Enter');
		await view.locator('.details h2', { hasText: 'Connection 2:' }).waitFor();
		await wb.page.locator('.tabs-container .tab', { hasText: 'ndpi__anyconnect-vpn.pcap' }).locator('.tab-actions .action-label').click();
	});

	test('a CA list over the limit: the DN list draws the Schannel cut line', async function () {
		this.timeout(60_000);
		await quickOpen('captures/tls12-mtls-bigcalist.pcap');
		const view = wb.webview();
		await view.locator('body[data-status=done]').waitFor({ timeout: 30_000 });
		await view.locator('.table-body .row').first().click();
		const cut = view.locator('.dn-list tr.cut-line');
		await cut.scrollIntoViewIfNeeded();
		assert.match((await cut.textContent()) ?? '', /Windows Server 2008 R2 cuts the list here \(16,384 bytes\)/);
		assert.match((await view.locator('.cut-note').textContent()) ?? '', /only the first \d+ of 301 names fit/);
		await wb.screenshot('capture-cutline');
		await wb.page.locator('.tabs-container .tab', { hasText: 'tls12-mtls-bigcalist.pcap' }).locator('.tab-actions .action-label').click();
	});

	test('TLS 1.2 renegotiation (IIS) with its key log beside the capture: the renegotiated CertificateRequest', async function () {
		this.timeout(60_000);
		await quickOpen('captures/tls12-reneg-iis.pcapng');
		const view = wb.webview();
		await view.locator('body[data-status=done]').waitFor({ timeout: 30_000 });
		assert.equal(await view.locator('.table-body .row').count(), 2);
		assert.match((await view.locator('[data-field=summary]').textContent()) ?? '', /decrypting with tls12-reneg-iis\.keylog/);
		await view.locator('.table-body .row[data-id="1"]').click();
		await wb.page.keyboard.press('Enter');
		const verdict = view.locator('.verdict-banner');
		await verdict.waitFor();
		assert.match((await verdict.textContent()) ?? '', /requested by renegotiation/);
		assert.equal(await view.locator('.dn-list tr.dn').count(), 2);
		await wb.screenshot('capture-renegotiation');
		await wb.page.locator('.tabs-container .tab', { hasText: 'tls12-reneg-iis.pcapng' }).locator('.tab-actions .action-label').click();
	});
});
