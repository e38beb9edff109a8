/**
 * Web Worker (dist/web/parseWorker.js): the web extension host's capture and event-log parse, off its thread.
 * The same job and messages as the Node worker (src/workers/parseWorker.ts); the host always sends the bytes.
 * The core's hashes (key-log decryption) are the pure-JS provider here, as in the web host.
 */
import { nobleCrypto } from '../core/crypto/noble';
import { setDefaultCrypto } from '../core/crypto/provider';
import { ParseInbox, runParseJob, type FromParseWorker, type ToParseWorker } from '../workers/parseJob';
import { useBundle } from '../workers/useBundle';

/** The parts of a dedicated worker's global scope used here (the project's types have no DOM library). */
interface WorkerScope {
	onmessage: ((event: { data: ToParseWorker }) => void) | null;
	postMessage(message: FromParseWorker): void;
}

setDefaultCrypto(nobleCrypto);
const scope = globalThis as unknown as WorkerScope;
const inbox = new ParseInbox();
scope.onmessage = ({ data: message }) => {
	if (message.type !== 'start') return inbox.receive(message);
	useBundle(message.l10n);
	void runParseJob(message.job, inbox.received(), (m) => scope.postMessage(m));
};
