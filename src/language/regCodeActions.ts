import * as vscode from 'vscode';
import { toRange } from './convert';
import type { RegAnalysisCache } from './regAnalysis';

/** Quick fixes from the Schannel findings under the cursor: they edit the file for review. */
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
			if (finding.code === 'sch.issuer-list-sent' && analysis.issuerList) {
				for (const [title, command, plan] of [
					['Show the trusted issuer list report', 'schannelLens.checkIssuerList', undefined],
					['Open fix plan (a): remove roots so the list fits', 'schannelLens.generateSchannelFix', 'remove-roots'],
				] as const) {
					const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
					action.command = { title, command, arguments: plan ? [document.uri, plan] : [document.uri] };
					if (diagnostic) action.diagnostics = [diagnostic];
					actions.push(action);
				}
			}
			for (const fix of finding.fixes) {
				const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
				action.edit = new vscode.WorkspaceEdit();
				for (const e of fix.edits) action.edit.replace(document.uri, toRange(e.range), e.newText);
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
