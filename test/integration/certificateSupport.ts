// Shared helpers of the certificate integration tests (not a test file: no `.test` in the name).
import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { CertificateFileModel } from '../../src/protocol/certificateView';

export function fixtureUri(relative: string): vscode.Uri {
	const folder = vscode.workspace.workspaceFolders?.[0];
	assert.ok(folder, 'the test workspace (test/fixtures) is open');
	return vscode.Uri.joinPath(folder.uri, relative);
}

export function fixtureBytes(relative: string): Uint8Array {
	return new Uint8Array(readFileSync(fixtureUri(relative).fsPath));
}

/** A fresh folder under the OS temp dir for generated inputs (fixtures are never modified). */
export function tempDir(): string {
	return mkdtempSync(join(tmpdir(), 'schannel-lens-cert-'));
}

/** A pcap over 20 MB: the packets of the successful lab capture, repeated (the core's own reading is the oracle). */
export function bigCapture(): { file: string; bytes: Uint8Array } {
	const source = fixtureBytes('captures/tls12-mtls-success.pcap');
	const packets = source.subarray(24);
	const copies = Math.ceil((21 * 1024 * 1024) / packets.length);
	const bytes = new Uint8Array(24 + copies * packets.length);
	bytes.set(source.subarray(0, 24));
	for (let i = 0; i < copies; i++) bytes.set(packets, 24 + i * packets.length);
	const file = join(tempDir(), 'big-capture.pcap');
	writeFileSync(file, bytes);
	return { file, bytes };
}

/** A copy of the samples (a server folder and a client folder) outside the workspace; samples/ is never touched. */
export function samplesCopy(withoutRoot = false): string {
	const dir = tempDir();
	cpSync(join(fixtureUri('../../samples').fsPath), dir, { recursive: true });
	if (withoutRoot) rmSync(join(dir, 'web01', 'root-store.reg'));
	return dir;
}

export async function until<T>(probe: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs = 45_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined) return value;
		if (Date.now() > deadline) assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 100));
	}
}

/** The model the webview of `uri` last received (posted after its `ready` message). */
export function lastModel(uri: vscode.Uri): Thenable<CertificateFileModel | undefined> {
	return vscode.commands.executeCommand<CertificateFileModel | undefined>('schannelLens._test.lastCertificateModel', uri.toString());
}

/** Opens `uri` in the certificate editor and waits for the model its webview received (optionally one that passes `accept`). */
export async function openModel(uri: vscode.Uri, viewType = 'schannelLens.certificate', accept: (m: CertificateFileModel) => boolean = () => true): Promise<CertificateFileModel> {
	const probe = async () => {
		const m = await lastModel(uri);
		return m && accept(m) ? m : undefined;
	};
	await vscode.commands.executeCommand('vscode.openWith', uri, viewType);
	const first = await until(probe, `the certificate model of ${uri.path}`, 20_000).catch(() => undefined);
	if (first) return first;
	// Seen in code-server 4.100.3 after some 25 webviews in one window: the webview's outer frame
	// (pre/index.html) loads but never creates its content frame, so no script of ours runs and no 'ready'
	// arrives (the extension host was idle; a screenshot shows an empty editor). Closing and opening the
	// editor once more gets a new webview; a model that never comes still fails below.
	console.log(`[retry] the webview of ${uri.path} did not load in 20 s: opening it once more`);
	await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
	await vscode.commands.executeCommand('vscode.openWith', uri, viewType);
	return until(probe, `the certificate model of ${uri.path} (opened twice)`, 45_000);
}

/** Waits until the workspace certificate index is built. */
export async function indexReady(): Promise<{ count: number; files: string[] }> {
	return vscode.commands.executeCommand('schannelLens._test.indexReady');
}

/** Every *.log file under the extension host's log folder, with its current size. */
function hostLogs(root: string): Map<string, number> {
	const out = new Map<string, number>();
	const walk = (dir: string): void => {
		for (const e of readdirSync(dir, { withFileTypes: true })) {
			const p = join(dir, e.name);
			if (e.isDirectory()) walk(p);
			else if (e.name.endsWith('.log')) out.set(p, statSync(p).size);
		}
	};
	walk(root);
	return out;
}

/**
 * Runs `body` and returns the `[error]` lines the extension host's logs (host log, extension output channels)
 * gained meanwhile, plus unhandled rejections seen in this process.
 */
export async function hostErrorsDuring(body: () => Promise<void>): Promise<string[]> {
	const logUri = vscode.Uri.parse(await vscode.commands.executeCommand<string>('schannelLens._test.logUri'));
	const root = join(logUri.fsPath, '..');
	const before = hostLogs(root);
	// Not vacuous: the host log and this extension's output channel live under `root`.
	assert.ok(before.size > 0, `no *.log files under ${root}`);
	const rejections: string[] = [];
	const onRejection = (reason: unknown) => rejections.push(`unhandled rejection: ${reason instanceof Error ? reason.stack : String(reason)}`);
	process.on('unhandledRejection', onRejection);
	try {
		await body();
		// Log writes are buffered: wait until a marker logged after the body reached a file (no fixed sleep).
		const marker = `schannel-lens-log-marker-${Date.now()}-${Math.random().toString(16).slice(2)}`;
		await vscode.commands.executeCommand('schannelLens._test.logMarker', marker);
		await until(() => ([...hostLogs(root).keys()].some((file) => readFileSync(file, 'utf8').includes(marker)) ? true : undefined), 'the log marker to be written');
	} finally {
		process.off('unhandledRejection', onRejection);
	}
	const errors: string[] = [...rejections];
	for (const file of hostLogs(root).keys()) {
		const added = readFileSync(file).subarray(before.get(file) ?? 0).toString('utf8');
		errors.push(...added.split(/\r?\n/).filter((l) => /\[error\]/i.test(l)).map((l) => `${file.slice(root.length + 1)}: ${l}`));
	}
	return errors;
}
