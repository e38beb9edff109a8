// Issue 10: the capture editor asks the diagnosis engine whether the list on the wire is the server's whole list.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { CaptureModel } from '../../src/protocol/captureView';
import { samplesCopy, until } from './certificateSupport';

async function caseAnswerOf(file: string): Promise<NonNullable<CaptureModel['header']['caseAnswer']>> {
	const uri = vscode.Uri.file(file);
	await vscode.commands.executeCommand('vscode.openWith', uri, 'schannelLens.capture');
	return until(async () => (await vscode.commands.executeCommand<CaptureModel | undefined>('schannelLens._test.lastCaptureModel', uri.toString()))?.header.caseAnswer, `the case answer for ${file}`);
}

suite('Capture editor and the case (issue 10)', function () {
	this.timeout(90_000);
	teardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

	test('the samples capture: 80 of the 301 Root store names are missing from the list, the Lab Root among them', async () => {
		const answer = await caseAnswerOf(join(samplesCopy(), 'web01', 'failing-mtls-handshake.pcapng'));
		assert.equal(answer.machine, 'WEB01');
		assert.equal(answer.storeNames, 301);
		assert.equal(answer.missing.length, 80);
		assert.ok(answer.missing.some((s) => /CN=Schannel Lens Lab Root CA/.test(s)), 'the Lab Root is named among the cut');
		assert.match(answer.headline, /alice\.client and dave\.expired\.client cannot log on to WEB01: their root CA is among the 80 names Schannel cut from a 22,252-byte list/);
	});

	test('without the Root store export beside it, the comparison is unknown and names the export', async () => {
		const answer = await caseAnswerOf(join(samplesCopy(true), 'web01', 'failing-mtls-handshake.pcapng'));
		assert.equal(answer.storeNames, undefined);
		assert.match(answer.unknown ?? '', /Root store export/);
		assert.doesNotMatch(JSON.stringify(answer), /nothing was cut|fits/);
	});
});
