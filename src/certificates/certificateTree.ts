/** The "Certificates" tree: indexed certificates grouped by source file and store, with their state. */
import * as vscode from 'vscode';
import type { IndexedCertificate } from '../core/certificateIndex';
import type { CertificateIndex } from './certificateIndex';

/** A node of the tree. */
export type CertificateNode = { readonly kind: 'folder'; readonly folder: string } | { readonly kind: 'file'; readonly file: string } | { readonly kind: 'store'; readonly file: string; readonly store: string } | { readonly kind: 'certificate'; readonly certificate: IndexedCertificate };

/** The state words shown after a certificate's name. */
export function stateWords(c: IndexedCertificate, now: Date): string[] {
	const words: string[] = [];
	if (Date.parse(c.notAfterIso) < now.getTime()) words.push('expired');
	else if (Date.parse(c.notBeforeIso) > now.getTime()) words.push('not yet valid');
	if (c.isCa) words.push('CA');
	if (c.clientAuth) words.push('client auth');
	return words;
}

function icon(c: IndexedCertificate, words: string[]): vscode.ThemeIcon {
	if (words.includes('expired') || words.includes('not yet valid')) return new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
	if (c.isCa) return new vscode.ThemeIcon('verified');
	if (c.clientAuth) return new vscode.ThemeIcon('account');
	return new vscode.ThemeIcon('file');
}

export class CertificateTreeProvider implements vscode.TreeDataProvider<CertificateNode>, vscode.Disposable {
	private readonly _onDidChange = new vscode.EventEmitter<CertificateNode | undefined>();
	readonly onDidChangeTreeData = this._onDidChange.event;
	private readonly _listener: vscode.Disposable;

	constructor(private readonly _index: CertificateIndex) {
		this._listener = _index.onDidChange(() => this._onDidChange.fire(undefined));
	}

	/** Workspace-relative folder of an indexed file ('' at the root). */
	private _folderOf(file: string): string {
		const path = this._index.describeFile(file);
		return path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
	}

	getChildren(node?: CertificateNode): CertificateNode[] {
		const lookup = this._index.lookup;
		const byName = (a: string, b: string) => this._index.describeFile(a).localeCompare(this._index.describeFile(b));
		if (!node) {
			const folders = [...new Set(lookup.files().map((f) => this._folderOf(f)))].sort();
			// One folder level keeps hundreds of files navigable; files at the root stay at the root.
			return folders.flatMap((folder): CertificateNode[] => (folder ? [{ kind: 'folder', folder }] : lookup.files().filter((f) => this._folderOf(f) === '').sort(byName).map((file) => ({ kind: 'file', file }))));
		}
		if (node.kind === 'folder') {
			return lookup
				.files()
				.filter((f) => this._folderOf(f) === node.folder)
				.sort(byName)
				.map((file) => ({ kind: 'file', file }));
		}
		if (node.kind === 'certificate') return [];
		const certs = lookup.inFile(node.file);
		if (node.kind === 'store') return certs.filter((c) => c.store === node.store).map((certificate) => ({ kind: 'certificate', certificate }));
		const stores = [...new Set(certs.map((c) => c.store).filter((s): s is string => s !== undefined))];
		const loose = certs.filter((c) => c.store === undefined).map((certificate): CertificateNode => ({ kind: 'certificate', certificate }));
		return [...stores.sort().map((store): CertificateNode => ({ kind: 'store', file: node.file, store })), ...loose];
	}

	getTreeItem(node: CertificateNode): vscode.TreeItem {
		if (node.kind === 'folder') {
			const item = new vscode.TreeItem(node.folder, vscode.TreeItemCollapsibleState.Collapsed);
			item.iconPath = vscode.ThemeIcon.Folder;
			item.id = `folder:${node.folder}`;
			const count = this._index.lookup.files().filter((f) => this._folderOf(f) === node.folder).reduce((n, f) => n + this._index.lookup.inFile(f).length, 0);
			item.description = `${count} certificate${count === 1 ? '' : 's'}`;
			return item;
		}
		if (node.kind === 'file') {
			const uri = vscode.Uri.parse(node.file);
			const count = this._index.lookup.inFile(node.file).length;
			const item = new vscode.TreeItem(uri, vscode.TreeItemCollapsibleState.Collapsed);
			item.description = String(count);
			item.id = `file:${node.file}`;
			item.contextValue = 'certificateFile';
			return item;
		}
		if (node.kind === 'store') {
			const item = new vscode.TreeItem(node.store, vscode.TreeItemCollapsibleState.Expanded);
			item.iconPath = new vscode.ThemeIcon('database');
			item.description = 'store';
			return item;
		}
		return this._certificateItem(node.certificate);
	}

	private _certificateItem(c: IndexedCertificate): vscode.TreeItem {
		const words = stateWords(c, new Date());
		const item = new vscode.TreeItem(c.friendlyName && c.friendlyName !== c.title ? `${c.title} (${c.friendlyName})` : c.title, vscode.TreeItemCollapsibleState.None);
		item.description = words.join(' · ');
		item.iconPath = icon(c, words);
		item.contextValue = 'certificate';
		item.id = `${c.file}#${c.index}`;
		const tip = new vscode.MarkdownString(undefined, true);
		tip.appendText(`${c.subject}\nIssued by ${c.issuer}\nValid ${c.notBeforeIso} to ${c.notAfterIso}\nSHA-1 ${c.sha1}`);
		if (words.length) tip.appendText(`\n${words.join(', ')}`);
		item.tooltip = tip;
		item.accessibilityInformation = { label: `${c.title}${words.length ? `, ${words.join(', ')}` : ''}` };
		item.command = { title: 'Open in Certificate View', command: 'schannelLens.openInCertificateView', arguments: [vscode.Uri.parse(c.file), c.index] };
		return item;
	}

	dispose(): void {
		this._listener.dispose();
		this._onDidChange.dispose();
	}
}
