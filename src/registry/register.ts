import * as vscode from 'vscode';
import { registerShowEffectiveConfiguration } from './showEffectiveConfiguration';
import type { Services } from '../services';
import { RegAnalysisCache } from './regAnalysis';
import { registerRegCertificates } from './regCertificates';
import { openFixedCopy, RegCodeActionProvider } from './regCodeActions';
import { registerRegDiagnostics } from './regDiagnostics';
import { RegFoldingProvider } from './regFolding';
import { RegHoverProvider } from './regHover';
import { RegSymbolProvider } from './regSymbols';

/** The selector for `.reg` files (language id `reg`, from the grammar contribution). */
export const REG_SELECTOR: vscode.DocumentSelector = { language: 'reg' };

/** Language features for registry exports: outline, folding, diagnostics, hovers, quick fixes. */
export function registerRegistry(_context: vscode.ExtensionContext, { logger }: Services): vscode.Disposable {
	const cache = new RegAnalysisCache();
	logger.info('reg language support registered');
	return vscode.Disposable.from(
		cache,
		vscode.languages.registerDocumentSymbolProvider(REG_SELECTOR, new RegSymbolProvider(cache), { label: vscode.l10n.t('Registry keys') }),
		vscode.languages.registerFoldingRangeProvider(REG_SELECTOR, new RegFoldingProvider(cache)),
		vscode.languages.registerHoverProvider(REG_SELECTOR, new RegHoverProvider(cache)),
		vscode.languages.registerCodeActionsProvider(REG_SELECTOR, new RegCodeActionProvider(cache), { providedCodeActionKinds: RegCodeActionProvider.kinds }),
		vscode.commands.registerCommand('schannelLens.openFixedCopy', openFixedCopy),
		registerRegDiagnostics(cache),
		registerShowEffectiveConfiguration(cache),
		registerRegCertificates(cache, REG_SELECTOR),
	);
}
