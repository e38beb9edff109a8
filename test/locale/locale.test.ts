// Runs inside code-server started with `--locale de` (scripts/locale.mjs), samples/ open, Schannel Lens under
// development: what an admin reads comes out in German, from the extension host and from the core alike.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CaptureModel } from '../../src/protocol/captureView';
import type { EventModel } from '../../src/protocol/eventView';
import { until } from '../integration/certificateSupport';
import { fixturePath } from '../support/fixtures';
import type { ChainResult } from '../../src/core/chain';
import { codeOf, diagnosticsWhen, sample } from '../support/hostDiagnostics';
import { askRunner } from '../support/runnerSignal';

const hoverText = (hovers: vscode.Hover[]) => hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');

suite('German display language (issue 13 item 7)', () => {
	suiteSetup(async () => {
		await vscode.extensions.getExtension('schannel-lens.schannel-lens')?.activate();
	});

	test('the host runs in German and hands Schannel Lens its German bundle', () => {
		console.log(`[de] vscode.env.language=${vscode.env.language}`);
		assert.equal(vscode.env.language, 'de');
		assert.ok(vscode.l10n.bundle, 'vscode.l10n.bundle is loaded');
		assert.equal(vscode.l10n.bundle['Registry keys'], 'Registrierungsschlüssel');
		assert.equal(vscode.l10n.t('Registry keys'), 'Registrierungsschlüssel');
	});

	test('the manifest is German: package.nls.de.json names the commands', () => {
		// The scanner replaces each %key% with { value, original } where a translation exists.
		const pkg = vscode.extensions.getExtension('schannel-lens.schannel-lens')?.packageJSON as { contributes: { commands: { command: string; title: { value: string; original: string } }[] } };
		const title = pkg.contributes.commands.find((c) => c.command === 'schannelLens.diagnoseFolder')?.title;
		console.log(`[de] command title: ${JSON.stringify(title)}`);
		assert.deepEqual(title, { value: 'Ordner diagnostizieren', original: 'Diagnose Folder' });
	});

	test('a .reg diagnostic from the core rules is German (samples/web01/schannel-settings.reg, line 47)', async () => {
		const uri = sample('web01/schannel-settings.reg');
		await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
		const list = await diagnosticsWhen(uri, (l) => l.some((d) => codeOf(d) === 'sch.legacy-protocol-enabled'));
		const legacy = list.find((d) => codeOf(d) === 'sch.legacy-protocol-enabled' && d.range.start.line === 46);
		console.log(`[de] ${legacy?.range.start.line}: ${legacy?.message}`);
		assert.equal(legacy?.message, 'TLS 1.1 ist für den Server aktiviert. TLS 1.0 und 1.1 sind veraltet (RFC 8996).');
		// The quick fix's title comes from the core too.
		const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, legacy!.range);
		assert.ok(actions.some((a) => a.title === 'TLS 1.1 deaktivieren (Enabled=0) (in einem neuen Dokument)'), actions.map((a) => a.title).join(' | '));
	});

	test('the diagnosis engine\'s answer on the SendTrustedIssuerList line is German (line 7)', async () => {
		const uri = sample('web01/schannel-settings.reg');
		// Computed in the background from the folder's files (the Root store beside it, the capture).
		const list = await diagnosticsWhen(uri, (l) => l.some((d) => codeOf(d) === 'sch.issuer-list-sent' && d.severity === vscode.DiagnosticSeverity.Error));
		const issuer = list.find((d) => codeOf(d) === 'sch.issuer-list-sent')!;
		console.log(`[de] ${issuer.range.start.line}: ${issuer.message}`);
		assert.equal(issuer.range.start.line, 6);
		assert.match(issuer.message, /^WEB01 sendet eine abgeschnittene Liste vertrauenswürdiger Aussteller: Sein Speicher \S+ ergibt 301 CA-Namen \(22,252 Bytes\), .* — 80 wurden abgeschnitten\. Clients, deren Zertifikatkette/);
	});

	test('the hover names the target in German', async () => {
		const uri = sample('web01/schannel-settings.reg');
		const document = await vscode.workspace.openTextDocument(uri);
		const line = document.getText().split(/\r?\n/).findIndex((l) => l.startsWith('"Enabled"'));
		const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(line, 2));
		const text = hoverText(hovers);
		assert.match(text, /Ziel: Windows Server 2008 R2 \(aus der Zeile `; target:`\)/, text);
		// The line is Ciphers\RC4 128/128 "Enabled": its meaning, default and evidence come from the core's value table,
		// translated when the hover reads them (a table filled when the module loads would still be English here).
		assert.ok(text.includes('0 verbietet den Algorithmus; 0xffffffff (jeder Wert ungleich null) erlaubt ihn.'), text);
		assert.ok(text.includes('Standard unter Windows Server 2008 R2: erlaubt (NULL: nicht erlaubt).'), text);
		assert.match(text, /Beleg: von Microsoft dokumentiert\. \[Quelle\]\(https:/, text);
		assert.doesNotMatch(text, /disallows the algorithm|Evidence:/, text);
	});

	test('a chain verdict and a chain status from the core are German (clients/dave-expired.cer)', async () => {
		const result = await vscode.commands.executeCommand<ChainResult>('schannelLens.showTrustChain', { leaf: sample('clients/dave-expired.cer') });
		// The chain view opened: closed whatever the outcome, so the screenshot step reads the certificate editor.
		try {
			console.log(`[de] chain: ${result?.verdict.summary}`);
			assert.ok(result, 'Show Trust Chain returned a result');
			assert.match(result.verdict.summary, /^Nicht vertrauenswürdig/, result.verdict.summary);
			const expired = result.chains[0]?.elements[0]?.status.find((s) => s.flag === 'IS_NOT_TIME_VALID');
			assert.match(expired?.message ?? '', /^Abgelaufen am \S+ \(geprüft am \S+\)\.$/, JSON.stringify(result.chains[0]?.elements[0]?.status));
		} finally {
			await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
		}
	});

	test('a command\'s output is German: Show Effective Schannel Configuration titles its document', async () => {
		const uri = await vscode.commands.executeCommand<vscode.Uri>('schannelLens.showEffectiveConfiguration', sample('web01/schannel-settings.reg'));
		console.log(`[de] effective configuration: ${uri?.path}`);
		assert.equal(uri?.path, '/Wirksame Schannel-Konfiguration von schannel-settings.reg.md');
		// The report itself comes from the core (formatEffectiveMarkdown): headings, table and state words are German.
		const text = (await vscode.workspace.openTextDocument(uri!)).getText();
		assert.match(text, /^# Wirksame Schannel-Konfiguration\n/, text.slice(0, 400));
		assert.ok(text.includes('| Protokoll | Rolle | Wirksam | Standard des Betriebssystems | Entschieden durch |'), text.slice(0, 800));
		assert.match(text, /\| TLS 1\.1 \| Server \| \*\*aktiviert\*\* \|/, text);
	});

	test('CodeLens titles on the Root store export are German', async () => {
		const uri = sample('web01/root-store.reg');
		await vscode.workspace.openTextDocument(uri);
		const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 1000);
		assert.ok(lenses.length > 100, `${lenses.length} lenses`);
		assert.ok(lenses.every((l) => l.command?.title.startsWith('Zertifikat anzeigen: ')), lenses[0]?.command?.title);
	});

	test('the Certificates view\'s tree items are German', async () => {
		const items = await vscode.commands.executeCommand<{ kind: string; label?: string; description?: string; tooltip?: string }[]>('schannelLens._test.certificateTreeItems');
		console.log(`[de] tree: ${JSON.stringify(items.slice(0, 4))}`);
		const machines = items.filter((i) => i.kind === 'machine');
		assert.ok(machines.length >= 2, JSON.stringify(items));
		for (const m of machines) {
			assert.match(m.description ?? '', /^\d+ Zertifikate( · \d+ anzusehen)?$/);
			assert.match(m.tooltip ?? '', /: Ein Ordner ist ein Computer \(so liest ihn der Doktor\)$/);
		}
		// samples/clients holds loose .cer files: no store, so the group is named by the extension.
		assert.ok(items.some((i) => i.kind === 'store' && i.label === 'Zertifikatdateien'), JSON.stringify(items));
	});

	test('the capture editor\'s model is German: timeline, alerts, client certificate (samples/web01/failing-mtls-handshake.pcapng)', async function () {
		this.timeout(60_000);
		const uri = sample('web01/failing-mtls-handshake.pcapng');
		await vscode.commands.executeCommand('vscode.openWith', uri, 'schannelLens.capture');
		const model = await until(async () => {
			const m = await vscode.commands.executeCommand<CaptureModel | undefined>('schannelLens._test.lastCaptureModel', uri.toString());
			return m && m.header.status !== 'parsing' ? m : undefined;
		}, 'the capture model');
		const mtls = model.connections.find((c) => c.clientAuthRequested);
		assert.ok(mtls, `${model.connections.length} connections, none with a CertificateRequest`);
		console.log(`[de] capture timeline: ${JSON.stringify(mtls.timeline.map((t) => t.text))}`);
		assert.ok(mtls.timeline.some((t) => /^CertificateRequest: \d+ CA-Namen, \d+ Bytes in \d+ Record\(s\)$/.test(t.text)), JSON.stringify(mtls.timeline));
		assert.ok(mtls.timeline.some((t) => /^ClientHello( \(SNI [^)]+\))?, bietet .+ an$/.test(t.text)), JSON.stringify(mtls.timeline));
		// The alerts and the client certificate cell, whatever the capture holds: German words, no English ones.
		for (const a of mtls.alerts) assert.match(a.text, /, vom (Client|Server)$/);
		assert.doesNotMatch(mtls.clientCertificateText, /^(not sent|none \(empty Certificate\))$/);
		// The verdict is written by the core in the parse worker, which gets the host's bundle with its job.
		console.log(`[de] capture verdict: ${mtls.verdictMessage}`);
		assert.match(mtls.verdictMessage, /^Der Server hat ein Client-Zertifikat mit \d+ akzeptierten CA-Namen angefordert/);
		const workers = await vscode.commands.executeCommand<{ started: number }>('schannelLens._test.parseWorkers', uri.toString());
		assert.ok(workers.started >= 1, 'the capture was read in a worker');
		await vscode.commands.executeCommand('workbench.action.closeAllEditors');
	});

	test('the event log editor\'s level names are German (test/fixtures/events/schannel-server.xml)', async function () {
		this.timeout(60_000);
		const uri = vscode.Uri.file(fixturePath('events/schannel-server.xml'));
		await vscode.commands.executeCommand('vscode.openWith', uri, 'schannelLens.eventsExport');
		const model = await until(async () => {
			const m = await vscode.commands.executeCommand<EventModel | undefined>('schannelLens._test.lastEventModel', uri.toString());
			return m && m.header.status !== 'parsing' ? m : undefined;
		}, 'the event model');
		const names = [...new Set(model.rows.map((r) => `${r.level}=${r.levelName}`))].sort();
		console.log(`[de] event levels: ${names.join(', ')}`);
		const german: Record<number, string> = { 1: 'Kritisch', 2: 'Fehler', 3: 'Warnung', 4: 'Informationen' };
		assert.ok(model.rows.length > 0);
		for (const row of model.rows) assert.equal(row.levelName, german[row.level], `record ${row.record}`);
		await vscode.commands.executeCommand('workbench.action.closeAllEditors');
	});

	test('screenshot: the .reg file, the certificate editor, the Certificates view and the Problems panel in German', async function () {
		this.timeout(120_000);
		const open = async () => {
			await vscode.commands.executeCommand('workbench.action.closeAllEditors');
			await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(sample('web01/schannel-settings.reg')), { selection: new vscode.Range(46, 0, 46, 0) });
			// The script reads this webview's text (its labels come from the host's bundle) before the screenshot.
			await vscode.commands.executeCommand('vscode.openWith', sample('clients/dave-expired.cer'), 'schannelLens.certificate', vscode.ViewColumn.Beside);
			await vscode.commands.executeCommand('schannelLens.certificates.focus');
			await vscode.commands.executeCommand('workbench.actions.view.problems');
		};
		await open();
		await screenshotTaken(undefined, open);
	});

	test('screenshot: the capture editor and the chain view in German (their webviews draw with the host\'s bundle)', async function () {
		this.timeout(240_000);
		await vscode.commands.executeCommand('workbench.action.closePanel');
		// The script reads both webviews' text (labels from the bundle in the page, notes from the host) and checks it.
		const capture = sample('web01/failing-mtls-handshake.pcapng');
		const open = async () => {
			await vscode.commands.executeCommand('workbench.action.closeAllEditors');
			await vscode.commands.executeCommand('vscode.openWith', capture, 'schannelLens.capture');
			await until(async () => {
				const m = await vscode.commands.executeCommand<CaptureModel | undefined>('schannelLens._test.lastCaptureModel', capture.toString());
				return m && m.header.status !== 'parsing' ? m : undefined;
			}, 'the capture model');
			await vscode.commands.executeCommand('schannelLens.showTrustChain', { leaf: sample('clients/alice.cer'), beside: true });
		};
		await open();
		await screenshotTaken('views', open);
	});

	test('screenshot: the trusted issuer list report and the event log editor in German', async function () {
		this.timeout(240_000);
		const events = vscode.Uri.file(fixturePath('events/schannel-server.xml'));
		const open = async () => {
			await vscode.commands.executeCommand('workbench.action.closeAllEditors');
			await vscode.commands.executeCommand('vscode.openWith', events, 'schannelLens.eventsExport', vscode.ViewColumn.One);
			await until(async () => {
				const m = await vscode.commands.executeCommand<EventModel | undefined>('schannelLens._test.lastEventModel', events.toString());
				return m && m.header.status !== 'parsing' ? m : undefined;
			}, 'the event model');
			// The report opens in the active group: a second one, beside the event log.
			await vscode.commands.executeCommand('workbench.action.focusSecondEditorGroup');
			await vscode.commands.executeCommand('schannelLens.checkIssuerList', sample('web01/root-store.reg'));
		};
		await open();
		await screenshotTaken('reports', open);
	});
});

/**
 * Asks scripts/locale.mjs for a screenshot (`views`, `reports`: of the webviews it then reads) and resolves once it
 * says it took it; if a webview never drew, `open()` opens the step's editors once more (test/support/runnerSignal.ts).
 */
async function screenshotTaken(which: 'views' | 'reports' | undefined, open: () => Promise<void>): Promise<void> {
	const base = process.env.SCHANNEL_LENS_SCREENSHOT_TAKEN;
	if (!base) return; // run without the script: nothing takes screenshots
	await askRunner(which ? `@@schannel-lens-locale-screenshot ${which}` : '@@schannel-lens-locale-screenshot', which ? `${base}-${which}` : base, which ? 60 : 45, open);
}
