/** Actions on one certificate of an open document: copy as PEM or thumbprint, save as DER or PEM, raw hex. */
import * as vscode from 'vscode';
import { toPem } from '../core/x509';
import { toHex } from '../core/crypto/hex';
import { nameTitle } from '../core/certificateIndex';
import type { LoadedCertificate } from '../core/x509';
import type { CertificateDocument } from './certificateDocument';


function safeFileName(text: string): string {
	return text.replace(/[^\w.-]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 80) || 'certificate';
}

/** The actions, bound to a document. */
export function certificateActions(document: CertificateDocument) {
	const pick = (index: number): LoadedCertificate => {
		const found = document.certificates.find((c) => c.source.index === index);
		if (!found) throw new Error(vscode.l10n.t('certificate #{0} is not in {1} any more', index + 1, document.fileName));
		return found;
	};
	return {
		async copy(index: number, what: 'pem' | 'sha1' | 'sha256'): Promise<void> {
			const c = pick(index);
			const text = what === 'pem' ? toPem(c.der) : what === 'sha1' ? c.certificate.sha1 : c.certificate.sha256;
			await vscode.env.clipboard.writeText(text);
			void vscode.window.setStatusBarMessage(what === 'pem' ? vscode.l10n.t('Copied the certificate as PEM') : vscode.l10n.t('Copied the {0} thumbprint', what.toUpperCase()), 3000);
		},
		async save(index: number, format: 'der' | 'pem'): Promise<void> {
			const c = pick(index);
			const name = `${safeFileName(nameTitle(c.certificate.subject))}.${format === 'der' ? 'cer' : 'pem'}`;
			const target = await vscode.window.showSaveDialog({
				defaultUri: vscode.Uri.joinPath(document.uri, '..', name),
				filters: format === 'der' ? { [vscode.l10n.t('DER certificate')]: ['cer', 'der', 'crt'] } : { [vscode.l10n.t('PEM certificate')]: ['pem', 'crt', 'cer'] },
				title: vscode.l10n.t('Save {0} as {1}', nameTitle(c.certificate.subject), format.toUpperCase()),
			});
			if (!target) return;
			await vscode.workspace.fs.writeFile(target, format === 'der' ? c.der : new TextEncoder().encode(toPem(c.der)));
		},
		rawHex(index: number): string {
			return toHex(pick(index).der, ' ');
		},
	};
}
