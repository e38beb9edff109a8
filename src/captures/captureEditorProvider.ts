/** The capture editor: a read-only custom editor listing the TLS connections of a .pcap/.pcapng/.cap(.gz). */
import type { KnownClientCertificate } from '../core/capture';
import * as vscode from 'vscode';
import type { CaptureModel, FromWebview, ToWebview } from '../protocol/captureView';
import type { Logger } from '../shared/logger';
import { parseRunner } from '../host';
import { catchUp } from '../shared/catchUp';
import { registerTestCommand, TestOnlyMap } from '../shared/testHooks';
import { exportCertificates, exportDnList, openCertificate, openChain } from './captureActions';
import { CaptureDocument } from './captureDocument';
import { webviewHtml, webviewOptions } from '../shared/webviewHtml';

export class CaptureEditorProvider implements vscode.CustomReadonlyEditorProvider<CaptureDocument> {
	static readonly viewType = 'schannelLens.capture';

	/** Registers the provider and, in Test mode only, its test hook `schannelLens._test.lastCaptureModel`. */
	static register(context: vscode.ExtensionContext, logger: Logger, knownClients: () => readonly KnownClientCertificate[] = () => []): vscode.Disposable {
		const provider = new CaptureEditorProvider(context.extensionUri, logger, knownClients);
		return vscode.Disposable.from(
			vscode.window.registerCustomEditorProvider(CaptureEditorProvider.viewType, provider, { supportsMultipleEditorsPerDocument: true }),
			registerTestCommand('schannelLens._test.lastCaptureModel', (uri: string) => provider.lastModel(uri)),
			vscode.commands.registerCommand('schannelLens.capture.useKeyLog', (capture?: vscode.Uri, keyLog?: vscode.Uri) => provider.useKeyLog(capture, keyLog)),
			// The cut line and the verdicts depend on the target OS: read open captures again when it changes.
			vscode.workspace.onDidChangeConfiguration((e) => {
				if (e.affectsConfiguration('schannelLens.targetOs')) for (const document of provider._panels.keys()) void document.load();
			}),
			provider,
		);
	}

	/** Panels per document; `true` once the panel's webview said `ready` (only then does it get appends). */
	private readonly _panels = new Map<CaptureDocument, Map<vscode.WebviewPanel, boolean>>();
	/** The model the webviews of a URI received last (kept in Test mode only, for the integration tests). */
	private readonly _lastModels = new TestOnlyMap<CaptureModel>();
	/** The latest catch-up of each panel (a page that says `ready` again starts a new one). */
	private readonly _catchUps = new WeakMap<vscode.WebviewPanel, number>();

	private constructor(
		private readonly _extensionUri: vscode.Uri,
		private readonly _logger: Logger,
		private readonly _knownClients: () => readonly KnownClientCertificate[],
	) {}

	async openCustomDocument(uri: vscode.Uri): Promise<CaptureDocument> {
		// A model left from an earlier editor of this URI is stale now.
		this._lastModels.delete(uri.toString());
		const document = new CaptureDocument(uri, this._logger, this._knownClients, parseRunner(this._extensionUri));
		// Not awaited: the editor opens at once and connections stream in while the file is read.
		void document.load();
		return document;
	}

	async resolveCustomEditor(document: CaptureDocument, panel: vscode.WebviewPanel): Promise<void> {
		let panels = this._panels.get(document);
		if (!panels) {
			const created = new Map<vscode.WebviewPanel, boolean>();
			panels = created;
			this._panels.set(document, created);
			document.onDidReset(() => this._broadcast(document, created, { type: 'reset', model: document.model }));
			document.onDidAppend((connections) => this._broadcast(document, created, { type: 'append', connections }));
			document.onDidChangeHeader((header) => this._broadcast(document, created, { type: 'header', header }));
			document.onDidDelete(() => {
				for (const p of [...created.keys()]) p.dispose();
			});
		}
		const own = panels;
		own.set(panel, false);
		panel.webview.options = webviewOptions(this._extensionUri);
		panel.webview.html = webviewHtml(panel.webview, this._extensionUri, { script: 'capture', styles: ['capture.css'], title: document.fileName });
		panel.webview.onDidReceiveMessage((message: FromWebview) => void this._onMessage(document, panel, message));
		panel.onDidDispose(() => {
			own.delete(panel);
			if (own.size === 0) this._panels.delete(document);
		});
	}

	/**
	 * Command `schannelLens.capture.useKeyLog`: decrypt an open capture with a key log. Without arguments it
	 * asks for the file (for the active capture editor); the capture is then read again.
	 */
	async useKeyLog(capture?: vscode.Uri, keyLog?: vscode.Uri): Promise<void> {
		const documents = [...this._panels.keys()];
		const document = capture ? documents.find((d) => d.uri.toString() === capture.toString()) : (documents.find((d) => [...(this._panels.get(d)?.keys() ?? [])].some((p) => p.active)) ?? documents[0]);
		if (!document) {
			void vscode.window.showInformationMessage(vscode.l10n.t('Schannel Lens: open a capture in the capture editor first.'));
			return;
		}
		const chosen = keyLog ?? (await vscode.window.showOpenDialog({ title: vscode.l10n.t('Key log for {0}', document.fileName), openLabel: vscode.l10n.t('Decrypt with this key log'), canSelectMany: false, defaultUri: vscode.Uri.joinPath(document.uri, '..'), filters: { [vscode.l10n.t('Key logs')]: ['keylog', 'log', 'txt', 'keys'], [vscode.l10n.t('All files')]: ['*'] } }))?.[0];
		if (chosen) await document.setKeyLog(chosen);
	}

	/** The last model posted for `uri` (test hook). */
	lastModel(uri: string): CaptureModel | undefined {
		return this._lastModels.get(uri);
	}

	private _broadcast(document: CaptureDocument, panels: Map<vscode.WebviewPanel, boolean>, message: ToWebview): void {
		this._lastModels.set(document.uri.toString(), document.model);
		for (const [panel, ready] of panels) if (ready) this._post(panel, message);
	}

	private _post(panel: vscode.WebviewPanel, message: ToWebview): void {
		// A disposed panel rejects; that is not an error worth reporting.
		panel.webview.postMessage(message).then(undefined, () => undefined);
	}

	private async _onMessage(document: CaptureDocument, panel: vscode.WebviewPanel, message: FromWebview): Promise<void> {
		try {
			switch (message.type) {
				case 'ready': {
					// What was read before the page was ready goes in slices; the panel takes appends once it has it all.
					this._panels.get(document)?.set(panel, false);
					this._lastModels.set(document.uri.toString(), document.model);
					const turn = (this._catchUps.get(panel) ?? 0) + 1;
					this._catchUps.set(panel, turn);
					return await catchUp(
						() => document.model.connections,
						{
							reset: (connections) => this._post(panel, { type: 'reset', model: { header: document.model.header, connections } }),
							append: (connections) => this._post(panel, { type: 'append', connections }),
							header: () => this._post(panel, { type: 'header', header: document.model.header }),
							ready: () => this._panels.get(document)?.set(panel, true),
						},
						() => this._panels.get(document)?.has(panel) === true && this._catchUps.get(panel) === turn,
					);
				}
				case 'openCertificate':
					return await openCertificate(document, message.connection, message.side, message.index);
				case 'openChain':
					return await openChain(document, message.connection, message.side ?? 'client');
				case 'exportCertificates':
					return await exportCertificates(document, message.connection);
				case 'exportDnList':
					return await exportDnList(document, message.connection);
				case 'reopenAsText':
					return await vscode.commands.executeCommand('vscode.openWith', document.uri, 'default');
				case 'pickKeyLog':
					return await this.useKeyLog(document.uri);
				default: {
					const unknown: never = message;
					this._logger.warn(`capture editor: unknown message ${JSON.stringify(unknown)}`);
				}
			}
		} catch (err) {
			this._logger.warn(`capture editor: ${message.type} failed: ${err instanceof Error ? err.message : String(err)}`);
			void vscode.window.showErrorMessage(vscode.l10n.t('Schannel Lens: {0} failed: {1}', message.type, err instanceof Error ? err.message : String(err)));
		}
	}

	dispose(): void {
		this._panels.clear();
		this._lastModels.clear();
	}
}
