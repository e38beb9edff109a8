/** "Open in Certificate View" above each certificate PEM block of a text document. */
import * as vscode from 'vscode';
import { CERTIFICATE_LABELS, listPemBlocks } from '../core/text';
import { OPEN_COMMAND } from './certificateHover';

export class PemCodeLensProvider implements vscode.CodeLensProvider {
	provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
		if (document.lineCount > 200_000) return [];
		let certificateIndex = 0;
		return listPemBlocks(document)
			.filter((b) => CERTIFICATE_LABELS.has(b.label))
			.map((b) => {
				const range = new vscode.Range(b.startLine, 0, b.startLine, 0);
				const index = certificateIndex++;
				// PKCS7 blocks hold several certificates; the index then points at the first one.
				return new vscode.CodeLens(range, { title: vscode.l10n.t('Open in Certificate View'), command: OPEN_COMMAND, arguments: [document.uri, index] });
			});
	}
}
