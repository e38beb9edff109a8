import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';

/**
 * One bundle for the extension host and the core (issue 13 item 7): the host's strings go through
 * `vscode.l10n.t`, the core's through `l10n.t` from `@vscode/l10n` (browser-safe). VS Code loads
 * l10n/bundle.l10n.<language>.json for the display language; handing the same contents to `@vscode/l10n`
 * translates the core's findings and reports too. Unconfigured (the CLI, unit tests) the core speaks English.
 */
export function configureCoreL10n(): void {
	const contents = vscode.l10n.bundle;
	if (contents) l10n.config({ contents });
}
