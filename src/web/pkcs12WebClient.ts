/**
 * Runs the PKCS#12 parse in a Web Worker (dist/web/pkcs12Worker.js), cancellable by terminating it: the web
 * extension host's counterpart of src/workers/pkcs12Client.ts, with the same request and answer.
 * The worker starts from a blob: URL of the script's text, read through workspace.fs by the caller: the
 * extension's own files are not same-origin with the extension host's worker, and a Worker needs that.
 */
import * as l10n from '@vscode/l10n';
import type * as vscode from 'vscode';
import type { Pkcs12Certificate, Pkcs12Options, X509Result } from '../core/x509';
import type { Pkcs12WorkerRequest } from '../workers/pkcs12Worker';

/** A dedicated worker as the web platform gives it (the project's types have no DOM library). */
interface WebWorker {
	onmessage: ((event: { data: unknown }) => void) | null;
	onerror: ((event: { message?: string }) => void) | null;
	postMessage(message: unknown): void;
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

/**
 * A `parsePkcs12` for loadCertificates that runs in a fresh Web Worker; `token` cancels (the worker is terminated).
 * `script` gives the worker's code (read once, the blob: URL is kept).
 */
export function webWorkerParsePkcs12(script: () => Promise<Uint8Array>, token: Pick<vscode.CancellationToken, 'isCancellationRequested' | 'onCancellationRequested'>): (bytes: Uint8Array, options: Pkcs12Options) => Promise<X509Result<Pkcs12Certificate[]>> {
	return async (bytes, options) => {
		if (token.isCancellationRequested) return cancelled();
		let url: string;
		try {
			url = await scriptUrl(script);
		} catch (err) {
			return failed(l10n.t('the PKCS#12 worker could not be loaded: {0}', err instanceof Error ? err.message : String(err)));
		}
		return new Promise((resolve) => {
			if (token.isCancellationRequested) return resolve(cancelled());
			const web = globalThis as unknown as WebGlobals;
			let worker: WebWorker;
			try {
				worker = new web.Worker!(url);
			} catch (err) {
				return resolve(failed(l10n.t('the PKCS#12 worker could not start: {0}', err instanceof Error ? err.message : String(err))));
			}
			const done = (result: X509Result<Pkcs12Certificate[]>) => {
				listener.dispose();
				worker.terminate();
				resolve(result);
			};
			const listener = token.onCancellationRequested(() => done(cancelled()));
			worker.onmessage = (event) => done(event.data as X509Result<Pkcs12Certificate[]>);
			worker.onerror = (event) => done(failed(l10n.t('the PKCS#12 worker failed: {0}', event.message ?? 'unknown error')));
			const request: Pkcs12WorkerRequest = {
				bytes,
				...(options.password !== undefined ? { password: options.password } : {}),
				...(options.maxIterations !== undefined ? { maxIterations: options.maxIterations } : {}),
			};
			worker.postMessage(request);
		});
	};
}

let cachedUrl: Promise<string> | undefined;

function scriptUrl(script: () => Promise<Uint8Array>): Promise<string> {
	cachedUrl ??= script().then((code) => {
		const web = globalThis as unknown as WebGlobals;
		return web.URL.createObjectURL(new web.Blob([code], { type: 'text/javascript' }));
	});
	// A failed read is tried again next time.
	cachedUrl.catch(() => (cachedUrl = undefined));
	return cachedUrl;
}

function cancelled(): X509Result<Pkcs12Certificate[]> {
	return { value: [], problems: [{ offset: 0, severity: 'warning', message: l10n.t('key derivation cancelled: the certificates were not read') }] };
}

function failed(message: string): X509Result<Pkcs12Certificate[]> {
	return { value: [], problems: [{ offset: 0, severity: 'error', message }] };
}
