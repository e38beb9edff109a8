/** The doctor page: one webview panel per set of folders, reused, restored after a reload by its serializer. */
import * as vscode from 'vscode';
import { buildCase } from '../core/case';
import { diagnose } from '../core/diagnosis';
import { doctorReport, type DoctorReport } from '../core/diagnosis/report';
import { webviewHtml, webviewOptions } from '../shared/webviewHtml';
import type { DoctorState, FromDoctor, ToDoctor } from '../protocol/doctor';
import type { Logger } from '../shared/logger';
import { createCollectionScript, openPlace, openPlan } from './actions';
import { workspaceCaseFolders } from '../case/caseFolders';
import { explicitWindows } from '../shared/settings';
import { PanelRegistry } from '../shared/panelRegistry';

/** A diagnosed case: the report and the URI of every file it names. */
interface Diagnosed {
	readonly report: DoctorReport;
	readonly files: ReadonlyMap<string, vscode.Uri>;
}

/** Reads the folders, builds the case and diagnoses it. Throws with one sentence when there is nothing to read. */
export async function diagnoseFolders(folders: readonly vscode.Uri[]): Promise<Diagnosed> {
	const walked = await workspaceCaseFolders(folders);
	if (walked.folders.length === 0) throw new Error(vscode.l10n.t('no case files (.reg, .sst, .cer, .pfx, .pcapng, …) in {0} or the folders below it', folders.map((f) => vscode.workspace.asRelativePath(f)).join(', ')));
	const windows = explicitWindows(folders[0]);
	const c = await buildCase(walked.folders, { crypto: globalThis.crypto.subtle, ...(windows ? { windows } : {}) });
	return { report: doctorReport(c, diagnose(c)), files: walked.files };
}

const keyOf = (folders: readonly vscode.Uri[]): string => folders.map((f) => f.toString()).sort().join('\n');
const titleOf = (folders: readonly vscode.Uri[]): string => vscode.l10n.t('Doctor: {0}', folders.map((f) => f.path.split('/').filter(Boolean).pop() ?? f.path).join(', '));

/** One doctor page. */
class DoctorPage {
	private _current: Diagnosed | undefined;
	private _ready = false;
	private _run = 0;
	private readonly _title: string;

	constructor(
		readonly panel: vscode.WebviewPanel,
		readonly folders: readonly vscode.Uri[],
		extensionUri: vscode.Uri,
		private readonly _logger: Logger,
		private readonly _onReport: (report: DoctorReport) => void,
	) {
		this._title = titleOf(folders);
		panel.title = this._title;
		panel.webview.options = webviewOptions(extensionUri);
		panel.webview.html = webviewHtml(panel.webview, extensionUri, { script: 'doctor', styles: ['doctor.css'], title: this._title });
		panel.webview.onDidReceiveMessage((m: FromDoctor) => void this._onMessage(m));
	}

	/** Diagnoses the folders (again) and shows the answer; resolves with the report (undefined when none). */
	async refresh(): Promise<DoctorReport | undefined> {
		const run = ++this._run;
		this._post({ type: 'busy', title: this._title });
		const folders = this.folders.map((f) => f.toString());
		try {
			const diagnosed = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Schannel Lens: diagnosing') }, () => diagnoseFolders(this.folders));
			if (run !== this._run) return diagnosed.report;
			this._current = diagnosed;
			this._onReport(diagnosed.report);
			this._post({ type: 'report', title: this._title, folders, report: diagnosed.report });
			return diagnosed.report;
		} catch (err) {
			const message = err instanceof Error ? err.message : String(err);
			this._logger.warn(`doctor: ${message}`);
			if (run === this._run) this._post({ type: 'error', title: this._title, folders, message });
			return undefined;
		}
	}

	private _post(message: ToDoctor): void {
		// Before `ready` the webview would drop it; the ready handshake sends the current state.
		if (this._ready) this.panel.webview.postMessage(message).then(undefined, () => undefined);
	}

	private async _onMessage(m: FromDoctor): Promise<void> {
		try {
			switch (m.type) {
				case 'ready':
					this._ready = true;
					if (this._current) return this._post({ type: 'report', title: this._title, folders: this.folders.map((f) => f.toString()), report: this._current.report });
					return this._post({ type: 'busy', title: this._title });
				case 'open':
					return await openPlace(m.place, this._current?.files ?? new Map());
				case 'openPlan':
					if (this._current) await openPlan(this._current.report, m.plan, m.machine, this.folders[0]);
					return;
				case 'collect':
					return await createCollectionScript();
				case 'refresh':
					await this.refresh();
					return;
				default: {
					const never: never = m;
					this._logger.warn(`doctor: unknown message ${JSON.stringify(never)}`);
				}
			}
		} catch (err) {
			this._logger.error(`doctor: ${m.type} failed`, err);
			void vscode.window.showErrorMessage(vscode.l10n.t('Schannel Lens: {0}', err instanceof Error ? err.message : String(err)));
		}
	}
}

/** The open doctor pages, by folder set, and their serializer. */
export class DoctorPanels implements vscode.WebviewPanelSerializer<DoctorState>, vscode.Disposable {
	static readonly viewType = 'schannelLens.doctor';
	private readonly _pages = new PanelRegistry<DoctorPage>();
	/** The last report shown (the test hook returns it). */
	lastReport: DoctorReport | undefined;

	constructor(
		private readonly _extensionUri: vscode.Uri,
		private readonly _logger: Logger,
	) {}

	/** Shows the doctor for a folder set (reusing its page) and resolves with the fresh report. */
	async show(folders: readonly vscode.Uri[]): Promise<DoctorReport | undefined> {
		const key = keyOf(folders);
		let page = this._pages.reveal(key);
		if (!page) {
			const panel = vscode.window.createWebviewPanel(DoctorPanels.viewType, titleOf(folders), vscode.ViewColumn.Active, webviewOptions(this._extensionUri));
			page = this._track(key, panel, folders);
		}
		return page.refresh();
	}

	async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: DoctorState | undefined): Promise<void> {
		const folders = (state?.folders ?? []).map((f) => vscode.Uri.parse(f));
		if (folders.length === 0) return void panel.dispose();
		const key = keyOf(folders);
		if (this._pages.get(key)) return void panel.dispose();
		await this._track(key, panel, folders).refresh();
	}

	private _track(key: string, panel: vscode.WebviewPanel, folders: readonly vscode.Uri[]): DoctorPage {
		return this._pages.add(key, new DoctorPage(panel, folders, this._extensionUri, this._logger, (r) => (this.lastReport = r)));
	}

	dispose(): void {
		this._pages.dispose();
	}
}
