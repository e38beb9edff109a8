// Generated documents (plans, fixed copies, exports) open as new unsaved documents with meaningful titles, never
// touching the input; the issuer report keeps one panel per machine (issue 15).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

function fixtureUri(relative: string): vscode.Uri {
	const folder = vscode.workspace.workspaceFolders?.[0];
	assert.ok(folder, 'the test workspace (test/fixtures) is open');
	return vscode.Uri.joinPath(folder.uri, relative);
}

const basename = (uri: vscode.Uri): string => uri.path.split('/').pop() ?? '';

async function closeAll(): Promise<void> {
	// Untitled documents would ask to be saved: revert them as they close.
	for (let i = 0; i < 10 && vscode.window.activeTextEditor; i++) await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
	await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

suite('Generated documents and report panels (issue 15)', () => {
	const input = fixtureUri('reg/store-root-too-long.v5.reg');
	teardown(closeAll);

	test('plan (b) opens untitled, titled by machine and plan, in the output folder; a second run gets its own title; the input is unchanged', async () => {
		const before = await vscode.workspace.fs.readFile(input);
		const first = await vscode.commands.executeCommand<vscode.TextDocument>('schannelLens.generateSchannelFix', input, 'no-list');
		const second = await vscode.commands.executeCommand<vscode.TextDocument>('schannelLens.generateSchannelFix', input, 'no-list');
		assert.ok(first && second);
		assert.equal(first.uri.scheme, 'untitled');
		assert.equal(first.isUntitled, true);
		assert.match(basename(first.uri), /^.+ - plan \(b\) send no issuer list\.reg$/, basename(first.uri));
		assert.doesNotMatch(basename(first.uri), /^Untitled/);
		assert.match(first.uri.path, /\/schannel-lens-output\/[^/]+$/);
		assert.equal(basename(second.uri), basename(first.uri).replace(/\.reg$/, ' 2.reg'), 'each run its own document');
		assert.equal(first.languageId, 'reg');
		assert.match(first.getText(), /"SendTrustedIssuerList"=dword:00000000/);
		assert.deepEqual(await vscode.workspace.fs.readFile(input), before, 'the input file is byte for byte the same');
		await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(vscode.Uri.file(first.uri.path))), 'nothing was written to the output folder');
	});

	test('a quick fix opens a fixed copy titled by the file and the fix; the input is unchanged', async () => {
		const before = await vscode.workspace.fs.readFile(input);
		const doc = await vscode.commands.executeCommand<vscode.TextDocument>('schannelLens.openFixedCopy', input, [{ range: [0, 0, 0, 0], newText: '; reviewed\r\n' }], 'Set SendTrustedIssuerList to 0 (send no list)');
		assert.equal(doc.uri.scheme, 'untitled');
		assert.equal(basename(doc.uri), 'store-root-too-long.v5 - Set SendTrustedIssuerList to 0 (send no list).reg');
		assert.ok(doc.getText().startsWith('; reviewed'));
		assert.deepEqual(await vscode.workspace.fs.readFile(input), before);
	});

	test('the collection script opens as collect-schannel.ps1, the name its instructions use', async () => {
		const doc = await vscode.commands.executeCommand<vscode.TextDocument>('schannelLens.createCollectionScript', 'server');
		assert.equal(doc?.uri.scheme, 'untitled');
		assert.equal(basename(doc!.uri), 'collect-schannel.ps1');
	});

	test('Check Trusted Issuer List twice on one machine keeps one panel, titled by the machine', async () => {
		await vscode.commands.executeCommand('schannelLens.checkIssuerList', input);
		await vscode.commands.executeCommand('schannelLens.checkIssuerList', input);
		assert.equal(await vscode.commands.executeCommand<number>('schannelLens._test.issuerPanelCount'), 1);
		const tab = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('schannelLens.issuerReport'));
		assert.ok(tab, 'the report tab is open');
		assert.match(tab.label, /^Trusted issuer list: .+ \(Windows Server 2008 R2\)$/);
		await vscode.commands.executeCommand('schannelLens.checkIssuerList', { sources: [input] });
		assert.equal(await vscode.commands.executeCommand<number>('schannelLens._test.issuerPanelCount'), 2, 'another subject, another panel');
	});
});
