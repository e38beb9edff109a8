import * as vscode from 'vscode';
import { regCertificateAt, regCertificateHover } from '../core/stores';
import { formatRfc4514, nameValue } from '../core/x509';
import { toRange } from './convert';
import type { RegAnalysisCache } from './regAnalysis';

/** Read-only virtual files for certificates held in `.reg` Blobs: `schannel-lens-cert:/<SHA1>.cer?source=…&line=…`. */
export const CERT_SCHEME = 'schannel-lens-cert';

/** Serves the DER of a Blob certificate so the certificate editor can open it; nothing is ever written. */
class BlobCertificateFileSystem implements vscode.FileSystemProvider {
	private readonly _onDidChangeFile = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
	readonly onDidChangeFile = this._onDidChangeFile.event;

	constructor(private readonly _cache: RegAnalysisCache) {}

	private async _der(uri: vscode.Uri): Promise<Uint8Array> {
		const q = new URLSearchParams(uri.query);
		const source = vscode.Uri.parse(q.get('source') ?? '');
		const line = Number(q.get('line'));
		const analysis = this._cache.get(await vscode.workspace.openTextDocument(source));
		const rc = analysis.certificates.find((c) => c.keyRange.start.line === line);
		if (!rc?.certificate) throw vscode.FileSystemError.FileNotFound(uri);
		return rc.certificate.der;
	}

	async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
		const der = await this._der(uri);
		return { type: vscode.FileType.File, ctime: 0, mtime: 0, size: der.length, permissions: vscode.FilePermission.Readonly };
	}

	readFile(uri: vscode.Uri): Promise<Uint8Array> {
		return this._der(uri);
	}

	watch(): vscode.Disposable {
		return new vscode.Disposable(() => undefined);
	}
	readDirectory(): [string, vscode.FileType][] {
		return [];
	}
	createDirectory(): void {
		throw vscode.FileSystemError.NoPermissions('read-only');
	}
	writeFile(): void {
		throw vscode.FileSystemError.NoPermissions('read-only');
	}
	delete(): void {
		throw vscode.FileSystemError.NoPermissions('read-only');
	}
	rename(): void {
		throw vscode.FileSystemError.NoPermissions('read-only');
	}
}

/** CodeLens "View certificate" above each Blob certificate key. */
class BlobCodeLensProvider implements vscode.CodeLensProvider {
	constructor(private readonly _cache: RegAnalysisCache) {}

	provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
		return this._cache.get(document).certificates.flatMap((rc) => {
			if (!rc.certificate) return [];
			const uri = blobUri(document.uri, rc.keyRange.start.line, rc.certificate.sha1);
			// The CA's name, not its thumbprint (issue 15): the friendly name, else the CN, else the whole subject.
			const name = rc.friendlyName || nameValue(rc.certificate.subject, '2.5.4.3') || formatRfc4514(rc.certificate.subject) || rc.certificate.sha1;
			const title = vscode.l10n.t('View certificate: {0}', name.length > 80 ? `${name.slice(0, 79)}…` : name);
			return [new vscode.CodeLens(toRange(rc.keyRange), { title, tooltip: vscode.l10n.t('SHA-1 {0}', rc.certificate.sha1), command: 'schannelLens.viewRegCertificate', arguments: [uri] })];
		});
	}
}

function blobUri(source: vscode.Uri, line: number, sha1: string): vscode.Uri {
	return vscode.Uri.from({ scheme: CERT_SCHEME, path: `/${sha1}.cer`, query: new URLSearchParams({ source: source.toString(), line: String(line) }).toString() });
}

/** Hover on a certificate key or its Blob. */
class BlobHoverProvider implements vscode.HoverProvider {
	constructor(private readonly _cache: RegAnalysisCache) {}

	provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
		const rc = regCertificateAt(this._cache.get(document).certificates, { line: position.line, character: position.character });
		if (!rc) return undefined;
		return new vscode.Hover(new vscode.MarkdownString(regCertificateHover(rc, new Date())), toRange(rc.keyRange));
	}
}

/** Certificates inside `.reg` exports: hover, CodeLens, and a read-only view of each. */
export function registerRegCertificates(cache: RegAnalysisCache, selector: vscode.DocumentSelector): vscode.Disposable {
	return vscode.Disposable.from(
		vscode.workspace.registerFileSystemProvider(CERT_SCHEME, new BlobCertificateFileSystem(cache), { isReadonly: true, isCaseSensitive: true }),
		vscode.languages.registerCodeLensProvider(selector, new BlobCodeLensProvider(cache)),
		vscode.languages.registerHoverProvider(selector, new BlobHoverProvider(cache)),
		vscode.commands.registerCommand('schannelLens.viewRegCertificate', async (uri: vscode.Uri) => {
			// The certificate editor (schannelLens.certificate) opens .cer files; fall back to the default editor.
			try {
				await vscode.commands.executeCommand('vscode.openWith', uri, 'schannelLens.certificate');
			} catch {
				await vscode.commands.executeCommand('vscode.open', uri);
			}
		}),
	);
}
