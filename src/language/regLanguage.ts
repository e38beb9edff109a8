import * as vscode from 'vscode';
import type { Logger } from '../util/logger';
import { RegDocumentCache } from './regDocuments';
import { RegFoldingProvider } from './regFolding';
import { RegSymbolProvider } from './regSymbols';

/** The selector for `.reg` files (language id `reg`, from the grammar contribution). */
export const REG_SELECTOR: vscode.DocumentSelector = { language: 'reg' };

/** Language features for registry exports. */
export function registerRegLanguageSupport(logger: Logger): vscode.Disposable {
	const docs = new RegDocumentCache();
	logger.info('reg language support registered');
	return vscode.Disposable.from(
		docs,
		vscode.languages.registerDocumentSymbolProvider(REG_SELECTOR, new RegSymbolProvider(docs), { label: 'Registry keys' }),
		vscode.languages.registerFoldingRangeProvider(REG_SELECTOR, new RegFoldingProvider(docs)),
	);
}
