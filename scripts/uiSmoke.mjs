// npm run test:ui — UI smoke tests: mocha runs out/test/ui/**/*.ui.test.js in plain Node; the tests drive the
// real workbench (code-server + headless Debian chromium, see test/ui/workbench.ts) with the packaged .vsix
// installed. Screenshots land in test-results/. Last line: `@@schannel-lens-result ui passed=N failed=M`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { repoRoot } from './codeServer.mjs';

const require = createRequire(import.meta.url);
const RESULT_PREFIX = '@@schannel-lens-result ui';
const uiOut = join(repoRoot, 'out', 'test', 'ui');
// A hard stop, so a wedged browser or server can never hang CI.
const OVERALL_TIMEOUT_MS = 10 * 60_000;

function findTests(dir) {
	if (!existsSync(dir)) return [];
	return readdirSync(dir, { withFileTypes: true })
		.flatMap((entry) => (entry.isDirectory() ? findTests(join(dir, entry.name)) : entry.name.endsWith('.ui.test.js') ? [join(dir, entry.name)] : []))
		.sort();
}

function compileTests() {
	const result = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'build.mjs'), '--tests'], { stdio: 'inherit', cwd: repoRoot });
	if (result.status !== 0) throw new Error('node scripts/build.mjs --tests failed');
}

/** Old screenshots would pass for new ones; each run starts with none. */
function clearScreenshots() {
	const dir = join(repoRoot, 'test-results');
	if (!existsSync(dir)) return;
	for (const name of readdirSync(dir)) if (name.endsWith('.png')) rmSync(join(dir, name));
}

async function main() {
	const started = Date.now();
	compileTests();
	clearScreenshots();
	const workbench = require(join(uiOut, 'workbench.js'));
	const { default: Mocha } = await import('mocha');
	const mocha = new Mocha({
		ui: 'tdd',
		reporter: 'spec',
		timeout: 60_000,
		rootHooks: {
			// A failing test leaves a picture of the workbench at the moment it failed.
			async afterEach() {
				if (this.currentTest?.state !== 'failed') return;
				const wb = await workbench.workbench().catch(() => undefined);
				const path = await wb?.screenshot(`failed-${this.currentTest.fullTitle()}`).catch(() => undefined);
				if (path) console.log(`    screenshot: ${path}`);
			},
		},
	});
	// UI_ONLY=adminViews runs the files whose name contains it (a quicker loop while working on one view).
	const files = findTests(uiOut).filter((f) => !process.env.UI_ONLY || f.includes(process.env.UI_ONLY));
	for (const file of files) mocha.addFile(file);
	let passed = 0;
	let failed = 0;
	const watchdog = setTimeout(() => {
		console.error(`[ui] gave up after ${OVERALL_TIMEOUT_MS / 1000} s`);
		console.log(`${RESULT_PREFIX} passed=${passed} failed=${failed + 1}`);
		process.exit(1);
	}, OVERALL_TIMEOUT_MS);
	try {
		if (files.length === 0) throw new Error(`no *.ui.test.js files under ${uiOut}`);
		await new Promise((resolve) => {
			const runner = mocha.run(() => resolve());
			runner.on('pass', () => passed++);
			runner.on('fail', () => failed++);
		});
	} catch (error) {
		console.error(`[ui] ${error instanceof Error ? error.stack : error}`);
		failed++;
	} finally {
		await workbench.stopWorkbench();
		clearTimeout(watchdog);
	}
	console.log(`[ui] finished in ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in ${join(repoRoot, 'test-results')}`);
	console.log(`${RESULT_PREFIX} passed=${passed} failed=${failed}`);
	process.exit(failed > 0 || passed === 0 ? 1 : 0);
}

await main();
