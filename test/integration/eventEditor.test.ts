// Issue 11: the event log editor in the real host. An .evtx and an Event Viewer XML export open in the custom editor;
// the model its webview received (test hook schannelLens._test.lastEventModel) is compared with the core's own reading
// of the same bytes, and "Show as chain" draws Windows's CAPI2 chain beside the one built from the workspace.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ChainResult } from '../../src/core/chain/types';
import { capi2Chain, compareWithWindows, readEventFile, readEvtx } from '../../src/core/events';
import type { EventModel } from '../../src/protocol/eventView';
import { fixtureBytes, fixtureUri, indexReady, until } from './certificateSupport';

async function openEvents(relative: string, viewType: string): Promise<{ uri: vscode.Uri; model: EventModel }> {
	const uri = fixtureUri(relative);
	await vscode.commands.executeCommand('vscode.openWith', uri, viewType);
	const model = await until(async () => {
		const m = await vscode.commands.executeCommand<EventModel | undefined>('schannelLens._test.lastEventModel', uri.toString());
		return m && m.header.status !== 'parsing' ? m : undefined;
	}, `the event model of ${relative}`);
	return { uri, model };
}

suite('Event log editor in the real host (issue 11)', function () {
	this.timeout(90_000);

	teardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

	test('.evtx (CAPI2 Operational): every record a row, in file order, with titles and chains', async () => {
		const { model } = await openEvents('events/evtx__E_Windows_CAPI2_Operational.evtx', 'schannelLens.events');
		const core = readEvtx(fixtureBytes('events/evtx__E_Windows_CAPI2_Operational.evtx')).events;
		assert.equal(model.header.status, 'done');
		assert.equal(model.header.format, 'evtx');
		assert.equal(model.rows.length, 340);
		assert.deepEqual(model.rows.map((r) => [r.index, r.record, r.id, r.provider]), core.map((e, i) => [i, e.record, e.id, e.provider]));
		assert.equal(model.rows.filter((r) => r.hasChain).length, 42);
		assert.ok(model.rows.every((r) => r.family === 'capi2'));
		const r7 = model.rows.find((r) => r.record === 7)!;
		assert.equal(r7.title, 'Chain built (CertGetCertificateChain)');
		assert.equal(r7.summary, 'Microsoft Corporation ← Microsoft Code Signing PCA ← Microsoft Root Authority');
		assert.match(model.header.summaryText, /^evtx, 340 events, 0 problems$/);
	});

	test('damaged .evtx: the good chunks\' events and the damage with offsets in the header', async () => {
		const { model } = await openEvents('events/evtx__sample_with_a_bad_chunk_magic.evtx', 'schannelLens.events');
		assert.equal(model.rows.length, 270);
		assert.ok(model.header.problems.some((p) => p === 'Offset 397312: chunk 6: no "ElfChnk" magic: skipped'), JSON.stringify(model.header.problems));
	});

	test('Event Viewer XML export (on request): Schannel rows with the knowledge base titles and alert names', async () => {
		const { model } = await openEvents('events/schannel-server.xml', 'schannelLens.eventsExport');
		const core = readEventFile(fixtureBytes('events/schannel-server.xml'), 'schannel-server.xml').events;
		assert.equal(model.header.format, 'xml');
		assert.deepEqual(model.rows.map((r) => [r.record, r.id, r.level, r.levelName]), core.map((e) => [e.record, e.id, e.level, ['', 'Critical', 'Error', 'Warning', 'Information'][e.level]]));
		assert.ok(model.rows.every((r) => r.family === 'schannel'));
		assert.equal(model.rows[0].title, 'Trusted issuer list truncated (KB 2464556)');
		assert.equal(model.rows[1].summary, 'alert 40 handshake_failure; ErrorState Schannel internal error state 1205 (not documented)');
		assert.equal(model.rows[4].summary, 'alert 48 unknown_ca');
	});

	test('"Show as chain": the lab chain built from the workspace, beside Windows\'s statuses', async () => {
		await vscode.extensions.getExtension('schannel-lens.schannel-lens')!.activate();
		await indexReady();
		const { uri, model } = await openEvents('events/capi2-lab-chain.xml', 'schannelLens.eventsExport');
		assert.equal(model.rows.length, 1);
		assert.ok(model.rows[0].hasChain);
		const result = await vscode.commands.executeCommand<ChainResult | undefined>('schannelLens._test.showEventChain', uri.toString(), 0);
		assert.ok(result, 'the chain view opened');
		const windows = capi2Chain(readEventFile(fixtureBytes('events/capi2-lab-chain.xml'), 'x.xml').events[0])!;
		const leaf = result.nodes.find((n) => n.id === result.leaf)!;
		assert.equal(leaf.sha1.toUpperCase(), windows.elements[0].thumbprint);
		const comparison = compareWithWindows(windows, result);
		// Same three certificates; Windows adds the offline revocation flags Schannel Lens never computes.
		assert.deepEqual(comparison.rows.map((r) => r.windows?.thumbprint === r.ours?.thumbprint), [true, true, true]);
		assert.equal(comparison.agree, false);
		assert.match(comparison.rows[0].difference, /^Windows reports CERT_TRUST_REVOCATION_STATUS_UNKNOWN, CERT_TRUST_IS_OFFLINE_REVOCATION \(from its revocation lookup; Schannel Lens never goes online\)\.$/);
		assert.equal(comparison.rows[2].same, true);
	});
});
