import * as vscode from 'vscode';
import { buildChains, CertificatePool, SignatureChecker, type ChainPurpose, type ChainResult } from '../core/chain';
import { certificatesFromReg, loadCertificatesSync, type Certificate } from '../core/x509';
import { parseRegBytes } from '../core/reg';
import { webviewHtml, webviewOptions } from '../editors/webviewHtml';
import type { FromChainView, ToChainView } from '../protocol/chainView';
import { registerTestCommand } from '../testHooks';

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
}

const CERT_GLOB = '**/*.{cer,crt,der,pem,p7b,p7c,sst,reg}';
const MAX_FILE = 10 * 1024 * 1024;

interface Candidate {
	readonly certificate: Certificate;
	readonly uri: vscode.Uri;
	readonly index: number;
}

/** Every certificate in the workspace's certificate files (the candidates), with where it is. */
async function workspaceCertificates(): Promise<Candidate[]> {
	const exclude = '**/{node_modules,.git,.cache,out,dist}/**';
	const files = await vscode.workspace.findFiles(CERT_GLOB, exclude, 2000);
	const out: Candidate[] = [];
	for (const uri of files) {
		const stat = await vscode.workspace.fs.stat(uri);
		if (stat.size > MAX_FILE) continue;
		const bytes = await vscode.workspace.fs.readFile(uri);
		const certs = uri.path.toLowerCase().endsWith('.reg') ? certificatesFromReg(parseRegBytes(bytes)).flatMap((c) => (c.certificate ? [c.certificate] : [])) : loadCertificatesSync(bytes).value.map((l) => l.certificate);
		certs.forEach((certificate, index) => out.push({ certificate, uri, index }));
	}
	return out;
}

async function anchorsFrom(candidates: readonly Candidate[], chosen?: readonly vscode.Uri[]): Promise<{ isAnchor: (c: Candidate) => boolean; note: string }> {
	if (chosen?.length) {
		const uris = new Set(chosen.map((u) => u.toString()));
		return { isAnchor: (c) => uris.has(c.uri.toString()), note: `Trust anchors: the certificates of ${chosen.map((u) => vscode.workspace.asRelativePath(u)).join(', ')}.` };
	}
	const globs = vscode.workspace.getConfiguration('schannelLens').get<string[]>('chain.anchors') ?? [];
	if (globs.length > 0) {
		const uris = new Set<string>();
		for (const g of globs) for (const u of await vscode.workspace.findFiles(g)) uris.add(u.toString());
		return { isAnchor: (c) => uris.has(c.uri.toString()), note: `Trust anchors: the files matching schannelLens.chain.anchors (${globs.join(', ')}).` };
	}
	const count = new Set(candidates.filter((c) => c.certificate.isSelfIssued).map((c) => c.certificate.sha256)).size;
	return { isAnchor: (c) => c.certificate.isSelfIssued, note: `Trust anchors: the ${count} self-signed certificates found in the workspace (set schannelLens.chain.anchors to choose a Root store export or bundle).` };
}

function labelOf(leaf: vscode.Uri | ChainBytes): string {
	return leaf instanceof vscode.Uri ? vscode.workspace.asRelativePath(leaf) : leaf.label;
}

/** "Schannel Lens: Show Trust Chain" and the chain view panel (issue 4). */
export class TrustChainView implements vscode.Disposable {
	private readonly _subscriptions: vscode.Disposable[] = [];
	lastResult: ChainResult | undefined;

	constructor(private readonly _extensionUri: vscode.Uri) {
		this._subscriptions.push(
			vscode.commands.registerCommand('schannelLens.showTrustChain', (arg?: vscode.Uri | ChainArgs) => this.show(arg)),
			registerTestCommand('schannelLens._test.lastChainResult', () => this.lastResult),
		);
	}

	private async _leaf(arg?: vscode.Uri | ChainArgs): Promise<ChainArgs | undefined> {
		if (arg instanceof vscode.Uri) return { leaf: arg };
		if (arg) return arg;
		const tab = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
		const active = tab instanceof vscode.TabInputCustom || tab instanceof vscode.TabInputText ? tab.uri : undefined;
		if (active && /\.(cer|crt|der|pem|p7b|p7c|pfx|p12|sst)$/i.test(active.path)) return { leaf: active };
		const files = await vscode.workspace.findFiles('**/*.{cer,crt,der,pem}', '**/node_modules/**', 2000);
		const pick = await vscode.window.showQuickPick(files.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })), { title: 'Certificate to build the chain for' });
		return pick ? { leaf: pick.uri } : undefined;
	}

	private async _build(args: ChainArgs, purpose: ChainPurpose, at: string | undefined, anchorFiles?: readonly vscode.Uri[]): Promise<{ result: ChainResult; note: string } | undefined> {
		const leafCerts = args.leaf instanceof vscode.Uri ? loadCertificatesSync(await vscode.workspace.fs.readFile(args.leaf)).value : args.leaf.der.flatMap((d) => loadCertificatesSync(d).value);
		const leaf = leafCerts[args.index ?? 0]?.certificate;
		if (!leaf) {
			void vscode.window.showWarningMessage(`${labelOf(args.leaf)}: no certificate to build a chain for.`);
			return undefined;
		}
		const candidates = await workspaceCertificates();
		const anchors = await anchorsFrom(candidates, anchorFiles ?? args.anchors);
		const pool = new CertificatePool();
		for (const c of candidates) pool.add(c.certificate, vscode.workspace.asRelativePath(c.uri), { anchor: anchors.isAnchor(c) });
		leafCerts.forEach((l) => pool.add(l.certificate, args.leaf instanceof vscode.Uri ? 'leaf file' : 'sent in the capture'));
		const result = await buildChains(leaf, pool, new SignatureChecker(globalThis.crypto.subtle), { purpose, ...(at ? { at: new Date(at) } : {}) });
		this.lastResult = result;
		return { result, note: anchors.note };
	}

	/** Builds the chains for a certificate and shows them; returns the model (for tests). */
	async show(arg?: vscode.Uri | ChainArgs): Promise<ChainResult | undefined> {
		const args = await this._leaf(arg);
		if (!args) return undefined;
		const built = await this._build(args, args.purpose ?? 'client', args.at);
		if (!built) return undefined;
		const label = labelOf(args.leaf);
		const panel = vscode.window.createWebviewPanel('schannelLens.chain', `Chain: ${label}`, vscode.ViewColumn.Active, webviewOptions(this._extensionUri));
		panel.webview.html = webviewHtml(panel.webview, this._extensionUri, { script: 'chain', styles: ['chain.css'], title: `Chain: ${label}` });
		let current = built;
		let anchorFiles = args.anchors;
		let settings = { purpose: args.purpose ?? ('client' as ChainPurpose), at: args.at };
		const post = () => void panel.webview.postMessage({ type: 'chains', result: current.result, anchorsNote: current.note, leafLabel: label } satisfies ToChainView);
		panel.webview.onDidReceiveMessage(async (m: FromChainView) => {
			switch (m.type) {
				case 'ready':
					return post();
				case 'revalidate': {
					settings = { purpose: m.purpose, at: m.at };
					const again = await this._build(args, m.purpose, m.at, anchorFiles);
					if (again) {
						current = again;
						post();
					}
					return;
				}
				case 'openCertificate': {
					const node = current.result.nodes.find((n) => n.id === m.node);
					const source = node?.sources.find((s) => s !== 'leaf file' && s !== 'sent in the capture');
					const folder = vscode.workspace.workspaceFolders?.[0];
					const uri = source && folder ? vscode.Uri.joinPath(folder.uri, source) : args.leaf instanceof vscode.Uri ? args.leaf : undefined;
					if (uri) await vscode.commands.executeCommand('vscode.openWith', uri, uri.path.toLowerCase().endsWith('.reg') ? 'default' : 'schannelLens.certificate');
					return;
				}
				case 'chooseAnchors': {
					const files = await vscode.workspace.findFiles('**/*.{reg,sst,p7b,p7c,pem,crt,cer}', '**/node_modules/**', 2000);
					const picked = await vscode.window.showQuickPick(files.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })), { title: 'Trust anchors: a Root store export or a CA bundle', canPickMany: true });
					if (!picked?.length) return;
					anchorFiles = picked.map((p) => p.uri);
					const again = await this._build(args, settings.purpose, settings.at, anchorFiles);
					if (again) {
						current = again;
						post();
					}
					return;
				}
				case 'exportSvg': {
					const target = await vscode.window.showSaveDialog({ filters: { SVG: ['svg'] }, saveLabel: 'Export chain' });
					if (target) await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(m.svg));
					return;
				}
				default: {
					const never: never = m;
					return never;
				}
			}
		});
		return built.result;
	}

	dispose(): void {
		vscode.Disposable.from(...this._subscriptions).dispose();
	}
}
