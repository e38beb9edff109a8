/** What the doctor page's links and buttons do: open evidence where it is, open fix plans as new documents. */
import * as vscode from 'vscode';
import type { DoctorReport, FixPlan, Place } from '../protocol/doctor';
import { openNewDocument, planFileName } from '../shared/newDocument';

const CAPTURE = /\.(pcap|pcapng|cap|pcap\.gz|pcapng\.gz)$/i;
const CERTIFICATE = /\.(cer|crt|der|p7b|p7c|sst|pfx|p12)$/i;

/** The URI of a file name the report shows: only files of the case (a message cannot name any other file). */
export function fileUri(file: string, files: ReadonlyMap<string, vscode.Uri>): vscode.Uri | undefined {
	return files.get(file);
}

/**
 * Opens an evidence place: a text file at its line, a capture in the capture editor, a certificate file in the
 * certificate editor, anything else with the default editor. Nothing is ever written.
 */
export async function openPlace(place: Place, files: ReadonlyMap<string, vscode.Uri>): Promise<void> {
	const uri = fileUri(place.file, files);
	if (!uri) return void vscode.window.showWarningMessage(vscode.l10n.t('Schannel Lens: {0} is not a file of this case.', place.file));
	if (place.frame !== undefined || CAPTURE.test(uri.path)) return void (await vscode.commands.executeCommand('vscode.openWith', uri, 'schannelLens.capture'));
	if (place.line !== undefined) {
		const line = Math.max(0, place.line - 1);
		await vscode.window.showTextDocument(uri, { selection: new vscode.Range(line, 0, line, 0), preview: true });
		return;
	}
	if (CERTIFICATE.test(uri.path)) return void (await vscode.commands.executeCommand('vscode.openWith', uri, 'schannelLens.certificate'));
	await vscode.commands.executeCommand('vscode.open', uri);
}

/**
 * Opens a fix plan as new untitled documents for review: its .reg, and for plan (a) the PowerShell too
 * (opened first, so the .reg ends up in front), titled by machine and plan. Returns the .reg document; never saves
 * or runs anything. `near`: a folder of the case (the output folder is in its workspace folder).
 */
export async function openPlan(report: DoctorReport, id: FixPlan['id'], machine: string, near?: vscode.Uri): Promise<vscode.TextDocument | undefined> {
	const plan = report.plans.find((p) => p.id === id && p.machine === machine);
	if (!plan?.available) {
		void vscode.window.showWarningMessage(plan ? vscode.l10n.t('Schannel Lens: {0} is not available: {1}', plan.title, plan.blockedBy ?? '') : vscode.l10n.t('Schannel Lens: no plan {0} for {1}', id, machine));
		return undefined;
	}
	const open = (content: string, ext: 'reg' | 'ps1') => openNewDocument({ name: planFileName(machine, id, ext), content, language: ext === 'reg' ? 'reg' : 'powershell', ...(near ? { near } : {}) });
	if (plan.powershell) await open(plan.powershell, 'ps1');
	return plan.reg ? open(plan.reg, 'reg') : undefined;
}

/** Runs "Create Collection Script" when that command exists (it comes with the collection-script feature). */
export async function createCollectionScript(): Promise<void> {
	const commands = await vscode.commands.getCommands(true);
	if (!commands.includes('schannelLens.createCollectionScript')) {
		void vscode.window.showInformationMessage(vscode.l10n.t('Schannel Lens: "Create Collection Script" is not available in this version.'));
		return;
	}
	await vscode.commands.executeCommand('schannelLens.createCollectionScript');
}
