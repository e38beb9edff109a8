// UI smoke: a Schannel registry export opens as "Registry Export" and its keys show in the Outline view.
import * as assert from 'node:assert/strict';
import { workbench, type Workbench } from './workbench';

const REG_FILE = 'public/fsackur__PsSsl__schannel.reg';

suite('Registry export in the workbench', () => {
	let wb: Workbench;

	suiteSetup(async function () {
		this.timeout(180_000); // first use packages the extension and starts code-server
		wb = await workbench();
	});

	test('opens a .reg file as Registry Export with an outline', async () => {
		const editor = await wb.openFile(REG_FILE);
		await editor.getByText('Windows Registry Editor Version 5.00').first().waitFor();
		await wb.languageStatus().getByText('Registry Export').waitFor();

		await wb.runCommand('Explorer: Focus on Outline View');
		// Room for the outline: fold the file tree (the workspace folder is test/fixtures).
		await wb.setSectionExpanded('fixtures', false);
		const rows = wb.outlineRows();
		try {
			await rows.first().waitFor({ timeout: 15_000 });
		} catch {
			await wb.screenshot('reg-outline');
			assert.fail('the Outline view stayed empty for the .reg file: is the DocumentSymbolProvider for `reg` registered?');
		}
		// Nested keys show as children: HKLM\…\SCHANNEL › Protocols › SSL 2.0 › Client.
		await rows.filter({ hasText: 'Protocols' }).first().waitFor();
		await wb.screenshot('reg-outline');
		assert.ok((await rows.count()) > 1);
	});
});
