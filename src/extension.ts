import * as vscode from 'vscode';
import { registerCertificateSupport } from './certificates';
import { IssuerListCommands } from './commands/issuerList';
import { TrustChainView } from './commands/showTrustChain';
import { registerRegLanguageSupport } from './language/regLanguage';
import { Logger } from './util/logger';

/** Table of contents: each feature registers itself and returns one disposable. */
export function activate(context: vscode.ExtensionContext): void {
	const logger = new Logger('Schannel Lens');
	context.subscriptions.push(
		logger,
		vscode.commands.registerCommand('schannelLens.showOutputChannel', () => logger.show()),
		registerRegLanguageSupport(logger),
		registerCertificateSupport(context, logger),
		new IssuerListCommands(context.extensionUri),
		new TrustChainView(context.extensionUri),
	);
	logger.info(`activated in ${vscode.env.appName} ${vscode.version}`);
}

export function deactivate(): void {
	// Everything is disposed through context.subscriptions.
}
