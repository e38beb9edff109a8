// Issue 4: the capture editor in the real host. Captures open in the custom editor, and the model its webview
// received (read back through the test-only command schannelLens._test.lastCaptureModel) has the right connections.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { readCapture } from '../../src/core/capture';
import type { CaptureModel } from '../../src/protocol/captureView';
import { bigCapture, fixtureBytes, fixtureUri, indexReady, tempDir, until } from './certificateSupport';

function lastModel(uri: vscode.Uri): Thenable<CaptureModel | undefined> {
	return vscode.commands.executeCommand<CaptureModel | undefined>('schannelLens._test.lastCaptureModel', uri.toString());
}

/** Opens a fixture (relative path) or a URI in the capture editor and waits until the webview has the finished model. */
async function openCapture(target: string | vscode.Uri, timeoutMs?: number): Promise<CaptureModel> {
	const uri = typeof target === 'string' ? fixtureUri(target) : target;
	await vscode.commands.executeCommand('vscode.openWith', uri, 'schannelLens.capture');
	return until(
		async () => {
			const m = await lastModel(uri);
			return m && m.header.status !== 'parsing' ? m : undefined;
		},
		`the capture model of ${uri.path}`,
		timeoutMs,
	);
}

suite('Capture editor in the real host (issue 7)', function () {
	this.timeout(60_000);

	teardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

	test('failing mutual TLS: 221 CA names (16,326 bytes), no client certificate, handshake_failure (40)', async () => {
		// The verdict is joined with the workspace's client certificates, which the index provides.
		await vscode.extensions.getExtension('schannel-lens.schannel-lens')!.activate();
		await indexReady();
		const m = await openCapture('captures/tls12-mtls-truncated-list-nocert.pcapng');
		assert.equal(m.header.status, 'done');
		assert.equal(m.connections.length, 1);
		const c = m.connections[0]!;
		assert.equal(c.version, 'TLS 1.2');
		assert.equal(c.clientAuthRequested, true);
		assert.equal(c.caCount, 221);
		assert.equal(c.caBytes, 16_326);
		assert.equal(c.dnList.length, 221);
		// The running total (2-byte prefix + DER per name) ends at the vector length on the wire.
		assert.equal(c.dnList.at(-1)!.cumulative, 16_326);
		assert.ok(c.dnList.every((d, i) => d.cumulative === (i ? c.dnList[i - 1]!.cumulative : 0) + 2 + d.bytes));
		// The default target (Windows Server 2008 R2, 16,384 bytes) keeps every name of this list.
		assert.equal(m.header.targetOs, 'Windows Server 2008 R2');
		assert.equal(m.header.limitBytes, 16_384);
		assert.equal(c.caKeptByTarget, 221);
		assert.deepEqual(c.clientCertificates, []);
		assert.match(c.clientCertificateText, /none/);
		assert.deepEqual(
			c.alerts.map((a) => [a.from, a.level, a.code, a.name]),
			[['server', 'fatal', 40, 'handshake_failure']],
		);
		assert.equal(c.severity, 'error');
		assert.equal(c.verdictCode, 'client-certificate-missing');
		assert.match(c.verdictMessage, /client sent no certificate/i);
		// alice.client and the other lab clients chain to the lab root, which this list lacks.
		assert.match(c.verdictMessage, /None of the known client certificates chains to a listed CA → see KB 2464556/);
		assert.ok(c.timeline.some((t) => t.frame === 13 && /handshake_failure \(40\)/.test(t.text)), JSON.stringify(c.timeline));
		// Plain JSON only: the webview never gets bytes.
		assert.deepEqual(JSON.parse(JSON.stringify(m)), m);
	});

	test('successful mutual TLS: the client certificate and the ok verdict', async () => {
		const m = await openCapture('captures/tls12-mtls-success.pcap');
		assert.equal(m.connections.length, 1);
		const c = m.connections[0]!;
		assert.equal(c.caCount, 2);
		assert.equal(c.caBytes, 205);
		assert.equal(c.clientCertificates?.length, 2);
		assert.equal(c.clientCertificateText, 'CN=alice.client,OU=Clients,O=Schannel Lens Lab,C=US');
		assert.ok(c.clientCertificates!.every((x) => x.hasDer && /^[0-9A-F]{40}$/.test(x.sha1)));
		assert.equal(c.severity, 'ok');
		assert.equal(c.verdictCode, 'mutual-tls-ok');
		assert.ok(c.alerts.every((a) => a.level === 'encrypted' && a.code === null));
	});

	test('public captures: connections and verdicts match the core (pcap, pcapng, pcap.gz)', async () => {
		for (const relative of ['public/zeek__certificate-request-failed.pcap', 'public/choisungwook__nginx-mtls.pcapng', 'public/zeek__tls-fragmented-handshake.pcap.gz']) {
			const want = readCapture(fixtureBytes(relative)).handshakeResults;
			const m = await openCapture(relative);
			assert.equal(m.header.status, 'done', relative);
			assert.ok(want.length > 0, relative);
			assert.equal(m.connections.length, want.length, relative);
			assert.deepEqual(
				m.connections.map((c) => [c.client, c.server, c.verdictCode, c.caCount, c.caBytes]),
				want.map((h) => [h.client, h.server, h.verdict.code, h.certificateRequest?.distinguishedNames.length ?? 0, h.certificateRequest?.listBytes ?? 0]),
				relative,
			);
		}
		const m = await openCapture('public/zeek__certificate-request-failed.pcap');
		const c = m.connections[0]!;
		assert.equal(c.caCount, 1);
		assert.equal(c.caBytes, 76);
		assert.equal(c.alerts[0]?.code, 40);
		assert.equal(c.alerts[0]?.name, 'handshake_failure');
		assert.equal(c.verdictCode, 'client-certificate-missing');
	});

	test('a CA list over 16,384 bytes: entries past the default target OS limit are cut', async () => {
		const m = await openCapture('captures/tls12-mtls-bigcalist.pcap');
		const c = m.connections[0]!;
		assert.equal(c.caCount, 301);
		assert.equal(c.caBytes, 22_250);
		assert.equal(c.caRecords, 2);
		const kept = c.dnList.filter((d) => !d.cut);
		assert.equal(c.caKeptByTarget, kept.length);
		assert.ok(kept.length > 0 && kept.length < 301);
		assert.ok(kept.at(-1)!.cumulative <= 16_384 && c.dnList[kept.length]!.cumulative > 16_384);
		assert.ok(c.dnList.slice(kept.length).every((d) => d.cut), 'everything after the first cut entry is cut');
	});

	test('the cut line follows schannelLens.targetOs (Windows Server 2003: 12,288 bytes)', async () => {
		// Global (the test host's own user settings), so nothing is written into the fixture folder.
		const config = vscode.workspace.getConfiguration('schannelLens');
		await config.update('targetOs', 'Windows Server 2003', vscode.ConfigurationTarget.Global);
		try {
			const m = await openCapture('captures/tls12-mtls-truncated-list-nocert.pcapng');
			assert.equal(m.header.targetOs, 'Windows Server 2003');
			const c = m.connections[0]!;
			const firstCut = c.dnList.findIndex((d) => d.cut);
			assert.ok(firstCut > 0, 'some names are cut');
			assert.ok(c.dnList[firstCut]!.cumulative > m.header.limitBytes);
			assert.ok(c.dnList[firstCut - 1]!.cumulative <= m.header.limitBytes);
			assert.equal(c.caKeptByTarget, firstCut);
		} finally {
			await config.update('targetOs', undefined, vscode.ConfigurationTarget.Global);
		}
	});

	test('a capture over 20 MB is streamed (progress notification) and read to the end', async () => {
		const { file, bytes } = bigCapture();
		const want = readCapture(bytes);
		const m = await openCapture(vscode.Uri.file(file), 55_000);
		assert.equal(m.header.status, 'done');
		assert.equal(m.connections.length, want.handshakeResults.length);
		assert.match(m.header.summaryText, new RegExp(`^pcap, ${want.packets} packets, `));
		assert.deepEqual(
			m.connections.map((c) => c.verdictCode),
			want.handshakeResults.map((h) => h.verdict.code),
		);
	});

	test('a .cap file that is not pcap/pcapng: an error header, no connections', async () => {
		const file = join(tempDir(), 'netmon.cap');
		writeFileSync(file, 'GMBU not a pcap file\n');
		const m = await openCapture(vscode.Uri.file(file));
		assert.equal(m.header.status, 'error');
		assert.match(m.header.summaryText, /not a pcap or pcapng capture/);
		assert.equal(m.connections.length, 0);
	});

	test('TLS 1.2 renegotiation (IIS) with the key log beside the capture: the renegotiated CertificateRequest', async () => {
		const m = await openCapture('captures/tls12-reneg-iis.pcapng');
		assert.equal(m.header.status, 'done');
		assert.equal(m.header.keyLog, 'tls12-reneg-iis.keylog');
		assert.equal(m.connections.length, 2);
		const [first, renegotiated] = m.connections as [(typeof m.connections)[0], (typeof m.connections)[0]];
		assert.equal(first.clientAuthRequested, false);
		assert.equal(renegotiated.renegotiation, true);
		assert.equal(renegotiated.decrypted, true);
		assert.equal(renegotiated.caCount, 2);
		assert.equal(renegotiated.caBytes, 205);
		assert.match(renegotiated.verdictMessage, /requested by renegotiation/);
		assert.match(renegotiated.clientCertificateText, /alice\.client/);
		// The alerts say both: encrypted on the wire, and what they say decrypted.
		assert.ok(renegotiated.alerts.length > 0);
		for (const a of renegotiated.alerts) {
			assert.equal(a.encrypted, true);
			assert.equal(a.decrypted, true);
			assert.match(a.text, /close_notify \(0\), encrypted on the wire and decrypted with the key log/);
		}
	});

	test('a key log given with "Decrypt Capture with Key Log…" reads the capture again, decrypted', async () => {
		const dir = tempDir();
		const file = join(dir, 'iis-renegotiation.pcapng');
		writeFileSync(file, fixtureBytes('captures/tls12-reneg-iis.pcapng'));
		const uri = vscode.Uri.file(file);
		const before = await openCapture(uri);
		assert.equal(before.header.keyLog, null);
		assert.equal(before.connections.length, 1);
		assert.equal(before.connections[0]!.verdictCode, 'renegotiation-encrypted');
		assert.ok(before.connections[0]!.alerts.every((a) => a.encrypted && !a.decrypted && /cannot be read without the key log/.test(a.text)));
		await vscode.commands.executeCommand('schannelLens.capture.useKeyLog', uri, fixtureUri('captures/tls12-reneg-iis.keylog'));
		const after = await until(
			async () => {
				const m = await lastModel(uri);
				return m && m.header.status === 'done' && m.header.keyLog ? m : undefined;
			},
			'the model decrypted with the key log',
		);
		assert.equal(after.header.keyLog, 'tls12-reneg-iis.keylog');
		assert.equal(after.connections.length, 2);
		assert.equal(after.connections[1]!.caCount, 2);
		assert.match(after.connections[1]!.verdictMessage, /requested by renegotiation/);
	});
});
