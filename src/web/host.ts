/** The web extension host: no Node crypto and no worker_threads; the pure-JS provider (@noble/hashes, @noble/ciphers) and Web Workers. */
import * as vscode from 'vscode';
import { nobleCrypto } from '../core/crypto/noble';
import { setDefaultCrypto } from '../core/crypto/provider';
import type { FromParseWorker } from '../workers/parseJob';
import { parseInPlace, workerParseRunner, type ParseRunner } from '../workers/parseRunner';
import type { Pkcs12Runner } from '../workers/pkcs12Client';
import { webWorkerParsePkcs12 } from './pkcs12WebClient';
import { newWebWorker, webWorkersAvailable, workerScriptUrl } from './webWorkers';

/** Called first in `activate` (the web build maps src/host.ts here). */
export function setUpHost(): void {
	setDefaultCrypto(nobleCrypto);
}

const script = (extensionUri: vscode.Uri, name: string) => () => Promise.resolve(vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'dist', 'web', name)));

/** PKCS#12 key derivation in a Web Worker (dist/web/pkcs12Worker.js); undefined where the host cannot start one (then it parses in place). */
export function pkcs12Runner(extensionUri: vscode.Uri): Pkcs12Runner | undefined {
	if (!webWorkersAvailable()) return undefined;
	const code = script(extensionUri, 'pkcs12Worker.js');
	return (token) => webWorkerParsePkcs12(code, token, vscode.l10n.bundle);
}

/** Captures and event logs parsed in a Web Worker (dist/web/parseWorker.js), the bytes handed over in chunks; in place where no worker can start. */
export function parseRunner(extensionUri: vscode.Uri): ParseRunner {
	if (!webWorkersAvailable()) return parseInPlace;
	const code = script(extensionUri, 'parseWorker.js');
	return workerParseRunner(async (onMessage, onError) => {
		const worker = newWebWorker(await workerScriptUrl('parse', code));
		worker.onmessage = (event) => onMessage(event.data as FromParseWorker);
		worker.onerror = (event) => onError(event.message ?? vscode.l10n.t('the parse worker failed'));
		return {
			post: (m, transfer) => worker.postMessage(m, transfer),
			terminate: async () => worker.terminate(),
		};
	}, false, vscode.l10n.bundle);
}
