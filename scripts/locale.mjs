// Localization test in a real host (issue 13 item 7): code-server started with `--locale de`, samples/ open, and
// Schannel Lens as the extension under development. VS Code switches its display language only when a language
// pack for it is registered, so the run registers test/locale/languagePack (test-only, no workbench translations)
// the way VS Code records an installed pack (languagepacks.json in the user data folder). The extension host then
// reports vscode.env.language 'de' and loads l10n/bundle.l10n.de.json and package.nls.de.json; inside it,
// test/locale/locale.test.ts asserts German diagnostics, hovers, CodeLens titles, command output and tree items.
// This script takes 1280x800 screenshots of the Certificates view and the Problems panel, of the capture editor beside
// the chain view, and of the issuer report beside the event log, in German, and checks the text those webviews draw
// (labels from the bundle in the page).
// Exports runLocale() (used by scripts/integration.mjs); run alone: node scripts/locale.mjs.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import { launchChromium, repoRoot, startCodeServer, workbenchUrl } from './codeServer.mjs';

const RESULT_PREFIX = '@@schannel-lens-result locale';
const SCREENSHOT = '@@schannel-lens-locale-screenshot';
const RUN_TIMEOUT_MS = 5 * 60_000;
const samples = join(repoRoot, 'samples');
const languagePack = join(repoRoot, 'test', 'locale', 'languagePack');

/** What VS Code writes to languagepacks.json when a language pack extension is installed (hash: any stable id). */
function registerLanguagePack(userDataDir) {
	const pack = JSON.parse(readFileSync(join(languagePack, 'package.json'), 'utf8'));
	const [localization] = pack.contributes.localizations;
	const entry = {
		hash: `${pack.publisher}.${pack.name}-${pack.version}`.replace(/[^\w]/g, ''),
		extensions: [{ extensionIdentifier: { id: `${pack.publisher}.${pack.name}` }, version: pack.version }],
		translations: Object.fromEntries(localization.translations.map((t) => [t.id, join(languagePack, t.path)])),
		label: localization.localizedLanguageName,
	};
	writeFileSync(join(userDataDir, 'languagepacks.json'), JSON.stringify({ [localization.languageId]: entry }));
}

/** The text of the certificate editor's webview, once it shows the certificate (dave-expired.cer). */
async function readWebview(page) {
	const body = page.frameLocator('iframe.webview.ready').first().frameLocator('#active-frame').locator('body');
	await body.filter({ hasText: /dave\.expired\.client/i }).waitFor({ timeout: 30_000 });
	return (await body.innerText()).replace(/\s+/g, ' ').trim();
}

/**
 * The text of the webview (any frame of the page) whose text matches `pattern`, once it does; '' after 30 s.
 * Frames are found by their text, not their order: several webviews are open.
 */
async function webviewText(page, pattern) {
	const deadline = Date.now() + 30_000;
	while (Date.now() < deadline) {
		for (const frame of page.frames()) {
			const text = await frame.evaluate('document.body ? document.body.innerText : ""').catch(() => '');
			if (pattern.test(text)) return text.replace(/\s+/g, ' ').trim();
		}
		await page.waitForTimeout(250);
	}
	return '';
}

/**
 * The screenshot steps of the webview views (test/locale/locale.test.ts asks for them by name): which webviews are
 * open, found by text that is there in either language once the view has drawn.
 */
const VIEW_STEPS = {
	// Capture: its file bar names the file; chain: its title names the leaf.
	views: { capture: /failing-mtls-handshake\.pcapng[\s\S]*(Zeitachse|Timeline)/, chain: /clients\/alice\.cer[\s\S]*(Vertrauensanker|Trust anchors)/ },
	reports: { issuers: /WEB01[\s\S]*KB 2464556/, events: /schannel-server\.xml[\s\S]*(Datensatz|Record)/ },
};

/** German words each view must show and English ones it must not (the drawn labels and the host's notes). */
const VIEW_WORDS = {
	capture: { german: ['Ergebnis', 'Verschlüsselungssammlung', 'Zeitachse', 'Kette des Server-Zertifikats', 'Zulässige CA-Namen', 'Schnittlinie für'], english: ['Cipher suite', 'Timeline', 'Acceptable CA names'] },
	chain: { german: ['Vertrauenskette: ', 'Regeln', 'Zweck', 'Vertrauensanker: die', 'mögliche Kette'], english: ['Trust chain:', 'Purpose', 'Trust anchors: the'] },
	issuers: { german: ['Korrekturpläne (KB 2464556)', 'Bytes (dokumentiert)', 'Die Liste in Sendereihenfolge', 'Laufende Summe', 'Nur die abgeschnittenen Namen anzeigen', 'DN-Liste als Text exportieren'], english: ['Fix plans', 'Running total', 'The list in send order', '(documented)'] },
	events: { german: ['Ebene', 'Anbieter', 'Datensatz', 'Jeder Anbieter', 'Schannel und CAPI2 zuerst', 'Ereignisse'], english: ['Any provider', 'Schannel and CAPI2 first', 'Any level'] },
};

/** ✔/✘ line for one view's text; true when it is German. */
function checkView(name, text) {
	const { german, english } = VIEW_WORDS[name];
	const missing = german.filter((w) => !text.includes(w));
	const left = english.filter((w) => text.includes(w));
	const ok = text !== '' && missing.length === 0 && left.length === 0;
	console.log(`  ${ok ? '✔' : '✘'} the ${name} webview is German${ok ? '' : ` (missing ${JSON.stringify(missing)}, English ${JSON.stringify(left)})`}: ${JSON.stringify(text.slice(0, 300))}`);
	return ok;
}

/** One run; returns { passed, failed } counted like the other parts. */
export async function runLocale() {
	let result;
	let certificateText = '';
	/** Text of the webview views by name (VIEW_STEPS), missing if their step never ran. */
	const views = {};
	const lines = [];
	let server;
	let browser;
	// Read by the host suite (code-server passes its environment on): created once the screenshot is taken.
	const signalDir = mkdtempSync(join(tmpdir(), 'schannel-lens-locale-'));
	process.env.SCHANNEL_LENS_SCREENSHOT_TAKEN = join(signalDir, 'taken');
	try {
		server = await startCodeServer({ workspace: samples, quiet: !process.env.SCHANNEL_LENS_VERBOSE, extraArgs: ['--locale', 'de'] });
		registerLanguagePack(server.userDataDir);
		browser = await launchChromium();
		const page = await browser.context.newPage();
		await page.setViewportSize({ width: 1280, height: 800 });
		/** The steps read once already: a second failure is reported, not retried. */
		const asked = new Set();
		const again = (signal, step, why) => {
			lines.push(`[retry] the ${step} webviews did not draw (${why.split('\n')[0]}): asking the host to open them again`);
			writeFileSync(`${signal}.again`, '');
		};
		let reportExit;
		const exited = new Promise((resolve) => (reportExit = resolve));
		await page.exposeFunction('codeAutomationLog', (type, args) => {
			const line = format(...(Array.isArray(args) ? args : [args]));
			if (line.startsWith(RESULT_PREFIX)) result = line;
			else if (line === SCREENSHOT) {
				mkdirSync(join(repoRoot, 'test-results'), { recursive: true });
				const first = !asked.has('certificate');
				asked.add('certificate');
				void readWebview(page)
					.then((text) => (certificateText = text))
					.then(
						() => page.screenshot({ path: join(repoRoot, 'test-results', 'locale-de.png') }).then(() => writeFileSync(process.env.SCHANNEL_LENS_SCREENSHOT_TAKEN, '')),
						(error) => {
							// A webview that never drew (code-server's stall: test/support/runnerSignal.ts) is asked for once more.
							if (first) return again(process.env.SCHANNEL_LENS_SCREENSHOT_TAKEN, 'certificate', error.message);
							lines.push(`reading the certificate webview failed: ${error.message}`);
							writeFileSync(process.env.SCHANNEL_LENS_SCREENSHOT_TAKEN, '');
						},
					)
					.catch((error) => {
						lines.push(`screenshot failed: ${error.message}`);
						writeFileSync(process.env.SCHANNEL_LENS_SCREENSHOT_TAKEN, '');
					});
			} else if (line.startsWith(`${SCREENSHOT} `) && VIEW_STEPS[line.slice(SCREENSHOT.length + 1)]) {
				const step = line.slice(SCREENSHOT.length + 1);
				const signal = `${process.env.SCHANNEL_LENS_SCREENSHOT_TAKEN}-${step}`;
				const first = !asked.has(step);
				asked.add(step);
				mkdirSync(join(repoRoot, 'test-results'), { recursive: true });
				void Promise.all(Object.entries(VIEW_STEPS[step]).map(([name, pattern]) => webviewText(page, pattern).then((text) => (views[name] = text))))
					.then(() => {
						const blank = Object.keys(VIEW_STEPS[step]).filter((name) => !views[name]);
						// What the blank page looked like, for the log reader; then the host opens the editors again.
						if (blank.length > 0 && first) return page.screenshot({ path: join(repoRoot, 'test-results', `locale-de-${step}-blank.png`) }).catch(() => undefined).then(() => again(signal, step, `no text from ${blank.join(', ')}`));
						return page
							.screenshot({ path: join(repoRoot, 'test-results', `locale-de-${step}.png`) })
							.catch((error) => lines.push(`screenshot failed: ${error.message}`))
							.finally(() => writeFileSync(signal, ''));
					})
					.catch((error) => {
						lines.push(`reading the ${step} webviews failed: ${error.message}`);
						writeFileSync(signal, '');
					});
			} else lines.push(line);
		});
		await page.exposeFunction('codeAutomationExit', (code) => reportExit(Number(code)));
		await page.goto(workbenchUrl(server, {
			folder: samples,
			payload: {
				extensionDevelopmentPath: repoRoot,
				extensionTestsPath: join(repoRoot, 'out', 'test', 'locale', 'index'),
				skipWelcome: 'true',
			},
		}));
		let timer;
		const code = await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), RUN_TIMEOUT_MS)))]);
		clearTimeout(timer);
		for (const line of lines) console.log(`  [de] ${line}`);
		if (code === 'timeout') console.error(`  [de] the extension host did not finish within ${RUN_TIMEOUT_MS / 1000} s`);
	} catch (error) {
		console.error(`[locale] ${error instanceof Error ? error.stack : error}`);
	} finally {
		await browser?.close();
		await server?.stop();
		rmSync(signalDir, { recursive: true, force: true });
	}
	const m = /passed=(\d+) failed=(\d+)/.exec(result ?? '');
	const counts = m ? { passed: Number(m[1]), failed: Number(m[2]) } : { passed: 0, failed: 1 };
	// The certificate webview's labels, drawn by webview code from the bundle the host put in the page.
	const german = ['Allgemein', 'Ausgestellt für', 'Ausgestellt von', 'Als PEM kopieren', 'DER-Zertifikat', 'Abgelaufen am'].every((word) => certificateText.includes(word)) && !certificateText.includes('Issued to');
	console.log(`  ${german ? '✔' : '✘'} the certificate webview is German: ${JSON.stringify(certificateText.slice(0, 300))}`);
	if (german) counts.passed++;
	else counts.failed++;
	// The capture editor, chain view, issuer report and event log: webview code with the bundle from the page, and the host's notes.
	for (const name of Object.keys(VIEW_WORDS)) {
		if (checkView(name, views[name] ?? '')) counts.passed++;
		else counts.failed++;
	}
	return counts;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
	const { passed, failed } = await runLocale();
	console.log(`${RESULT_PREFIX} passed=${passed} failed=${failed}`);
	process.exit(failed > 0 || passed === 0 ? 1 : 0);
}
