import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ChainResult } from '../../src/core/chain';
import { readCapture } from '../../src/core/capture';
import { fixtureBytes, until } from './certificateSupport';

function fixtureUri(relative: string): vscode.Uri {
	const folder = vscode.workspace.workspaceFolders?.[0];
	assert.ok(folder, 'the test workspace (test/fixtures) is open');
	return vscode.Uri.joinPath(folder.uri, relative);
}

function cn(result: ChainResult, id: string): string {
	return /CN=([^,]+)/.exec(result.nodes.find((n) => n.id === id)!.subject)?.[1] ?? '';
}

suite('Show Trust Chain in the real host (issue 4)', () => {
	test('a good client chain: leaf → Issuing CA → root, trusted', async () => {
		const result = await vscode.commands.executeCommand<ChainResult>('schannelLens.showTrustChain', { leaf: fixtureUri('chains/leaf.pem'), at: '2026-06-01T00:00:00Z' });
		assert.ok(result);
		assert.equal(result.verdict.trusted, true, result.verdict.summary);
		const best = result.chains[0]!;
		assert.deepEqual(best.elements.map((e) => cn(result, e.node)), ['alice.good', 'Chain Lab Issuing CA', 'Chain Lab Root CA']);
		assert.ok(result.nodes.find((n) => n.id === best.elements[2]!.node)!.trustAnchor);
		const hook = await vscode.commands.executeCommand<ChainResult>('schannelLens._test.lastChainResult');
		assert.equal(hook?.leaf, result.leaf, 'the view shows the same model');
		await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
	});

	test('an expired leaf: the chain breaks at depth 0 with CERT_TRUST_IS_NOT_TIME_VALID', async () => {
		const result = await vscode.commands.executeCommand<ChainResult>('schannelLens.showTrustChain', { leaf: fixtureUri('chains/leafexp.pem'), at: '2026-06-01T00:00:00Z' });
		assert.ok(result);
		assert.equal(result.verdict.trusted, false);
		assert.deepEqual(result.verdict.failingDepths, [0]);
		assert.ok(result.verdict.flags.includes('IS_NOT_TIME_VALID'));
		const leafStatus = result.chains[0]!.elements[0]!.status.map((s) => s.flag);
		assert.ok(leafStatus.includes('IS_NOT_TIME_VALID'), leafStatus.join(','));
		await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
	});

	test('a chain seen in a capture (issue 7): alice as sent in the successful handshake, trusted', async () => {
		const capture = readCapture(fixtureBytes('captures/tls12-mtls-success.pcap'));
		const sent = capture.handshakeResults.find((h) => h.clientCertificates?.length)?.clientCertificates ?? [];
		assert.equal(sent.length, 2, 'alice and her Issuing CA');
		const result = await vscode.commands.executeCommand<ChainResult>('schannelLens.showTrustChain', { leaf: { label: 'success.pcap · client', der: sent.map((c) => c.der!) } });
		assert.ok(result);
		assert.equal(result.verdict.trusted, true, result.verdict.summary);
		assert.match(cn(result, result.leaf), /alice\.client/);
		assert.ok(result.nodes.some((n) => n.sources.includes('sent in the capture') && n.isCa), 'the Issuing CA came from the capture');
		await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
	});

	test('chosen trust anchors: the good chain is trusted under its own root, not under another PKI\'s', async () => {
		const own = await vscode.commands.executeCommand<ChainResult>('schannelLens.showTrustChain', { leaf: fixtureUri('chains/leaf.pem'), at: '2026-06-01T00:00:00Z', anchors: [fixtureUri('chains/root.pem')] });
		assert.equal(own?.verdict.trusted, true, own?.verdict.summary);
		await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
		const other = await vscode.commands.executeCommand<ChainResult>('schannelLens.showTrustChain', { leaf: fixtureUri('chains/leaf.pem'), at: '2026-06-01T00:00:00Z', anchors: [fixtureUri('chains/oroot.pem')] });
		assert.equal(other?.verdict.trusted, false);
		assert.ok(other!.verdict.flags.includes('IS_UNTRUSTED_ROOT'), other!.verdict.flags.join(','));
		await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
	});

	test('issue 12: a server chain from a capture is checked against its SNI, under the profile asked for', async () => {
		const capture = readCapture(fixtureBytes('captures/tls12-mtls-success.pcap'));
		const h = capture.handshakeResults.find((x) => x.serverCertificates?.length && x.sni)!;
		assert.equal(h.sni, 'localhost');
		const leaf = { label: 'success.pcap · server', der: h.serverCertificates!.map((c) => c.der!) };
		const named = await vscode.commands.executeCommand<ChainResult>('schannelLens.showTrustChain', { leaf, purpose: 'server', host: h.sni, hostSource: "the capture's SNI", profile: 'rfc5280' });
		assert.equal(named?.profile, 'rfc5280');
		assert.deepEqual(named?.peerName, { kind: 'dns', value: 'localhost' });
		const leafFlags = named!.chains[0]!.elements[0]!.status.map((s) => s.flag);
		assert.ok(!leafFlags.includes('NAME_MISMATCH'), leafFlags.join(','));
		await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
		const wrong = await vscode.commands.executeCommand<ChainResult>('schannelLens.showTrustChain', { leaf, purpose: 'server', host: 'other.example' });
		assert.equal(wrong?.profile, 'windows');
		assert.ok(wrong!.verdict.flags.includes('NAME_MISMATCH'), wrong!.verdict.summary);
		await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
	});

	test('the same subject reuses its panel; another subject gets its own (issue 13)', async () => {
		await vscode.commands.executeCommand('workbench.action.closeAllEditors');
		const count = () => vscode.commands.executeCommand<number>('schannelLens._test.chainPanelCount');
		await until(async () => ((await count()) === 0 ? true : undefined), 'the chain panels to close');
		await vscode.commands.executeCommand('schannelLens.showTrustChain', { leaf: fixtureUri('chains/leaf.pem'), at: '2026-06-01T00:00:00Z' });
		await vscode.commands.executeCommand('schannelLens.showTrustChain', { leaf: fixtureUri('chains/leaf.pem'), purpose: 'any' });
		assert.equal(await count(), 1);
		await vscode.commands.executeCommand('schannelLens.showTrustChain', { leaf: fixtureUri('chains/leafexp.pem') });
		assert.equal(await count(), 2);
		// The workbench reports tabs asynchronously: wait for both chain tabs.
		const chainTabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('schannelLens.chain'));
		await until(() => (chainTabs().length === 2 ? true : undefined), `two chain tabs (now: ${chainTabs().map((t) => t.label).join(', ')})`, 10_000);
		await vscode.commands.executeCommand('workbench.action.closeAllEditors');
	});
});
