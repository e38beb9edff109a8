/** What the desktop (Node) extension host brings: Node's native crypto for the core (captures, hashes), worker_threads. */
import { Worker } from 'node:worker_threads';
import * as vscode from 'vscode';
import { setDefaultCrypto } from './core/crypto/provider';
import { nodeCrypto } from './shared/nodeCrypto';
import type { FromParseWorker } from './workers/parseJob';
import { workerParseRunner, type ParseRunner } from './workers/parseRunner';
import { workerParsePkcs12, type Pkcs12Runner } from './workers/pkcs12Client';

/** Called first in `activate`. The web build maps this module to src/web/host.ts (the core's audited JS crypto, Web Workers). */
export function setUpHost(): void {
	setDefaultCrypto(nodeCrypto);
}

/** PKCS#12 key derivation in a worker thread (dist/pkcs12Worker.js), one per parse, cancellable. */
export function pkcs12Runner(extensionUri: vscode.Uri): Pkcs12Runner | undefined {
	const path = vscode.Uri.joinPath(extensionUri, 'dist', 'pkcs12Worker.js').fsPath;
	return (token) => workerParsePkcs12(path, token, vscode.l10n.bundle);
}

/** Captures and event logs parsed in a worker thread (dist/parseWorker.js), one per read; it streams `file:` URIs from disk itself. */
export function parseRunner(extensionUri: vscode.Uri): ParseRunner {
	const path = vscode.Uri.joinPath(extensionUri, 'dist', 'parseWorker.js').fsPath;
	return workerParseRunner(async (onMessage, onError) => {
		const worker = new Worker(path);
		worker.on('message', (m: FromParseWorker) => onMessage(m));
		worker.on('error', (err) => onError(err.message));
		worker.on('exit', (code) => onError(vscode.l10n.t('the parse worker stopped (exit code {0})', code)));
		return { post: (m, transfer) => worker.postMessage(m, transfer), terminate: () => worker.terminate().then(() => undefined) };
	}, true, vscode.l10n.bundle);
}
