import * as vscode from 'vscode';
import { registerCertificateSupport } from './certificates';
import { IssuerListCommands } from './commands/issuerList';
import { TrustChainView } from './commands/showTrustChain';
import { knownClientCertificates } from './core/index';
import { CaptureEditorProvider } from './editors/captureEditorProvider';
import { registerRegLanguageSupport } from './language/regLanguage';
import { Logger } from './util/logger';
import { setDefaultCrypto } from './core/crypto/provider';
import { nodeCrypto } from './util/nodeCrypto';

/** Table of contents: each feature registers itself and returns one disposable. */
export function activate(context: vscode.ExtensionContext): void {
	setDefaultCrypto(nodeCrypto);
	const logger = new Logger('Schannel Lens');
	const certificates = registerCertificateSupport(context, logger);
	context.subscriptions.push(
		logger,
		vscode.commands.registerCommand('schannelLens.showOutputChannel', () => logger.show()),
		registerRegLanguageSupport(logger),
		certificates,
		new IssuerListCommands(context.extensionUri),
		new TrustChainView(context.extensionUri),
		CaptureEditorProvider.register(context, logger, () => knownClientCertificates(certificates.index.lookup)),
	);
	logger.info(`activated in ${vscode.env.appName} ${vscode.version}`);
}

export function deactivate(): void {
	// Everything is disposed through context.subscriptions.
}
