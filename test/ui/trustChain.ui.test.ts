// UI: the chain view of a broken chain (issue 4); a person should see where it breaks.
import * as assert from 'node:assert/strict';
import { workbench, type Workbench } from './workbench';

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
	});
});
