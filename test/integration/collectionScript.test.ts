// Issue 10, item 6: "Schannel Lens: Create Collection Script" in the real host opens the read-only script as an
// untitled PowerShell document (never saved), and that document passes the same allow-list as the unit tests.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { checkPowerShell } from '../support/psAllowList';
import { until } from './certificateSupport';

const COMMAND = 'schannelLens.createCollectionScript';

async function closeWithoutSaving(document: vscode.TextDocument): Promise<void> {
	await vscode.window.showTextDocument(document);
	await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

suite('Create Collection Script in the real host (issue 10 item 6)', () => {
	test('the command is contributed with its category', async () => {
		const commands = await vscode.commands.getCommands(true);
		assert.ok(commands.includes(COMMAND));
		const ext = vscode.extensions.all.find((e) => e.packageJSON?.name === 'schannel-lens');
		const contributed = (ext?.packageJSON.contributes.commands as { command: string; category: string; title: string }[]).find((c) => c.command === COMMAND);
		assert.deepEqual([contributed?.category, contributed?.title], ['Schannel Lens', 'Create Collection Script']);
	});

	for (const role of ['server', 'client'] as const) {
		test(`role ${role}: an untitled PowerShell document with reg export and no forbidden command`, async () => {
			const before = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
			const document = await vscode.commands.executeCommand<vscode.TextDocument>(COMMAND, { role });
			assert.ok(document, 'the command returns the document it opened');
			assert.ok(!before.has(document.uri.toString()), 'a new document');
			assert.equal(document.isUntitled, true, 'never saved');
			assert.equal(document.uri.scheme, 'untitled');
			assert.equal(document.languageId, 'powershell');
			assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), document.uri.toString(), 'shown in the editor');
			const text = document.getText();
			assert.match(text, /reg export 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL'/);
			assert.match(text, new RegExp(`\\$role = '${role}'`));
			assert.equal(text.includes("'CurrentUser\\My'"), role === 'client');
			assert.deepEqual(checkPowerShell(text), []);
			await closeWithoutSaving(document);
		});
	}

	test('the role as a plain string argument works too', async () => {
		const document = await vscode.commands.executeCommand<vscode.TextDocument>(COMMAND, 'client');
		assert.equal(document?.languageId, 'powershell');
		assert.match(document!.getText(), /\$role = 'client'/);
		await closeWithoutSaving(document!);
	});

	test('without a role it asks; dismissing the question opens nothing', async () => {
		const scripts = (): string[] => vscode.workspace.textDocuments.filter((d) => d.isUntitled && d.languageId === 'powershell' && !d.isClosed).map((d) => d.uri.toString());
		const before = scripts();
		let settled = false;
		const pending = Promise.resolve(vscode.commands.executeCommand<vscode.TextDocument | undefined>(COMMAND)).finally(() => (settled = true));
		// The quick pick appears asynchronously: dismiss it until the command gives up.
		await until(async () => {
			await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
			return settled ? true : undefined;
		}, 'the role question to be dismissed', 15_000);
		assert.equal(await pending, undefined);
		assert.deepEqual(scripts().filter((u) => !before.includes(u)), [], 'no new script document');
	});
});
