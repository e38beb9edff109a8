/** Actions of the capture editor: certificates and DN lists open as new unsaved documents named after the capture (nothing is written to disk). */
import * as vscode from 'vscode';
import type { CertificateSummary } from '../core/capture';
import { toPem } from '../core/x509';
import type { CaptureDocument } from './captureDocument';
import { dnListText } from './captureModel';
import { openNewDocument } from '../shared/newDocument';

/** PEM text of one DER certificate, with a comment line naming it. */
export function certificatePem(c: CertificateSummary): string {
	return `# Subject: ${c.subject}\n# Issuer: ${c.issuer}\n# SHA-1: ${c.sha1}\n${toPem(c.der ?? new Uint8Array())}`;
}

/** "failing-mtls-handshake - connection 1 - client certificates.pem" (the capture's name without its extension). */
function documentName(document: CaptureDocument, connection: number, what: string, ext: string): string {
	const stem = (document.uri.path.split('/').pop() ?? document.fileName).replace(/\.(pcapng|pcap|cap)(\.gz)?$/i, '');
	return `${stem} - ${vscode.l10n.t('connection {0}', connection + 1)} - ${what}.${ext}`;
}

async function openUntitled(document: CaptureDocument, name: string, content: string, language: string): Promise<void> {
	await openNewDocument({ name, content, language, near: document.uri });
}

function certificates(document: CaptureDocument, connection: number, side: 'client' | 'server'): CertificateSummary[] {
	const h = document.handshake(connection);
	if (!h) throw new Error(vscode.l10n.t('no connection {0}', connection));
	return (side === 'client' ? h.clientCertificates : h.serverCertificates) ?? [];
}

/** "No certificate bytes" for each caller, as whole sentences for translation. */
const NO_BYTES = {
	client: () => vscode.l10n.t('Schannel Lens: no client certificate bytes in this capture.'),
	server: () => vscode.l10n.t('Schannel Lens: no server certificate bytes in this capture.'),
	connection: () => vscode.l10n.t('Schannel Lens: no connection certificate bytes in this capture.'),
} as const;

async function openPem(document: CaptureDocument, connection: number, certs: readonly CertificateSummary[], what: keyof typeof NO_BYTES, title: string): Promise<void> {
	const withDer = certs.filter((c) => c.der);
	if (withDer.length === 0) return void vscode.window.showInformationMessage(NO_BYTES[what]());
	await openUntitled(document, documentName(document, connection, title, 'pem'), withDer.map(certificatePem).join('\n'), 'pem');
}

/** Opens certificate `index` of one side as PEM. */
export function openCertificate(document: CaptureDocument, connection: number, side: 'client' | 'server', index: number): Promise<void> {
	const c = certificates(document, connection, side)[index];
	const title = side === 'client' ? vscode.l10n.t('client certificate {0}', index + 1) : vscode.l10n.t('server certificate {0}', index + 1);
	return openPem(document, connection, c ? [c] : [], side, title);
}

/** Opens the chain one side sent in the chain view: validated against the workspace's certificates and anchors. */
export async function openChain(document: CaptureDocument, connection: number, side: 'client' | 'server'): Promise<void> {
	const der = certificates(document, connection, side).flatMap((c) => (c.der ? [c.der] : []));
	if (der.length === 0) return void vscode.window.showInformationMessage(side === 'client' ? vscode.l10n.t('Schannel Lens: the client sent no certificate in this connection.') : vscode.l10n.t('Schannel Lens: the server sent no certificate in this connection.'));
	// A server chain is checked against the name the client asked for (the ClientHello's SNI), as Schannel clients do.
	const sni = side === 'server' ? document.handshake(connection)?.sni : undefined;
	await vscode.commands.executeCommand('schannelLens.showTrustChain', { leaf: { label: side === 'client' ? vscode.l10n.t('{0} · connection {1} · client', document.fileName, connection + 1) : vscode.l10n.t('{0} · connection {1} · server', document.fileName, connection + 1), der }, ...(side === 'server' ? { purpose: 'server' } : {}), ...(sni ? { host: sni, hostSource: vscode.l10n.t("the capture's SNI") } : {}) });
}

/** Every certificate of a connection (server chain, then client chain) as one PEM document. */
export function exportCertificates(document: CaptureDocument, connection: number): Promise<void> {
	return openPem(document, connection, [...certificates(document, connection, 'server'), ...certificates(document, connection, 'client')], 'connection', vscode.l10n.t('certificates'));
}

/** The DN list with bytes, running total and cut line as a plain text document. */
export function exportDnList(document: CaptureDocument, connection: number): Promise<void> {
	const c = document.model.connections[connection];
	if (!c) throw new Error(vscode.l10n.t('no connection {0}', connection));
	if (!c.clientAuthRequested) return Promise.resolve(void vscode.window.showInformationMessage(vscode.l10n.t('Schannel Lens: this connection has no CertificateRequest.')));
	return openUntitled(document, documentName(document, connection, vscode.l10n.t('CA names'), 'txt'), dnListText(c, document.fileName, document.os.name, document.os.issuerListLimit.bytes), 'plaintext');
}
