import * as vscode from 'vscode';
import { effectiveConfiguration, formatEffectiveMarkdown } from '../core/schannel';
import type { RegAnalysisCache } from './regAnalysis';

const SCHEME = 'schannel-lens-effective';

/**
 * "Schannel Lens: Show Effective Schannel Configuration": a read-only Markdown report of every
 * protocol, cipher, hash and key exchange for client and server, and the line that decided it.
 */
export function registerShowEffectiveConfiguration(cache: RegAnalysisCache): vscode.Disposable {
	const onDidChange = new vscode.EventEmitter<vscode.Uri>();
	const provider: vscode.TextDocumentContentProvider = {
		onDidChange: onDidChange.event,
		async provideTextDocumentContent(uri) {
			const source = vscode.Uri.parse(new URLSearchParams(uri.query).get('source') ?? '');
			const document = await vscode.workspace.openTextDocument(source);
			const analysis = cache.get(document);
			const name = source.path.split('/').pop() ?? source.toString();
			return formatEffectiveMarkdown(effectiveConfiguration(analysis.doc, analysis.os), analysis.os, name);
		},
	};
	return vscode.Disposable.from(
		onDidChange,
		vscode.workspace.registerTextDocumentContentProvider(SCHEME, provider),
		vscode.workspace.onDidChangeTextDocument((e) => {
			for (const doc of vscode.workspace.textDocuments) {
				if (doc.uri.scheme === SCHEME && new URLSearchParams(doc.uri.query).get('source') === e.document.uri.toString()) onDidChange.fire(doc.uri);
			}
		}),
		vscode.commands.registerCommand('schannelLens.showEffectiveConfiguration', async (arg?: vscode.Uri) => {
			const source = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
			if (!source || !source.path.toLowerCase().endsWith('.reg')) {
				void vscode.window.showInformationMessage(vscode.l10n.t('Open a .reg export first: the effective configuration is computed from it.'));
				return undefined;
			}
			const name = source.path.split('/').pop() ?? 'export.reg';
			// The file name is the tab's title ("Preview Effective Schannel configuration of x.reg.md", issue 15).
			const uri = vscode.Uri.from({ scheme: SCHEME, path: `/${vscode.l10n.t('Effective Schannel configuration of {0}', name)}.md`, query: new URLSearchParams({ source: source.toString() }).toString() });
			await vscode.workspace.openTextDocument(uri);
			// Rendered, not Markdown source (issue 15); the built-in preview reads virtual documents too.
			// Fall back to the source view where the Markdown extension is missing (a stripped-down host).
			try {
				await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
			} catch {
				await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: true, viewColumn: vscode.ViewColumn.Beside });
			}
			return uri;
		}),
	);
}
