/**
 * Web Worker (dist/web/pkcs12Worker.js): the web extension host's PKCS#12 parse, key derivation included, off
 * the extension host's thread. The same request and answer as the Node worker (src/workers/pkcs12Worker.ts);
 * the host terminates it to cancel. The core's hashes are the pure-JS provider here, as in the web host.
 */
import { nobleCrypto } from '../core/crypto/noble';
import { setDefaultCrypto } from '../core/crypto/provider';
import { parsePkcs12 } from '../core/x509';
import type { Pkcs12WorkerRequest } from '../workers/pkcs12Worker';
import { useBundle } from '../workers/useBundle';

/** The parts of a dedicated worker's global scope used here (the project's types have no DOM library). */
interface WorkerScope {
	onmessage: ((event: { data: Pkcs12WorkerRequest }) => void) | null;
	postMessage(message: unknown): void;
	readonly crypto: { readonly subtle: NonNullable<Parameters<typeof parsePkcs12>[1]>['crypto'] };
}

setDefaultCrypto(nobleCrypto);
const scope = globalThis as unknown as WorkerScope;
scope.onmessage = ({ data: request }) => {
	useBundle(request.l10n);
	void parsePkcs12(request.bytes, {
		...(request.password !== undefined ? { password: request.password } : {}),
		...(request.maxIterations !== undefined ? { maxIterations: request.maxIterations } : {}),
		crypto: scope.crypto.subtle,
	}).then((result) => scope.postMessage(result));
};
