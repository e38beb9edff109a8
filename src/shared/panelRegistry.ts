/**
 * One webview panel per subject (a folder set, a machine, a certificate): asked again, the open panel is revealed
 * instead of opening another identically titled tab (issue 15); closed, it is forgotten. The doctor page, the chain
 * view and the issuer report share it; each restores its panels after a reload with its own serializer.
 */
import type * as vscode from 'vscode';

/** What a registry holds: anything that owns a panel. */
export interface HasPanel {
	readonly panel: vscode.WebviewPanel;
}

/** The open panels of one view type, by subject key. */
export class PanelRegistry<T extends HasPanel> implements vscode.Disposable {
	private readonly _byKey = new Map<string, T>();

	/** The open entry for a subject. */
	get(key: string): T | undefined {
		return this._byKey.get(key);
	}

	/** How many panels are open. */
	get size(): number {
		return this._byKey.size;
	}

	/** Reveals the subject's panel when one is open (and returns it). */
	reveal(key: string, column?: vscode.ViewColumn): T | undefined {
		const entry = this._byKey.get(key);
		entry?.panel.reveal(column, false);
		return entry;
	}

	/** Tracks a new panel under a subject; it is forgotten when the panel closes. */
	add(key: string, entry: T): T {
		this._byKey.set(key, entry);
		entry.panel.onDidDispose(() => {
			if (this._byKey.get(key) === entry) this._byKey.delete(key);
		});
		return entry;
	}

	/** Forgets every panel (they close with the window). */
	clear(): void {
		this._byKey.clear();
	}

	/** Closes every panel. */
	dispose(): void {
		const entries = [...this._byKey.values()];
		this._byKey.clear();
		for (const e of entries) e.panel.dispose();
	}
}
