// npm test: every part in order, each run even when an earlier one failed, so one run shows
// everything that is wrong. Ends with exactly one line "N passed, N failed" counting all parts:
// type-check, lint and build count one each; unit, integration and UI count their tests.
//   node scripts/test.mjs [--only unit,integration]   (parts: typecheck lint build unit integration ui)
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const onlyArg = process.argv.indexOf('--only');
const only = onlyArg > 0 ? new Set(process.argv[onlyArg + 1].split(',')) : undefined;

/** Runs a command, streaming its output; resolves with the exit code and the captured text. */
function run(cmd, args) {
	return new Promise((resolve) => {
		const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } });
		let text = '';
		const tee = (stream, out) => stream.on('data', (chunk) => {
			text += chunk;
			out.write(chunk);
		});
		tee(child.stdout, process.stdout);
		tee(child.stderr, process.stderr);
		child.on('error', (err) => resolve({ code: 1, text: `${text}\n${err.message}` }));
		child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), text }));
	});
}

/** A check that passes or fails as a whole. */
const check = (cmd, args) => async () => {
	const { code } = await run(cmd, args);
	return code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
};

/** Mocha's own summary lines ("12 passing", "1 failing"). */
const mocha = (args) => async () => {
	const { code, text } = await run(bin('mocha'), args);
	const passed = Number(/(\d+) passing/.exec(text)?.[1] ?? 0);
	const failed = Number(/(\d+) failing/.exec(text)?.[1] ?? 0);
	if (code !== 0 && failed === 0) return { passed, failed: failed + 1 };
	if (passed + failed === 0) return { passed: 0, failed: 1 }; // ran no test: that is a failure
	return { passed, failed };
};

/** Scripts that report "@@schannel-lens-result <part> passed=N failed=M". */
const reported = (script) => async () => {
	const { code, text } = await run(process.execPath, [join(root, script)]);
	const m = /@@schannel-lens-result \S+ passed=(\d+) failed=(\d+)/.exec(text);
	if (!m) return { passed: 0, failed: 1 };
	const result = { passed: Number(m[1]), failed: Number(m[2]) };
	if (code !== 0 && result.failed === 0) result.failed = 1;
	if (result.passed + result.failed === 0) result.failed = 1;
	return result;
};

const parts = [
	['typecheck', check(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', '.'])],
	['typecheck-webview', check(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', 'webview'])],
	['typecheck-tests', check(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', 'test'])],
	['lint', check(bin('eslint'), ['.', '--max-warnings', '0'])],
	['build', check(process.execPath, [join(root, 'scripts/build.mjs')])],
	// dist/extension.js within 30,000 bytes of its size before issue 13, no @noble in the Node bundles.
	['build-size', check(process.execPath, [join(root, 'scripts/bundleSize.mjs')])],
	['compile-tests', check(process.execPath, [join(root, 'scripts/build.mjs'), '--tests', '--clean'])],
	['unit', mocha(['--ui', 'tdd', '--timeout', '60000', '--reporter', 'spec', 'out/test/unit/**/*.test.js'])],
	['integration', reported('scripts/integration.mjs')],
	['ui', reported('scripts/uiSmoke.mjs')],
];

const totals = { passed: 0, failed: 0 };
const summary = [];
for (const [name, part] of parts) {
	if (only && !only.has(name.replace(/-.*/, ''))) continue;
	console.log(`\n=== ${name} ===`);
	const started = Date.now();
	const r = await part();
	totals.passed += r.passed;
	totals.failed += r.failed;
	summary.push(`${name.padEnd(18)} ${String(r.passed).padStart(4)} passed ${String(r.failed).padStart(3)} failed  ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
console.log(`\n=== summary ===\n${summary.join('\n')}\n`);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exitCode = totals.failed > 0 ? 1 : 0;
