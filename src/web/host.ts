/** The web extension host: no Node crypto and no worker_threads; the pure-JS provider (@noble/hashes, @noble/ciphers) and Web Workers. */
import * as vscode from 'vscode';
import { nobleCrypto } from '../core/crypto/noble';
import { setDefaultCrypto } from '../core/crypto/provider';
import type { Pkcs12Runner } from '../workers/pkcs12Client';
import { webWorkerParsePkcs12, webWorkersAvailable } from './pkcs12WebClient';

/** Called first in `activate` (the web build maps src/host.ts here). */
export function setUpHost(): void {
	setDefaultCrypto(nobleCrypto);
}

/** PKCS#12 key derivation in a Web Worker (dist/web/pkcs12Worker.js); undefined where the host cannot start one (then it parses in place). */
export function pkcs12Runner(extensionUri: vscode.Uri): Pkcs12Runner | undefined {
	if (!webWorkersAvailable()) return undefined;
	const script = () => Promise.resolve(vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'dist', 'web', 'pkcs12Worker.js')));
	return (token) => webWorkerParsePkcs12(script, token);
}
