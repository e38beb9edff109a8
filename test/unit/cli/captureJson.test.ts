// `capture --json` is written as bytes (src/cli/commands/captureJson.ts) and, in the real program, through few
// large writes to stdout with each CA list's JSON as cached bytes. Both must give exactly the text of
// JSON.stringify(handshakeJson(h)) / of the in-process CLI, on every fixture capture, with and without key logs.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { handshakeJson } from '../../../src/cli/commands/capture';
import { JsonBytes, writeHandshakeJson } from '../../../src/cli/commands/captureJson';
import { KeyLog, readCapture } from '../../../src/core/capture';
import { runCaptured } from '../../support/cli';
import { fixturePath, REPO_ROOT } from '../../support/fixtures';

const CAPTURES = fixturePath('captures');
const files = readdirSync(CAPTURES).filter((f) => /\.(pcap|pcapng)(\.gz)?$/.test(f)).sort();
const keylogOf = (f: string): string | undefined => {
	const k = join(CAPTURES, f.replace(/(-keylog)?\.(pcap|pcapng)(\.gz)?$/, '.keylog'));
	return existsSync(k) ? k : undefined;
};

suite('CLI capture --json writer', function () {
	this.timeout(120_000);

	test('writeHandshakeJson writes JSON.stringify(handshakeJson(h)) on every fixture capture', () => {
		let handshakes = 0, withList = 0;
		// Small, so that CA lists are kept by reference and the buffer grows: both paths are compared.
		const o = new JsonBytes(64);
		for (const f of files) {
			const keyLog = new KeyLog();
			const k = keylogOf(f);
			if (k) keyLog.addText(readFileSync(k, 'utf8'));
			for (const h of readCapture(new Uint8Array(readFileSync(join(CAPTURES, f))), { keyLog }).handshakeResults) {
				o.reset();
				writeHandshakeJson(o, h);
				assert.equal(o.text(), JSON.stringify(handshakeJson(h)), `${f} stream ${h.stream}`);
				handshakes++;
				if (h.certificateRequest) withList++;
			}
		}
		// The fixtures hold handshakes with and without a CertificateRequest (both branches compared).
		assert.ok(handshakes > 50 && withList > 20 && withList < handshakes, `${handshakes} handshakes, ${withList} with a list`);
	});

	test('writeHandshakeJson escapes and encodes strings and numbers as JSON.stringify does', () => {
		const base = readCapture(new Uint8Array(readFileSync(join(CAPTURES, 'tls12-mtls-nocert.pcapng')))).handshakeResults[0]!;
		const odd = ['quote " and \\ backslash', 'tab\tnew\nline\u0001', 'Zürich Straße', 'CN=日本', 'lone \ud800 surrogate', 'pair 😀', 'del \u007f', ''];
		for (const text of odd) {
			const h = {
				...base,
				stream: 1234567,
				client: text,
				sni: text,
				alpn: [text, 'h2'],
				firstFrame: 0,
				serverCertificates: base.serverCertificates.map((c) => ({ ...c, subject: text })),
				alerts: [{ frame: 9, from: 'server' as const, level: null, description: null, name: null, encrypted: true }],
				verdict: { ...base.verdict, message: text, missing: text },
			};
			const o = new JsonBytes(8);
			writeHandshakeJson(o, h);
			assert.equal(o.text(), JSON.stringify(handshakeJson(h)), JSON.stringify(text));
		}
	});

	test('writeHandshakeJson writes every number as JSON.stringify does, at each digit count and past 32 bits', () => {
		const base = readCapture(new Uint8Array(readFileSync(join(CAPTURES, 'tls12-mtls-nocert.pcapng')))).handshakeResults[0]!;
		const values = [0, -0, 1, 9, 10, 99, 100, 12345, 99999, 100000, 999999999, 1000000000, 2147483647, 2147483648, 4294967296, 1e15 - 1, 1e15, 1.5, -1, 2 ** 53];
		for (const x of values) {
			const h = { ...base, stream: x, firstFrame: x, certificateRequest: base.certificateRequest && { ...base.certificateRequest, signatureAlgorithms: [x, 7, x] } };
			const o = new JsonBytes(8);
			writeHandshakeJson(o, h);
			assert.equal(o.text(), JSON.stringify(handshakeJson(h)), String(x));
		}
	});

	test('the built dist/cli.js writes the same bytes as the in-process CLI (several files, key log)', async () => {
		const cli = join(REPO_ROOT, 'dist', 'cli.js');
		assert.ok(existsSync(cli), 'npm run build must leave dist/cli.js');
		const args = ['capture', '--json', '--keylog', fixturePath('captures/tls12-reneg-iis.keylog'), ...['tls12-mtls-bigcalist.pcap', 'tls12-reneg-iis.pcapng', 'tls12-mtls-nocert.pcapng', 'tls13-mtls-success.pcap'].map((f) => join(CAPTURES, f))];
		const program = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
		const inProcess = await runCaptured(...args);
		assert.equal(program.status, inProcess.code, program.stderr);
		assert.equal(program.stdout, inProcess.out.map((l) => `${l}\n`).join(''));
		const doc = JSON.parse(program.stdout) as { files: { handshakes: unknown[] }[] };
		assert.equal(doc.files.length, 4);
		assert.ok(doc.files.every((x) => x.handshakes.length > 0));
		// stdout redirected to a file: written to the descriptor directly, the same bytes.
		const dir = mkdtempSync(join(tmpdir(), 'schannel-lens-json-'));
		const out = join(dir, 'out.json');
		const fd = openSync(out, 'w');
		try {
			const toFile = spawnSync(process.execPath, [cli, ...args], { stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' });
			assert.equal(toFile.status, inProcess.code, toFile.stderr);
		} finally {
			closeSync(fd);
		}
		assert.equal(readFileSync(out, 'utf8'), program.stdout);
	});
});
