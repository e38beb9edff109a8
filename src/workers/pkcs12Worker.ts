/**
 * Worker thread (dist/pkcs12Worker.js): parses one PFX, key derivation included, off the extension host's
 * thread. The host terminates it to cancel (issue 13: a 10,000,000-iteration MAC froze the host for minutes).
 * On the web the same request/response would go to a Web Worker built from this file with `self.onmessage`.
 */
import { parentPort } from 'node:worker_threads';
import { setDefaultCrypto } from '../core/crypto/provider';
import { parsePkcs12 } from '../core/x509';
import { nodeCrypto } from '../shared/nodeCrypto';
import { useBundle } from './useBundle';

// SHA-1 (MAC, thumbprints) from Node's crypto, as in the extension host.
setDefaultCrypto(nodeCrypto);

/** What the host sends: the file and the derivation settings (WebCrypto is the worker's own). */
export interface Pkcs12WorkerRequest {
	readonly bytes: Uint8Array;
	readonly password?: string;
	readonly maxIterations?: number;
	/** The host's bundle (`vscode.l10n.bundle`): the problems are written in the display language. */
	readonly l10n?: Record<string, string>;
}

parentPort?.on('message', (request: Pkcs12WorkerRequest) => {
	useBundle(request.l10n);
	void parsePkcs12(request.bytes, {
		...(request.password !== undefined ? { password: request.password } : {}),
		...(request.maxIterations !== undefined ? { maxIterations: request.maxIterations } : {}),
		crypto: globalThis.crypto.subtle,
	}).then((result) => parentPort?.postMessage(result));
});
