import type * as vscode from 'vscode';
import type { Services } from '../services';
import { TrustChainView } from './showTrustChain';

/** "Show Trust Chain" and the chain view. */
export function registerChains(context: vscode.ExtensionContext, services: Services): vscode.Disposable {
	return new TrustChainView(context.extensionUri, services.certificateIndex);
}
