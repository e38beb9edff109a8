import * as vscode from 'vscode';
import { buildChains, CertificatePool, parsePeerName, SignatureChecker, type ChainProfile, type ChainPurpose, type ChainResult, type PeerName } from '../core/chain';
import { certificatesFromReg, loadCertificatesSync, type Certificate } from '../core/x509';
import { parseRegBytes } from '../core/reg';
import { webviewHtml, webviewOptions } from '../shared/webviewHtml';
import type { CertificateIndex } from '../certificates/certificateIndex';
import { compareWithWindows, type Capi2Chain } from '../core/events';
import type { ChainRestore, ChainViewState, FromChainView, ToChainView } from '../protocol/chainView';
import { registerTestCommand } from '../shared/testHooks';
import { PanelRegistry } from '../shared/panelRegistry';

/** Certificates given as bytes (a chain seen in a capture): the first is the leaf. */
export interface ChainBytes {
	readonly label: string;
	/** DER certificates, leaf first, as sent on the wire. */
	readonly der: readonly Uint8Array[];
}

/** Arguments for running without prompts (the certificate editor's Path tab, the capture editor, tests). */
export interface ChainArgs {
	readonly leaf: vscode.Uri | ChainBytes;
	/** Which certificate of the leaf file (default 0). */
	readonly index?: number;
	readonly purpose?: ChainPurpose;
	readonly at?: string;
	/** Files whose certificates are the trust anchors (default: the setting, else self-signed ones). */
	readonly anchors?: readonly vscode.Uri[];
	/** Rule set (default `windows`). */
	readonly profile?: ChainProfile;
	/** Host name or IP address the leaf must name (a capture passes its SNI). */
	readonly host?: string;
	/** Where `host` came from, shown in the view (default "given"). */
	readonly hostSource?: string;
	/** Open the chain view beside the active editor (the event log editor's "Show as chain"). */
	readonly beside?: boolean;
	/** Windows's chain for this certificate (a CAPI2 event 11), drawn beside it and compared. */
	readonly windows?: { readonly label: string; readonly chain: Capi2Chain };
}

/** What the view was last asked for. */
interface Settings {
	purpose: ChainPurpose;
	at: string | undefined;
	profile: ChainProfile;
	host: string;
	hostSource: string;
}

/** A DNS name or IP address from free text; undefined for '' or text that is neither. */
function peerFrom(text: string): PeerName | undefined {
	if (!text.trim()) return undefined;
	const ip = parsePeerName('ip', text.trim());
	if (typeof ip !== 'string') return ip;
	const dns = parsePeerName('dns', text.trim());
	return typeof dns === 'string' ? undefined : dns;
}

function hostNote(s: Settings): string {
	if (!s.host.trim()) return vscode.l10n.t('No host name checked (type the server name to check it).');
	if (!peerFrom(s.host)) return vscode.l10n.t('"{0}" is neither a host name nor an IP address: not checked.', s.host);
	return vscode.l10n.t('Host name checked: {0} ({1}).', s.host.trim(), s.hostSource);
}

function settingsOf(args: ChainArgs): Settings {
	return { purpose: args.purpose ?? 'client', at: args.at, profile: args.profile ?? 'windows', host: args.host ?? '', hostSource: args.hostSource ?? vscode.l10n.t('given') };
}

/** Files of the certificate index whose certificates are chain candidates (PKCS#12 needs a password: not here). */
const CANDIDATE_FILE = /\.(cer|crt|der|pem|p7b|p7c|sst|reg)$/i;

interface Candidate {
	readonly certificate: Certificate;
	readonly uri: vscode.Uri;
	readonly index: number;
}

function certificatesOf(uri: vscode.Uri, bytes: Uint8Array): Certificate[] {
	return uri.path.toLowerCase().endsWith('.reg') ? certificatesFromReg(parseRegBytes(bytes)).flatMap((c) => (c.certificate ? [c.certificate] : [])) : loadCertificatesSync(bytes).value.map((l) => l.certificate);
}

/**
 * The candidates: the certificates of the files the workspace certificate index holds (its include/exclude
 * globs and size limit apply; no scan of its own), plus the chosen anchor files if the index lacks them.
 */
async function candidateCertificates(index: CertificateIndex, anchorFiles: readonly vscode.Uri[]): Promise<Candidate[]> {
	await index.whenReady();
	const files = new Map<string, vscode.Uri>();
	for (const file of index.lookup.files()) if (CANDIDATE_FILE.test(file)) files.set(file, vscode.Uri.parse(file));
	for (const uri of anchorFiles) files.set(uri.toString(), uri);
	const out: Candidate[] = [];
	for (const uri of files.values()) {
		try {
			certificatesOf(uri, await vscode.workspace.fs.readFile(uri)).forEach((certificate, i) => out.push({ certificate, uri, index: i }));
		} catch {
			// Deleted since it was indexed: the index drops it on its own.
		}
	}
	return out;
}

async function anchorsFrom(candidates: readonly Candidate[], chosen?: readonly vscode.Uri[]): Promise<{ isAnchor: (c: Candidate) => boolean; note: string }> {
	if (chosen?.length) {
		const uris = new Set(chosen.map((u) => u.toString()));
		return { isAnchor: (c) => uris.has(c.uri.toString()), note: vscode.l10n.t('Trust anchors: the certificates of {0}.', chosen.map((u) => vscode.workspace.asRelativePath(u)).join(', ')) };
	}
	const globs = vscode.workspace.getConfiguration('schannelLens').get<string[]>('chain.anchors') ?? [];
	if (globs.length > 0) {
		const uris = new Set<string>();
		for (const g of globs) for (const u of await vscode.workspace.findFiles(g)) uris.add(u.toString());
		return { isAnchor: (c) => uris.has(c.uri.toString()), note: vscode.l10n.t('Trust anchors: the files matching schannelLens.chain.anchors ({0}).', globs.join(', ')) };
	}
	const count = new Set(candidates.filter((c) => c.certificate.isSelfIssued).map((c) => c.certificate.sha256)).size;
	return { isAnchor: (c) => c.certificate.isSelfIssued, note: vscode.l10n.t('Trust anchors: the {0} self-signed certificates found in the workspace (set schannelLens.chain.anchors to choose a Root store export or bundle).', count) };
}

function labelOf(leaf: vscode.Uri | ChainBytes): string {
	return leaf instanceof vscode.Uri ? vscode.workspace.asRelativePath(leaf) : leaf.label;
}

const toBase64 = (der: Uint8Array) => btoa(Array.from(der, (b) => String.fromCharCode(b)).join(''));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

function restoreOf(args: ChainArgs, s: Settings, anchors: readonly vscode.Uri[] | undefined): ChainRestore {
	const leaf = args.leaf instanceof vscode.Uri ? { uri: args.leaf.toString(), index: args.index ?? 0 } : { label: args.leaf.label, der: args.leaf.der.map(toBase64) };
	return { leaf, purpose: s.purpose, ...(s.at ? { at: s.at } : {}), ...(anchors?.length ? { anchors: anchors.map((u) => u.toString()) } : {}), profile: s.profile, ...(s.host ? { host: s.host, hostSource: s.hostSource } : {}) };
}

function argsOf(restore: ChainRestore): ChainArgs {
	const leaf = 'uri' in restore.leaf ? vscode.Uri.parse(restore.leaf.uri) : { label: restore.leaf.label, der: restore.leaf.der.map(fromBase64) };
	return { leaf, purpose: restore.purpose, ...('index' in restore.leaf ? { index: restore.leaf.index } : {}), ...(restore.at ? { at: restore.at } : {}), ...(restore.anchors ? { anchors: restore.anchors.map((u) => vscode.Uri.parse(u)) } : {}), ...(restore.profile ? { profile: restore.profile } : {}), ...(restore.host ? { host: restore.host } : {}), ...(restore.hostSource ? { hostSource: restore.hostSource } : {}) };
}

/** One panel per subject: the same leaf (file and index, or the same certificates sent) reuses its panel. */
function subjectKey(args: ChainArgs): string {
	return args.leaf instanceof vscode.Uri ? `${args.leaf.toString()}#${args.index ?? 0}` : `bytes:${args.leaf.der.map(toBase64).join('.')}`;
}

interface Built {
	readonly result: ChainResult;
	readonly note: string;
	/** Where each source label of the result's nodes came from (labels are relative paths, folder-prefixed in multi-root). */
	readonly sources: ReadonlyMap<string, vscode.Uri>;
}

/** A chain panel's state: what it shows, and how to build it again. */
interface PanelState {
	args: ChainArgs;
	built: Built;
	settings: Settings;
	anchorFiles: readonly vscode.Uri[] | undefined;
}

/** "Schannel Lens: Show Trust Chain" and the chain view panel (issue 4); panels are reused and restored (issue 13). */
export class TrustChainView implements vscode.Disposable, vscode.WebviewPanelSerializer<ChainViewState> {
	static readonly viewType = 'schannelLens.chain';
	private readonly _subscriptions: vscode.Disposable[] = [];
	private readonly _panels = new PanelRegistry<{ panel: vscode.WebviewPanel; state: PanelState; post: () => void }>();
	lastResult: ChainResult | undefined;

	constructor(
		private readonly _extensionUri: vscode.Uri,
		private readonly _index: CertificateIndex,
	) {
		this._subscriptions.push(
			vscode.commands.registerCommand('schannelLens.showTrustChain', (arg?: vscode.Uri | ChainArgs) => this.show(arg)),
			vscode.window.registerWebviewPanelSerializer(TrustChainView.viewType, this),
			registerTestCommand('schannelLens._test.lastChainResult', () => this.lastResult),
			registerTestCommand('schannelLens._test.chainPanelCount', () => this._panels.size),
		);
	}

	private async _leaf(arg?: vscode.Uri | ChainArgs): Promise<ChainArgs | undefined> {
		if (arg instanceof vscode.Uri) return { leaf: arg };
		if (arg) return arg;
		const tab = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
		const active = tab instanceof vscode.TabInputCustom || tab instanceof vscode.TabInputText ? tab.uri : undefined;
		if (active && /\.(cer|crt|der|pem|p7b|p7c|pfx|p12|sst)$/i.test(active.path)) return { leaf: active };
		await this._index.whenReady();
		const files = this._index.lookup.files().filter((f) => /\.(cer|crt|der|pem)$/i.test(f)).map((f) => vscode.Uri.parse(f));
		const pick = await vscode.window.showQuickPick(files.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })), { title: vscode.l10n.t('Certificate to build the chain for') });
		return pick ? { leaf: pick.uri } : undefined;
	}

	private async _build(args: ChainArgs, settings: Settings, anchorFiles?: readonly vscode.Uri[]): Promise<Built | undefined> {
		const { purpose, at, profile } = settings;
		const peer = peerFrom(settings.host);
		const leafCerts = args.leaf instanceof vscode.Uri ? loadCertificatesSync(await vscode.workspace.fs.readFile(args.leaf)).value : args.leaf.der.flatMap((d) => loadCertificatesSync(d).value);
		const leaf = leafCerts[args.index ?? 0]?.certificate;
		if (!leaf) {
			void vscode.window.showWarningMessage(vscode.l10n.t('{0}: no certificate to build a chain for.', labelOf(args.leaf)));
			return undefined;
		}
		const chosen = anchorFiles ?? args.anchors;
		const candidates = await candidateCertificates(this._index, chosen ?? []);
		const anchors = await anchorsFrom(candidates, chosen);
		const pool = new CertificatePool();
		const sources = new Map<string, vscode.Uri>();
		for (const c of candidates) {
			const label = vscode.workspace.asRelativePath(c.uri);
			sources.set(label, c.uri);
			pool.add(c.certificate, label, { anchor: anchors.isAnchor(c) });
		}
		leafCerts.forEach((l) => pool.add(l.certificate, args.leaf instanceof vscode.Uri ? 'leaf file' : 'sent in the capture'));
		const result = await buildChains(leaf, pool, new SignatureChecker(globalThis.crypto.subtle), { purpose, profile, ...(peer ? { peer } : {}), ...(at ? { at: new Date(at) } : {}) });
		this.lastResult = result;
		return { result, note: anchors.note, sources };
	}

	/** Builds the chains for a certificate and shows them (in its subject's panel if one is open); returns the model. */
	async show(arg?: vscode.Uri | ChainArgs): Promise<ChainResult | undefined> {
		const args = await this._leaf(arg);
		if (!args) return undefined;
		const settings = settingsOf(args);
		const built = await this._build(args, settings);
		if (!built) return undefined;
		const state: PanelState = { args, built, settings, anchorFiles: args.anchors };
		const key = subjectKey(args);
		const open = this._panels.reveal(key);
		if (open) {
			open.state = state;
			open.post();
		} else {
			const panel = vscode.window.createWebviewPanel(TrustChainView.viewType, vscode.l10n.t('Chain: {0}', labelOf(args.leaf)), args.beside ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active, webviewOptions(this._extensionUri));
			this._attach(panel, key, state);
		}
		return built.result;
	}

	/** After a reload: the webview's saved state says which chain it showed; build it again. */
	async deserializeWebviewPanel(panel: vscode.WebviewPanel, saved: ChainViewState | undefined): Promise<void> {
		const args = saved?.restore ? argsOf(saved.restore) : undefined;
		const settings = args && settingsOf(args);
		const built = args && settings && (await this._build(args, settings, args.anchors).catch(() => undefined));
		if (!args || !settings || !built) {
			panel.dispose();
			return;
		}
		this._attach(panel, subjectKey(args), { args, built, settings, anchorFiles: args.anchors });
	}

	private _attach(panel: vscode.WebviewPanel, key: string, initial: PanelState): void {
		const label = labelOf(initial.args.leaf);
		panel.webview.options = webviewOptions(this._extensionUri);
		panel.webview.html = webviewHtml(panel.webview, this._extensionUri, { script: 'chain', styles: ['chain.css'], title: vscode.l10n.t('Chain: {0}', label) });
		const entry = {
			panel,
			state: initial,
			post: () => {
				const s = entry.state;
				const windows = s.args.windows ? { windows: { ...s.args.windows, comparison: compareWithWindows(s.args.windows.chain, s.built.result) } } : {};
				void panel.webview.postMessage({ type: 'chains', result: s.built.result, anchorsNote: s.built.note, leafLabel: label, hostNote: hostNote(s.settings), ...windows, restore: restoreOf(s.args, s.settings, s.anchorFiles) } satisfies ToChainView);
			},
		};
		this._panels.add(key, entry);
		panel.webview.onDidReceiveMessage((m: FromChainView) => void this._onMessage(entry, m));
	}

	private async _rebuild(entry: { state: PanelState; post: () => void }): Promise<void> {
		const s = entry.state;
		const again = await this._build(s.args, s.settings, s.anchorFiles);
		if (!again) return;
		s.built = again;
		entry.post();
	}

	private async _onMessage(entry: { state: PanelState; post: () => void }, m: FromChainView): Promise<void> {
		const s = entry.state;
		switch (m.type) {
			case 'ready':
				return entry.post();
			case 'revalidate':
				s.settings = { purpose: m.purpose, at: m.at, profile: m.profile, host: m.host, hostSource: m.host === s.settings.host ? s.settings.hostSource : 'typed in the view' };
				return this._rebuild(entry);
			case 'openCertificate': {
				const node = s.built.result.nodes.find((n) => n.id === m.node);
				const source = node?.sources.map((label) => s.built.sources.get(label)).find((u) => u !== undefined);
				const uri = source ?? (s.args.leaf instanceof vscode.Uri ? s.args.leaf : undefined);
				if (uri) await vscode.commands.executeCommand('vscode.openWith', uri, uri.path.toLowerCase().endsWith('.reg') ? 'default' : 'schannelLens.certificate');
				return;
			}
			case 'chooseAnchors': {
				await this._index.whenReady();
				const files = this._index.lookup.files().filter((f) => CANDIDATE_FILE.test(f)).map((f) => vscode.Uri.parse(f));
				const picked = await vscode.window.showQuickPick(files.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })), { title: vscode.l10n.t('Trust anchors: a Root store export or a CA bundle'), canPickMany: true });
				if (!picked?.length) return;
				s.anchorFiles = picked.map((p) => p.uri);
				return this._rebuild(entry);
			}
			case 'exportSvg': {
				const target = await vscode.window.showSaveDialog({ filters: { SVG: ['svg'] }, saveLabel: vscode.l10n.t('Export chain') });
				if (target) await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(m.svg));
				return;
			}
			default: {
				const never: never = m;
				return never;
			}
		}
	}

	dispose(): void {
		vscode.Disposable.from(...this._subscriptions).dispose();
		this._panels.clear();
	}
}
