import type * as vscode from 'vscode';
import { knownClientCertificates } from '../core/certificateIndex';
import type { Services } from '../services';
import { CaptureEditorProvider } from './captureEditorProvider';

/** The capture editor; its verdicts are joined with the client certificates of the workspace index. */
export function registerCaptures(context: vscode.ExtensionContext, services: Services): vscode.Disposable {
	return CaptureEditorProvider.register(context, services.logger, () => knownClientCertificates(services.certificateIndex.lookup));
}
