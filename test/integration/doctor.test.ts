// Issue 10 item 5: "Schannel Lens: Diagnose Folder" in the real host, on the repo's samples (a server folder and a
// client folder). The report the command returns is the one the page shows (test hook schannelLens._test.lastDoctorReport).
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cpSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { DoctorReport } from '../../src/core/diagnosis/report';
import { openPlan } from '../../src/doctor/actions';
import { fixtureUri, tempDir, until } from './certificateSupport';

const EXTENSION_ID = 'schannel-lens.schannel-lens';

function samplesDir(): string {
	const extension = vscode.extensions.getExtension(EXTENSION_ID);
	assert.ok(extension, `${EXTENSION_ID} is the extension under test`);
	return join(extension.extensionUri.fsPath, 'samples');
}

function diagnose(folders: string[]): Thenable<DoctorReport | undefined> {
	return vscode.commands.executeCommand<DoctorReport | undefined>('schannelLens.diagnoseFolder', { folders: folders.map((f) => vscode.Uri.file(f)) });
}

const client = (r: DoctorReport, name: string) => {
	const found = r.clients.filter((c) => c.subject.startsWith(`CN=${name},`));
	assert.ok(found.length > 0, `${name} is among the clients: ${r.clients.map((c) => c.subject).join('; ')}`);
	return found;
};

/** The doctor's webview tab (its view type carries a host prefix). */
const doctorTabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('schannelLens.doctor'));

suite('Doctor: Diagnose Folder in the real host (issue 10)', function () {
	this.timeout(90_000);
	let temp: string | undefined;

	suiteTeardown(async () => {
		await vscode.commands.executeCommand('workbench.action.closeAllEditors');
		if (temp) rmSync(temp, { recursive: true, force: true });
	});

	test('the samples: alice and dave lose to the cut, bob to the wrong CA; plan (a) keeps the Lab Root', async () => {
		const r = await diagnose([samplesDir()]);
		assert.ok(r, 'the command returns the report');
		assert.deepEqual(r.machines.map((m) => `${m.name}:${m.role}`).sort(), ['CLIENTS:client', 'WEB01:server']);
		for (const name of ['alice.client', 'dave.expired.client']) {
			for (const c of client(r, name)) {
				assert.equal(c.outcome, 'no-certificate', `${name}: ${c.reason}`);
				assert.equal(c.reasonCode, 'ca-cut', `${name}: ${c.reason}`);
			}
		}
		for (const c of client(r, 'bob.otherca.client')) {
			assert.equal(c.outcome, 'no-certificate');
			assert.equal(c.reasonCode, 'wrong-ca');
		}
		assert.match(r.headline, /\b80 names\b/);
		// The Lab Root's SHA-1 from the fixture file itself (node:crypto over its DER), not from the report.
		const labRoot = createHash('sha1').update(readFileSync(fixtureUri('pki/root-ca.cer').fsPath)).digest('hex').toUpperCase();
		const planA = r.plans.find((p) => p.id === 'remove-roots');
		assert.ok(planA?.available, 'plan (a) is offered');
		assert.ok(planA.keptNeeded?.includes(labRoot), `plan (a) keeps the Lab Root ${labRoot}: kept ${planA.keptNeeded?.join(', ')}`);
		assert.ok(!planA.remove?.some((x) => x.sha1 === labRoot), 'plan (a) does not remove the Lab Root');

		// The page is open, and the hook returns the report it was given.
		await until(() => (doctorTabs().length === 1 ? true : undefined), 'the doctor tab');
		const hook = await vscode.commands.executeCommand<DoctorReport>('schannelLens._test.lastDoctorReport');
		assert.equal(hook?.headline, r.headline);

		// "Open as new document": untitled documents, the .reg deletes exactly the plan's roots; nothing is written.
		const reg = await openPlan(r, 'remove-roots', planA.machine);
		assert.ok(reg);
		assert.equal(reg.isUntitled, true);
		assert.equal(reg.languageId, 'reg');
		const deleted = [...reg.getText().matchAll(/^\[-HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\SystemCertificates\\ROOT\\Certificates\\([0-9A-F]{40})\]$/gm)].map((m) => m[1]);
		assert.equal(deleted.length, planA.remove?.length);
		assert.ok(!deleted.includes(labRoot));
		const ps = vscode.workspace.textDocuments.find((d) => d.isUntitled && d.languageId === 'powershell');
		assert.ok(ps, 'plan (a) opens its PowerShell too');
		for (const d of [reg, ps]) {
			await vscode.window.showTextDocument(d);
			await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
		}
	});

	test('the same folders again reuse the page', async () => {
		const r = await diagnose([samplesDir()]);
		assert.ok(r);
		assert.equal(doctorTabs().length, 1);
	});

	test('without the Root store export: the server verdict is unknown and names the export; nothing "fits"', async () => {
		temp = tempDir();
		cpSync(join(samplesDir(), 'web01'), join(temp, 'web01'), { recursive: true });
		cpSync(join(samplesDir(), 'clients'), join(temp, 'clients'), { recursive: true });
		rmSync(join(temp, 'web01', 'root-store.reg'));
		const r = await diagnose([temp]);
		assert.ok(r);
		const server = r.servers.find((s) => s.machine === 'WEB01');
		assert.ok(server);
		assert.equal(server.verdict, 'unknown');
		assert.match(server.unknown?.decide ?? '', /Root store export/);
		assert.ok(r.servers.every((s) => s.verdict !== 'fits'));
		assert.ok(!r.findings.some((f) => f.code === 'issuers.fits'), r.findings.map((f) => f.code).join(', '));
		assert.ok(r.collectNext.some((c) => /Root store export/.test(c)), `collect next: ${r.collectNext.join('; ')}`);
		assert.equal(r.plans.find((p) => p.id === 'remove-roots')?.available, false, 'no root can be chosen for removal');
		assert.equal(doctorTabs().length, 2, 'another folder set gets its own page');
	});

	test('a folder with no case file: no report and no exception', async () => {
		const empty = tempDir();
		const r = await diagnose([empty]);
		assert.equal(r, undefined);
		rmSync(empty, { recursive: true, force: true });
	});

	test('the Windows version: the setting only when the user set it, never its default', async () => {
		const folder = tempDir();
		cpSync(join(samplesDir(), 'web01', 'root-store.reg'), join(folder, 'root-store.reg'));
		const config = vscode.workspace.getConfiguration('schannelLens');
		const inspected = config.inspect<string>('targetOs');
		assert.equal(inspected?.globalValue ?? inspected?.workspaceValue, undefined, 'the test starts without an explicit setting');
		assert.ok(inspected?.defaultValue, 'the setting has a default, which the doctor must not use');
		try {
			const unset = await diagnose([folder]);
			assert.equal(unset?.machines[0]?.windows, null, 'nothing in the folder says which Windows: unknown');
			assert.ok(unset?.findings.some((f) => f.code === 'case.windows-unknown'));
			await config.update('targetOs', 'Windows Server 2012 R2', vscode.ConfigurationTarget.Global);
			const set = await diagnose([folder]);
			assert.deepEqual(set?.machines[0]?.windows, { name: 'Windows Server 2012 R2', schannel: 'Windows Server 2012 R2', from: 'user' });
		} finally {
			await config.update('targetOs', undefined, vscode.ConfigurationTarget.Global);
			rmSync(folder, { recursive: true, force: true });
		}
	});
});
