// Issue 13: a crafted .pfx must not freeze the extension host. The fixture asks for 10,000,000 key-derivation
// iterations (MAC and certificate encryption). The index reads it without deriving, the editor refuses to derive
// past schannelLens.pkcs12.maxIterations, and an explicit "Derive keys" runs the derivation in a worker thread.
// The host's own event-loop delay (perf_hooks, sampled every 10 ms) is measured through all of it, with controls
// before and after: the host idle, and the host idle while a worker thread that is not ours spins on one core (the
// derivation necessarily takes a core; on a machine with fewer free cores than that, the host thread waits for CPU
// whatever the extension does). The bound holds for the largest sample, not a percentile.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { fixtureUri, indexReady, openModel, until } from './certificateSupport';
import { HostDelay } from './hostDelay';

const FIXTURE = 'pki/client-alice-10m-iterations.pfx';

suite('PKCS#12 key derivation off the host thread (issue 13)', () => {
	test('a 10,000,000-iteration .pfx: index, open and "Derive keys" keep the host responsive (largest event-loop sample < 100 ms, controls beside it)', async function () {
		this.timeout(180_000);
		const uri = fixtureUri(FIXTURE);
		const delay = new HostDelay();
		const { histogram } = delay;
		const phase = (name: string) => delay.phase(name);
		const control = (name: string, spin: boolean) => delay.control(name, spin);
		const index = vscode.workspace.getConfiguration('schannelLens.index');
		delay.enable();
		try {
			// Controls: the host idle, then beside a spinning thread, to tell the machine's scheduling noise from ours.
			await control('control idle, before', false);
			await control('control beside a spinning thread, before', true);
			delay.startWork();
			// The index reads every .pfx it is given: here only this one (user setting), and it must not derive.
			await index.update('include', FIXTURE, vscode.ConfigurationTarget.Global);
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
			delay.stopWork();
			// Control again, right after: load on a shared machine comes and goes.
			await control('control beside a spinning thread, after', true);
			await control('control idle, after', false);
		} finally {
			delay.disable();
			await index.update('include', undefined, vscode.ConfigurationTarget.Global);
			// The other suites read the whole workspace's index again.
			await vscode.commands.executeCommand('schannelLens.refreshCertificateIndex');
			await indexReady();
		}
		delay.verdict(this, 'the key derivation');
	});
});
