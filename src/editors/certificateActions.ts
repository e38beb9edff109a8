/** Actions on one certificate of an open document: copy as PEM or thumbprint, save as DER or PEM, raw hex. */
import * as vscode from 'vscode';
import { toHex } from '../core/crypto/hex';
import { nameTitle } from '../core/index';
import type { LoadedCertificate } from '../core/x509';
import { toBase64 } from '../util/base64';
import type { CertificateDocument } from './certificateDocument';

/** PEM armour of a DER certificate, 64 base64 characters a line. */
export function toPem(der: Uint8Array): string {
	const b64 = toBase64(der);
	return `-----BEGIN CERTIFICATE-----\n${b64.replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;
}

function safeFileName(text: string): string {
	return text.replace(/[^\w.-]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 80) || 'certificate';
}

/** The actions, bound to a document. */
export function certificateActions(document: CertificateDocument) {
	const pick = (index: number): LoadedCertificate => {
		const found = document.certificates.find((c) => c.source.index === index);
		if (!found) throw new Error(`certificate #${index + 1} is not in ${document.fileName} any more`);
		return found;
	};
	return {
		async copy(index: number, what: 'pem' | 'sha1' | 'sha256'): Promise<void> {
			const c = pick(index);
			const text = what === 'pem' ? toPem(c.der) : what === 'sha1' ? c.certificate.sha1 : c.certificate.sha256;
			await vscode.env.clipboard.writeText(text);
			void vscode.window.setStatusBarMessage(`Copied ${what === 'pem' ? 'the certificate as PEM' : `the ${what.toUpperCase()} thumbprint`}`, 3000);
		},
		async save(index: number, format: 'der' | 'pem'): Promise<void> {
			const c = pick(index);
			const name = `${safeFileName(nameTitle(c.certificate.subject))}.${format === 'der' ? 'cer' : 'pem'}`;
			const target = await vscode.window.showSaveDialog({
				defaultUri: vscode.Uri.joinPath(document.uri, '..', name),
				filters: format === 'der' ? { 'DER certificate': ['cer', 'der', 'crt'] } : { 'PEM certificate': ['pem', 'crt', 'cer'] },
				title: `Save ${nameTitle(c.certificate.subject)} as ${format.toUpperCase()}`,
			});
			if (!target) return;
			await vscode.workspace.fs.writeFile(target, format === 'der' ? c.der : new TextEncoder().encode(toPem(c.der)));
		},
		rawHex(index: number): string {
			return toHex(pick(index).der, ' ');
		},
	};
}
