// The verdict of the host's event-loop test (test/integration/pkcs12Worker.test.ts), kept apart from the
// vscode API so the unit tests check it (test/unit/support/eventLoop.test.ts).

/** The bound: the host's event loop is never delayed 100 ms or more while the .pfx is indexed, opened and derived. */
export const TARGET_MS = 100;
/** Any key derivation on the host's thread blocks it for seconds (10,000,000 iterations: about 49 s). */
export const BLOCKED_MS = 1000;

/**
 * What the maxima say. The bound is on the largest sample of the whole run (the interval between two ticks,
 * so the delay itself is 10 ms less: the check is stricter than the words). The idle controls before
 * and after the run measure the machine without our work: when they alone reach the bound, a run over it
 * says nothing about the extension.
 */
export function eventLoopVerdict(workMaxMs: number, idleMaxMs: number): 'pass' | 'fail' | 'stall' | 'inconclusive' {
	if (workMaxMs < TARGET_MS) return 'pass';
	if (idleMaxMs < TARGET_MS) return workMaxMs >= BLOCKED_MS ? 'stall' : 'fail';
	// The idle machine alone reaches the bound: only a stall far beyond what the idle machine shows is ours.
	if (workMaxMs >= BLOCKED_MS && idleMaxMs < BLOCKED_MS) return 'stall';
	return 'inconclusive';
}
