/**
 * Worker thread (dist/parseWorker.js): the capture and event-log parse of the editors, off the extension host's
 * thread (issue 13). With a `path` it streams the file from disk itself, so the host never holds a large capture;
 * otherwise the host sends the bytes in chunks. The host terminates it to cancel.
 */
import { createReadStream } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { setDefaultCrypto } from '../core/crypto/provider';
import { nodeCrypto } from '../shared/nodeCrypto';
import { PARSE_CHUNK, ParseInbox, runParseJob, type ToParseWorker } from './parseJob';
import { useBundle } from './useBundle';

// Decryption with a key log: Node's crypto, as in the extension host.
setDefaultCrypto(nodeCrypto);

async function* fileChunks(path: string): AsyncGenerator<Uint8Array> {
	const stream = createReadStream(path, { highWaterMark: PARSE_CHUNK });
	try {
		for await (const chunk of stream as AsyncIterable<Buffer>) yield new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length);
	} finally {
		stream.destroy();
	}
}

const inbox = new ParseInbox();
parentPort?.on('message', (message: ToParseWorker) => {
	if (message.type !== 'start') return inbox.receive(message);
	useBundle(message.l10n);
	const chunks = message.path !== undefined ? inbox.gated(fileChunks(message.path)) : inbox.received();
	void runParseJob(message.job, chunks, (m) => parentPort?.postMessage(m));
});
