import * as vscode from 'vscode';
import { toRange } from './convert';
import type { RegAnalysisCache } from './regAnalysis';
import { isFolderFile } from '../shared/workspaceFiles';
import { openNewDocument } from '../shared/newDocument';

/** Edits of one fix, as plain data (the command takes them). */
type FixEdits = { range: [number, number, number, number]; newText: string }[];

/**
 * Opens the document with a fix applied as a NEW untitled document: input files are evidence and
 * are never changed, not even by a quick fix (issue 10). Titled by the file and the fix (issue 15):
 * "schannel-settings - Set SendTrustedIssuerList to 0 (send no list).reg".
 */
export async function openFixedCopy(uri: vscode.Uri, edits: FixEdits, fixTitle?: string): Promise<vscode.TextDocument> {
	const source = await vscode.workspace.openTextDocument(uri);
	let text = source.getText();
	const ordered = edits.map((e) => ({ start: source.offsetAt(new vscode.Position(e.range[0], e.range[1])), end: source.offsetAt(new vscode.Position(e.range[2], e.range[3])), newText: e.newText })).sort((a, b) => b.start - a.start);
	for (const e of ordered) text = text.slice(0, e.start) + e.newText + text.slice(e.end);
	const stem = (uri.path.split('/').pop() ?? 'export.reg').replace(/\.reg$/i, '');
	return openNewDocument({ name: `${stem} - ${fixTitle ?? vscode.l10n.t('fixed copy')}.reg`, content: text, language: 'reg', near: uri });
}

/** Quick fixes from the Schannel findings under the cursor: untitled documents are edited; files get a fixed copy to review. */
export class RegCodeActionProvider implements vscode.CodeActionProvider {
	static readonly kinds = [vscode.CodeActionKind.QuickFix];

	constructor(private readonly _cache: RegAnalysisCache) {}

	provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
		const analysis = this._cache.get(document);
		const actions: vscode.CodeAction[] = [];
		for (const finding of analysis.findings) {
			const findingRange = toRange(finding.range);
			if (!findingRange.intersection(range) && !findingRange.contains(range)) continue;
			const diagnostic = context.diagnostics.find((d) => codeOf(d) === finding.code && d.range.isEqual(findingRange));
			if (finding.code === 'sch.issuer-list-sent' && isFolderFile(document.uri)) {
				for (const [title, command, plan] of [
					[vscode.l10n.t('Show the trusted issuer list report'), 'schannelLens.checkIssuerList', undefined],
					[vscode.l10n.t('Open fix plan (a): remove roots so the list fits'), 'schannelLens.generateSchannelFix', 'remove-roots'],
				] as const) {
					const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
					action.command = { title, command, arguments: plan ? [document.uri, plan] : [document.uri] };
					if (diagnostic) action.diagnostics = [diagnostic];
					actions.push(action);
				}
			}
			for (const fix of finding.fixes) {
				const inPlace = document.uri.scheme === 'untitled';
				const action = new vscode.CodeAction(inPlace ? fix.title : vscode.l10n.t('{0} (in a new document)', fix.title), vscode.CodeActionKind.QuickFix);
				if (inPlace) {
					action.edit = new vscode.WorkspaceEdit();
					for (const e of fix.edits) action.edit.replace(document.uri, toRange(e.range), e.newText);
				} else {
					const edits: FixEdits = fix.edits.map((e) => ({ range: [e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character], newText: e.newText }));
					action.command = { title: fix.title, command: 'schannelLens.openFixedCopy', arguments: [document.uri, edits, fix.title] };
				}
				if (diagnostic) action.diagnostics = [diagnostic];
				action.isPreferred = finding.fixes.length === 1;
				actions.push(action);
			}
		}
		return actions;
	}
}

function codeOf(d: vscode.Diagnostic): string | undefined {
	return typeof d.code === 'object' ? String(d.code.value) : d.code === undefined ? undefined : String(d.code);
}
