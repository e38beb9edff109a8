import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { IssuerReport } from '../../src/core/issuers';

function fixtureUri(relative: string): vscode.Uri {
	const folder = vscode.workspace.workspaceFolders?.[0];
	assert.ok(folder, 'the test workspace (test/fixtures) is open');
	return vscode.Uri.joinPath(folder.uri, relative);
}

suite('Trusted issuer list commands in the real host (issue 6)', () => {
	test('Check Trusted Issuer List: the report model for the lab Root store and alice', async () => {
		const report = await vscode.commands.executeCommand<IssuerReport>('schannelLens.checkIssuerList', {
			sources: [fixtureUri('reg/store-root-too-long.v5.reg')],
			clients: [fixtureUri('pki/client-alice.cer'), fixtureUri('pki/intermediate-ca.pem')],
		});
		assert.ok(report, 'the command returns the report');
		assert.equal(report.targetOs, 'Windows Server 2008 R2');
		assert.equal(report.store, 'Root');
		assert.equal(report.entries.length, 301);
		assert.deepEqual(report.totals, { names: 21_648, vectorBody: 22_250, withLength: 22_252 });
		assert.equal(report.verdict, 'over');
		assert.equal(report.clients.length, 1);
		assert.match(report.clients[0]!.subject, /alice\.client/);
		assert.equal(report.plans[0].keptNeeded.length, 1, 'plan (a) keeps the root alice chains to');
		assert.ok(report.plans[0].fits);
		const hook = await vscode.commands.executeCommand<IssuerReport>('schannelLens._test.lastIssuerReport');
		assert.equal(hook?.totals.vectorBody, 22_250, 'the panel shows the same model');
	});

	test('Generate Schannel Fix opens plan (b) as a new untitled .reg document', async () => {
		const doc = await vscode.commands.executeCommand<vscode.TextDocument>('schannelLens.generateSchannelFix', fixtureUri('reg/store-root-too-long.v5.reg'), 'no-list');
		assert.ok(doc);
		assert.equal(doc.isUntitled, true, 'a new document: nothing is written');
		assert.equal(doc.languageId, 'reg');
		assert.match(doc.getText(), /^Windows Registry Editor Version 5\.00\r?\n/);
		assert.match(doc.getText(), /\[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\]\r?\n"SendTrustedIssuerList"=dword:00000000/);
		await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
	});

	test('Plan Root Removal opens a .reg that deletes the chosen roots, and a PowerShell script', async () => {
		const doc = await vscode.commands.executeCommand<vscode.TextDocument>('schannelLens.planRootRemoval', { sources: [fixtureUri('reg/store-root-too-long.v5.reg')] });
		assert.ok(doc);
		const deletions = doc.getText().match(/^\[-HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\SystemCertificates\\ROOT\\Certificates\\[0-9A-F]{40}\]$/gm) ?? [];
		const report = await vscode.commands.executeCommand<IssuerReport>('schannelLens._test.lastIssuerReport');
		assert.equal(deletions.length, report!.plans[0].remove.length);
		assert.ok(deletions.length > 0);
		const ps = vscode.workspace.textDocuments.find((d) => d.isUntitled && d.languageId === 'powershell');
		assert.ok(ps, 'the PowerShell script is open too');
		assert.match(ps.getText(), /Remove-Item -Path "Cert:\\LocalMachine\\Root\\[0-9A-F]{40}"/);
		await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
	});

	test('Check Schannel.dll Hotfix and Compare Store Snapshots report in Markdown', async () => {
		const md = await vscode.commands.executeCommand<string>('schannelLens.checkHotfix', 'FileVersion : 6.1.7601.17514 (win7sp1_rtm.101119-1850)');
		assert.match(md ?? '', /## 6\.1\.7601\.17514: presumably not fixed \(GDR branch\); the fix is in 6\.1\.7601\.21624/);
		await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
		const diff = await vscode.commands.executeCommand<string>('schannelLens.compareSnapshots', fixtureUri('reg/store-root-too-long.v5.reg'), fixtureUri('reg/store-root-too-long.regedit4.reg'));
		assert.match(diff ?? '', /0 removed, 0 added, 301 unchanged/);
		await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
	});
});
