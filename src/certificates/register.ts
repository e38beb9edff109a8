/** Certificate support: the certificate editor, the workspace index and its tree, hovers, the PEM CodeLens, commands. */
import * as vscode from 'vscode';
import { nameTitle } from '../core/certificateIndex';
import { CertificateEditorProvider } from './certificateEditorProvider';
import { CertificateIndex } from './certificateIndex';
import { CertificateTreeProvider, type CertificateNode } from './certificateTree';
import { CertificateHoverProvider, hoverSelector, OPEN_COMMAND } from './certificateHover';
import { PemCodeLensProvider } from './pemCodeLens';
import type { Services } from '../services';
import { registerTestCommand } from '../shared/testHooks';

function toUri(value: unknown): vscode.Uri | undefined {
	if (value instanceof vscode.Uri) return value;
	if (typeof value === 'string') return vscode.Uri.parse(value);
	return undefined;
}

function registerHovers(index: CertificateIndex): vscode.Disposable {
	const provider = new CertificateHoverProvider(index);
	let registration = vscode.languages.registerHoverProvider(hoverSelector(), provider);
	const listener = vscode.workspace.onDidChangeConfiguration((e) => {
		if (!e.affectsConfiguration('schannelLens.hover')) return;
		registration.dispose();
		registration = vscode.languages.registerHoverProvider(hoverSelector(), provider);
	});
	return { dispose: () => vscode.Disposable.from(registration, listener).dispose() };
}

function registerCommands(context: vscode.ExtensionContext, editors: CertificateEditorProvider, index: CertificateIndex): vscode.Disposable {
	return vscode.Disposable.from(
		vscode.commands.registerCommand(OPEN_COMMAND, async (target?: unknown, certificate?: unknown) => {
			const text = vscode.window.activeTextEditor;
			const uri = toUri(target) ?? text?.document.uri;
			if (!uri) return void vscode.window.showInformationMessage(vscode.l10n.t('Open a certificate or PEM file first.'));
			await editors.open(uri, typeof certificate === 'number' ? certificate : undefined);
		}),
		vscode.commands.registerCommand('schannelLens.copyThumbprint', async (node?: CertificateNode) => {
			const sha1 = node?.kind === 'certificate' ? node.certificate.sha1 : await pickThumbprint(editors);
			if (!sha1) return;
			await vscode.env.clipboard.writeText(sha1);
			vscode.window.setStatusBarMessage(vscode.l10n.t('Copied thumbprint {0}', sha1), 3000);
		}),
		vscode.commands.registerCommand('schannelLens.refreshCertificateIndex', () => index.rebuild()),
		// Test hooks, registered in ExtensionMode.Test only: what the webview received, and the PFX password form.
		registerTestCommand('schannelLens._test.lastCertificateModel', (uri: string) => editors.lastModel(uri)),
		registerTestCommand('schannelLens._test.submitPassword', (uri: string, password: string) => editors.submitPassword(uri, password)),
		registerTestCommand('schannelLens._test.indexReady', async () => {
			await index.whenReady();
			return { count: index.lookup.count, files: index.lookup.files() };
		}),
		registerTestCommand('schannelLens._test.logUri', () => context.logUri.toString()),
		registerTestCommand('schannelLens._test.approveDerivation', (uri: string) => void editors.approveDerivation(uri)),
		registerTestCommand('schannelLens._test.certificateLoading', (uri: string) => editors.isLoading(uri)),
	);
}

async function pickThumbprint(editors: CertificateEditorProvider): Promise<string | undefined> {
	const doc = editors.activeDocument;
	if (!doc || doc.certificates.length === 0) {
		void vscode.window.showInformationMessage(vscode.l10n.t('Open a certificate in the Certificate View, or use the Certificates view, to copy a thumbprint.'));
		return undefined;
	}
	if (doc.certificates.length === 1) return doc.certificates[0]!.certificate.sha1;
	const picked = await vscode.window.showQuickPick(
		doc.certificates.map((c) => ({ label: nameTitle(c.certificate.subject), description: c.certificate.sha1, sha1: c.certificate.sha1 })),
		{ placeHolder: vscode.l10n.t('Certificate whose SHA-1 thumbprint to copy') },
	);
	return picked?.sha1;
}

/** Certificate features: the editor, the index's tree, hovers, the PEM CodeLens, commands; the index starts building. */
export function registerCertificates(context: vscode.ExtensionContext, services: Services): vscode.Disposable {
	const { logger, certificateIndex: index } = services;
	const { provider, disposable } = CertificateEditorProvider.register(context, index, logger);
	const tree = new CertificateTreeProvider(index);
	// Until the first index is built the Certificates view says it is reading, not "no certificates" (issue 15).
	void vscode.commands.executeCommand('setContext', 'schannelLens.certificateIndexReady', false);
	void index.start();
	const ready = () => vscode.commands.executeCommand('setContext', 'schannelLens.certificateIndexReady', true);
	void index.whenReady().then(ready, ready);
	logger.info('certificate support registered');
	return vscode.Disposable.from(
		disposable,
		tree,
		vscode.window.createTreeView('schannelLens.certificates', { treeDataProvider: tree, showCollapseAll: true }),
		registerHovers(index),
		vscode.languages.registerCodeLensProvider([{ pattern: '**/*.pem' }, { language: 'pem' }], new PemCodeLensProvider()),
		registerCommands(context, provider, index),
		// A marker line the tests wait for: once it is in the log file, everything logged before it is too.
		registerTestCommand('schannelLens._test.logMarker', (text: string) => logger.info(text)),
		// The Certificates view's top two levels as the view shows them (label, description, tooltip), in Test mode only.
		registerTestCommand('schannelLens._test.certificateTreeItems', async () => {
			await index.whenReady();
			const text = (v: string | vscode.TreeItemLabel | vscode.MarkdownString | vscode.Uri | undefined) => (v === undefined ? undefined : typeof v === 'string' ? v : v instanceof vscode.Uri ? v.path : 'label' in v ? v.label : v.value);
			const items = [];
			for (const machine of await tree.getChildren()) {
				for (const node of [machine, ...(await tree.getChildren(machine))]) {
					const item = tree.getTreeItem(node);
					items.push({ kind: node.kind, label: text(item.label), description: text(typeof item.description === 'string' ? item.description : undefined), tooltip: text(item.tooltip) });
				}
			}
			return items;
		}),
	);
}
