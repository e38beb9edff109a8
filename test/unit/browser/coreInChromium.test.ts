// Issue 13: src/core must run in a browser (the web extension). esbuild bundles the core for the browser
// (platform browser, no Node built-ins: the build fails if one slips in), headless Debian Chromium runs it on
// the fixtures (certificates of every container, .reg exports, captures), and every result must equal Node's.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { probe, type ProbeResult } from '../../browser/coreProbe';
import { fixturePath } from '../../support/fixtures';

const repoRoot = join(__dirname, '..', '..', '..', '..');
const CHROMIUM = '/usr/bin/chromium';

/** A spread of fixtures: every certificate container, several .reg exports, TLS 1.2/1.3 captures and gzip. */
function fixtures(): string[] {
	const pick = (dir: string, pattern: RegExp) => readdirSync(fixturePath(dir)).filter((n) => pattern.test(n)).map((n) => `${dir}/${n}`);
	return [
		// Not the 10,000,000-iteration PFX: a minute of key derivation on each side proves nothing more.
		...pick('pki', /\.(cer|pem|p7b|pfx)$/).filter((f) => !f.includes('10m-iterations')),
		...pick('chains', /^(leaf|root|int|crossb)\.pem$/),
		...pick('public', /\.(reg|sst|p7b|p7c|crt|cer|der|pem)$/),
		...pick('reg', /\.reg$/),
		...pick('captures', /^tls1[23]-mtls-(success|truncated-list-nocert|bigcalist)\.pcapng$|\.pcap\.gz$/),
		...pick('public', /\.(pcap|pcapng)$/).slice(0, 6),
	];
}

suite('the core in headless Chromium equals the core in Node (issue 13)', function () {
	this.timeout(180_000);
	let browser: Browser;
	let page: Page;
	let server: Server;

	suiteSetup(async () => {
		const bundle = await esbuild.build({ entryPoints: [join(repoRoot, 'test', 'browser', 'entry.ts')], bundle: true, platform: 'browser', format: 'iife', globalName: 'SchannelLensCore', target: 'es2022', write: false, logLevel: 'silent' });
		const script = bundle.outputFiles[0]!.text;
		// http://127.0.0.1 is a secure context, so WebCrypto (crypto.subtle) exists as in a web extension host.
		server = createServer((req, res) => {
			res.setHeader('content-type', req.url === '/core.js' ? 'text/javascript' : 'text/html');
			res.end(req.url === '/core.js' ? script : '<!doctype html><script src="/core.js"></script>');
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-dev-shm-usage'] });
		page = await browser.newPage();
		await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
		assert.equal(await page.evaluate('typeof SchannelLensCore.probe'), 'function');
		assert.equal(await page.evaluate('typeof process'), 'undefined', 'a real browser page, no Node globals');
	});

	suiteTeardown(async () => {
		await browser?.close();
		await new Promise((resolve) => server?.close(resolve));
	});

	test('the web extension bundle (dist/web/extension.js, package.json "browser") loads in the browser and exports activate', async () => {
		const file = join(repoRoot, 'dist', 'web', 'extension.js');
		assert.ok(existsSync(file), `${file} is missing: run node scripts/build.mjs first`);
		const source = readFileSync(file, 'utf8');
		// CommonJS as the web extension host loads it; 'vscode' is a stand-in that accepts any use at load time.
		const loaded = await page.evaluate((code) => {
			// esbuild's __toESM copies own keys and reads the rest through the prototype: answer there too.
			const members: object = new Proxy({}, { get: () => anything });
			const anything: object = new Proxy(function () {}, { get: (_t, key) => (key === 'prototype' ? {} : anything), getPrototypeOf: () => members, construct: () => ({}), apply: () => anything });
			const required: string[] = [];
			const module = { exports: {} as Record<string, unknown> };
			const require = (id: string) => {
				required.push(id);
				if (id === 'vscode') return anything;
				throw new Error(`require('${id}') in the web bundle`);
			};
			new Function('module', 'exports', 'require', code)(module, module.exports, require);
			return { activate: typeof module.exports.activate, required: [...new Set(required)] };
		}, source);
		assert.deepEqual(loaded, { activate: 'function', required: ['vscode'] });
	});

	test('certificates, .reg exports and captures: the same results, byte for byte', async () => {
		const files = fixtures();
		assert.ok(files.length >= 30, `only ${files.length} fixtures`);
		const kinds = new Set<string>();
		for (const file of files) {
			const bytes = readFileSync(fixturePath(file));
			const inNode = await probe(file, new Uint8Array(bytes));
			const inBrowser = await page.evaluate(async ([name, base64]) => {
				const raw = atob(base64);
				const data = Uint8Array.from(raw, (c) => c.charCodeAt(0));
				return (globalThis as unknown as { SchannelLensCore: { probe(n: string, b: Uint8Array): Promise<ProbeResult> } }).SchannelLensCore.probe(name, data);
			}, [file, bytes.toString('base64')] as const);
			assert.deepEqual(inBrowser, inNode, file);
			kinds.add(inNode.kind);
		}
		assert.deepEqual([...kinds].sort(), ['capture', 'certificates', 'reg']);
		console.log(`      ${files.length} fixtures: the same results in Chromium and Node`);
	});
});
