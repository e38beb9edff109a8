// Runs inside a real VS Code extension host (code-server here, Electron on desktops): checks that the host
// is the version we build against and that opening a .reg file activates Schannel Lens.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'schannel-lens.schannel-lens';
// UTF-16LE with a BOM, as regedit writes it: the language must still be detected.
const REG_FIXTURE = ['public', 'fsackur__PsSsl__schannel.reg'];

function extension(): vscode.Extension<unknown> {
	const found = vscode.extensions.getExtension(EXTENSION_ID);
	assert.ok(found, `extension ${EXTENSION_ID} is not loaded in this host`);
	return found;
}

/** Major/minor/patch of a version or a `^x.y.z` range, for comparisons without a semver dependency. */
function versionParts(version: string): number[] {
	const match = /(\d+)\.(\d+)\.(\d+)/.exec(version);
	assert.ok(match, `not a version: ${version}`);
	return match.slice(1, 4).map(Number);
}

function atLeast(actual: number[], minimum: number[]): boolean {
	for (let i = 0; i < 3; i++) {
		if (actual[i] !== minimum[i]) return actual[i] > minimum[i];
	}
	return true;
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) return false;
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	return true;
}

suite('Extension host', () => {
	test('VS Code satisfies engines.vscode', () => {
		const engines = (extension().packageJSON as { engines: { vscode: string } }).engines.vscode;
		assert.ok(atLeast(versionParts(vscode.version), versionParts(engines)), `VS Code ${vscode.version} is older than engines.vscode ${engines}`);
	});

	test('opening a UTF-16LE .reg file gives languageId reg and activates the extension', async () => {
		const folder = vscode.workspace.workspaceFolders?.[0];
		assert.ok(folder, 'the test host was started without a workspace folder (expected test/fixtures)');
		const uri = vscode.Uri.joinPath(folder.uri, ...REG_FIXTURE);
		const document = await vscode.workspace.openTextDocument(uri);
		await vscode.window.showTextDocument(document);
		assert.equal(document.languageId, 'reg');
		// The BOM was honoured: the first line decodes as text, not as interleaved NULs.
		assert.match(document.lineAt(0).text, /^Windows Registry Editor Version 5\.00/);
		// Activation (onLanguage:reg) runs asynchronously after the document opens.
		assert.ok(await waitFor(() => extension().isActive, 15_000), 'extension did not activate within 15 s of opening a .reg file');
	});

	test('the harness runs the extension in ExtensionMode.Test, so its test hooks exist (and only there: issue 13)', async () => {
		await extension().activate();
		const hooks = (await vscode.commands.getCommands(true)).filter((c) => c.startsWith('schannelLens._test.'));
		// registerTestCommand registers nothing outside ExtensionMode.Test; the restricted-mode run checks production.
		assert.ok(hooks.includes('schannelLens._test.indexReady'), `no test hooks registered: the host did not start the extension in Test mode (found ${hooks.join(', ') || 'none'})`);
	});
});
