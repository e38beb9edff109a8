import * as vscode from 'vscode';
import { parseRegText, type RegDocument } from '../core/reg';

/**
 * Parses each `.reg` document once per version and shares the result between the outline,
 * diagnostics and hovers.
 */
export class RegDocumentCache implements vscode.Disposable {
	private readonly _cache = new Map<string, { version: number; doc: RegDocument }>();
	private readonly _onClose: vscode.Disposable;

	constructor() {
		this._onClose = vscode.workspace.onDidCloseTextDocument((d) => this._cache.delete(d.uri.toString()));
	}

	get(document: vscode.TextDocument): RegDocument {
		const key = document.uri.toString();
		const hit = this._cache.get(key);
		if (hit && hit.version === document.version) return hit.doc;
		const doc = parseRegText(document.getText());
		this._cache.set(key, { version: document.version, doc });
		return doc;
	}

	dispose(): void {
		this._onClose.dispose();
		this._cache.clear();
	}
}
