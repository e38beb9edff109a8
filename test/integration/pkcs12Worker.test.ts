// Issue 13: a crafted .pfx must not freeze the extension host. The fixture asks for 10,000,000 key-derivation
// iterations (MAC and certificate encryption). The index reads it without deriving, the editor refuses to derive
// past schannelLens.pkcs12.maxIterations, and an explicit "Derive keys" runs the derivation in a worker thread.
// The host's own event-loop delay (perf_hooks, sampled every 10 ms) is measured through all of it, with controls
// before and after: the host idle, and the host idle while a worker thread that is not ours spins on one core (the
// derivation necessarily takes a core; on a machine with fewer free cores than that, the host thread waits for CPU
// whatever the extension does). The bound holds for the largest sample, not a percentile.
import * as assert from 'node:assert/strict';
import { availableParallelism, loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import * as vscode from 'vscode';
import { eventLoopVerdict, OVERSUBSCRIBED, TARGET_MS } from '../support/eventLoop';
import { fixtureUri, indexReady, openModel, until } from './certificateSupport';

const FIXTURE = 'pki/client-alice-10m-iterations.pfx';
/** perf_hooks' sampling timer: each sample is the time between two 10 ms ticks (an idle loop shows 10.05 ms). */
const RESOLUTION_MS = 10;
/** Samples in each control window (about 3 s). */
const CONTROL_SAMPLES = 300;

const ms = (ns: number): string => (ns / 1e6).toFixed(1);

suite('PKCS#12 key derivation off the host thread (issue 13)', () => {
	test('a 10,000,000-iteration .pfx: index, open and "Derive keys" keep the host responsive (largest event-loop sample < 100 ms, controls beside it)', async function () {
		this.timeout(180_000);
		const uri = fixtureUri(FIXTURE);
		/** One histogram per phase (reset between phases) for the report. */
		const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
		/** Every sample of the measured work (index, open, derivation, cancel): its maximum is the verdict. */
		const work = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
		const phases: string[] = [];
		/** The largest sample of the controls (idle, and idle beside a spinning thread). */
		let controlMax = 0;
		/** Closes a phase: its maximum and 99th percentile join the report. */
		const phase = (name: string) => {
			if (name.startsWith('control')) controlMax = Math.max(controlMax, histogram.max);
			phases.push(`${name}: max ${ms(histogram.max)} ms, p99 ${ms(histogram.percentile(99))} ms, ${histogram.count} samples`);
			histogram.reset();
		};
		const control = async (name: string, spin: boolean) => {
			// A CPU-bound thread in this process, as the derivation's worker is, that runs none of the extension's code.
			const spinner = spin ? new Worker('for (;;) {}', { eval: true }) : undefined;
			try {
				histogram.reset();
				await until(() => (histogram.count >= CONTROL_SAMPLES ? true : undefined), `${CONTROL_SAMPLES} control event-loop samples`, 60_000);
				phase(name);
			} finally {
				await spinner?.terminate();
			}
		};
		const index = vscode.workspace.getConfiguration('schannelLens.index');
		histogram.enable();
		try {
			// Controls: the host idle, then beside a spinning thread, to tell the machine's scheduling noise from ours.
			await control('control idle, before', false);
			await control('control beside a spinning thread, before', true);
			work.enable();
			// The index reads every .pfx it is given: here only this one (user setting), and it must not derive.
			await index.update('include', FIXTURE, vscode.ConfigurationTarget.Global);
			histogram.reset();
			await vscode.commands.executeCommand('schannelLens.refreshCertificateIndex');
			const indexed = await indexReady();
			assert.equal(indexed.count, 0, 'the index decrypted nothing');
			phase('index');
			// Opening: over the 1,000,000 default, nothing is derived; the editor says how many iterations it asks for.
			const model = await openModel(uri, 'schannelLens.certificate', (m) => m.problems.some((p) => p.message.includes('10,000,000')));
			assert.equal(model.certificates.length, 0, 'no certificate is decrypted without the explicit action');
			assert.ok(model.problems.some((p) => /over the limit of 1,000,000/.test(p.message)), JSON.stringify(model.problems));
			phase('open');
			// The explicit action: the derivation starts in the worker and keeps running.
			await vscode.commands.executeCommand('schannelLens._test.approveDerivation', uri.toString());
			await until(async () => ((await vscode.commands.executeCommand<boolean>('schannelLens._test.certificateLoading', uri.toString())) ? true : undefined), 'the key derivation to start');
			phase('start derivation');
			// Gather at least 300 delay samples (about 3 s at 10 ms) while the worker derives (no fixed sleep).
			await until(() => (histogram.count >= 300 ? true : undefined), '300 event-loop samples during the derivation', 60_000);
			assert.equal(await vscode.commands.executeCommand<boolean>('schannelLens._test.certificateLoading', uri.toString()), true, 'the derivation was still running while the host was measured');
			phase('derivation in the worker');
			// Cancel: closing the editor terminates the worker.
			await vscode.commands.executeCommand('workbench.action.closeAllEditors');
			await until(async () => ((await vscode.commands.executeCommand<boolean | undefined>('schannelLens._test.certificateLoading', uri.toString())) ? undefined : true), 'the derivation to stop');
			phase('cancel');
			work.disable();
			// Control again, right after: load on a shared machine comes and goes.
			await control('control beside a spinning thread, after', true);
			await control('control idle, after', false);
		} finally {
			histogram.disable();
			work.disable();
			await index.update('include', undefined, vscode.ConfigurationTarget.Global);
			// The other suites read the whole workspace's index again.
			await vscode.commands.executeCommand('schannelLens.refreshCertificateIndex');
			await indexReady();
		}
		const workMs = work.max / 1e6, controlMs = controlMax / 1e6;
		const loadPerCpu = loadavg()[0]! / availableParallelism();
		const report = `work: max ${workMs.toFixed(1)} ms (delay ${(workMs - RESOLUTION_MS).toFixed(1)} ms), p99 ${ms(work.percentile(99))} ms over ${work.count} samples; controls: max ${controlMs.toFixed(1)} ms; load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} CPUs; ${phases.join('; ')}`;
		console.log(`    event-loop samples of the host (bound: largest < ${TARGET_MS} ms): ${report}`);
		const verdict = eventLoopVerdict(workMs, controlMs, loadPerCpu);
		if (verdict === 'stall') assert.fail(`the host's event loop stalled for ${workMs.toFixed(1)} ms (controls at most ${controlMs.toFixed(1)} ms): work ran on the host thread. ${report}`);
		if (verdict === 'fail') assert.fail(`the largest event-loop sample reached ${workMs.toFixed(1)} ms (bound ${TARGET_MS} ms) while the controls stayed under it (${controlMs.toFixed(1)} ms). ${report}`);
		if (verdict === 'inconclusive') {
			const why = controlMs >= TARGET_MS ? `the host without our work reached ${controlMs.toFixed(1)} ms` : `the machine runs ${loadPerCpu.toFixed(1)} threads per CPU (from ${OVERSUBSCRIBED} the scheduler decides the largest delay)`;
			const message = `INCONCLUSIVE: ${why}, so the work's ${workMs.toFixed(1)} ms over the ${TARGET_MS} ms bound cannot be told from this machine's load. ${report}`;
			console.log(`    ${message}`);
			// On CI (a dedicated machine) that is a failure of the machine worth seeing; elsewhere the test is skipped, said plainly.
			if (process.env.CI) assert.fail(message);
			this.skip();
		}
	});
});
