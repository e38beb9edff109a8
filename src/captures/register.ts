import * as vscode from 'vscode';
import { knownClientCertificates } from '../core/certificateIndex';
import type { Services } from '../services';
import { registerTestCommand } from '../shared/testHooks';
import { holdParseWorkers, parseWorkerStats, parseWorkerStatsOf } from '../workers/parseRunner';
import { CaptureEditorProvider } from './captureEditorProvider';

/** The capture editor; its verdicts are joined with the client certificates of the workspace index. */
export function registerCaptures(context: vscode.ExtensionContext, services: Services): vscode.Disposable {
	return vscode.Disposable.from(
		CaptureEditorProvider.register(context, services.logger, () => knownClientCertificates(services.certificateIndex.lookup)),
		// Test hooks (Test mode only) of the capture and event-log parse workers: how many started and live (all, or one file's: the editors' reads, or those for a purpose such as `case`), and holding their reads.
		registerTestCommand('schannelLens._test.parseWorkers', (uri?: string, purpose?: string) => (uri === undefined ? { ...parseWorkerStats } : parseWorkerStatsOf(uri, purpose))),
		registerTestCommand('schannelLens._test.holdParseWorkers', (hold: boolean) => holdParseWorkers(hold)),
	);
}
