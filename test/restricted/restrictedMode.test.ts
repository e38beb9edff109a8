// Runs twice inside code-server's extension host with Schannel Lens installed from its .vsix and samples/ open:
// once in a trusted workspace, once in Restricted Mode (scripts/restrictedMode.mjs). Each run checks the same
// diagnostics and editors and prints what it saw; the script compares the two runs and the webviews' text.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, diagnosticsWhen, sample } from '../support/hostDiagnostics';
import { askRunner } from '../support/runnerSignal';

const EXTENSION_ID = 'schannel-lens.schannel-lens';
/** Set by scripts/restrictedMode.mjs in code-server's environment: 'restricted' or 'trusted'. */
const EXPECTED = process.env.SCHANNEL_LENS_EXPECT_TRUST;
const OBSERVED_PREFIX = '@@schannel-lens-observed ';
/** Printed when both editors are open; the runner reads their webviews, then creates the file SCHANNEL_LENS_VIEWS_READ. */
const VIEWS_OPEN = '@@schannel-lens-views-open';

const observed: Record<string, unknown> = {};

/** Resolves once a tab of `uri` opened with the custom editor `viewType` exists (waits on tab changes). */
function customTab(uri: vscode.Uri, viewType: string): Promise<void> {
	const found = () => vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputCustom && t.input.viewType === viewType && t.input.uri.toString() === uri.toString()));
	if (found()) return Promise.resolve();
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			sub.dispose();
			reject(new Error(`no ${viewType} tab for ${uri.path}`));
		}, 20_000);
		const sub = vscode.window.tabGroups.onDidChangeTabs(() => {
			if (!found()) return;
			clearTimeout(timer);
			sub.dispose();
			resolve();
		});
	});
}

suite(`Schannel Lens from its .vsix, workspace ${EXPECTED ?? '(unset)'} (issue 13)`, () => {
	suiteTeardown(() => console.log(OBSERVED_PREFIX + JSON.stringify(observed)));

	test('the workspace trust is what the runner set up', () => {
		assert.ok(EXPECTED === 'restricted' || EXPECTED === 'trusted', `SCHANNEL_LENS_EXPECT_TRUST is ${EXPECTED}`);
		assert.equal(vscode.workspace.isTrusted, EXPECTED === 'trusted');
	});

	test('the installed Schannel Lens is enabled and activates (a missing capabilities entry disables it in Restricted Mode)', async () => {
		const extension = vscode.extensions.getExtension(EXTENSION_ID);
		assert.ok(extension, `${EXTENSION_ID} is not enabled in this host (workspace trusted: ${vscode.workspace.isTrusted})`);
		// Installed into code-server's extensions folder, not loaded from the repository under development.
		assert.match(extension.extensionPath, /schannel-lens\.schannel-lens-/);
		await extension.activate();
		observed.active = extension.isActive;
	});

	test('production mode: no schannelLens._test.* command exists', async () => {
		const hooks = (await vscode.commands.getCommands(true)).filter((c) => c.startsWith('schannelLens._test.'));
		assert.deepEqual(hooks, []);
		observed.testHooks = hooks;
	});

	test('the .reg samples get their diagnostics, including the issuer-list size from the Root store beside them', async () => {
		const out: Record<string, string[]> = {};
		for (const name of ['web01/schannel-settings.reg', 'web01/root-store.reg']) {
			const uri = sample(name);
			await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
			// The diagnosis engine's answer for WEB01 (issue 10): an error, once the folder's files are read.
			const list = await diagnosticsWhen(uri, (l) => l.some((d) => codeOf(d) === 'sch.issuer-list-sent' && d.severity === vscode.DiagnosticSeverity.Error));
			out[name] = list.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${vscode.DiagnosticSeverity[d.severity]} ${codeOf(d)}: ${d.message}`).sort();
		}
		// Read off the samples (samples/README.md): 301 names, a 22,252-byte list, 80 cut as the capture beside them shows.
		assert.ok(out['web01/schannel-settings.reg']!.some((l) => l.startsWith('7:1 Error sch.issuer-list-sent: ') && l.includes('301 CA names (22,252 bytes)') && l.includes('80 were cut')), out['web01/schannel-settings.reg']!.join('\n'));
		assert.ok(out['web01/schannel-settings.reg']!.some((l) => l.startsWith('47:1 Warning sch.legacy-protocol-enabled')));
		assert.ok(out['web01/root-store.reg']!.some((l) => l.startsWith('7:1 Error sch.issuer-list-sent: WEB01 sends a truncated trusted issuer list')));
		observed.diagnostics = out;
	});

	test('the certificate and capture editors open (their webviews are read by the runner)', async () => {
		const cert = sample('clients/dave-expired.cer');
		const capture = sample('web01/failing-mtls-handshake.pcapng');
		const open = async () => {
			await vscode.commands.executeCommand('workbench.action.closeAllEditors');
			await vscode.commands.executeCommand('vscode.openWith', cert, 'schannelLens.certificate', vscode.ViewColumn.One);
			await customTab(cert, 'schannelLens.certificate');
			await vscode.commands.executeCommand('vscode.openWith', capture, 'schannelLens.capture', vscode.ViewColumn.Two);
			await customTab(capture, 'schannelLens.capture');
		};
		await open();
		observed.editors = ['schannelLens.certificate', 'schannelLens.capture'];
		// The webviews live only as long as this host: keep it until the runner has read them.
		const signal = process.env.SCHANNEL_LENS_VIEWS_READ;
		assert.ok(signal, 'SCHANNEL_LENS_VIEWS_READ is set');
		await askRunner(VIEWS_OPEN, signal, 60, open);
	}).timeout(180_000);
});
