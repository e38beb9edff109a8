/**
 * The webview's static strings in the display language (issue 13 item 7). The host puts VS Code's bundle for the
 * extension (`vscode.l10n.bundle`; none in English) in the page's `data-l10n` attribute (src/shared/webviewHtml.ts);
 * webview code calls `l10n.t` from `@vscode/l10n`, whose keys `npm run l10n:export` collects with the host's.
 */
import * as l10n from '@vscode/l10n';

/** Called first by each webview's main module, before anything is drawn. */
export function configureL10n(): void {
	let contents: Record<string, string> = {};
	try {
		contents = JSON.parse(document.body.dataset.l10n ?? '{}') as Record<string, string>;
	} catch {
		// A page without the attribute (or a broken one) stays English.
	}
	if (Object.keys(contents).length > 0) l10n.config({ contents });
}
