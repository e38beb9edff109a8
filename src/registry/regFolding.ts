import * as vscode from 'vscode';
import type { RegAnalysisCache } from './regAnalysis';

/** Folds each key section and each value whose data spans several lines. */
export class RegFoldingProvider implements vscode.FoldingRangeProvider {
	constructor(private readonly _docs: RegAnalysisCache) {}

	provideFoldingRanges(document: vscode.TextDocument): vscode.FoldingRange[] {
		const ranges: vscode.FoldingRange[] = [];
		for (const key of this._docs.get(document).doc.keys) {
			if (key.endLine > key.range.start.line) ranges.push(new vscode.FoldingRange(key.range.start.line, key.endLine, vscode.FoldingRangeKind.Region));
			for (const v of key.values) {
				if (v.range.end.line > v.range.start.line) ranges.push(new vscode.FoldingRange(v.range.start.line, v.range.end.line));
			}
		}
		return ranges;
	}
}
