import * as vscode from 'vscode';
import { registerCaptures } from './captures/register';
import { registerCertificates } from './certificates/register';
import { registerChains } from './chains/register';
import { registerCollection } from './collect/register';
import { registerDoctor } from './doctor/register';
import { registerEvents } from './events/register';
import { registerIssuers } from './issuers/register';
import { registerRegistry } from './registry/register';
import { createServices } from './services';
import { enableTestHooks } from './shared/testHooks';
import { parseRunner, setUpHost } from './host';
import { setCaseParseRunner } from './case/caseParse';
import { configureCoreL10n } from './shared/l10n';

/** Table of contents: each feature registers itself with the shared services and returns one disposable. */
export function activate(context: vscode.ExtensionContext): void {
	setUpHost();
	// The case builder (doctor, issuer report, the capture editor's case answer) reads captures and event logs in the parse worker.
	setCaseParseRunner(parseRunner(context.extensionUri));
	configureCoreL10n();
	enableTestHooks(context);
	const services = createServices();
	context.subscriptions.push(
		services,
		vscode.commands.registerCommand('schannelLens.showOutputChannel', () => services.logger.show()),
		registerCertificates(context, services),
		registerRegistry(context, services),
		registerIssuers(context, services),
		registerChains(context, services),
		registerCaptures(context, services),
		registerCollection(context, services),
		registerEvents(context, services),
		registerDoctor(context, services),
	);
	services.logger.info(`activated in ${vscode.env.appName} ${vscode.version}`);
}

export function deactivate(): void {
	// Everything is disposed through context.subscriptions.
}
