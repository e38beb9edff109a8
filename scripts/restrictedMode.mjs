// Restricted Mode test (issue 13): Schannel Lens installed from its .vsix (VS Code never disables an extension
// under development, whatever the trust, so the repo itself cannot be the extension here), samples/ open, run
// twice in code-server: trusted, then in Restricted Mode (workspace trust on, the folder not trusted). Inside the
// host, test/restricted/restrictedMode.test.ts checks trust, enablement, production mode (no test hooks), the
// samples' diagnostics and that both custom editors open; this script then reads the two webviews' text and
// takes a 1280x800 screenshot. Both runs must see the same diagnostics and the same webview text.
// Exports runRestrictedMode() (used by scripts/integration.mjs); run alone: node scripts/restrictedMode.mjs.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import { launchChromium, repoRoot, startCodeServer, workbenchUrl } from './codeServer.mjs';
import { packageExtension } from './package.mjs';

const RESULT_PREFIX = '@@schannel-lens-result restricted';
const OBSERVED_PREFIX = '@@schannel-lens-observed ';
const VIEWS_OPEN = '@@schannel-lens-views-open';
const RUN_TIMEOUT_MS = 5 * 60_000;
const samples = join(repoRoot, 'samples');

/**
 * The text of the certificate and capture editors' webviews, once each shows its content; found by their text in
 * any frame of the page (not by position: a webview opened again leaves frames behind for a moment). The certificate
 * view names the subject; the capture view lists the handshake's row with its alert (not only the table's "Alerts"
 * header: a match on that read the view before its rows and failed the comparison once).
 */
async function webviewTexts(page) {
	const patterns = [/dave\.expired\.client[\s\S]*CN=dave\.expired\.client/, /failing-mtls-handshake\.pcapng[\s\S]*handshake_failure \(40\)/];
	const deadline = Date.now() + 30_000;
	for (;;) {
		const texts = [];
		for (const frame of page.frames()) {
			const text = await frame.evaluate('document.body ? document.body.innerText : ""').catch(() => '');
			if (patterns.some((p) => p.test(text))) texts.push(text.replace(/\s+/g, ' ').trim());
		}
		if (patterns.every((p) => texts.some((t) => p.test(t)))) return patterns.map((p) => texts.find((t) => p.test(t)));
		if (Date.now() > deadline) throw new Error(`the webviews did not show their content within 30 s (${texts.length} of 2 found; frames: ${JSON.stringify(await Promise.all(page.frames().map((f) => f.evaluate("document.body ? document.body.innerText.slice(0, 60) : \"\"").catch((e) => `(${e.message.slice(0, 40)})`))))})`);
		await page.waitForTimeout(250);
	}
}

async function runOnce(mode, vsix) {
	const lines = [];
	let result;
	let observed;
	const signalDir = mkdtempSync(join(tmpdir(), 'schannel-lens-views-'));
	// Read by the host suite (code-server passes its environment on to the extension host).
	process.env.SCHANNEL_LENS_EXPECT_TRUST = mode;
	process.env.SCHANNEL_LENS_VIEWS_READ = join(signalDir, 'read');
	let texts = [];
	let viewsError;
	const server = await startCodeServer({
		workspace: samples,
		installVsix: vsix,
		quiet: !process.env.SCHANNEL_LENS_VERBOSE,
		workspaceTrust: mode === 'restricted',
		// Trust on, and no startup dialog: the folder simply opens untrusted (Restricted Mode).
		settings: mode === 'restricted' ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.banner': 'always' } : {},
	});
	const browser = await launchChromium();
	try {
		const page = await browser.context.newPage();
		await page.setViewportSize({ width: 1280, height: 800 });
		// While the host waits (it holds the webviews): read their text, take the screenshot, then let it finish.
		// A webview that never draws (code-server's stall: test/support/runnerSignal.ts) is asked for once more.
		let attempts = 0;
		const readViews = async () => {
			attempts++;
			try {
				texts = await webviewTexts(page);
				mkdirSync(join(repoRoot, 'test-results'), { recursive: true });
				await page.screenshot({ path: join(repoRoot, 'test-results', `restricted-mode-${mode}.png`) });
			} catch (error) {
				if (attempts === 1) {
					console.log(`  [${mode}] [retry] reading the webviews failed (${error instanceof Error ? error.message.split('\n')[0] : error}): asking the host to open them again`);
					writeFileSync(`${process.env.SCHANNEL_LENS_VIEWS_READ}.again`, '');
					return;
				}
				viewsError = error;
			}
			writeFileSync(process.env.SCHANNEL_LENS_VIEWS_READ, '');
		};
		let reportExit;
		const exited = new Promise((resolve) => (reportExit = resolve));
		await page.exposeFunction('codeAutomationLog', (type, args) => {
			const line = format(...(Array.isArray(args) ? args : [args]));
			if (line.startsWith(RESULT_PREFIX)) result = line;
			else if (line.startsWith(OBSERVED_PREFIX)) observed = JSON.parse(line.slice(OBSERVED_PREFIX.length));
			else if (line === VIEWS_OPEN) void readViews();
			else lines.push(line);
		});
		await page.exposeFunction('codeAutomationExit', (code) => reportExit(Number(code)));
		await page.goto(workbenchUrl(server, {
			folder: samples,
			payload: {
				extensionDevelopmentPath: join(repoRoot, 'test', 'restricted', 'runner'),
				extensionTestsPath: join(repoRoot, 'out', 'test', 'restricted', 'index'),
				skipWelcome: 'true',
			},
		}));
		let timer;
		const code = await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), RUN_TIMEOUT_MS)))]);
		clearTimeout(timer);
		for (const line of lines) console.log(`  [${mode}] ${line}`);
		if (viewsError) console.error(`  [${mode}] reading the webviews failed: ${viewsError instanceof Error ? viewsError.message : viewsError}`);
		return { code, result, observed, texts };
	} finally {
		await browser.close();
		await server.stop();
		rmSync(signalDir, { recursive: true, force: true });
	}
}

/** Both runs and their comparison; returns { passed, failed } counted like the other parts. */
export async function runRestrictedMode() {
	let passed = 0;
	let failed = 0;
	const check = (ok, what) => {
		console.log(`  ${ok ? '✔' : '✘'} ${what}`);
		if (ok) passed++;
		else failed++;
	};
	try {
		const vsix = await packageExtension({ quiet: true });
		const runs = {};
		for (const mode of ['trusted', 'restricted']) {
			const run = await runOnce(mode, vsix);
			const m = /passed=(\d+) failed=(\d+)/.exec(run.result ?? '');
			passed += Number(m?.[1] ?? 0);
			failed += Number(m?.[2] ?? 0);
			check(run.code === 0 && m !== null, `${mode}: the host suite ran and passed (exit code ${run.code})`);
			runs[mode] = run;
		}
		const { trusted, restricted } = runs;
		check(trusted.observed && JSON.stringify(trusted.observed) === JSON.stringify(restricted.observed), 'Restricted Mode: the same diagnostics, editors and (no) test hooks as trusted');
		check(trusted.texts.length === 2 && JSON.stringify(trusted.texts) === JSON.stringify(restricted.texts), 'Restricted Mode: the certificate and capture webviews show the same text as trusted');
		if (JSON.stringify(trusted.texts) !== JSON.stringify(restricted.texts)) console.log(`  trusted: ${JSON.stringify(trusted.texts).slice(0, 2000)}\n  restricted: ${JSON.stringify(restricted.texts).slice(0, 2000)}`);
	} catch (error) {
		console.error(`[restricted] ${error instanceof Error ? error.stack : error}`);
		failed++;
	}
	return { passed, failed };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
	const { passed, failed } = await runRestrictedMode();
	console.log(`${RESULT_PREFIX} passed=${passed} failed=${failed}`);
	process.exit(failed > 0 || passed === 0 ? 1 : 0);
}
