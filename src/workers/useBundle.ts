/**
 * A worker's core speaks the host's display language (issue 13 item 7): the host sends its bundle
 * (`vscode.l10n.bundle`) with the request, since verdicts, problems and explanations are written in the worker.
 * Without one (English, the CLI) the core stays English.
 */
import * as l10n from '@vscode/l10n';

export function useBundle(contents: Record<string, string> | undefined): void {
	if (contents && Object.keys(contents).length > 0) l10n.config({ contents });
}
