/** The event log editor: a read-only custom editor for .evtx (and Event Viewer .xml/.csv/.txt exports on request). */
import * as vscode from 'vscode';
import { capi2Chain, findNode } from '../core/events';
import type { EventModel, FromEventView, ToEventView } from '../protocol/eventView';
import type { Logger } from '../shared/logger';
import { parseRunner } from '../host';
import { catchUp } from '../shared/catchUp';
import { registerTestCommand, TestOnlyMap } from '../shared/testHooks';
import { EventDocument } from './eventDocument';
import { eventDetail } from './eventModel';
import { webviewHtml, webviewOptions } from '../shared/webviewHtml';

/** What the editor needs of the workspace certificate index: where a certificate with a given SHA-1 is. */
export interface CertificateFinder {
	whenReady(): Promise<void>;
	readonly lookup: { bySha1(sha1: string): readonly { readonly file: string; readonly index: number }[] };
}

/** A workspace file holding the certificate that the chain view can load without a password (not a .pfx or .reg). */
async function findCertificate(index: CertificateFinder, sha1: string): Promise<{ uri: vscode.Uri; index: number } | undefined> {
	await index.whenReady();
	const hit = index.lookup.bySha1(sha1).find((c) => /\.(cer|crt|der|pem|p7b|p7c|sst)$/i.test(c.file));
	return hit ? { uri: vscode.Uri.parse(hit.file), index: hit.index } : undefined;
}

export class EventEditorProvider implements vscode.CustomReadonlyEditorProvider<EventDocument> {
	static readonly viewType = 'schannelLens.events';
	static readonly exportViewType = 'schannelLens.eventsExport';

	/** Registers the provider (for .evtx, and for exports on request) and its test hook (`schannelLens._test.lastEventModel`). */
	static register(logger: Logger, extensionUri: vscode.Uri, certificates: CertificateFinder): vscode.Disposable {
		const provider = new EventEditorProvider(extensionUri, logger, certificates);
		return vscode.Disposable.from(
			vscode.window.registerCustomEditorProvider(EventEditorProvider.viewType, provider, { supportsMultipleEditorsPerDocument: true }),
			vscode.window.registerCustomEditorProvider(EventEditorProvider.exportViewType, provider, { supportsMultipleEditorsPerDocument: true }),
			registerTestCommand('schannelLens._test.lastEventModel', (uri: string) => provider._lastModels.get(uri)),
			// Test hook: what the webview's "Show as chain" button does for row `index` of the open document `uri`.
			registerTestCommand('schannelLens._test.showEventChain', (uri: string, index: number) => {
				const document = [...provider._panels.keys()].find((d) => d.uri.toString() === uri);
				return document ? provider._showChain(document, index) : undefined;
			}),
			vscode.commands.registerCommand('schannelLens.openInEventView', (uri?: vscode.Uri) => {
				const target = uri ?? vscode.window.activeTextEditor?.document.uri;
				if (target) return vscode.commands.executeCommand('vscode.openWith', target, EventEditorProvider.exportViewType);
				return undefined;
			}),
			provider,
		);
	}

	private readonly _panels = new Map<EventDocument, Map<vscode.WebviewPanel, boolean>>();
	/** What each webview last received (kept in Test mode only, for the test hook). */
	private readonly _lastModels = new TestOnlyMap<EventModel>();
	/** The latest catch-up of each panel (a page that says `ready` again starts a new one). */
	private readonly _catchUps = new WeakMap<vscode.WebviewPanel, number>();

	private constructor(
		private readonly _extensionUri: vscode.Uri,
		private readonly _logger: Logger,
		private readonly _certificates: CertificateFinder,
	) {}

	async openCustomDocument(uri: vscode.Uri): Promise<EventDocument> {
		this._lastModels.delete(uri.toString());
		const document = new EventDocument(uri, this._logger, parseRunner(this._extensionUri));
		void document.load();
		return document;
	}

	async resolveCustomEditor(document: EventDocument, panel: vscode.WebviewPanel): Promise<void> {
		let panels = this._panels.get(document);
		if (!panels) {
			const created = new Map<vscode.WebviewPanel, boolean>();
			panels = created;
			this._panels.set(document, created);
			document.onDidReset(() => this._broadcast(document, created, { type: 'reset', model: document.model }));
			document.onDidAppend((rows) => this._broadcast(document, created, { type: 'append', rows }));
			document.onDidChangeHeader((header) => this._broadcast(document, created, { type: 'header', header }));
			document.onDidDelete(() => {
				for (const p of [...created.keys()]) p.dispose();
			});
		}
		const own = panels;
		own.set(panel, false);
		panel.webview.options = webviewOptions(this._extensionUri);
		panel.webview.html = webviewHtml(panel.webview, this._extensionUri, { script: 'events', styles: ['events.css'], title: document.fileName });
		panel.webview.onDidReceiveMessage((message: FromEventView) => void this._onMessage(document, panel, message));
		panel.onDidDispose(() => {
			own.delete(panel);
			if (own.size === 0) this._panels.delete(document);
		});
	}

	private _broadcast(document: EventDocument, panels: Map<vscode.WebviewPanel, boolean>, message: ToEventView): void {
		this._lastModels.set(document.uri.toString(), document.model);
		for (const [panel, ready] of panels) if (ready) this._post(panel, message);
	}

	private _post(panel: vscode.WebviewPanel, message: ToEventView): void {
		panel.webview.postMessage(message).then(undefined, () => undefined);
	}

	private async _onMessage(document: EventDocument, panel: vscode.WebviewPanel, message: FromEventView): Promise<void> {
		try {
			switch (message.type) {
				case 'ready': {
					// What was read before the page was ready goes in slices; the panel takes appends once it has it all.
					this._panels.get(document)?.set(panel, false);
					this._lastModels.set(document.uri.toString(), document.model);
					const turn = (this._catchUps.get(panel) ?? 0) + 1;
					this._catchUps.set(panel, turn);
					return await catchUp(
						() => document.model.rows,
						{
							reset: (rows) => this._post(panel, { type: 'reset', model: { header: document.model.header, rows } }),
							append: (rows) => this._post(panel, { type: 'append', rows }),
							header: () => this._post(panel, { type: 'header', header: document.model.header }),
							ready: () => this._panels.get(document)?.set(panel, true),
						},
						() => this._panels.get(document)?.has(panel) === true && this._catchUps.get(panel) === turn,
					);
				}
				case 'select': {
					const e = document.event(message.index);
					if (e) this._post(panel, { type: 'details', detail: eventDetail(e, message.index) });
					return;
				}
				case 'showChain':
					await this._showChain(document, message.index);
					return;
				case 'reopenAsText':
					return await vscode.commands.executeCommand('vscode.openWith', document.uri, 'default');
				default: {
					const unknown: never = message;
					this._logger.warn(`event editor: unknown message ${JSON.stringify(unknown)}`);
				}
			}
		} catch (err) {
			this._logger.warn(`event editor: ${message.type} failed: ${err instanceof Error ? err.message : String(err)}`);
			void vscode.window.showErrorMessage(vscode.l10n.t('Schannel Lens: {0} failed: {1}', message.type, err instanceof Error ? err.message : String(err)));
		}
	}

	/** "Show as chain": Windows's chain beside the one Schannel Lens builds for the same leaf from the workspace. */
	private async _showChain(document: EventDocument, index: number): Promise<unknown> {
		const e = document.event(index);
		const chain = e && capi2Chain(e);
		if (!e || !chain || chain.elements.length === 0) return void vscode.window.showInformationMessage(vscode.l10n.t('Schannel Lens: this event has no CAPI2 chain.'));
		const leaf = chain.elements[0];
		const found = await findCertificate(this._certificates, leaf.thumbprint);
		if (!found) {
			const text = chain.elements.map((el, i) => `${'  '.repeat(i)}${el.subject} (${el.thumbprint}) ${el.flags.join(', ') || vscode.l10n.t('no flags')}`).join('\n');
			return void vscode.window.showInformationMessage(vscode.l10n.t('Schannel Lens: no certificate with thumbprint {0} ({1}) in the workspace, so Schannel Lens cannot build its own chain to compare. Windows\'s chain:\n{2}', leaf.thumbprint, leaf.subject, text), { modal: false });
		}
		const eku = findNode(e.data, 'ExtendedKeyUsage')?.children.map((c) => c.attributes.oid) ?? [];
		const purpose = eku.includes('1.3.6.1.5.5.7.3.2') ? 'client' : eku.includes('1.3.6.1.5.5.7.3.1') ? 'server' : 'any';
		const at = findNode(e.data, 'ValidationTime')?.text.trim();
		const when = at && !Number.isNaN(Date.parse(at)) ? new Date(at).toISOString().slice(0, 16) + ':00Z' : undefined;
		return vscode.commands.executeCommand('schannelLens.showTrustChain', {
			leaf: found.uri,
			index: found.index,
			purpose,
			beside: true,
			...(when ? { at: when } : {}),
			windows: { label: vscode.l10n.t('{0} · record {1}', document.fileName, e.record), chain },
		});
	}

	dispose(): void {
		this._panels.clear();
		this._lastModels.clear();
	}
}
