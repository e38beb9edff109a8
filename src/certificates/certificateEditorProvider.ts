/** The certificate editor: a read-only custom editor whose webview renders the model built from the core. */
import * as vscode from 'vscode';
import type { CertificateIndex } from './certificateIndex';
import type { CertificateFileModel, FromWebview, ToWebview } from '../protocol/certificateView';
import type { Logger } from '../shared/logger';
import { TestOnlyMap } from '../shared/testHooks';
import { CertificateDocument } from './certificateDocument';
import { certificateActions } from './certificateActions';
import { buildFileModel, refusedFileModel } from './certificateModel';
import { webviewHtml, webviewOptions } from '../shared/webviewHtml';
import { pkcs12Runner } from '../host';

export class CertificateEditorProvider implements vscode.CustomReadonlyEditorProvider<CertificateDocument> {
	static readonly viewType = 'schannelLens.certificate';
	/** The same editor for `.pem`, contributed with priority `option`: PEM files stay text by default. */
	static readonly pemViewType = 'schannelLens.certificatePem';

	/** Registers the provider; returns it with the registration's disposable. */
	static register(context: vscode.ExtensionContext, index: CertificateIndex, logger: Logger): { provider: CertificateEditorProvider; disposable: vscode.Disposable } {
		const provider = new CertificateEditorProvider(context.extensionUri, index, logger);
		const options = { supportsMultipleEditorsPerDocument: true };
		const registrations = [CertificateEditorProvider.viewType, CertificateEditorProvider.pemViewType].map((viewType) => vscode.window.registerCustomEditorProvider(viewType, provider, options));
		return { provider, disposable: vscode.Disposable.from(...registrations, provider) };
	}

	private readonly _panels = new Map<CertificateDocument, Set<vscode.WebviewPanel>>();
	/** The last model posted per document URI: what the webview received (kept in Test mode only, for the tests). */
	private readonly _lastModels = new TestOnlyMap<CertificateFileModel>();
	/** Certificate to select when a URI opens (set by Open in Certificate View on a PEM block). */
	private readonly _pendingSelection = new Map<string, number>();
	private readonly _indexListener: vscode.Disposable;
	private _active: CertificateDocument | undefined;

	private constructor(
		private readonly _extensionUri: vscode.Uri,
		private readonly _index: CertificateIndex,
		private readonly _logger: Logger,
	) {
		// The Path tab reads the index: show what it knows now that it changed.
		this._indexListener = _index.onDidChange(() => {
			for (const doc of this._panels.keys()) this._postModel(doc);
		});
	}

	async openCustomDocument(uri: vscode.Uri): Promise<CertificateDocument> {
		// The host's worker: worker_threads on Node hosts, a Web Worker in the web worker extension host (src/host.ts).
		const document = await CertificateDocument.open(uri, this._logger, pkcs12Runner(this._extensionUri));
		// The first load ran inside open(), before anyone could listen: ask for it here; later reloads fire the event.
		if (document.approvalNeeded !== undefined) void this._askToDerive(document, document.approvalNeeded);
		document.onNeedsApproval((iterations) => void this._askToDerive(document, iterations));
		return document;
	}

	/** A PFX asking for more key-derivation work than schannelLens.pkcs12.maxIterations runs it only on request. */
	private async _askToDerive(document: CertificateDocument, iterations: number): Promise<void> {
		const derive = vscode.l10n.t('Derive keys');
		const choice = await vscode.window.showWarningMessage(
			vscode.l10n.t('{0} asks for {1} key-derivation iterations, more than schannelLens.pkcs12.maxIterations allows: its certificates were not decrypted. Derive the keys now (in the background, cancellable)?', document.fileName, iterations.toLocaleString('en-US')),
			derive,
		);
		if (choice === derive) await document.approveDerivation();
	}

	/** Derives the keys of an open PFX beyond the iteration bound (the notification's action; also a test hook). */
	async approveDerivation(uri: string): Promise<void> {
		const doc = [...this._panels.keys()].find((d) => d.uri.toString() === uri);
		await doc?.approveDerivation();
	}

	/** Whether the open document of `uri` is still loading (a key derivation in the worker); a test hook. */
	isLoading(uri: string): boolean | undefined {
		return [...this._panels.keys()].find((d) => d.uri.toString() === uri)?.loading;
	}

	async resolveCustomEditor(document: CertificateDocument, panel: vscode.WebviewPanel): Promise<void> {
		let panels = this._panels.get(document);
		if (!panels) {
			panels = new Set();
			this._panels.set(document, panels);
			document.onDidChange(() => this._postModel(document));
			document.onDidDelete(() => {
				for (const p of [...(this._panels.get(document) ?? [])]) p.dispose();
			});
		}
		panels.add(panel);
		panel.webview.options = webviewOptions(this._extensionUri);
		panel.webview.html = webviewHtml(panel.webview, this._extensionUri, { script: 'certificate', styles: ['certificate.css'], title: document.fileName });
		panel.webview.onDidReceiveMessage((message: FromWebview) => void this._onMessage(document, panel, message));
		panel.onDidChangeViewState(() => {
			if (panel.active) this._active = document;
		});
		if (panel.active) this._active = document;
		panel.onDidDispose(() => {
			panels.delete(panel);
			if (panels.size === 0) this._panels.delete(document);
			if (this._active === document && panels.size === 0) this._active = undefined;
		});
	}

	/** The document of the active certificate editor, if one is active. */
	get activeDocument(): CertificateDocument | undefined {
		return this._active;
	}

	/** The last model posted for `uri` (test hook). */
	lastModel(uri: string): CertificateFileModel | undefined {
		return this._lastModels.get(uri);
	}

	/** Opens `uri` in the certificate view, selecting certificate `index`. */
	async open(uri: vscode.Uri, index?: number): Promise<void> {
		const open = [...this._panels.keys()].find((d) => d.uri.toString() === uri.toString());
		if (index !== undefined) {
			if (open) for (const p of this._panels.get(open) ?? []) this._post(p, { type: 'select', index });
			else this._pendingSelection.set(uri.toString(), index);
		}
		const viewType = /\.(cer|crt|der|p7b|p7c|sst|pfx|p12)$/i.test(uri.path) ? CertificateEditorProvider.viewType : CertificateEditorProvider.pemViewType;
		await vscode.commands.executeCommand('vscode.openWith', uri, viewType);
	}

	/** Unlocks a PFX as if the password had been typed in the editor (also the test hook). */
	async submitPassword(uri: string, password: string): Promise<void> {
		const doc = [...this._panels.keys()].find((d) => d.uri.toString() === uri);
		await doc?.unlock(password);
	}

	private _model(document: CertificateDocument): CertificateFileModel {
		if (document.refused) return refusedFileModel(document.fileName, document.refused, this._index.statusText);
		const selection = this._pendingSelection.get(document.uri.toString());
		return buildFileModel({
			fileName: document.fileName,
			bytes: document.bytes,
			certificates: document.certificates,
			problems: document.problems,
			passwordGiven: document.passwordGiven,
			now: new Date(),
			lookup: this._index.lookup,
			describeFile: (file) => this._index.describeFile(file),
			indexText: this._index.statusText,
			...(selection !== undefined ? { initialSelection: selection } : {}),
		});
	}

	private _postModel(document: CertificateDocument, only?: vscode.WebviewPanel): void {
		let model: CertificateFileModel;
		try {
			model = this._model(document);
		} catch (err) {
			// A bug in the model builder must show up in the editor, not as an unhandled error in the host.
			this._logger.warn(`certificate editor: model of ${document.uri.toString(true)} failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
			model = refusedFileModel(document.fileName, vscode.l10n.t('Schannel Lens could not show this file: {0}', err instanceof Error ? err.message : String(err)), this._index.statusText);
		}
		this._pendingSelection.delete(document.uri.toString());
		this._lastModels.set(document.uri.toString(), model);
		for (const panel of only ? [only] : (this._panels.get(document) ?? [])) this._post(panel, { type: 'model', model });
	}

	private _post(panel: vscode.WebviewPanel, message: ToWebview): void {
		// A disposed panel rejects; that is not an error worth reporting.
		panel.webview.postMessage(message).then(undefined, () => undefined);
	}

	private async _onMessage(document: CertificateDocument, panel: vscode.WebviewPanel, message: FromWebview): Promise<void> {
		try {
			const actions = certificateActions(document);
			switch (message.type) {
				case 'ready':
					return this._postModel(document, panel);
				case 'askPassword': {
					// VS Code's password box, not a field in the webview (issue 13).
					const password = await vscode.window.showInputBox({ password: true, title: vscode.l10n.t('Password of {0}', document.fileName), prompt: vscode.l10n.t('The PKCS #12 password (kept in memory for this editor only)'), ignoreFocusOut: true });
					if (password !== undefined) await document.unlock(password);
					return;
				}
				case 'copy':
					return await actions.copy(message.index, message.what);
				case 'save':
					return await actions.save(message.index, message.format);
				case 'requestRaw':
					return this._post(panel, { type: 'raw', index: message.index, hex: actions.rawHex(message.index) });
				case 'openCertificate': {
					const entry = this._index.lookup.bySha1(message.sha1)[0];
					if (entry) return await this.open(vscode.Uri.parse(entry.file), entry.index);
					const local = document.certificates.find((c) => c.certificate.sha1 === message.sha1);
					if (local) return this._post(panel, { type: 'select', index: local.source.index });
					return;
				}
				case 'showChain':
					return await vscode.commands.executeCommand('schannelLens.showTrustChain', { leaf: document.uri, index: message.index });
				case 'revealSource':
					return await vscode.commands.executeCommand('revealInExplorer', document.uri);
				case 'reopenAsText':
					return await vscode.commands.executeCommand('vscode.openWith', document.uri, 'default');
				default: {
					const unknown: never = message;
					this._logger.warn(`certificate editor: unknown message ${JSON.stringify(unknown)}`);
				}
			}
		} catch (err) {
			this._logger.warn(`certificate editor: ${message.type} failed: ${err instanceof Error ? err.message : String(err)}`);
			void vscode.window.showErrorMessage(vscode.l10n.t('Schannel Lens: {0} failed: {1}', message.type, err instanceof Error ? err.message : String(err)));
		}
	}

	dispose(): void {
		this._indexListener.dispose();
		this._panels.clear();
		this._lastModels.clear();
	}
}
