// Issue 10: on the samples, the .reg error, its quick fixes, the issuer-list command with its defaults and the
// capture editor give the doctor's numbers and per-client outcomes; without the Root store export every one of
// them says unknown and names the export. The samples are copied to a temp folder (samples/ is never touched).
import * as assert from 'node:assert/strict';
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { IssuerReport } from '../../src/core/issuers';
import { fixtureUri, tempDir, until } from './certificateSupport';

function samplesCopy(withoutRoot = false): string {
	const dir = tempDir();
	cpSync(fixtureUri('../../samples').fsPath, dir, { recursive: true });
	if (withoutRoot) rmSync(join(dir, 'web01', 'root-store.reg'));
	return dir;
}

function code(d: vscode.Diagnostic): string {
	return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

/** The issuer-list diagnostic once the engine's answer (not the pending state) is in. */
function listDiagnostic(uri: vscode.Uri, ready: RegExp): Promise<vscode.Diagnostic> {
	return until(() => vscode.languages.getDiagnostics(uri).find((d) => code(d) === 'sch.issuer-list-sent' && ready.test(d.message)), `the issuer-list diagnostic of ${uri.fsPath}`);
}

const outcomes = (r: IssuerReport) => Object.fromEntries(r.clients.map((c) => [/CN=([^,]+)/.exec(c.subject)![1], c.outcome]));

suite('The samples on every surface (issue 10)', function () {
	this.timeout(120_000);
	teardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

	test('the error, the report quick fix and the command with its defaults: 80 of 301 names cut, alice, dave and bob offer no certificate', async () => {
		const uri = vscode.Uri.file(join(samplesCopy(), 'web01', 'schannel-settings.reg'));
		await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
		const d = await listDiagnostic(uri, /truncated/);
		assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
		assert.match(d.message, /301 CA names \(22,252 bytes\).*221 names sent — 80 were cut/);
		const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range);
		const fromFix = await vscode.commands.executeCommand<IssuerReport>(actions.find((a) => /issuer list report/.test(a.title))!.command!.command, uri);
		// The report panel took the focus: back to the export, and the command with no argument takes the active file.
		await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
		const fromDefaults = await vscode.commands.executeCommand<IssuerReport>('schannelLens.checkIssuerList');
		for (const r of [fromFix, fromDefaults]) {
			assert.equal(r.verdict, 'over');
			assert.equal(r.totals.withLength, 22_252);
			assert.equal(r.answer?.cutCount, 80);
			assert.equal(r.answer?.cutConfidence, 'observed');
			assert.deepEqual(outcomes(r), { 'alice.client': 'no-certificate', 'dave.expired.client': 'no-certificate', 'bob.otherca.client': 'no-certificate' });
			assert.match(r.answer!.headline, /among the 80 names Schannel cut from a 22,252-byte list/);
		}
		const plan = await vscode.commands.executeCommand<vscode.TextDocument>(actions.find((a) => /fix plan \(a\)/.test(a.title))!.command!.command, uri, 'remove-roots');
		assert.ok(plan?.isUntitled, 'plan (a) opens as a new document');
		assert.doesNotMatch(plan.getText(), /Schannel Lens Lab Root CA/, 'plan (a) keeps the root alice and dave chain to');
	});

	test('without the Root store export: the error line, the report and its plan all say unknown and name the export', async () => {
		const uri = vscode.Uri.file(join(samplesCopy(true), 'web01', 'schannel-settings.reg'));
		await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
		const d = await listDiagnostic(uri, /unknown/);
		assert.match(d.message, /Root store export/);
		assert.doesNotMatch(d.message, /list fits[:.]|fits within/);
		const r = await vscode.commands.executeCommand<IssuerReport>('schannelLens.checkIssuerList', uri);
		assert.equal(r.verdict, 'unknown');
		assert.match(r.answer!.unknown!.decide, /Root store export/);
		// The capture shows the list the server sent: bob's CA is not on it (seen), but why (cut or never trusted) is
		// unknown; alice's and dave's chains stop at the Lab Root, whose certificate came only with the Root store export.
		assert.deepEqual(outcomes(r), { 'alice.client': 'unknown', 'dave.expired.client': 'unknown', 'bob.otherca.client': 'no-certificate' });
		for (const c of r.clients) assert.match(c.reason, c.outcome === 'unknown' ? /Add the certificate of "CN=Schannel Lens Lab Root CA/ : /Root store export/);
		assert.ok(r.clients.every((c) => !/wrong CA|were cut|was cut from/.test(c.reason)), 'no reason on a guess');
		assert.equal(r.plans[0].remove.length, 0);
		assert.match(r.plans[0].blockedBy ?? '', /Root store/);
	});
});
