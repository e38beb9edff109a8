import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { IssuerReport } from '../../src/core/issuers';

const FLAWED = 'reg/schannel-2008r2-flawed.v5.reg';

function fixtureUri(relative: string): vscode.Uri {
	const folder = vscode.workspace.workspaceFolders?.[0];
	assert.ok(folder, 'the test workspace (test/fixtures) is open');
	return vscode.Uri.joinPath(folder.uri, relative);
}

function code(d: vscode.Diagnostic): string {
	return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

/** The issuer-list diagnostic once the engine's answer for the folder's machine is in. */
function listDiagnostic(uri: vscode.Uri): Promise<vscode.Diagnostic> {
	const find = () => vscode.languages.getDiagnostics(uri).find((d) => code(d) === 'sch.issuer-list-sent' && /too long/.test(d.message));
	const now = find();
	if (now) return Promise.resolve(now);
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			sub.dispose();
			reject(new Error('no issuer-list diagnostic within 20 s'));
		}, 20_000);
		const sub = vscode.languages.onDidChangeDiagnostics(() => {
			const d = find();
			if (!d) return;
			clearTimeout(timer);
			sub.dispose();
			resolve(d);
		});
	});
}

suite('One diagnosis on every surface (issue 10)', () => {
	test('the .reg warning, its report quick fix and its plan give the same numbers', async () => {
		const uri = fixtureUri(FLAWED);
		await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
		const diagnostic = await listDiagnostic(uri);
		const [, names, bytes, cut] = /([\d,]+) CA names in Root → ([\d,]+) bytes.*about ([\d,]+) names are cut/.exec(diagnostic.message)!;
		const num = (s: string) => Number(s.replace(/,/g, ''));
		const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range);
		const reportAction = actions.find((a) => /issuer list report/.test(a.title))!;
		assert.ok(reportAction?.command, 'the warning offers the report');
		const report = await vscode.commands.executeCommand<IssuerReport>(reportAction.command.command, ...(reportAction.command.arguments ?? []));
		assert.equal(report.entries.length, num(names!), 'the report counts the same names as the diagnostic');
		assert.equal(report.totals.withLength, num(bytes!));
		assert.equal(report.entries.filter((e) => e.cut).length, num(cut!));
		assert.equal(report.verdict, 'over');
		assert.ok(report.plans[0].remove.length > 0, 'plan (a) removes roots from the folder\'s Root store, not from nothing');
		await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
	});

	test('the quick fix "Set SendTrustedIssuerList to 0" opens a fixed copy and leaves the file as it was', async () => {
		const uri = fixtureUri(FLAWED);
		const before = await vscode.workspace.fs.readFile(uri);
		const doc = await vscode.workspace.openTextDocument(uri);
		await vscode.window.showTextDocument(doc);
		const diagnostic = await listDiagnostic(uri);
		const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range);
		const fix = actions.find((a) => /SendTrustedIssuerList to 0/.test(a.title))!;
		assert.ok(fix, 'the fix is offered');
		assert.equal(fix.edit, undefined, 'no edit of the evidence file');
		const copy = await vscode.commands.executeCommand<vscode.TextDocument>(fix.command!.command, ...(fix.command!.arguments ?? []));
		assert.equal(copy.isUntitled, true);
		assert.match(copy.getText(), /"SendTrustedIssuerList"=dword:00000000/);
		assert.equal(doc.isDirty, false, 'the input file is not changed, not even in the editor');
		assert.deepEqual(await vscode.workspace.fs.readFile(uri), before);
		await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
	});
});
