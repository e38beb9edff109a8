import type * as vscode from 'vscode';
import type { Services } from '../services';
import { EventEditorProvider } from './eventEditorProvider';

/** The event log editor (`.evtx`, Event Viewer exports on request) and its "Show as chain". */
export function registerEvents(context: vscode.ExtensionContext, services: Services): vscode.Disposable {
	return EventEditorProvider.register(services.logger, context.extensionUri, services.certificateIndex);
}
