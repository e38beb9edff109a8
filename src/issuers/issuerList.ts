import * as vscode from 'vscode';
import { checkKb2416849, findVersions, hotfixVerdictWords } from '../core/hotfix';
import { diffSnapshots, issuerReport, readStoreSource, type IssuerReport, type SourceFile } from '../core/issuers';
import { findTargetComment, findWindowsVersion, DEFAULT_TARGET_OS, type WindowsVersion } from '../core/schannel';
import { formatRfc4514 } from '../core/x509';
import type { IssuerReportRestore, IssuerReportState, PlanDocument } from '../protocol/issuerReport';
import { configuredTargetOs } from '../shared/settings';
import { diagnoseFolders, machineFor, machineWithClients } from '../case/workspaceCase';
import { evidenceWords } from '../core/schannel/stateWords';
import { issuerReportFromCase } from '../core/diagnosis';
import { registerTestCommand } from '../shared/testHooks';
import { isFolderFile } from '../shared/workspaceFiles';
import { openNewDocument, planFileName } from '../shared/newDocument';
import { IssuerReportPanels, restoreArg } from './issuerReportPanel';

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

async function openDocument(content: string, language: string, name: string, near?: vscode.Uri): Promise<vscode.TextDocument> {
	return openNewDocument({ name, content, language, ...(near ? { near } : {}) });
}

function blocked(why: string | undefined): undefined {
	void vscode.window.showWarningMessage(vscode.l10n.t('Plan (a) is not offered: {0}', why ?? vscode.l10n.t('no root can be removed safely')));
	return undefined;
}

/** A report and what it is about: the machine (or the files) it names, its panel's key, what restores it. */
export interface IssuerSubject {
	readonly report: IssuerReport;
	/** The machine's name, or the first store file's name: the panel's and the plans' titles. */
	readonly name: string;
	readonly key: string;
	/** A file of the subject: the generated documents' output folder is in its workspace folder. */
	readonly near?: vscode.Uri;
	readonly restore: IssuerReportRestore;
}

/** Opens a plan or export of a report as a new unsaved document titled by machine and plan; nothing is saved or run. */
export function openPlanDocument(subject: Pick<IssuerSubject, 'report' | 'name' | 'near'>, which: PlanDocument): Promise<vscode.TextDocument> | undefined {
	const { report, name, near } = subject;
	const [a, b, c] = report.plans;
	switch (which) {
		case 'remove-roots':
			if (!a.reg) return blocked(a.blockedBy);
			return openDocument(a.reg, 'reg', planFileName(name, 'remove-roots', 'reg'), near);
		case 'remove-roots-ps1':
			if (!a.powershell) return blocked(a.blockedBy);
			return openDocument(a.powershell, 'powershell', planFileName(name, 'remove-roots', 'ps1'), near);
		case 'no-list':
			return openDocument(b.reg, 'reg', planFileName(name, 'no-list', 'reg'), near);
		case 'client-auth-issuer':
			return c.reg ? openDocument(c.reg, 'reg', planFileName(name, 'client-auth-issuer', 'reg'), near) : undefined;
		case 'dn-list':
			return openDocument(report.entries.map((e, i) => `${i + 1}\t${e.bytes}\t${e.cumulativeBytes}\t${e.cut ? vscode.l10n.t('cut') : vscode.l10n.t('sent')}\t${e.subject}`).join('\n') + '\n', 'plaintext', `${name} - ${vscode.l10n.t('trusted issuer list')}.txt`, near);
	}
}

const baseName = (uri: vscode.Uri): string => uri.path.split('/').filter(Boolean).pop() ?? uri.toString();

/** The issuer-list report panel and the commands around it (issue 6). */
export class IssuerListCommands implements vscode.Disposable, vscode.WebviewPanelSerializer<IssuerReportState> {
	private readonly _subscriptions: vscode.Disposable[] = [];
	private readonly _panels: IssuerReportPanels;
	/** The last report shown, for the test hook. */
	lastReport: IssuerReport | undefined;

	constructor(extensionUri: vscode.Uri) {
		this._panels = new IssuerReportPanels(extensionUri, (subject, which) => openPlanDocument(subject, which));
		this._subscriptions.push(
			this._panels,
			vscode.commands.registerCommand('schannelLens.checkIssuerList', (arg?: vscode.Uri | IssuerCheckArgs) => this.check(arg)),
			vscode.window.registerWebviewPanelSerializer(IssuerReportPanels.viewType, this),
			vscode.commands.registerCommand('schannelLens.planRootRemoval', async (arg?: vscode.Uri | IssuerCheckArgs) => {
				const subject = await this._report(arg);
				if (!subject) return undefined;
				if (!subject.report.plans[0].reg) return blocked(subject.report.plans[0].blockedBy);
				await openPlanDocument(subject, 'remove-roots-ps1');
				return openPlanDocument(subject, 'remove-roots');
			}),
			vscode.commands.registerCommand('schannelLens.generateSchannelFix', async (arg?: vscode.Uri | IssuerCheckArgs, plan?: PlanDocument) => {
				const subject = await this._report(arg);
				if (!subject) return undefined;
				const choice = plan ?? (await vscode.window.showQuickPick([
					{ label: vscode.l10n.t('(a) Remove roots so the list fits'), id: 'remove-roots' as const },
					{ label: '(b) SendTrustedIssuerList=0', id: 'no-list' as const },
					{ label: vscode.l10n.t('(c) ClientAuthTrustMode=2 + ClientAuthIssuer store'), id: 'client-auth-issuer' as const },
				], { title: vscode.l10n.t('Which fix (KB 2464556)?') }))?.id;
				return choice ? openPlanDocument(subject, choice) : undefined;
			}),
			vscode.commands.registerCommand('schannelLens.checkHotfix', (text?: string) => this._hotfix(text)),
			vscode.commands.registerCommand('schannelLens.compareSnapshots', (before?: vscode.Uri, after?: vscode.Uri) => this._compare(before, after)),
			registerTestCommand('schannelLens._test.lastIssuerReport', () => this.lastReport),
			registerTestCommand('schannelLens._test.issuerPanelCount', () => this._panels.size),
		);
	}

	private async _report(arg?: vscode.Uri | IssuerCheckArgs, knownMachine?: string): Promise<IssuerSubject | undefined> {
		// Explicit files (tests, scripted use): the report over exactly those sources.
		if (arg && !(arg instanceof vscode.Uri)) {
			const sources = await readSources(arg.sources);
			const clients = await readSources(arg.clients ?? []);
			const os = await targetFor(sources, arg.targetOs);
			const report = issuerReport(sources, clients, { os });
			this.lastReport = report;
			const restore: IssuerReportRestore = { kind: 'files', sources: arg.sources.map(String), clients: (arg.clients ?? []).map(String), ...(arg.targetOs ? { targetOs: arg.targetOs } : {}) };
			const first = arg.sources[0];
			const name = first ? baseName(first).replace(/\.[^.]+$/, '') + (arg.sources.length > 1 ? ` +${arg.sources.length - 1}` : '') : vscode.l10n.t('issuer list');
			return { report, name, key: JSON.stringify(restore), restore, ...(first ? { near: first } : {}) };
		}
		// A file or nothing: the machine its folder is, diagnosed with the sibling folders (its clients), as the
		// capture editor and "Diagnose Folder" on the parent see it (issue 10). Without a file: the workspace.
		const target = arg ?? vscode.window.activeTextEditor?.document.uri;
		const isFile = target !== undefined && isFolderFile(target) && (await vscode.workspace.fs.stat(target).then((s) => s.type === vscode.FileType.File, () => false));
		const near = isFile ? await machineWithClients(vscode.Uri.joinPath(target!, '..')) : undefined;
		const { case: c, diagnosis } = near ?? (await diagnoseFolders());
		const servers = c.machines.filter((m) => m.role === 'server');
		let machine = knownMachine ?? (target ? machineFor(c, target) : undefined);
		if (!machine || !servers.some((m) => m.name === machine)) {
			if (servers.length === 0) {
				void vscode.window.showWarningMessage(vscode.l10n.t('No server in the workspace: open a folder with the server\'s Root store and SCHANNEL exports (see "Schannel Lens: Create Collection Script").'));
				return undefined;
			}
			if (knownMachine) return undefined; // restoring a panel whose machine is gone: no prompt
			machine = servers.length === 1 ? servers[0]!.name : (await vscode.window.showQuickPick(servers.map((m) => ({ label: m.name, description: m.folder })), { title: vscode.l10n.t('Which server?') }))?.label;
			if (!machine) return undefined;
		}
		const report = issuerReportFromCase(c, diagnosis, machine);
		this.lastReport = report;
		if (!report) return undefined;
		const file = isFile ? target : undefined;
		const folder = servers.find((m) => m.name === machine)?.folder ?? '';
		const restore: IssuerReportRestore = { kind: 'machine', machine, ...(file ? { file: file.toString() } : {}) };
		return { report, name: machine, key: `machine\n${folder}\n${machine}`, restore, ...(file ? { near: file } : {}) };
	}

	/** "Schannel Lens: Check Trusted Issuer List": computes and shows the report, in its machine's panel if one is open. */
	async check(arg?: vscode.Uri | IssuerCheckArgs): Promise<IssuerReport | undefined> {
		const subject = await this._report(arg);
		if (!subject) return undefined;
		this._panels.show(subject);
		return subject.report;
	}

	/** After a reload: the webview's saved state names the subject; the report is made again (no prompts). */
	async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: IssuerReportState | undefined): Promise<void> {
		const restore = state?.restore;
		const subject = restore && (await this._report(restoreArg(restore), restore.kind === 'machine' ? restore.machine : undefined).catch(() => undefined));
		if (!subject) return void panel.dispose();
		this._panels.attach(panel, subject);
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
			return [`## ${v.text}: ${hotfixVerdictWords(r)}`, '', ...r.reasoning.map((x) => `- ${x}`), '', vscode.l10n.t('Evidence: {0}.', evidenceWords(r.evidence)), ''];
		})].join('\n');
		await openDocument(md, 'markdown', `${vscode.l10n.t('Schannel.dll and KB 2416849')} - ${versions.map((v) => v.text).join(', ')}.md`);
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
		await openDocument(`${md}\n`, 'markdown', `${vscode.l10n.t('Store snapshots')} - ${baseName(a)} - ${baseName(b)}.md`, a);
		return md;
	}

	dispose(): void {
		vscode.Disposable.from(...this._subscriptions).dispose();
	}
}
