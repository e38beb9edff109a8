/**
 * Web Workers in the web extension host (the PKCS#12 derivation, the capture and event-log parse). A worker starts
 * from a blob: URL of its script's text, read through workspace.fs by the caller: the extension's own files are
 * not same-origin with the extension host's worker, and a Worker needs that.
 */

/** A dedicated worker as the web platform gives it (the project's types have no DOM library). */
export interface WebWorker {
	onmessage: ((event: { data: unknown }) => void) | null;
	onerror: ((event: { message?: string }) => void) | null;
	postMessage(message: unknown, transfer?: ArrayBuffer[]): void;
	terminate(): void;
}

interface WebGlobals {
	Worker?: new (url: string) => WebWorker;
	Blob: new (parts: Uint8Array[], options: { type: string }) => unknown;
	URL: { createObjectURL(blob: unknown): string };
}

/** Whether this host can start Web Workers (the web worker extension host, a browser). */
export function webWorkersAvailable(): boolean {
	return typeof (globalThis as unknown as WebGlobals).Worker === 'function';
}

const urls = new Map<string, Promise<string>>();

/** The blob: URL of the script `name` (read once with `script`; a failed read is tried again next time). */
export function workerScriptUrl(name: string, script: () => Promise<Uint8Array>): Promise<string> {
	let url = urls.get(name);
	if (!url) {
		url = script().then((code) => {
			const web = globalThis as unknown as WebGlobals;
			return web.URL.createObjectURL(new web.Blob([code], { type: 'text/javascript' }));
		});
		urls.set(name, url);
		url.catch(() => urls.delete(name));
	}
	return url;
}

/** A new Web Worker running the script at `url` (throws where the host cannot start one). */
export function newWebWorker(url: string): WebWorker {
	const web = globalThis as unknown as WebGlobals;
	if (!web.Worker) throw new Error('this host cannot start Web Workers');
	return new web.Worker(url);
}
