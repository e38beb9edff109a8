// npm run test:integration — runs test/integration/** inside a real VS Code extension host (code-server
// 1.100.3 in headless Debian chromium), with the repo as the extension under development.
// Prints the host's test output and ends with `@@schannel-lens-result integration passed=N failed=M`.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { format } from 'node:util';
import { launchChromium, repoRoot, startCodeServer, workbenchUrl } from './codeServer.mjs';
import { runRestrictedMode } from './restrictedMode.mjs';
import { runWebHost } from './webHost.mjs';
import { runLocale } from './locale.mjs';

const OVERALL_TIMEOUT_MS = 5 * 60_000;
const RESULT_PREFIX = '@@schannel-lens-result integration';

function build() {
	for (const args of [[], ['--tests']]) {
		const result = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'build.mjs'), ...args], { stdio: 'inherit', cwd: repoRoot });
		if (result.status !== 0) throw new Error(`node scripts/build.mjs ${args.join(' ')} failed`);
	}
}

/** Opens the workbench with the test payload; resolves with the exit code the host reports. */
async function runInHost(server, browser) {
	let result;
	let reportExit;
	const exited = new Promise((resolve) => (reportExit = resolve));
	const page = await browser.context.newPage();
	// The host sends each console call of the tests here (type = log/info/warn/error, args = strings).
	await page.exposeFunction('codeAutomationLog', (type, args) => {
		// The host passes console.log's raw arguments (mocha uses '%s' formats).
		const line = format(...(Array.isArray(args) ? args : [args]));
		// Held back and printed last, after the cleanup messages, so CI can read the final line.
		if (line.startsWith(RESULT_PREFIX)) result = line;
		else (type === 'error' || type === 'warn' ? console.error : console.log)(line);
	});
	await page.exposeFunction('codeAutomationExit', (code) => reportExit(Number(code)));
	page.on('pageerror', (error) => console.error(`[workbench] ${error.message}`));
	const url = workbenchUrl(server, {
		folder: join(repoRoot, 'test', 'fixtures'),
		payload: {
			extensionDevelopmentPath: repoRoot,
			extensionTestsPath: join(repoRoot, 'out', 'test', 'integration', 'index'),
			skipWelcome: 'true',
		},
	});
	await page.goto(url);
	let timer;
	const timedOut = new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), OVERALL_TIMEOUT_MS)));
	const code = await Promise.race([exited, timedOut]);
	clearTimeout(timer);
	if (code === 'timeout') console.error(`[integration] the extension host did not finish within ${OVERALL_TIMEOUT_MS / 1000} s`);
	return { code: code === 'timeout' ? 1 : code, result };
}

async function main() {
	const started = Date.now();
	build();
	let server;
	let browser;
	let outcome = { code: 1, result: undefined };
	try {
		server = await startCodeServer({ workspace: join(repoRoot, 'test', 'fixtures'), quiet: !process.env.SCHANNEL_LENS_VERBOSE });
		browser = await launchChromium();
		outcome = await runInHost(server, browser);
	} catch (error) {
		console.error(`[integration] ${error instanceof Error ? error.stack : error}`);
	} finally {
		await browser?.close();
		await server?.stop();
	}
	// Then the installed .vsix, trusted and in Restricted Mode (issue 13): its counts join the suite's.
	console.log('\n[integration] Restricted Mode: the packaged extension, trusted and untrusted');
	const restricted = await runRestrictedMode();
	// Then the web extension in code-server's web worker extension host (issue 13): its counts join too.
	console.log('\n[integration] The web worker extension host: dist/web/extension.js on samples/');
	const web = await runWebHost();
	// Then in German (issue 13 item 7): code-server with --locale de; its counts join the suite's too.
	console.log('\n[integration] German display language: code-server --locale de');
	const locale = await runLocale();
	restricted.passed += locale.passed;
	restricted.failed += locale.failed;
	// A host that never reported counts as a failure, and CI still gets its marker line.
	const m = /passed=(\d+) failed=(\d+)/.exec(outcome.result ?? '');
	const passed = Number(m?.[1] ?? 0) + restricted.passed + web.passed;
	const failed = (m ? Number(m[2]) : 1) + restricted.failed + web.failed;
	const code = outcome.result && outcome.code === 0 && restricted.failed === 0 && web.failed === 0 && web.passed > 0 ? 0 : 1;
	console.log(`[integration] finished in ${((Date.now() - started) / 1000).toFixed(1)} s, exit code ${code}`);
	console.log(`${RESULT_PREFIX} passed=${passed} failed=${failed}`);
	process.exit(code);
}

await main();
