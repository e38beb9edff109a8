/** Actions of the capture editor: certificates and DN lists open as untitled documents (nothing is written to disk). */
import * as vscode from 'vscode';
import type { CertificateSummary } from '../core/capture';
import type { CaptureDocument } from './captureDocument';
import { toBase64 } from '../util/base64';
import { dnListText } from './captureModel';

/** PEM text of one DER certificate, with a comment line naming it. */
export function certificatePem(c: CertificateSummary): string {
	const b64 = toBase64(c.der ?? new Uint8Array());
	const lines = b64.match(/.{1,64}/g) ?? [];
	return `# Subject: ${c.subject}\n# Issuer: ${c.issuer}\n# SHA-1: ${c.sha1}\n-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

async function openUntitled(content: string, wantLanguage: string): Promise<void> {
	const languages = await vscode.languages.getLanguages();
	const language = languages.includes(wantLanguage) ? wantLanguage : 'plaintext';
	const doc = await vscode.workspace.openTextDocument({ language, content });
	await vscode.window.showTextDocument(doc, { preview: false });
}

function certificates(document: CaptureDocument, connection: number, side: 'client' | 'server'): CertificateSummary[] {
	const h = document.handshake(connection);
	if (!h) throw new Error(`no connection ${connection}`);
	return (side === 'client' ? h.clientCertificates : h.serverCertificates) ?? [];
}

async function openPem(certs: readonly CertificateSummary[], what: string): Promise<void> {
	const withDer = certs.filter((c) => c.der);
	if (withDer.length === 0) return void vscode.window.showInformationMessage(`Schannel Lens: no ${what} certificate bytes in this capture.`);
	await openUntitled(withDer.map(certificatePem).join('\n'), 'pem');
}

/** Opens certificate `index` of one side as PEM. */
export function openCertificate(document: CaptureDocument, connection: number, side: 'client' | 'server', index: number): Promise<void> {
	const c = certificates(document, connection, side)[index];
	return openPem(c ? [c] : [], side);
}

/** Opens the chain one side sent in the chain view: validated against the workspace's certificates and anchors. */
export async function openChain(document: CaptureDocument, connection: number, side: 'client' | 'server'): Promise<void> {
	const der = certificates(document, connection, side).flatMap((c) => (c.der ? [c.der] : []));
	if (der.length === 0) return void vscode.window.showInformationMessage(`Schannel Lens: the ${side} sent no certificate in this connection.`);
	await vscode.commands.executeCommand('schannelLens.showTrustChain', { leaf: { label: `${document.fileName} · connection ${connection + 1} · ${side}`, der } });
}

/** Every certificate of a connection (server chain, then client chain) as one PEM document. */
export function exportCertificates(document: CaptureDocument, connection: number): Promise<void> {
	return openPem([...certificates(document, connection, 'server'), ...certificates(document, connection, 'client')], 'connection');
}

/** The DN list with bytes, running total and cut line as a plain text document. */
export function exportDnList(document: CaptureDocument, connection: number): Promise<void> {
	const c = document.model.connections[connection];
	if (!c) throw new Error(`no connection ${connection}`);
	if (!c.clientAuthRequested) return Promise.resolve(void vscode.window.showInformationMessage('Schannel Lens: this connection has no CertificateRequest.'));
	return openUntitled(dnListText(c, document.fileName, document.os.name, document.os.issuerListLimit.bytes), 'plaintext');
}
