// Runs inside code-server's web worker extension host (scripts/webHost.mjs: the repository is the extension under
// development with extensionDevelopmentKind=web, so its "browser" entry, dist/web/extension.js, is what runs).
// esbuild bundles this file for the browser (out/web-test/index.js): the web worker host loads one CommonJS file
// and answers require('vscode') only, so there is no mocha here; each check prints ✔/✘ and the last line counts them.
import type { CaptureModel } from '../../src/protocol/captureView';
import type { CertificateFileModel } from '../../src/protocol/certificateView';
import type { EventModel } from '../../src/protocol/eventView';
import * as vscode from 'vscode';

const RESULT_PREFIX = '@@schannel-lens-result web';
const EXTENSION_ID = 'schannel-lens.schannel-lens';

function ok(condition: unknown, message: string): asserts condition {
	if (!condition) throw new Error(message);
}

/** Polls `probe` every 50 ms until it gives a value (no fixed sleep decides anything). */
async function until<T>(probe: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs = 45_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 50));
	}
}

function folder(): vscode.Uri {
	const f = vscode.workspace.workspaceFolders?.[0];
	ok(f, 'samples/ is open');
	return f.uri;
}
const sample = (name: string): vscode.Uri => vscode.Uri.joinPath(folder(), name);
/** The repository's fixtures, beside samples/ on the server. */
const fixture = (name: string): vscode.Uri => vscode.Uri.joinPath(folder(), '..', 'test', 'fixtures', name);

function codeOf(d: vscode.Diagnostic): string {
	return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

const certificateModel = (uri: vscode.Uri): Thenable<CertificateFileModel | undefined> => vscode.commands.executeCommand<CertificateFileModel | undefined>('schannelLens._test.lastCertificateModel', uri.toString());

async function openCertificate(uri: vscode.Uri, accept: (m: CertificateFileModel) => boolean): Promise<CertificateFileModel> {
	await vscode.commands.executeCommand('vscode.openWith', uri, 'schannelLens.certificate');
	return until(async () => {
		const m = await certificateModel(uri);
		return m && accept(m) ? m : undefined;
	}, `the certificate model of ${uri.path}`);
}

const checks: [string, () => Promise<void>][] = [];
const check = (name: string, body: () => Promise<void>) => checks.push([name, body]);

check('the tests and the extension run in the web worker extension host (a browser worker, no Node)', async () => {
	const g = globalThis as { importScripts?: unknown; process?: { versions?: { node?: string } } };
	ok(typeof g.importScripts === 'function', 'not a WorkerGlobalScope');
	ok(!g.process?.versions?.node, `Node ${g.process?.versions?.node} is here`);
	ok(vscode.env.uiKind === vscode.UIKind.Web, `uiKind ${vscode.UIKind[vscode.env.uiKind]}`);
	const extension = vscode.extensions.getExtension(EXTENSION_ID);
	ok(extension, `${EXTENSION_ID} is not in this host`);
	await extension.activate();
	ok(extension.isActive, 'the extension did not activate');
	// package.json "browser": the web worker host loads dist/web/extension.js.
	ok(String((extension.packageJSON as { browser?: string }).browser) === './dist/web/extension.js', 'no browser entry');
});

check('the .reg samples get the diagnosis engine\'s diagnostics (the same lines as in the Node host)', async () => {
	const out: Record<string, string[]> = {};
	for (const name of ['web01/schannel-settings.reg', 'web01/root-store.reg']) {
		const uri = sample(name);
		await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
		const list = await until(() => {
			const l = vscode.languages.getDiagnostics(uri);
			return l.some((d) => codeOf(d) === 'sch.issuer-list-sent' && d.severity === vscode.DiagnosticSeverity.Error) ? l : undefined;
		}, `the issuer-list error in ${name}`).catch((error: Error) => {
			const last = vscode.languages.getDiagnostics(uri).map((d) => `${d.range.start.line + 1} ${vscode.DiagnosticSeverity[d.severity]} ${codeOf(d)}: ${d.message}`);
			throw new Error(`${error.message}; its diagnostics: ${last.join(' | ') || 'none'}`);
		});
		out[name] = list.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${vscode.DiagnosticSeverity[d.severity]} ${codeOf(d)}: ${d.message}`).sort();
	}
	const settings = out['web01/schannel-settings.reg']!;
	// Read off the samples (samples/README.md), as the restricted-mode test does in the Node host.
	ok(settings.some((l) => l.startsWith('7:1 Error sch.issuer-list-sent: ') && l.includes('301 CA names (22,252 bytes)') && l.includes('80 were cut')), settings.join('\n'));
	ok(settings.some((l) => l.startsWith('47:1 Warning sch.legacy-protocol-enabled')), settings.join('\n'));
	ok(out['web01/root-store.reg']!.some((l) => l.startsWith('7:1 Error sch.issuer-list-sent: WEB01 sends a truncated trusted issuer list')), out['web01/root-store.reg']!.join('\n'));
	console.log(`    ${settings.length + out['web01/root-store.reg']!.length} diagnostics on the two .reg samples`);
});

check('the certificate index reads the samples\' certificates (workspace.findFiles through the remote file system)', async () => {
	const index = await vscode.commands.executeCommand<{ count: number; files: string[] }>('schannelLens._test.indexReady');
	ok(index.count > 0 && index.files.some((f) => f.endsWith('dave-expired.cer')), `index: ${JSON.stringify(index)}`);
	console.log(`    index: ${index.count} certificates in ${index.files.length} files`);
});

check('the certificate editor shows the expired client certificate', async () => {
	const m = await openCertificate(sample('clients/dave-expired.cer'), (x) => x.certificates.length > 0);
	ok(m.status === 'ok', `status ${m.status}: ${m.message ?? ''}`);
	ok(m.certificates[0]!.subject.includes('dave.expired.client'), m.certificates[0]!.subject);
	ok(m.certificates[0]!.validity === 'expired', `validity ${m.certificates[0]!.validity}`);
});

check('the capture editor reads the failing handshake', async () => {
	const uri = sample('web01/failing-mtls-handshake.pcapng');
	await vscode.commands.executeCommand('vscode.openWith', uri, 'schannelLens.capture');
	const m = await until(async () => {
		const x = await vscode.commands.executeCommand<CaptureModel | undefined>('schannelLens._test.lastCaptureModel', uri.toString());
		return x && x.connections.length > 0 ? x : undefined;
	}, 'the capture model');
	console.log(`    ${m.connections.length} connection(s), first ${m.connections[0]!.client} → ${m.connections[0]!.server} ${m.connections[0]!.version}`);
});

check('an .evtx is parsed in a Web Worker (dist/web/parseWorker.js), the capture before it too', async () => {
	type Stats = { started: number; live: number; cancelled: number };
	const stats = () => vscode.commands.executeCommand<Stats>('schannelLens._test.parseWorkers');
	const before = await stats();
	ok(before.started >= 1, `the capture editor started ${before.started} parse workers`);
	const uri = fixture('events/evtx__E_Windows_CAPI2_Operational.evtx');
	await vscode.commands.executeCommand('vscode.openWith', uri, 'schannelLens.events');
	const m = await until(async () => {
		const x = await vscode.commands.executeCommand<EventModel | undefined>('schannelLens._test.lastEventModel', uri.toString());
		return x && x.header.status !== 'parsing' ? x : undefined;
	}, 'the event model');
	ok(m.header.status === 'done' && m.rows.length === 340, `${m.header.status}: ${m.header.summaryText}, ${m.rows.length} rows`);
	const after = await stats();
	ok(after.started === before.started + 1, `parse workers started: ${before.started} before, ${after.started} after`);
	await until(async () => ((await stats()).live === 0 ? true : undefined), 'the parse workers to end');
	console.log(`    ${m.header.summaryText}; parse workers started: ${after.started}`);
});

check('a password-protected .pfx is decrypted in the Web Worker (PBES2, AES-256, 2,048 iterations)', async () => {
	const uri = fixture('pki/client-alice.pfx');
	await openCertificate(uri, (x) => x.status === 'needsPassword');
	await vscode.commands.executeCommand('schannelLens._test.submitPassword', uri.toString(), 'test');
	const m = await until(async () => {
		const x = await certificateModel(uri);
		return x && x.certificates.length > 0 ? x : undefined;
	}, 'the decrypted certificates');
	ok(m.certificates.some((c) => c.subject.includes('alice.client')), m.certificates.map((c) => c.subject).join('; '));
});

check('a 10,000,000-iteration .pfx: "Derive keys" runs in the Web Worker, the host stays responsive, closing the editor cancels it', async () => {
	const uri = fixture('pki/client-alice-10m-iterations.pfx');
	const m = await openCertificate(uri, (x) => x.problems.some((p) => p.message.includes('10,000,000')));
	ok(m.certificates.length === 0, 'nothing is derived without the explicit action');
	await vscode.commands.executeCommand('schannelLens._test.approveDerivation', uri.toString());
	await until(async () => ((await vscode.commands.executeCommand<boolean>('schannelLens._test.certificateLoading', uri.toString())) ? true : undefined), 'the derivation to start');
	// The host's own timer while the worker derives: 200 ticks of 10 ms; a derivation on this thread stalls it for a minute.
	let last = Date.now(), maxGap = 0, ticks = 0;
	await new Promise<void>((resolve) => {
		const timer = setInterval(() => {
			const now = Date.now();
			maxGap = Math.max(maxGap, now - last);
			last = now;
			if (++ticks >= 200) {
				clearInterval(timer);
				resolve();
			}
		}, 10);
	});
	ok(await vscode.commands.executeCommand<boolean>('schannelLens._test.certificateLoading', uri.toString()), 'the derivation was still running while the host was measured');
	console.log(`    web worker host during the derivation: largest gap between 10 ms ticks ${maxGap} ms over ${ticks} ticks`);
	ok(maxGap < 1000, `the host's timer stalled for ${maxGap} ms`);
	await vscode.commands.executeCommand('workbench.action.closeAllEditors');
	await until(async () => ((await vscode.commands.executeCommand<boolean | undefined>('schannelLens._test.certificateLoading', uri.toString())) ? undefined : true), 'the derivation to stop');
});

export async function run(): Promise<void> {
	let passed = 0, failed = 0;
	for (const [name, body] of checks) {
		try {
			await body();
			passed++;
			console.log(`  ✔ ${name}`);
		} catch (error) {
			failed++;
			console.log(`  ✘ ${name}: ${error instanceof Error ? error.message : String(error)}`);
		}
	}
	console.log(`${RESULT_PREFIX} passed=${passed} failed=${failed}`);
	if (failed > 0) throw new Error(`${failed} web host check(s) failed`);
}
