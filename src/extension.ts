import * as vscode from 'vscode';
import { registerCertificateSupport } from './certificates';
import { IssuerListCommands } from './commands/issuerList';
import { TrustChainView } from './commands/showTrustChain';
import { knownClientCertificates } from './core/index';
import { CaptureEditorProvider } from './editors/captureEditorProvider';
import { registerRegLanguageSupport } from './language/regLanguage';
import { enableTestHooks } from './testHooks';
import { Logger } from './util/logger';

/** Table of contents: each feature registers itself and returns one disposable. */
export function activate(context: vscode.ExtensionContext): void {
	enableTestHooks(context);
	const logger = new Logger('Schannel Lens');
	const certificates = registerCertificateSupport(context, logger);
	context.subscriptions.push(
		logger,
		vscode.commands.registerCommand('schannelLens.showOutputChannel', () => logger.show()),
		registerRegLanguageSupport(logger),
		certificates,
		new IssuerListCommands(context.extensionUri),
		new TrustChainView(context.extensionUri, certificates.index),
		CaptureEditorProvider.register(context, logger, () => knownClientCertificates(certificates.index.lookup)),
	);
	logger.info(`activated in ${vscode.env.appName} ${vscode.version}`);
}

export function deactivate(): void {
	// Everything is disposed through context.subscriptions.
}
