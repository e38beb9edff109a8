// Issue 3 parts 4 and 5: hovers on DNs, thumbprints and PEM blocks in the real host, answered from the workspace index.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { loadCertificatesSync } from '../../src/core/x509';
import type { CertificateFileModel } from '../../src/protocol/certificateView';
import { fixtureBytes, fixtureUri, indexReady, until } from './certificateSupport';

/** All hover texts at the first occurrence of `needle` (+ `offset` characters) in the document. */
async function hoverAt(uri: vscode.Uri, needle: string, offset = 3): Promise<string> {
	const doc = await vscode.workspace.openTextDocument(uri);
	await vscode.window.showTextDocument(doc);
	const at = doc.getText().indexOf(needle);
	assert.ok(at >= 0, `"${needle}" is in ${uri.path}`);
	const position = doc.positionAt(at + offset);
	const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
	return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n---\n');
}

function subjectBytes(relative: string): number {
	return loadCertificatesSync(fixtureBytes(relative)).value[0]!.certificate.subject.der.length;
}

suite('DN, thumbprint and PEM hovers in the real host (issue 3)', () => {
	suiteSetup(async function () {
		this.timeout(60_000);
		const { count } = await indexReady();
		assert.ok(count > 400, `the index holds the workspace certificates (${count})`);
	});

	test('a DN in a .reg string value: RDNs, DER size, issuer-list bytes, the workspace certificate', async () => {
		const uri = fixtureUri('logs/iis-client-auth.reg');
		const doc = await vscode.workspace.openTextDocument(uri);
		assert.equal(doc.languageId, 'reg');
		const text = await hoverAt(uri, '"TrustedIssuer"="CN=', 20);
		const size = subjectBytes('pki/intermediate-ca.cer');
		assert.match(text, /\*\*Distinguished name\*\*/);
		assert.match(text, /\| CN \| Schannel Lens Lab Issuing CA 1 \| (UTF8String|PrintableString) \|/);
		assert.match(text, /\| C \| US \| PrintableString \|/);
		assert.ok(text.includes(`DER size: **${size} bytes**;`), `exact DER size ${size} in:\n${text}`);
		assert.ok(text.includes(`takes **${size + 2} bytes**`), 'issuer-list contribution = 2 + DER');
		assert.match(text, /Subject of \d+ workspace certificates?:/);
		assert.match(text, /command:schannelLens\.openInCertificateView\?[^)]*intermediate-ca\.cer/);
	});

	test('a DN in a .log file (certutil line and CAPI2 XML)', async () => {
		const uri = fixtureUri('logs/schannel-events.log');
		const size = subjectBytes('pki/client-alice.cer');
		const text = await hoverAt(uri, '  Subject: CN=alice.client', 14);
		assert.match(text, /\| CN \| alice\.client \|/);
		assert.match(text, /\| OU \| Clients \|/);
		assert.ok(text.includes(`DER size: **${size} bytes**`), text);
		assert.ok(text.includes(`takes **${size + 2} bytes**`));
		assert.match(text, /client-alice\.cer/);
		const xml = await hoverAt(uri, '<Issuer>CN=Schannel Lens Lab Issuing CA 1', 12);
		assert.match(xml, /\| CN \| Schannel Lens Lab Issuing CA 1 \|/);
		assert.doesNotMatch(xml, /Issuer>/, 'the XML tag is not part of the DN');
	});

	test('a thumbprint in a .log file names the indexed certificate', async () => {
		const text = await hoverAt(fixtureUri('logs/schannel-events.log'), 'Cert Hash(sha1): 227a08fd', 20);
		assert.match(text, /David Miller Root CA - R4/);
		assert.match(text, /dmcert__CertTool__root__R4RootCA\.reg/);
	});

	test('a thumbprint with spaces in an untitled document', async () => {
		const sha1 = loadCertificatesSync(fixtureBytes('pki/client-alice.cer')).value[0]!.certificate.sha1;
		const spaced = sha1.toLowerCase().match(/../g)!.join(' ');
		const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: `Cert Hash(sha1): ${spaced}\n` });
		const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(0, 25));
		const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
		assert.match(text, /alice\.client/);
	});

	test('a PEM block: a decoded summary', async () => {
		const text = await hoverAt(fixtureUri('pki/client-alice.pem'), 'MII', 10);
		assert.match(text, /PEM block "CERTIFICATE"/);
		assert.match(text, /alice\.client/);
		assert.match(text, /2024-01-01T00:00:00Z to 2039-01-01T00:00:00Z \(✓ valid\)/);
	});

	test('PEM CodeLens: "Open in Certificate View" above each certificate block, opening that certificate', async () => {
		const uri = fixtureUri('pki/bundle-300.pem');
		await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri)); // the command needs a loaded model
		const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri).then(undefined, (e: Error) => assert.fail(`executeCodeLensProvider: ${e.message}`));
		assert.equal(lenses.length, 301);
		assert.equal(lenses[2]!.command?.command, 'schannelLens.openInCertificateView');
		assert.equal(lenses[2]!.command?.arguments?.[1], 2);
		const args = lenses[2]!.command!.arguments ?? [];
		await vscode.commands.executeCommand(lenses[2]!.command!.command, ...args).then(undefined, (e: Error) => assert.fail(`${lenses[2]!.command!.command}(${args.map((a) => `${a instanceof vscode.Uri ? 'Uri' : typeof a}:${String(a)}`).join(', ')}): ${e.message}`));
		const model = await until(async () => {
			const m = await vscode.commands.executeCommand<CertificateFileModel | undefined>('schannelLens._test.lastCertificateModel', uri.toString());
			return m?.initialSelection === 2 ? m : undefined;
		}, 'the bundle opened at certificate #3');
		assert.match(model.certificates[2]!.title, /^Ωmega CA 002$/);
		await vscode.commands.executeCommand('workbench.action.closeAllEditors');
	});

	test('no DN hover on ordinary text', async () => {
		const text = await hoverAt(fixtureUri('logs/schannel-events.log'), 'A fatal alert was received', 5);
		assert.doesNotMatch(text, /Distinguished name/);
	});
});
