import * as vscode from 'vscode';
import { hoverForPosition } from '../core/schannel';
import { toRange } from './convert';
import type { RegAnalysisCache } from './regAnalysis';

/** Hovers on keys and values: meaning, default and effective state on the target OS, evidence. */
export class RegHoverProvider implements vscode.HoverProvider {
	constructor(private readonly _cache: RegAnalysisCache) {}

	provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
		const analysis = this._cache.get(document);
		const info = hoverForPosition(analysis.doc, { line: position.line, character: position.character }, analysis.os);
		if (!info) return undefined;
		const md = new vscode.MarkdownString(info.markdown);
		const from = analysis.osFrom === 'comment' ? vscode.l10n.t('from the `; target:` line') : analysis.osFrom === 'setting' ? vscode.l10n.t('setting `schannelLens.targetOs`') : vscode.l10n.t('default');
		md.appendMarkdown(`\n\n---\n${vscode.l10n.t('Target: {0} ({1})', analysis.os.name, from)}`);
		return new vscode.Hover(md, toRange(info.range));
	}
}
