import type * as vscode from 'vscode';
import type { Services } from '../services';
import { IssuerListCommands } from './issuerList';

/** The trusted issuer list: the report panel, the plans, the hotfix check and snapshot comparison. */
export function registerIssuers(context: vscode.ExtensionContext, _services: Services): vscode.Disposable {
	return new IssuerListCommands(context.extensionUri);
}
