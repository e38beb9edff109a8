import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const FIXTURE = 'public/fsackur__PsSsl__schannel.reg';

function fixtureUri(relative: string): vscode.Uri {
	const folder = vscode.workspace.workspaceFolders?.[0];
	assert.ok(folder, 'the test workspace (test/fixtures) is open');
	return vscode.Uri.joinPath(folder.uri, relative);
}

/** Document symbols can be empty for a moment while the provider registers; ask until they come. */
async function symbolsOf(uri: vscode.Uri): Promise<vscode.DocumentSymbol[]> {
	for (let i = 0; i < 50; i++) {
		const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>('vscode.executeDocumentSymbolProvider', uri);
		if (symbols && symbols.length > 0) return symbols;
		await new Promise((r) => setTimeout(r, 100));
	}
	return [];
}

function tree(symbols: vscode.DocumentSymbol[]): unknown[] {
	return symbols.map((s) => (s.children.length ? { [s.name]: tree(s.children) } : s.name));
}

suite('.reg language in the real host (issue 2)', () => {
	test('a UTF-16LE export opens with language id "reg" and its text decoded', async () => {
		const doc = await vscode.workspace.openTextDocument(fixtureUri(FIXTURE));
		await vscode.window.showTextDocument(doc);
		assert.equal(doc.languageId, 'reg');
		assert.equal(doc.lineAt(0).text, 'Windows Registry Editor Version 5.00');
		assert.equal(doc.lineAt(3).text, '"EventLogging"=dword:00000001');
	});

	test('the outline nests keys by path with their values beneath', async () => {
		const symbols = await symbolsOf(fixtureUri(FIXTURE));
		assert.equal(symbols.length, 1, 'one top-level key');
		const sch = symbols[0]!;
		assert.equal(sch.name, 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL');
		assert.equal(sch.kind, vscode.SymbolKind.Namespace);
		assert.deepEqual(tree(sch.children), ['EventLogging', 'Ciphers', 'CipherSuites', 'Hashes', 'KeyExchangeAlgorithms', { Protocols: [{ 'SSL 2.0': [{ Client: ['DisabledByDefault'] }] }] }]);
		const eventLogging = sch.children[0]!;
		assert.equal(eventLogging.kind, vscode.SymbolKind.Property);
		assert.equal(eventLogging.detail, 'REG_DWORD 0x00000001 (1)');
		assert.equal(eventLogging.selectionRange.start.line, 3);
	});

	test('key sections fold', async () => {
		const uri = fixtureUri('public/racetracks__windows_crypto__tls12.reg');
		const doc = await vscode.workspace.openTextDocument(uri);
		assert.equal(doc.languageId, 'reg');
		const ranges = await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', uri);
		const firstKey = doc.getText().split(/\r?\n/).findIndex((l) => l.startsWith('['));
		assert.ok(ranges.some((r) => r.start === firstKey && r.end > r.start), `a folding range starts at the first key (line ${firstKey})`);
	});
});
