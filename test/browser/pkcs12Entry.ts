// A browser bundle for test/unit/browser/pkcs12WebWorker.test.ts: the web host's PKCS#12 client
// (src/web/pkcs12WebClient.ts) as the extension uses it, with a cancellation token the test page controls.
import { webWorkerParsePkcs12 } from '../../src/web/pkcs12WebClient';
import { webWorkersAvailable } from '../../src/web/webWorkers';

interface Outcome {
	/** Each certificate's DER in hex. */
	readonly der: string[];
	readonly problems: string[];
	/** The page's own largest gap between 10 ms ticks while the worker ran (its main thread stays free). */
	readonly maxTickGapMs: number;
	readonly elapsedMs: number;
}

/** Parses `bytes` in the Web Worker loaded from `scriptUrl`; cancels after `cancelAfterMs` when given. */
export async function run(scriptUrl: string, bytes: Uint8Array, password: string | undefined, maxIterations: number, cancelAfterMs?: number): Promise<Outcome> {
	const listeners: ((e: unknown) => unknown)[] = [];
	const token = {
		isCancellationRequested: false,
		onCancellationRequested: (listener: (e: unknown) => unknown) => {
			listeners.push(listener);
			return { dispose: () => void listeners.splice(listeners.indexOf(listener), 1) };
		},
	};
	const script = async () => new Uint8Array(await (await fetch(scriptUrl)).arrayBuffer());
	let last = performance.now(), maxTickGapMs = 0;
	const ticker = setInterval(() => {
		const now = performance.now();
		maxTickGapMs = Math.max(maxTickGapMs, now - last);
		last = now;
	}, 10);
	if (cancelAfterMs !== undefined) {
		setTimeout(() => {
			token.isCancellationRequested = true;
			for (const l of [...listeners]) l(undefined);
		}, cancelAfterMs);
	}
	const started = performance.now();
	const result = await webWorkerParsePkcs12(script, token)(bytes, { ...(password !== undefined ? { password } : {}), maxIterations });
	const elapsedMs = performance.now() - started;
	clearInterval(ticker);
	return { der: result.value.map((c) => Array.from(c.der, (b) => b.toString(16).padStart(2, '0')).join('')), problems: result.problems.map((p) => p.message), maxTickGapMs, elapsedMs };
}

export { webWorkersAvailable };
