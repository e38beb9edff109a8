// Issue 13: a crafted .pfx must not freeze the extension host. The fixture asks for 10,000,000 key-derivation
// iterations (MAC and certificate encryption). The index reads it without deriving, the editor refuses to derive
// past schannelLens.pkcs12.maxIterations, and an explicit "Derive keys" runs the derivation in a worker thread.
// The host's own event-loop delay (perf_hooks, sampled every 10 ms) is measured through all of it.
import * as assert from 'node:assert/strict';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { fixtureUri, indexReady, openModel, until } from './certificateSupport';

const FIXTURE = 'pki/client-alice-10m-iterations.pfx';
/** The target for the worst delay; held on a quiet machine (max 75.7 ms), see the note at the assertion. */
const TARGET_MS = 100;
/** Any key derivation on the host's thread blocks it for seconds (10,000,000 iterations: about 49 s). */
const BLOCKED_MS = 1000;

suite('PKCS#12 key derivation off the host thread (issue 13)', () => {
	test('a 10,000,000-iteration .pfx: index, open and "Derive keys" keep the host responsive (event-loop delay p99 < 100 ms, no stall)', async function () {
		this.timeout(120_000);
		const uri = fixtureUri(FIXTURE);
		const histogram = monitorEventLoopDelay({ resolution: 10 });
		/** Every sample after the control phase, for one 99th percentile over the whole run. */
		const all = monitorEventLoopDelay({ resolution: 10 });
		const phases: string[] = [];
		let worst = 0;
		/** Closes a measured phase: its maximum delay joins the report and the verdict. */
		const phase = (name: string) => {
			const max = histogram.max / 1e6;
			if (!name.startsWith('control')) worst = Math.max(worst, max);
			phases.push(`${name}: max ${max.toFixed(1)} ms, p99 ${(histogram.percentile(99) / 1e6).toFixed(1)} ms, ${histogram.count} samples`);
			histogram.reset();
		};
		const index = vscode.workspace.getConfiguration('schannelLens.index');
		histogram.enable();
		try {
			// Control: the host idle for 300 samples, to tell the machine's own scheduling noise from ours.
			await until(() => (histogram.count >= 300 ? true : undefined), '300 idle event-loop samples', 60_000);
			phase('control (idle)');
			all.enable();
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
		} finally {
			histogram.disable();
			all.disable();
			await index.update('include', undefined, vscode.ConfigurationTarget.Global);
			// The other suites read the whole workspace's index again.
			await vscode.commands.executeCommand('schannelLens.refreshCertificateIndex');
			await indexReady();
		}
		const p99 = all.percentile(99) / 1e6;
		phases.push(`whole run after the control: p99 ${p99.toFixed(1)} ms over ${all.count} samples`);
		console.log(`    event-loop delay of the host: ${phases.join('; ')}`);
		// The 99th percentile of the whole run stays under the target. The single worst sample is held to 1 s:
		// any derivation on this thread would show as one sample of many seconds, while a CPU-oversubscribed
		// machine (load average 20 on 2 cores, seen here) delays an idle host by a few hundred ms on its own.
		assert.ok(p99 < TARGET_MS, `the 99th percentile reached ${p99.toFixed(1)} ms: ${phases.join('; ')}`);
		assert.ok(worst < BLOCKED_MS, `the host's event loop stalled for ${worst.toFixed(1)} ms: ${phases.join('; ')}`);
		if (worst >= TARGET_MS) console.log(`    note: worst sample ${worst.toFixed(1)} ms is over the ${TARGET_MS} ms target (see the control phase for this machine's noise)`);
	});
});
