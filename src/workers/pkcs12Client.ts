/** Runs the PKCS#12 parse in a worker thread (dist/pkcs12Worker.js), cancellable by terminating it. */
import { Worker } from 'node:worker_threads';
import * as l10n from '@vscode/l10n';
import type * as vscode from 'vscode';
import type { Pkcs12Certificate, Pkcs12Options, X509Result } from '../core/x509';
import type { Pkcs12WorkerRequest } from './pkcs12Worker';

/** What loadCertificates calls to parse a PFX: here, in a worker. */
export type ParsePkcs12 = (bytes: Uint8Array, options: Pkcs12Options) => Promise<X509Result<Pkcs12Certificate[]>>;

/** Starts PFX parses off the host's thread, one worker each, cancelled by `token` (Node: worker_threads; web: a Web Worker). */
export type Pkcs12Runner = (token: vscode.CancellationToken) => ParsePkcs12;

/** A `parsePkcs12` for loadCertificates that runs in a fresh worker; `token` cancels (the worker is terminated). */
export function workerParsePkcs12(workerPath: string, token: vscode.CancellationToken, bundle?: Record<string, string>): ParsePkcs12 {
	return (bytes, options) =>
		new Promise((resolve) => {
			if (token.isCancellationRequested) return resolve(cancelled());
			const worker = new Worker(workerPath);
			const done = (result: X509Result<Pkcs12Certificate[]>) => {
				listener.dispose();
				void worker.terminate();
				resolve(result);
			};
			const listener = token.onCancellationRequested(() => done(cancelled()));
			worker.once('message', (result: X509Result<Pkcs12Certificate[]>) => done(result));
			worker.once('error', (err) => done({ value: [], problems: [{ offset: 0, severity: 'error', message: l10n.t('the PKCS#12 worker failed: {0}', err.message) }] }));
			const request: Pkcs12WorkerRequest = {
				bytes,
				...(options.password !== undefined ? { password: options.password } : {}),
				...(options.maxIterations !== undefined ? { maxIterations: options.maxIterations } : {}),
				...(bundle ? { l10n: bundle } : {}),
			};
			worker.postMessage(request);
		});
}

function cancelled(): X509Result<Pkcs12Certificate[]> {
	return { value: [], problems: [{ offset: 0, severity: 'warning', message: l10n.t('key derivation cancelled: the certificates were not read') }] };
}
