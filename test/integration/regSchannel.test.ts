import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const FLAWED = 'reg/schannel-2008r2-flawed.v5.reg';

function fixtureUri(relative: string): vscode.Uri {
	const folder = vscode.workspace.workspaceFolders?.[0];
	assert.ok(folder, 'the test workspace (test/fixtures) is open');
	return vscode.Uri.joinPath(folder.uri, relative);
}

/** Waits until the extension publishes diagnostics for `uri` that satisfy `ready` (no sleeps: onDidChangeDiagnostics). */
function diagnosticsFor(uri: vscode.Uri, atLeast = 1, ready: (d: vscode.Diagnostic[]) => boolean = () => true): Promise<vscode.Diagnostic[]> {
	const now = vscode.languages.getDiagnostics(uri);
	if (now.length >= atLeast && ready(now)) return Promise.resolve(now);
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			sub.dispose();
			reject(new Error(`no diagnostics for ${uri.toString()} within 10 s`));
		}, 10_000);
		const sub = vscode.languages.onDidChangeDiagnostics((e) => {
			if (!e.uris.some((u) => u.toString() === uri.toString())) return;
			const list = vscode.languages.getDiagnostics(uri);
			if (list.length < atLeast || !ready(list)) return;
			clearTimeout(timer);
			sub.dispose();
			resolve(list);
		});
	});
}

function code(d: vscode.Diagnostic): string {
	return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

suite('Schannel diagnostics, hovers and quick fixes in the real host (issue 5)', () => {
	test('the flawed 2008 R2 export gets the expected errors and warnings, at the expected places', async () => {
		const uri = fixtureUri(FLAWED);
		await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
		// The Root store exports in the same folder (the same machine) are read in the background.
		const all = await diagnosticsFor(uri, 1, (list) => list.some((d) => code(d) === 'sch.issuer-list-sent' && d.severity === vscode.DiagnosticSeverity.Error));
		const serious = all.filter((d) => d.severity <= vscode.DiagnosticSeverity.Warning).map((d) => [code(d), d.range.start.line + 1, d.range.start.character + 1]);
		// Lines and columns read off the fixture text (1-based), see test/fixtures/README.md.
		assert.deepEqual(serious.sort(), [
			['reg.bad-dword', 19, 17], // "Enabled"=dword:0xffffffff
			['sch.cipher-slash-split', 15, 2], // [...\Ciphers\RC4 128\128]
			['sch.disabledbydefault-needed', 35, 1], // TLS 1.1\Server Enabled=ffffffff, no DisabledByDefault
			['sch.issuer-list-sent', 8, 1], // SendTrustedIssuerList=1, with the folder's Root store over the limit
			['sch.legacy-protocol-enabled', 35, 1],
			['sch.messaging-zero', 23, 32], // "MessageLimitServerClientAuth"=dword:00000000
			['sch.tls13-unsupported', 47, 1], // TLS 1.3 on 2008 R2
			['sch.unknown-key', 52, 2], // Protocols\TLS1.2\Server
			['sch.wrong-level', 38, 1], // Enabled directly under TLS 1.2
			['sch.wrong-type', 30, 11], // hex(b) QWORD
			['sch.wrong-type', 41, 11], // "Enabled"="1"
		].sort());
		const slash = all.find((d) => code(d) === 'sch.cipher-slash-split')!;
		// A warning since issue 15: the split key is ignored and the cipher keeps its default; nothing fails now.
		assert.equal(slash.severity, vscode.DiagnosticSeverity.Warning);
		assert.match(slash.message, /RC4 128\/128/);
		assert.ok(typeof slash.code === 'object' && slash.code.target.scheme === 'https', 'the code links to its source');
		const list = all.find((d) => code(d) === 'sch.issuer-list-sent')!;
		assert.equal(list.severity, vscode.DiagnosticSeverity.Error, 'a list that is cut stops logins: an error (issue 10, issue 15)');
		// The diagnosis engine's answer for the folder's machine (issue 10): the same words as the doctor.
		assert.match(list.message, /sends its trusted issuer list and it is too long: [\d,]+ CA names in Root → [\d,]+ bytes; Windows Server 2008 R2 sends at most 16,384 bytes: about [\d,]+ names are cut/);
	});

	test('hover on SendTrustedIssuerList explains it for the target OS', async () => {
		const uri = fixtureUri(FLAWED);
		const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(7, 5));
		const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
		assert.match(text, /SendTrustedIssuerList/);
		assert.match(text, /Default on Windows Server 2008 R2: 1 \(send the list\)/);
		assert.match(text, /Evidence: documented by Microsoft/);
		assert.match(text, /Target: Windows Server 2008 R2 \(from the `; target:` line\)/);
	});

	test('quick fix: add the missing DisabledByDefault (on an untitled copy; fixtures are never changed)', async () => {
		const content = 'Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Client]\r\n"Enabled"=dword:00000001\r\n';
		const doc = await vscode.workspace.openTextDocument({ language: 'reg', content });
		await vscode.window.showTextDocument(doc);
		await diagnosticsFor(doc.uri);
		const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, new vscode.Range(3, 0, 3, 5));
		const add = actions.find((a) => a.title.includes('DisabledByDefault'));
		assert.ok(add?.edit, `a DisabledByDefault fix among: ${actions.map((a) => a.title).join(', ')}`);
		assert.ok(await vscode.workspace.applyEdit(add.edit));
		assert.equal(doc.getText().replace(/\r\n/g, '\n'), content.replace(/\r\n/g, '\n').replace('"Enabled"=dword:00000001\n', '"Enabled"=dword:00000001\n"DisabledByDefault"=dword:00000000\n'));
		await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
	});

	test('Show Effective Schannel Configuration lists each protocol and role with the deciding line', async () => {
		const uri = fixtureUri(FLAWED);
		const shown = await vscode.commands.executeCommand<vscode.Uri>('schannelLens.showEffectiveConfiguration', uri);
		assert.ok(shown, 'the command returns the report URI');
		const report = await vscode.workspace.openTextDocument(shown);
		const text = report.getText();
		assert.match(text, /Target: \*\*Windows Server 2008 R2\*\*/);
		// TLS 1.2 server: the REG_SZ "1" is ignored, DisabledByDefault=0 (line 42) decides: enabled.
		assert.match(text, /\| TLS 1\.2 \| server \| \*\*enabled\*\* \| disabled by default \| line 42: `"DisabledByDefault"=dword:00000000` \|/);
		// TLS 1.0 server: the QWORD is ignored: OS default.
		assert.match(text, /\| TLS 1\.0 \| server \| \*\*enabled\*\* \| enabled \| OS default \|/);
		assert.match(text, /\| TLS 1\.3 \| server \| \*\*not supported\*\*/);
		// Issue 15: rendered in the Markdown preview, its tab titled after the export (not raw Markdown source).
		const title = 'Effective Schannel configuration of schannel-2008r2-flawed.v5.reg';
		const tab = await tabLabelled(title);
		assert.ok(tab.input instanceof vscode.TabInputWebview, `the tab "${tab.label}" is the Markdown preview (a webview), not a text editor`);
		await vscode.commands.executeCommand('workbench.action.closeAllEditors');
	});

	test('the Blob CodeLens names the certificate, not its thumbprint (issue 15)', async () => {
		const uri = fixtureUri('reg/store-ca.v5.reg');
		await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
		const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
		const titles = lenses.map((l) => l.command?.title ?? '').filter((t) => t.startsWith('View certificate: '));
		assert.ok(titles.length > 0, 'one lens per certificate key');
		for (const t of titles) assert.doesNotMatch(t, /^View certificate: [0-9A-F]{8}…$/, t);
		assert.ok(titles.some((t) => /Schannel Lens Lab/.test(t)), titles.join('\n'));
		await vscode.commands.executeCommand('workbench.action.closeAllEditors');
	});
});

/** The tab whose label contains `text`, once it exists (event-driven, 10 s at most). */
function tabLabelled(text: string): Promise<vscode.Tab> {
	const find = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label.includes(text));
	const now = find();
	if (now) return Promise.resolve(now);
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			sub.dispose();
			reject(new Error(`no tab "${text}" within 10 s; tabs: ${vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => t.label).join(' | ')}`));
		}, 10_000);
		const sub = vscode.window.tabGroups.onDidChangeTabs(() => {
			const t = find();
			if (!t) return;
			clearTimeout(timer);
			sub.dispose();
			resolve(t);
		});
	});
}
