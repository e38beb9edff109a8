/**
 * Test hooks: `schannelLens._test.*` commands and the "last model" maps they read. They exist only when the host
 * runs this extension's own tests (`ExtensionMode.Test`: the harness passed `extensionTestsPath`), so in
 * production no other extension can submit a PFX password or read certificate models through them (issue 13).
 */
import * as vscode from 'vscode';

let enabled = false;

/** Called first in `activate`: turns the hooks on when, and only when, the host runs the extension's tests. */
export function enableTestHooks(context: vscode.ExtensionContext): void {
	enabled = context.extensionMode === vscode.ExtensionMode.Test;
}

/** True in the extension's test host; features keep test-only state (the last posted model) only then. */
export function testHooksEnabled(): boolean {
	return enabled;
}

/** Registers `schannelLens._test.<name>` in Test mode; elsewhere registers nothing. */
export function registerTestCommand(id: `schannelLens._test.${string}`, handler: (...args: never[]) => unknown): vscode.Disposable {
	if (!enabled) return new vscode.Disposable(() => undefined);
	return vscode.commands.registerCommand(id, handler as (...args: unknown[]) => unknown);
}

/** A map that holds entries only in Test mode (the models the webviews received, read by the integration tests). */
export class TestOnlyMap<V> {
	private readonly _map = new Map<string, V>();

	set(key: string, value: V): void {
		if (enabled) this._map.set(key, value);
	}

	get(key: string): V | undefined {
		return this._map.get(key);
	}

	delete(key: string): void {
		this._map.delete(key);
	}

	clear(): void {
		this._map.clear();
	}
}
