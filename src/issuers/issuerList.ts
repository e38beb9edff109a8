import * as vscode from 'vscode';
import { checkKb2416849, findVersions, hotfixVerdictWords } from '../core/hotfix';
import { diffSnapshots, issuerReport, readStoreSource, type IssuerReport, type SourceFile } from '../core/issuers';
import { findTargetComment, findWindowsVersion, DEFAULT_TARGET_OS, type WindowsVersion } from '../core/schannel';
import { formatRfc4514 } from '../core/x509';
import { webviewHtml, webviewOptions } from '../shared/webviewHtml';
import type { FromIssuerReport, PlanDocument, ToIssuerReport } from '../protocol/issuerReport';
import { configuredTargetOs } from '../shared/settings';
import { diagnoseFolders, machineFor, machineWithClients } from '../case/workspaceCase';
import { issuerReportFromCase } from '../core/diagnosis';
import { registerTestCommand } from '../shared/testHooks';

/** Arguments for running the check without prompts (the diagnostic's quick fix, tests). */
export interface IssuerCheckArgs {
	readonly sources: readonly vscode.Uri[];
	readonly clients?: readonly vscode.Uri[];
	readonly targetOs?: string;
}

const STORE_GLOB = '**/*.{reg,sst,p7b,p7c,pem,crt,cer,der}';

async function readSources(uris: readonly vscode.Uri[]): Promise<SourceFile[]> {
	const out: SourceFile[] = [];
	for (const uri of uris) {
		const bytes = await vscode.workspace.fs.readFile(uri);
		const source = await readStoreSource(vscode.workspace.asRelativePath(uri), bytes, 'Root', { crypto: globalThis.crypto.subtle });
		if (source.error) void vscode.window.showWarningMessage(`${vscode.workspace.asRelativePath(uri)}: ${source.error}`);
		out.push(source);
	}
	return out;
}

async function pickFiles(title: string, canPickMany: boolean, preselect: readonly vscode.Uri[] = []): Promise<vscode.Uri[] | undefined> {
	const files = await vscode.workspace.findFiles(STORE_GLOB, '**/node_modules/**', 2000);
	const items = files.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri, picked: preselect.some((p) => p.toString() === uri.toString()) }));
	const picked = await vscode.window.showQuickPick(items, { title, canPickMany, matchOnDescription: true });
	if (!picked) return undefined;
	return (Array.isArray(picked) ? picked : [picked]).map((p) => p.uri);
}

async function targetFor(sources: readonly SourceFile[], explicit: string | undefined): Promise<WindowsVersion> {
	const fromComment = sources.map((s) => (s.regText ? findTargetComment(s.regText)?.os : undefined)).find(Boolean);
	return (explicit ? findWindowsVersion(explicit) : undefined) ?? fromComment ?? findWindowsVersion(configuredTargetOs() ?? '') ?? DEFAULT_TARGET_OS;
}

async function openDocument(content: string, language: string): Promise<vscode.TextDocument> {
	const doc = await vscode.workspace.openTextDocument({ language, content });
	await vscode.window.showTextDocument(doc, { preview: false });
	return doc;
}

function blocked(why: string | undefined): undefined {
	void vscode.window.showWarningMessage(vscode.l10n.t('Plan (a) is not offered: {0}', why ?? vscode.l10n.t('no root can be removed safely')));
	return undefined;
}

/** Opens a plan or export of a report as a new untitled document for review; nothing is saved or run. */
export function openPlanDocument(report: IssuerReport, which: PlanDocument): Promise<vscode.TextDocument> | undefined {
	const [a, b, c] = report.plans;
	switch (which) {
		case 'remove-roots':
			if (!a.reg) return blocked(a.blockedBy);
			return openDocument(a.reg, 'reg');
		case 'remove-roots-ps1':
			if (!a.powershell) return blocked(a.blockedBy);
			return openDocument(a.powershell, 'powershell');
		case 'no-list':
			return openDocument(b.reg, 'reg');
		case 'client-auth-issuer':
			return c.reg ? openDocument(c.reg, 'reg') : undefined;
		case 'dn-list':
			return openDocument(report.entries.map((e, i) => `${i + 1}\t${e.bytes}\t${e.cumulativeBytes}\t${e.cut ? 'cut' : 'sent'}\t${e.subject}`).join('\n') + '\n', 'plaintext');
	}
}

/** The issuer-list report panel and the commands around it (issue 6). */
export class IssuerListCommands implements vscode.Disposable {
	private readonly _subscriptions: vscode.Disposable[] = [];
	/** The last report shown, for the test hook. */
	lastReport: IssuerReport | undefined;

	constructor(private readonly _extensionUri: vscode.Uri) {
		this._subscriptions.push(
			vscode.commands.registerCommand('schannelLens.checkIssuerList', (arg?: vscode.Uri | IssuerCheckArgs) => this.check(arg)),
			vscode.commands.registerCommand('schannelLens.planRootRemoval', async (arg?: vscode.Uri | IssuerCheckArgs) => {
				const report = await this._report(arg);
				if (!report) return undefined;
				if (!report.plans[0].reg) return blocked(report.plans[0].blockedBy);
				await openPlanDocument(report, 'remove-roots-ps1');
				return openPlanDocument(report, 'remove-roots');
			}),
			vscode.commands.registerCommand('schannelLens.generateSchannelFix', async (arg?: vscode.Uri | IssuerCheckArgs, plan?: PlanDocument) => {
				const report = await this._report(arg);
				if (!report) return undefined;
				const choice = plan ?? (await vscode.window.showQuickPick([
					{ label: vscode.l10n.t('(a) Remove roots so the list fits'), id: 'remove-roots' as const },
					{ label: '(b) SendTrustedIssuerList=0', id: 'no-list' as const },
					{ label: vscode.l10n.t('(c) ClientAuthTrustMode=2 + ClientAuthIssuer store'), id: 'client-auth-issuer' as const },
				], { title: vscode.l10n.t('Which fix (KB 2464556)?') }))?.id;
				return choice ? openPlanDocument(report, choice) : undefined;
			}),
			vscode.commands.registerCommand('schannelLens.checkHotfix', (text?: string) => this._hotfix(text)),
			vscode.commands.registerCommand('schannelLens.compareSnapshots', (before?: vscode.Uri, after?: vscode.Uri) => this._compare(before, after)),
			registerTestCommand('schannelLens._test.lastIssuerReport', () => this.lastReport),
		);
	}

	private async _report(arg?: vscode.Uri | IssuerCheckArgs): Promise<IssuerReport | undefined> {
		// Explicit files (tests, scripted use): the report over exactly those sources.
		if (arg && !(arg instanceof vscode.Uri)) {
			const sources = await readSources(arg.sources);
			const clients = await readSources(arg.clients ?? []);
			const os = await targetFor(sources, arg.targetOs);
			this.lastReport = issuerReport(sources, clients, { os });
			return this.lastReport;
		}
		// A file or nothing: the machine its folder is, diagnosed with the sibling folders (its clients), as the
		// capture editor and "Diagnose Folder" on the parent see it (issue 10). Without a file: the workspace.
		const target = arg ?? vscode.window.activeTextEditor?.document.uri;
		const isFile = target?.scheme === 'file' && (await vscode.workspace.fs.stat(target).then((s) => s.type === vscode.FileType.File, () => false));
		const near = isFile ? await machineWithClients(vscode.Uri.joinPath(target!, '..')) : undefined;
		const { case: c, diagnosis } = near ?? (await diagnoseFolders());
		const servers = c.machines.filter((m) => m.role === 'server');
		let machine = target ? machineFor(c, target) : undefined;
		if (!machine || !servers.some((m) => m.name === machine)) {
			if (servers.length === 0) {
				void vscode.window.showWarningMessage(vscode.l10n.t('No server in the workspace: open a folder with the server\'s Root store and SCHANNEL exports (see "Schannel Lens: Create Collection Script").'));
				return undefined;
			}
			machine = servers.length === 1 ? servers[0]!.name : (await vscode.window.showQuickPick(servers.map((m) => ({ label: m.name, description: m.folder })), { title: vscode.l10n.t('Which server?') }))?.label;
			if (!machine) return undefined;
		}
		this.lastReport = issuerReportFromCase(c, diagnosis, machine);
		return this.lastReport;
	}

	/** "Schannel Lens: Check Trusted Issuer List": computes and shows the report. */
	async check(arg?: vscode.Uri | IssuerCheckArgs): Promise<IssuerReport | undefined> {
		const report = await this._report(arg);
		if (!report) return undefined;
		const title = vscode.l10n.t('Trusted issuer list · {0}', report.targetOs);
		const panel = vscode.window.createWebviewPanel('schannelLens.issuerReport', title, vscode.ViewColumn.Active, webviewOptions(this._extensionUri));
		panel.webview.html = webviewHtml(panel.webview, this._extensionUri, { script: 'issuers', styles: ['issuers.css'], title });
		const post = () => void panel.webview.postMessage({ type: 'report', title, report } satisfies ToIssuerReport);
		panel.webview.onDidReceiveMessage((m: FromIssuerReport) => {
			switch (m.type) {
				case 'ready':
					return post();
				case 'open':
					return void openPlanDocument(report, m.document);
				default: {
					const never: never = m;
					return never;
				}
			}
		});
		return report;
	}

	private async _hotfix(text?: string): Promise<string | undefined> {
		const input = text ?? (await vscode.window.showInputBox({ title: vscode.l10n.t('Check Schannel.dll for KB 2416849'), prompt: vscode.l10n.t('A file version such as 6.1.7601.21624, or pasted (Get-Item …).VersionInfo / wmic output') }));
		if (!input) return undefined;
		const versions = findVersions(input);
		if (versions.length === 0) {
			void vscode.window.showWarningMessage(vscode.l10n.t('No file version (a.b.c.d) found in the text.'));
			return undefined;
		}
		const md = ['# Schannel.dll and KB 2416849', '', ...versions.flatMap((v) => {
			const r = checkKb2416849(v);
			return [`## ${v.text}: ${hotfixVerdictWords(r)}`, '', ...r.reasoning.map((x) => `- ${x}`), '', `Evidence: ${r.evidence}.`, ''];
		})].join('\n');
		await openDocument(md, 'markdown');
		return md;
	}

	private async _compare(before?: vscode.Uri, after?: vscode.Uri): Promise<string | undefined> {
		const a = before ?? (await pickFiles('Before: an export of the stores', false))?.[0];
		const b = after ?? (a ? (await pickFiles('After: the same stores, later', false))?.[0] : undefined);
		if (!a || !b) return undefined;
		const [sa, sb] = await readSources([a, b]);
		const entries = (s: SourceFile) => s.certs.map((l) => ({ store: l.source.storeName ?? 'Root', sha1: l.certificate.sha1, subject: formatRfc4514(l.certificate.subject), properties: '', isCa: l.certificate.basicConstraints?.ca === true }));
		const d = diffSnapshots(entries(sa!), entries(sb!));
		const row = (verb: string) => (e: { store: string; sha1: string; subject: string }) => `| ${verb} | ${e.store} | \`${e.sha1}\` | ${e.subject} |`;
		const md = [`# Store snapshots`, '', `Before: \`${sa!.file}\` · After: \`${sb!.file}\``, '', `${d.removed.length} removed, ${d.added.length} added, ${d.unchanged} unchanged. Removed roots and client certificates come first (KB 2416849: lsass deleting the root).`, '', '| change | store | SHA-1 | subject |', '|---|---|---|---|', ...d.removed.map(row('removed')), ...d.added.map(row('added'))].join('\n');
		await openDocument(`${md}\n`, 'markdown');
		return md;
	}

	dispose(): void {
		vscode.Disposable.from(...this._subscriptions).dispose();
	}
}
