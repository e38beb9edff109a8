/** The doctor feature: "Schannel Lens: Diagnose Folder" (palette and Explorer), its page and the page's serializer. */
import * as vscode from 'vscode';
import type { DoctorReport } from '../core/diagnosis/report';
import type { Services } from '../services';
import { registerTestCommand } from '../shared/testHooks';
import { DoctorPanels } from './doctorPanel';

/** Arguments for running the command without prompts (tests, other features). */
export interface DiagnoseFolderArgs {
	readonly folders: readonly vscode.Uri[];
}

/** The folders to diagnose: the Explorer's selection, the given ones, else a workspace folder or one picked. */
async function foldersFrom(arg: unknown, selected: unknown): Promise<readonly vscode.Uri[] | undefined> {
	if (Array.isArray(selected) && selected.length > 1 && selected.every((s) => s instanceof vscode.Uri)) return selected as vscode.Uri[];
	if (arg instanceof vscode.Uri) return [arg];
	const given = (arg as Partial<DiagnoseFolderArgs> | undefined)?.folders;
	if (Array.isArray(given) && given.length > 0) return given;
	const workspace = vscode.workspace.workspaceFolders ?? [];
	const choose = { label: `$(folder-opened) ${vscode.l10n.t('Choose a folder…')}`, uri: undefined as vscode.Uri | undefined };
	const items = [...workspace.map((f) => ({ label: `$(root-folder) ${f.name}`, description: f.uri.fsPath, uri: f.uri as vscode.Uri | undefined })), choose];
	const pick = items.length === 1 ? choose : await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Diagnose which folder? (each folder that holds exports, certificates or captures is one machine)') });
	if (!pick) return undefined;
	if (pick.uri) return [pick.uri];
	const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: true, openLabel: vscode.l10n.t('Diagnose'), title: vscode.l10n.t('Folders of the case (a server\'s exports, the clients\' certificates)'), ...(workspace[0] ? { defaultUri: workspace[0].uri } : {}) });
	return picked?.length ? picked : undefined;
}

/** Registers the command, the panel serializer, the side bar's Start view and (in test mode only) the hook that returns the last report. */
export function registerDoctor(context: vscode.ExtensionContext, { logger }: Services): vscode.Disposable {
	const panels = new DoctorPanels(context.extensionUri, logger);
	const disposables: vscode.Disposable[] = [
		panels,
		vscode.commands.registerCommand('schannelLens.diagnoseFolder', async (arg?: vscode.Uri | DiagnoseFolderArgs, selected?: vscode.Uri[]): Promise<DoctorReport | undefined> => {
			const folders = await foldersFrom(arg, selected);
			return folders ? panels.show(folders) : undefined;
		}),
		vscode.window.registerWebviewPanelSerializer(DoctorPanels.viewType, panels),
		// The "Start" view of the Schannel Lens side bar: always empty, so its welcome content (the doctor, the
		// issuer list, the collection script, the walkthrough; package.json viewsWelcome) is what it shows.
		vscode.window.registerTreeDataProvider<vscode.TreeItem>('schannelLens.start', { getChildren: () => [], getTreeItem: (item) => item }),
	];
	disposables.push(registerTestCommand('schannelLens._test.lastDoctorReport', () => panels.lastReport));
	return vscode.Disposable.from(...disposables);
}
