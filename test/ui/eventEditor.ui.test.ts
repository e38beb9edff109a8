// UI: the event log editor (issue 11). Screenshot test-results/events-capi2-chain.png: a CAPI2 event 11 (the lab
// client certificate's chain as Windows built it) with its explanation on the left, and beside it the chain view with
// Schannel Lens's own chain and the level-by-level comparison with Windows's statuses.
import * as assert from 'node:assert/strict';
import { workbench, type Workbench } from './workbench';

suite('Event log editor in the workbench', () => {
	let wb: Workbench;

	suiteSetup(async function () {
		this.timeout(180_000);
		wb = await workbench();
	});

	/** The visible webview that shows the Windows comparison (polled until it is drawn, up to 60 s). */
	async function chainView(): Promise<ReturnType<Workbench['webview']>> {
		const deadline = Date.now() + 60_000;
		while (Date.now() < deadline) {
			const frames = wb.page.frameLocator('iframe.webview.ready');
			for (const i of [0, 1, 2]) {
				const frame = frames.nth(i).frameLocator('#active-frame');
				if ((await frame.locator('section.windows tbody tr').count()) > 0) return frame;
			}
			await wb.page.waitForTimeout(100);
		}
		assert.fail('the chain view with the Windows comparison did not appear within 60 s');
	}

	test('a CAPI2 chain event: details with the explanation, then "Show as chain" beside it', async function () {
		this.timeout(150_000);
		await wb.closeAllEditors();
		await wb.openFile('events/capi2-lab-chain.xml');
		await wb.runCommand('Schannel Lens: Open in Event Log View');
		const events = wb.webview();
		await events.locator('body[data-status=done]').waitFor({ timeout: 60_000 });
		const row = events.locator('.table-body .row').first();
		await row.click();
		await events.getByRole('heading', { name: 'Microsoft-Windows-CAPI2 11: Chain built (CertGetCertificateChain)' }).waitFor();
		assert.equal(await events.locator('.chain li').count(), 3);
		assert.match((await events.locator('.chain li').first().textContent()) ?? '', /alice\.client.*CERT_TRUST_REVOCATION_STATUS_UNKNOWN, CERT_TRUST_IS_OFFLINE_REVOCATION/);
		await wb.runCommand('View: Toggle Primary Side Bar Visibility');
		await wb.page.locator('.part.sidebar').waitFor({ state: 'hidden' });
		await events.getByRole('button', { name: 'Show as chain' }).click();
		await wb.page.locator('.tabs-container .tab.active', { hasText: 'Chain: pki/client-alice.cer' }).waitFor({ timeout: 60_000 });
		// Two webviews are visible now (the event log editor and, beside it, the chain view): find the chain view's.
		const chain = await chainView();
		assert.equal(await chain.locator('section.windows tbody tr').count(), 3);
		assert.match((await chain.locator('section.windows .verdict').textContent()) ?? '', /differ at 2 of 3 level/);
		await wb.waitForStableLayout(wb.page.locator('.part.editor'));
		await wb.screenshot('events-capi2-chain');
		await wb.runCommand('View: Toggle Primary Side Bar Visibility');
	});

	test('the .evtx opens in the event log editor with the Schannel/CAPI2 rows and a working filter', async function () {
		this.timeout(120_000);
		await wb.closeAllEditors();
		await wb.openTab('events/evtx__E_Windows_CAPI2_Operational.evtx');
		const view = wb.webview();
		await view.locator('body[data-status=done]').waitFor({ timeout: 60_000 });
		await view.getByText('340 of 340 events').waitFor();
		await view.locator('#event-id').fill('11');
		await view.getByText('42 of 340 events').waitFor();
		await view.locator('#event-id').fill('');
		await view.locator('#text').fill('no-such-word');
		await view.getByText('0 of 340 events').waitFor();
	});
});
