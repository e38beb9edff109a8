/**
 * Runs the PKCS#12 parse in a Web Worker (dist/web/pkcs12Worker.js), cancellable by terminating it: the web
 * extension host's counterpart of src/workers/pkcs12Client.ts, with the same request and answer.
 * The worker starts from a blob: URL (src/web/webWorkers.ts).
 */
import * as l10n from '@vscode/l10n';
import type * as vscode from 'vscode';
import type { Pkcs12Certificate, Pkcs12Options, X509Result } from '../core/x509';
import type { Pkcs12WorkerRequest } from '../workers/pkcs12Worker';
import { newWebWorker, workerScriptUrl, type WebWorker } from './webWorkers';

/**
 * A `parsePkcs12` for loadCertificates that runs in a fresh Web Worker; `token` cancels (the worker is terminated).
 * `script` gives the worker's code (read once, the blob: URL is kept).
 */
export function webWorkerParsePkcs12(script: () => Promise<Uint8Array>, token: Pick<vscode.CancellationToken, 'isCancellationRequested' | 'onCancellationRequested'>, bundle?: Record<string, string>): (bytes: Uint8Array, options: Pkcs12Options) => Promise<X509Result<Pkcs12Certificate[]>> {
	return async (bytes, options) => {
		if (token.isCancellationRequested) return cancelled();
		let url: string;
		try {
			url = await workerScriptUrl('pkcs12', script);
		} catch (err) {
			return failed(l10n.t('the PKCS#12 worker could not be loaded: {0}', err instanceof Error ? err.message : String(err)));
		}
		return new Promise((resolve) => {
			if (token.isCancellationRequested) return resolve(cancelled());
			let worker: WebWorker;
			try {
				worker = newWebWorker(url);
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
				...(bundle ? { l10n: bundle } : {}),
			};
			worker.postMessage(request);
		});
	};
}

function cancelled(): X509Result<Pkcs12Certificate[]> {
	return { value: [], problems: [{ offset: 0, severity: 'warning', message: l10n.t('key derivation cancelled: the certificates were not read') }] };
}

function failed(message: string): X509Result<Pkcs12Certificate[]> {
	return { value: [], problems: [{ offset: 0, severity: 'error', message }] };
}
