/**
 * The "Certificates" tree (issue 15): machine (one folder = one machine; its schannel-lens.json
 * names it) → store → file → certificate, with counts on every node and the states an admin looks
 * for (expired, not yet valid, partial chain, untrusted root, no client-auth EKU; files that need a
 * password). The grouping and the states are pure code in core/certificateIndex/certificateGroups.
 */
import * as vscode from 'vscode';
import type { IndexedCertificate } from '../core/certificateIndex';
import { certificateStates, groupCertificates, trustedRootSet, type CertificateGroupFile, type CertificateGroupMachine, type CertificateGroupStore, type CertificateState, type UnreadFile } from '../core/certificateIndex';
import { loadCertificates } from '../core/x509';
import { maxPkcs12Iterations, plainBytes } from './certificateDocument';
import type { CertificateIndex } from './certificateIndex';

/** Key-derivation iterations the tree spends on a PKCS#12 file nobody opened (typical files use 2,048). */
const TREE_MAX_ITERATIONS = 10_000;

/** A node of the tree. */
export type CertificateNode =
	| { readonly kind: 'machine'; readonly machine: CertificateGroupMachine }
	| { readonly kind: 'store'; readonly machine: CertificateGroupMachine; readonly store: CertificateGroupStore }
	| { readonly kind: 'file'; readonly file: CertificateGroupFile }
	| { readonly kind: 'certificate'; readonly certificate: IndexedCertificate };

const warn = (id: string) => new vscode.ThemeIcon(id, new vscode.ThemeColor('problemsWarningIcon.foreground'));
const err = (id: string) => new vscode.ThemeIcon(id, new vscode.ThemeColor('problemsErrorIcon.foreground'));

function icon(c: IndexedCertificate, states: readonly CertificateState[]): vscode.ThemeIcon {
	if (states.includes('expired')) return err('error');
	if (states.includes('not-yet-valid')) return warn('watch');
	if (states.includes('partial-chain')) return warn('debug-disconnect');
	if (states.includes('untrusted-root')) return warn('workspace-untrusted');
	if (states.includes('no-client-auth')) return new vscode.ThemeIcon('circle-slash');
	if (c.isCa) return new vscode.ThemeIcon('verified');
	return new vscode.ThemeIcon('account');
}

const certificates = (n: number) => (n === 1 ? vscode.l10n.t('1 certificate') : vscode.l10n.t('{0} certificates', n.toLocaleString('en-US')));

/** The states' words (core/certificateIndex STATE_WORDS), in the display language. */
const STATE_TEXT: Record<CertificateState, () => string> = {
	expired: () => vscode.l10n.t('expired'),
	'not-yet-valid': () => vscode.l10n.t('not yet valid'),
	'partial-chain': () => vscode.l10n.t('partial chain'),
	'untrusted-root': () => vscode.l10n.t('untrusted root'),
	'no-client-auth': () => vscode.l10n.t('no client-auth EKU'),
};

export class CertificateTreeProvider implements vscode.TreeDataProvider<CertificateNode>, vscode.Disposable {
	private readonly _onDidChange = new vscode.EventEmitter<CertificateNode | undefined>();
	readonly onDidChangeTreeData = this._onDidChange.event;
	private readonly _listener: vscode.Disposable;
	private _machines: CertificateGroupMachine[] = [];
	private _states = new Map<IndexedCertificate, CertificateState[]>();
	private _generation = 0;

	private _dirty = true;

	constructor(private readonly _index: CertificateIndex) {
		// The model is computed when the view asks for it (a folded or hidden view costs nothing).
		this._listener = _index.onDidChange(() => {
			this._dirty = true;
			this._onDidChange.fire(undefined);
		});
	}

	/** Workspace-relative folder of an indexed file ('' at the root). */
	private _folderOf(file: string): string {
		const path = this._index.describeFile(file);
		return path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
	}

	private async _refresh(): Promise<void> {
		const generation = ++this._generation;
		const lookup = this._index.lookup;
		const [names, unread] = await Promise.all([this._machineNames(lookup.files()), this._unreadContainers(lookup.files())]);
		if (generation !== this._generation) return;
		const roots = trustedRootSet(lookup);
		const now = new Date();
		const states = new Map<IndexedCertificate, CertificateState[]>();
		for (const f of lookup.files()) for (const c of lookup.inFile(f)) states.set(c, certificateStates(c, lookup, roots, now));
		this._states = states;
		const byName = (a: string, b: string) => this._index.describeFile(a).localeCompare(this._index.describeFile(b));
		this._machines = groupCertificates(lookup, (f) => this._folderOf(f), names, unread, (c) => (states.get(c)?.length ?? 0) > 0, byName);
	}

	/** schannel-lens.json "name" per folder that has certificates (as the doctor names machines). */
	private async _machineNames(files: readonly string[]): Promise<Map<string, string>> {
		const out = new Map<string, string>();
		const folders = new Map<string, vscode.Uri>();
		for (const f of files) {
			const uri = vscode.Uri.parse(f);
			folders.set(this._folderOf(f), vscode.Uri.joinPath(uri, '..'));
		}
		await Promise.all(
			[...folders].map(async ([folder, uri]) => {
				try {
					const json = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(uri, 'schannel-lens.json')))) as { name?: unknown; role?: unknown };
					if (typeof json.name === 'string' && json.name) out.set(folder, typeof json.role === 'string' ? `${json.name} (${json.role})` : json.name);
				} catch {
					// no manifest, or not JSON: the folder's name
				}
			}),
		);
		return out;
	}

	/** .pfx/.p12 files the index holds no certificate for: most need a password (issue 15: never silently missing). */
	private async _unreadContainers(indexed: readonly string[]): Promise<UnreadFile[]> {
		const known = new Set(indexed);
		let uris: vscode.Uri[] = [];
		try {
			uris = await vscode.workspace.findFiles('**/*.{pfx,p12,PFX,P12}', '**/node_modules/**', 500);
		} catch {
			return [];
		}
		const out: UnreadFile[] = [];
		for (const uri of uris) {
			if (known.has(uri.toString())) continue;
			try {
				const stat = await vscode.workspace.fs.stat(uri);
				if (stat.size > 4 * 1024 * 1024) continue;
				// A bounded key derivation: a file asking for millions of iterations (10,000,000 in the fixtures) would
				// otherwise block the extension host for minutes (every other extension with it); such a file is
				// reported as needing to be opened, where the derivation runs in a worker with its own bound.
				const r = await loadCertificates(plainBytes(await vscode.workspace.fs.readFile(uri)), { fileName: uri.path, crypto: globalThis.crypto?.subtle, maxIterations: Math.min(TREE_MAX_ITERATIONS, maxPkcs12Iterations()) });
				if (r.value.length > 0) continue;
				const error = r.problems.find((p) => p.severity === 'error');
				const needsPassword = error?.code === 'pkcs12-password';
				const problem = error?.message ?? r.problems.find((p) => p.code === 'pkcs12-iterations')?.message ?? vscode.l10n.t('no certificate read');
				out.push({ file: uri.toString(), reason: needsPassword ? vscode.l10n.t('needs a password: open it to enter one') : problem, needsPassword });
			} catch (e) {
				out.push({ file: uri.toString(), reason: e instanceof Error ? e.message : String(e), needsPassword: false });
			}
		}
		return out;
	}

	async getChildren(node?: CertificateNode): Promise<CertificateNode[]> {
		if (!node) {
			if (this._dirty) {
				this._dirty = false;
				await this._refresh();
			}
			return this._machines.map((machine) => ({ kind: 'machine', machine }));
		}
		if (node.kind === 'machine') return node.machine.stores.map((store) => ({ kind: 'store', machine: node.machine, store }));
		if (node.kind === 'store') {
			// A store exported in one file shows its certificates directly; several files keep a level.
			if (node.store.store !== undefined && node.store.files.length === 1) return node.store.files[0]!.certificates.map((certificate) => ({ kind: 'certificate', certificate }));
			return node.store.files.map((file) => ({ kind: 'file', file }));
		}
		if (node.kind === 'file') return node.file.certificates.map((certificate) => ({ kind: 'certificate', certificate }));
		return [];
	}

	getTreeItem(node: CertificateNode): vscode.TreeItem {
		if (node.kind === 'machine') {
			const m = node.machine;
			// A case has a few machines: open them; a workspace of many folders starts folded.
			const item = new vscode.TreeItem(m.name, this._machines.length <= 4 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
			item.iconPath = new vscode.ThemeIcon('vm');
			item.id = `machine:${m.folder}`;
			item.description = m.flagged ? vscode.l10n.t('{0} · {1} to look at', certificates(m.count), m.flagged) : certificates(m.count);
			item.tooltip = vscode.l10n.t('{0}: one folder is one machine (as the doctor reads it)', m.folder || vscode.l10n.t('workspace root'));
			return item;
		}
		if (node.kind === 'store') {
			const s = node.store;
			const label = s.store ?? vscode.l10n.t('Certificate files');
			const item = new vscode.TreeItem(label, s.count > 50 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded);
			item.iconPath = new vscode.ThemeIcon(s.store ? 'database' : 'files');
			item.id = `store:${node.machine.folder}:${label}`;
			const single = s.store !== undefined && s.files.length === 1 ? ` · ${this._index.describeFile(s.files[0]!.file).split('/').pop()}` : '';
			const unread = s.files.filter((f) => f.unread).length;
			item.description = `${unread ? vscode.l10n.t('{0} + {1} unread', s.count, unread) : s.count}${single}`;
			return item;
		}
		if (node.kind === 'file') return this._fileItem(node.file);
		return this._certificateItem(node.certificate);
	}

	private _fileItem(f: CertificateGroupFile): vscode.TreeItem {
		const uri = vscode.Uri.parse(f.file);
		if (f.unread) {
			const item = new vscode.TreeItem(uri, vscode.TreeItemCollapsibleState.None);
			item.iconPath = f.unread.needsPassword ? warn('lock') : warn('warning');
			item.description = f.unread.needsPassword ? vscode.l10n.t('needs password') : vscode.l10n.t('not read');
			item.tooltip = `${this._index.describeFile(f.file)}: ${f.unread.reason}`;
			item.id = `unread:${f.file}`;
			item.command = { title: vscode.l10n.t('Open in Certificate View'), command: 'schannelLens.openInCertificateView', arguments: [uri] };
			return item;
		}
		const item = new vscode.TreeItem(uri, f.certificates.length === 1 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
		const flagged = f.certificates.filter((c) => (this._states.get(c)?.length ?? 0) > 0).length;
		item.description = flagged ? vscode.l10n.t('{0} · {1} to look at', f.certificates.length, flagged) : String(f.certificates.length);
		item.id = `file:${f.file}:${f.certificates[0]?.store ?? ''}`;
		item.contextValue = 'certificateFile';
		return item;
	}

	private _certificateItem(c: IndexedCertificate): vscode.TreeItem {
		const states = this._states.get(c) ?? [];
		const words = states.map((s) => STATE_TEXT[s]());
		const kind = c.isCa ? (c.selfIssued ? vscode.l10n.t('root CA') : vscode.l10n.t('CA')) : c.clientAuth ? vscode.l10n.t('client auth') : '';
		const item = new vscode.TreeItem(c.friendlyName && c.friendlyName !== c.title ? `${c.title} (${c.friendlyName})` : c.title, vscode.TreeItemCollapsibleState.None);
		item.description = [...words, ...(kind ? [kind] : [])].join(' · ');
		item.iconPath = icon(c, states);
		item.contextValue = 'certificate';
		item.id = `${c.file}#${c.index}`;
		const tip = new vscode.MarkdownString(undefined, true);
		tip.appendText(vscode.l10n.t('{0}\nIssued by {1}\nValid {2} to {3}\nSHA-1 {4}', c.subject, c.issuer, c.notBeforeIso, c.notAfterIso, c.sha1));
		if (words.length) tip.appendText(`\n${states.some((s) => s === 'partial-chain' || s === 'untrusted-root') ? vscode.l10n.t('{0} (chains followed by issuer name over the workspace\'s certificates; trusted roots = those in a Root store export)', words.join(', ')) : words.join(', ')}`);
		item.tooltip = tip;
		item.accessibilityInformation = { label: `${c.title}${item.description ? `, ${item.description}` : ''}` };
		item.command = { title: vscode.l10n.t('Open in Certificate View'), command: 'schannelLens.openInCertificateView', arguments: [vscode.Uri.parse(c.file), c.index] };
		return item;
	}

	dispose(): void {
		this._listener.dispose();
		this._onDidChange.dispose();
	}
}
