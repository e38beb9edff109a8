import * as vscode from 'vscode';
import { buildOutline, type OutlineNode } from '../core/reg';
import { toRange } from './convert';
import type { RegAnalysisCache } from './regAnalysis';

const KINDS: Record<OutlineNode['kind'], vscode.SymbolKind> = {
	key: vscode.SymbolKind.Namespace,
	deletedKey: vscode.SymbolKind.Null,
	value: vscode.SymbolKind.Property,
	deletedValue: vscode.SymbolKind.Null,
};

/** The outline of a `.reg` file: keys nested by path, their values beneath. */
export class RegSymbolProvider implements vscode.DocumentSymbolProvider {
	constructor(private readonly _docs: RegAnalysisCache) {}

	provideDocumentSymbols(document: vscode.TextDocument): vscode.DocumentSymbol[] {
		return buildOutline(this._docs.get(document).doc).map(toSymbol);
	}
}

function toSymbol(node: OutlineNode): vscode.DocumentSymbol {
	const range = toRange(node.range);
	const selection = toRange(node.selectionRange);
	const symbol = new vscode.DocumentSymbol(
		node.name || vscode.l10n.t('(empty)'),
		node.detail,
		KINDS[node.kind],
		range.contains(selection) ? range : range.union(selection),
		selection,
	);
	symbol.children = node.children.map(toSymbol);
	return symbol;
}
