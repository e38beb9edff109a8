/** The trusted issuer list report panel: one per machine (or file set), reused, titled by it, restored after a reload. */
import * as vscode from 'vscode';
import type { FromIssuerReport, IssuerReportRestore, PlanDocument, ToIssuerReport } from '../protocol/issuerReport';
import { PanelRegistry } from '../shared/panelRegistry';
import { webviewHtml, webviewOptions } from '../shared/webviewHtml';
import type { IssuerCheckArgs, IssuerSubject } from './issuerList';

/** The command argument that makes the same report again from what a panel saved. */
export function restoreArg(restore: IssuerReportRestore): vscode.Uri | IssuerCheckArgs | undefined {
	if (restore.kind === 'machine') return restore.file ? vscode.Uri.parse(restore.file) : undefined;
	return { sources: restore.sources.map((s) => vscode.Uri.parse(s)), clients: restore.clients.map((s) => vscode.Uri.parse(s)), ...(restore.targetOs ? { targetOs: restore.targetOs } : {}) };
}

/** One open report: its panel and the subject it shows now. */
interface ReportPage {
	readonly panel: vscode.WebviewPanel;
	subject: IssuerSubject;
	post(): void;
}

/** The open report panels, by subject. */
export class IssuerReportPanels implements vscode.Disposable {
	static readonly viewType = 'schannelLens.issuerReport';
	private readonly _pages = new PanelRegistry<ReportPage>();

	constructor(
		private readonly _extensionUri: vscode.Uri,
		private readonly _open: (subject: IssuerSubject, which: PlanDocument) => Promise<unknown> | undefined,
	) {}

	/** How many report panels are open (the test hook reads it). */
	get size(): number {
		return this._pages.size;
	}

	/** Shows a report: in its subject's panel (revealed, with the fresh report) or in a new one. */
	show(subject: IssuerSubject): void {
		const open = this._pages.reveal(subject.key);
		if (open) {
			open.subject = subject;
			open.post();
			return;
		}
		const panel = vscode.window.createWebviewPanel(IssuerReportPanels.viewType, titleOf(subject), vscode.ViewColumn.Active, webviewOptions(this._extensionUri));
		this.attach(panel, subject);
	}

	/** Fills a panel (new, or restored by the serializer) and tracks it under its subject. */
	attach(panel: vscode.WebviewPanel, subject: IssuerSubject): void {
		const title = titleOf(subject);
		panel.title = title;
		panel.webview.options = webviewOptions(this._extensionUri);
		panel.webview.html = webviewHtml(panel.webview, this._extensionUri, { script: 'issuers', styles: ['issuers.css'], title });
		const page: ReportPage = {
			panel,
			subject,
			post: () => void panel.webview.postMessage({ type: 'report', title: titleOf(page.subject), report: page.subject.report, restore: page.subject.restore } satisfies ToIssuerReport),
		};
		panel.webview.onDidReceiveMessage((m: FromIssuerReport) => {
			switch (m.type) {
				case 'ready':
					return page.post();
				case 'open':
					return void this._open(page.subject, m.document);
				default: {
					const never: never = m;
					return never;
				}
			}
		});
		this._pages.add(subject.key, page);
	}

	dispose(): void {
		this._pages.dispose();
	}
}

/** "Trusted issuer list: WEB01 (Windows Server 2008 R2)". */
function titleOf(subject: IssuerSubject): string {
	return vscode.l10n.t('Trusted issuer list: {0} ({1})', subject.name, subject.report.targetOs);
}
