// Issue 13: on the web, PKCS#12 key derivation runs in a Web Worker (dist/web/pkcs12Worker.js, built from
// src/web/pkcs12WebWorker.ts) started by the web host's client (src/web/pkcs12WebClient.ts), cancellable by
// terminating it. Headless Chromium runs the built worker through the client: the same certificates as Node,
// the page's thread free while a 10,000,000-iteration derivation runs, and cancellation that ends it.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { parsePkcs12 } from '../../../src/core/x509';
import { readFixture } from '../../support/fixtures';

const repoRoot = join(__dirname, '..', '..', '..', '..');
const WORKER = join(repoRoot, 'dist', 'web', 'pkcs12Worker.js');
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

interface Outcome {
	der: string[];
	problems: string[];
	maxTickGapMs: number;
	elapsedMs: number;
}

suite('PKCS#12 in a Web Worker, in headless Chromium (issue 13)', function () {
	this.timeout(180_000);
	let browser: Browser;
	let page: Page;
	let server: Server;

	suiteSetup(async () => {
		assert.ok(existsSync(WORKER), `${WORKER} is missing: run node scripts/build.mjs first`);
		const bundle = await esbuild.build({ entryPoints: [join(repoRoot, 'test', 'browser', 'pkcs12Entry.ts')], bundle: true, platform: 'browser', format: 'iife', globalName: 'SchannelLensPkcs12', target: 'es2022', write: false, logLevel: 'silent' });
		const client = bundle.outputFiles[0]!.text;
		const worker = readFileSync(WORKER, 'utf8');
		server = createServer((req, res) => {
			const body = req.url === '/client.js' ? client : req.url === '/pkcs12Worker.js' ? worker : '<!doctype html><script src="/client.js"></script>';
			res.setHeader('content-type', req.url?.endsWith('.js') ? 'text/javascript' : 'text/html');
			res.end(body);
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-dev-shm-usage'] });
		page = await browser.newPage();
		await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
		assert.equal(await page.evaluate('SchannelLensPkcs12.webWorkersAvailable()'), true);
	});

	suiteTeardown(async () => {
		await browser?.close();
		await new Promise((resolve) => server?.close(resolve));
	});

	const run = (name: string, password: string | undefined, maxIterations: number, cancelAfterMs?: number): Promise<Outcome> =>
		page.evaluate(
			([bytes, pw, max, cancel]) => (globalThis as unknown as { SchannelLensPkcs12: { run(u: string, b: Uint8Array, p?: string, m?: number, c?: number): Promise<Outcome> } }).SchannelLensPkcs12.run('/pkcs12Worker.js', new Uint8Array(bytes), pw ?? undefined, max, cancel ?? undefined),
			[Array.from(readFixture(name)), password ?? null, maxIterations, cancelAfterMs ?? null] as const,
		);

	for (const name of ['pki/client-alice.pfx', 'pki/client-alice-legacy.pfx']) {
		test(`${name}: the worker's certificates equal Node's`, async () => {
			const expected = await parsePkcs12(readFixture(name), { password: 'test', crypto: globalThis.crypto.subtle });
			assert.ok(expected.value.length > 0);
			const got = await run(name, 'test', 1_000_000);
			assert.deepEqual(got.problems, expected.problems.map((p) => p.message));
			assert.deepEqual(got.der, expected.value.map((c) => hex(c.der)));
		});
	}

	test('a 10,000,000-iteration PFX: the page stays responsive while the worker derives, and cancelling ends it', async () => {
		const got = await run('pki/client-alice-10m-iterations.pfx', 'test', 10_000_000, 1500);
		assert.deepEqual(got.der, []);
		assert.deepEqual(got.problems, ['key derivation cancelled: the certificates were not read']);
		// Cancelled at 1.5 s: the answer comes at once, not after the minute the derivation takes.
		assert.ok(got.elapsedMs < 5000, `the cancelled parse answered after ${got.elapsedMs.toFixed(0)} ms`);
		// A derivation on the page's thread would show as one gap of the whole 1.5 s.
		assert.ok(got.maxTickGapMs < 1000, `the page's thread stalled for ${got.maxTickGapMs.toFixed(0)} ms`);
		console.log(`      page thread: largest gap between 10 ms ticks ${got.maxTickGapMs.toFixed(1)} ms; answered ${got.elapsedMs.toFixed(0)} ms after the start`);
	});
});
