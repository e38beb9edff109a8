// The web extension for real (issue 13): code-server's web worker extension host runs Schannel Lens from its
// "browser" entry (dist/web/extension.js). The repository is the extension under development with the workbench
// payload extensionDevelopmentKind=web, so the workbench puts it (and its tests) in the web worker extension host
// instead of the Node one; samples/ is open. test/web/index.ts, bundled for the browser, checks the samples'
// diagnostics, the certificate and capture editors and PKCS#12 in the Web Worker there. Offline: code-server's
// product.json has no webEndpointUrlTemplate, so the worker's iframe comes from code-server itself.
// Exports runWebHost() (used by scripts/integration.mjs); run alone: node scripts/webHost.mjs (after a build).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import * as esbuild from 'esbuild';
import { launchChromium, repoRoot, startCodeServer, workbenchUrl } from './codeServer.mjs';

const RESULT_PREFIX = '@@schannel-lens-result web';
const RUN_TIMEOUT_MS = 4 * 60_000;

/** test/web/index.ts as one CommonJS file for the web worker host (it answers require('vscode') only). */
async function bundleTests() {
	// Not out/test/web/index.js: the per-file test transpile (compile-tests) writes that one. Under the repository, so the
	// workbench runs the tests in the host of the extension that holds them: the web worker host.
	const outfile = join(repoRoot, 'out', 'web-test', 'index.js');
	await esbuild.build({ entryPoints: [join(repoRoot, 'test', 'web', 'index.ts')], bundle: true, platform: 'browser', format: 'cjs', target: 'es2022', external: ['vscode'], outfile, logLevel: 'warning', absWorkingDir: repoRoot });
	return outfile;
}

/** Returns { passed, failed } counted like the other parts. */
export async function runWebHost() {
	const samples = join(repoRoot, 'samples');
	let server;
	let browser;
	let result;
	try {
		const tests = await bundleTests();
		// The user setting remote.extensionKind ["web"] puts the extension (under development too) in the web worker
		// host: the payload's extensionDevelopmentKind=web is parsed by the browser workbench of VS Code 1.100.3 into
		// extensionDevelopmentLocationKind, while the host placement reads extensionDevelopmentKind, so it is ignored.
		server = await startCodeServer({ workspace: samples, quiet: !process.env.SCHANNEL_LENS_VERBOSE, settings: { 'remote.extensionKind': { 'schannel-lens.schannel-lens': ['web'] } } });
		browser = await launchChromium();
		const page = await browser.context.newPage();
		let reportExit;
		const exited = new Promise((resolve) => (reportExit = resolve));
		await page.exposeFunction('codeAutomationLog', (type, args) => {
			const line = format(...(Array.isArray(args) ? args : [args]));
			if (line.startsWith(RESULT_PREFIX)) result = line;
			// The gallery lookup fails offline (open-vsx.org): not ours, not shown.
			else if (process.env.SCHANNEL_LENS_VERBOSE || /^\s+(✔|✘|\d+ |web worker host|index:)/.test(line) || (type === 'error' && !line.includes('open-vsx.org'))) console.log(`  [web] ${line}`);
		});
		await page.exposeFunction('codeAutomationExit', (code) => reportExit(Number(code)));
		page.on('pageerror', (error) => console.error(`  [web] [workbench] ${error.message}`));
		await page.goto(workbenchUrl(server, {
			folder: samples,
			payload: {
				extensionDevelopmentPath: repoRoot,
				extensionTestsPath: tests.replace(/\.js$/, ''),
				skipWelcome: 'true',
			},
		}));
		let timer;
		const code = await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), RUN_TIMEOUT_MS)))]);
		clearTimeout(timer);
		if (code === 'timeout') console.error(`  [web] the web worker extension host did not finish within ${RUN_TIMEOUT_MS / 1000} s`);
	} catch (error) {
		console.error(`  [web] ${error instanceof Error ? error.stack : error}`);
	} finally {
		await browser?.close();
		await server?.stop();
	}
	const m = /passed=(\d+) failed=(\d+)/.exec(result ?? '');
	return m ? { passed: Number(m[1]), failed: Number(m[2]) } : { passed: 0, failed: 1 };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
	const { passed, failed } = await runWebHost();
	console.log(`${RESULT_PREFIX} passed=${passed} failed=${failed}`);
	process.exit(failed > 0 || passed === 0 ? 1 : 0);
}
