// Builds Schannel Lens with esbuild.
//   node scripts/build.mjs               development build: dist/extension.js, dist/cli.js, dist/webview/*.js (source maps)
//   node scripts/build.mjs --production  the same, minified, no source maps (used for packaging)
//   node scripts/build.mjs --watch       development build, rebuilt on change
//   node scripts/build.mjs --sizes       the production build in memory (dist/ untouched): prints each output's bytes and inputs as JSON
//   node scripts/build.mjs --tests       src/** and test/** transpiled one-to-one into out/ (mocha runs those)
//   node scripts/build.mjs --tests --clean  the same, after emptying out/
import * as esbuild from 'esbuild';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const production = args.has('--production') || args.has('--sizes');
const watch = args.has('--watch');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** Prints esbuild's errors in the `file:line:col: error` form VS Code's problem matcher reads. */
const problemMatcher = {
	name: 'problem-matcher',
	setup(build) {
		build.onEnd((result) => {
			for (const { text, location } of result.errors) {
				console.error(`✘ [ERROR] ${text}`);
				if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
			}
		});
	},
};

function listFiles(dir, suffix) {
	const out = [];
	if (!existsSync(dir)) return out;
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const p = join(dir, entry.name);
		if (entry.isDirectory()) out.push(...listFiles(p, suffix));
		else if (entry.name.endsWith(suffix) && !entry.name.endsWith('.d.ts')) out.push(p);
	}
	return out;
}

/** One browser bundle per folder under webview/ that has a main.ts. */
function webviewEntries() {
	const dir = join(root, 'webview');
	return readdirSync(dir, { withFileTypes: true })
		.filter((e) => e.isDirectory() && existsSync(join(dir, e.name, 'main.ts')))
		.map((e) => ({ in: join(dir, e.name, 'main.ts'), out: e.name }));
}

const common = {
	bundle: true,
	minify: production,
	sourcemap: production ? false : 'linked',
	sourcesContent: false,
	logLevel: 'warning',
	plugins: [problemMatcher],
	absWorkingDir: root,
};

/** The web build: the Node modules the host guards against map to src/web/nodeStubs.ts. */
const webStubs = {
	name: 'web-node-stubs',
	setup(build) {
		build.onResolve({ filter: /^node:(fs|worker_threads)$/ }, () => ({ path: join(root, 'src', 'web', 'nodeStubs.ts') }));
		// The host's own services (Node crypto and worker_threads on the desktop): the web build takes src/web/host.ts instead.
		build.onResolve({ filter: /(^|\/)host$/ }, (args) => (join(args.resolveDir, args.path) === join(root, 'src', 'host') ? { path: join(root, 'src', 'web', 'host.ts') } : undefined));
		build.onResolve({ filter: /^node:/ }, (args) => ({ errors: [{ text: `${args.path} has no web stand-in (imported by ${args.importer})` }] }));
	},
};

const configs = [
	{
		...common,
		entryPoints: ['src/extension.ts'],
		outfile: 'dist/extension.js',
		platform: 'node',
		format: 'cjs',
		target: 'node20',
		external: ['vscode'],
	},
	{
		// The web extension (package.json "browser"): the same activation, workspace.fs only (issue 13).
		...common,
		plugins: [problemMatcher, webStubs],
		entryPoints: ['src/extension.ts'],
		outfile: 'dist/web/extension.js',
		platform: 'browser',
		format: 'cjs',
		target: 'es2022',
		external: ['vscode'],
	},
	{
		// PKCS#12 key derivation off the extension host's thread (issue 13).
		...common,
		entryPoints: ['src/workers/pkcs12Worker.ts'],
		outfile: 'dist/pkcs12Worker.js',
		platform: 'node',
		format: 'cjs',
		target: 'node20',
	},
	{
		// The web host's PKCS#12 Web Worker (src/web/pkcs12WebClient.ts starts it from a blob: URL).
		...common,
		plugins: [problemMatcher, webStubs],
		entryPoints: ['src/web/pkcs12WebWorker.ts'],
		outfile: 'dist/web/pkcs12Worker.js',
		platform: 'browser',
		format: 'iife',
		target: 'es2022',
	},
	{
		// Captures and event logs parsed off the extension host's thread (issue 13); it streams file: URIs from disk itself.
		...common,
		entryPoints: ['src/workers/parseWorker.ts'],
		outfile: 'dist/parseWorker.js',
		platform: 'node',
		format: 'cjs',
		target: 'node20',
	},
	{
		// The web host's capture and event-log Web Worker (src/web/host.ts starts it from a blob: URL).
		...common,
		plugins: [problemMatcher, webStubs],
		entryPoints: ['src/web/parseWebWorker.ts'],
		outfile: 'dist/web/parseWorker.js',
		platform: 'browser',
		format: 'iife',
		target: 'es2022',
	},
	{
		...common,
		entryPoints: ['src/cli/main.ts'],
		outfile: 'dist/cli.js',
		platform: 'node',
		format: 'cjs',
		target: 'node20',
		banner: { js: '#!/usr/bin/env node' },
		define: { SCHANNEL_LENS_VERSION: JSON.stringify(pkg.version) },
	},
];
const webviews = webviewEntries();
if (webviews.length > 0) {
	configs.push({
		...common,
		entryPoints: webviews,
		outdir: 'dist/webview',
		platform: 'browser',
		format: 'iife',
		target: 'es2022',
		loader: { '.css': 'css' },
	});
}

const testConfig = {
	// Pure webview modules (layout) are unit-tested in Node too.
	entryPoints: [...listFiles(join(root, 'src'), '.ts'), ...listFiles(join(root, 'test'), '.ts'), join(root, 'webview', 'chain', 'layout.ts'), join(root, 'webview', 'capture', 'breaks.ts')],
	outdir: 'out',
	outbase: '.',
	bundle: false,
	platform: 'node',
	format: 'cjs',
	target: 'node20',
	sourcemap: 'inline',
	logLevel: 'warning',
	absWorkingDir: root,
};

if (args.has('--tests')) {
	// --clean drops stale outputs of deleted tests; without it concurrent runs do not wipe each other.
	if (args.has('--clean')) rmSync(join(root, 'out'), { recursive: true, force: true });
	await esbuild.build(testConfig);
} else if (args.has('--sizes')) {
	// scripts/bundleSize.mjs reads this: the bytes of each minified output and the modules in it.
	const sizes = {};
	for (const config of configs) {
		const { metafile } = await esbuild.build({ ...config, write: false, metafile: true });
		for (const [file, out] of Object.entries(metafile.outputs)) if (!file.endsWith('.map')) sizes[file] = { bytes: out.bytes, inputs: Object.keys(out.inputs), inputBytes: Object.fromEntries(Object.entries(out.inputs).map(([k, v]) => [k, v.bytesInOutput])) };
	}
	console.log(JSON.stringify(sizes));
} else if (watch) {
	for (const config of configs) await (await esbuild.context(config)).watch();
	console.log('[watch] build started');
} else {
	rmSync(join(root, 'dist'), { recursive: true, force: true });
	await Promise.all(configs.map((config) => esbuild.build(config)));
}
