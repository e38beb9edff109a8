// Helpers of the suites that run in a separately started VS Code host on samples/ (test/restricted, test/locale).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

/** A file of the open workspace folder (samples/). */
export function sample(name: string): vscode.Uri {
	const folder = vscode.workspace.workspaceFolders?.[0];
	assert.ok(folder, 'samples/ is open');
	return vscode.Uri.joinPath(folder.uri, name);
}

export function codeOf(d: vscode.Diagnostic): string {
	return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

/** Resolves with the diagnostics of `uri` once `ready` holds (waits on onDidChangeDiagnostics, no sleep). */
export function diagnosticsWhen(uri: vscode.Uri, ready: (list: vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
	const now = vscode.languages.getDiagnostics(uri);
	if (ready(now)) return Promise.resolve(now);
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			sub.dispose();
			reject(new Error(`diagnostics of ${uri.path} never matched; last: ${JSON.stringify(vscode.languages.getDiagnostics(uri).map((d) => `${codeOf(d)}: ${d.message}`))}`));
		}, 20_000);
		const sub = vscode.languages.onDidChangeDiagnostics((e) => {
			if (!e.uris.some((u) => u.toString() === uri.toString())) return;
			const list = vscode.languages.getDiagnostics(uri);
			if (!ready(list)) return;
			clearTimeout(timer);
			sub.dispose();
			resolve(list);
		});
	});
}
