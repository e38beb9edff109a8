/**
 * Generated documents (fix plans, fixed copies, scripts, exports) open as NEW, UNSAVED documents with a meaningful
 * name ("WEB01 - plan (b) send no list.reg") instead of "Untitled-1" (issue 15). Input files are never changed.
 *
 * An `untitled:` URI with a path gives the tab its title; VS Code saves such a document to that path without asking,
 * so the path is inside `schannel-lens-output/` of the workspace folder: the case walk skips that folder
 * (core/case/folders), so a saved plan never becomes evidence of a machine.
 */
import * as vscode from 'vscode';
import { OUTPUT_FOLDER } from '../core/case/folders';

export { OUTPUT_FOLDER };

/** What to open: a file name with its extension (the title), the text and its language. */
export interface NewDocument {
	/** File name with extension, e.g. `WEB01 - plan (b) send no list.reg`; characters Windows forbids are replaced. */
	readonly name: string;
	readonly content: string;
	/** Language id; the extension's language when omitted (or when the id is unknown to this host). */
	readonly language?: string;
	/** A file the document comes from: its workspace folder holds the output folder. */
	readonly near?: vscode.Uri;
}

/** A file name Windows and every file system accept (no `\ / : * ? " < > |`, no control characters), at most 120 characters. */
export function safeFileName(name: string): string {
	const dot = name.lastIndexOf('.');
	const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
	// eslint-disable-next-line no-control-regex
	const clean = stem.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '-').replace(/\s+/g, ' ').trim().replace(/[. ]+$/, '');
	return `${clean.slice(0, 120 - ext.length) || 'schannel-lens'}${ext}`;
}

/** The folder a generated document would be saved to: `schannel-lens-output` in the workspace folder of `near` (else the first one, else beside `near`). */
export function outputFolder(near?: vscode.Uri): vscode.Uri | undefined {
	const folder = (near && vscode.workspace.getWorkspaceFolder(near)) ?? vscode.workspace.workspaceFolders?.[0];
	if (folder) return vscode.Uri.joinPath(folder.uri, OUTPUT_FOLDER);
	return near && near.scheme === 'file' ? vscode.Uri.joinPath(near, '..', OUTPUT_FOLDER) : undefined;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
	return vscode.workspace.fs.stat(uri).then(
		() => true,
		() => false,
	);
}

/** `name.ext`, then `name 2.ext`, `name 3.ext` … : the first that is neither open nor a file (VS Code refuses an untitled document over a file). */
async function freeUntitled(folder: vscode.Uri, name: string): Promise<vscode.Uri> {
	const dot = name.lastIndexOf('.');
	const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
	const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
	for (let n = 1; ; n++) {
		const file = vscode.Uri.joinPath(folder, n === 1 ? name : `${stem} ${n}${ext}`);
		const untitled = vscode.Uri.from({ scheme: 'untitled', path: file.path });
		if (!open.has(untitled.toString()) && !(await exists(file))) return untitled;
	}
}

/** Opens the text as a new unsaved document titled by its name, shows it (not as a preview tab) and returns it. */
export async function openNewDocument(d: NewDocument): Promise<vscode.TextDocument> {
	const languages = d.language ? await vscode.languages.getLanguages() : [];
	const language = d.language && languages.includes(d.language) ? d.language : undefined;
	const folder = outputFolder(d.near);
	let doc: vscode.TextDocument;
	if (!folder) {
		doc = await vscode.workspace.openTextDocument({ language: language ?? 'plaintext', content: d.content });
	} else {
		doc = await vscode.workspace.openTextDocument(await freeUntitled(folder, safeFileName(d.name)));
		// The content goes into the untitled document only (never into a file).
		const edit = new vscode.WorkspaceEdit();
		edit.insert(doc.uri, new vscode.Position(0, 0), d.content);
		await vscode.workspace.applyEdit(edit);
		if (language && doc.languageId !== language) doc = await vscode.languages.setTextDocumentLanguage(doc, language);
	}
	await vscode.window.showTextDocument(doc, { preview: false });
	return doc;
}

/** The fix plans of KB 2464556 by id: (a) remove roots, (b) send no list, (c) a ClientAuthIssuer store. */
export type PlanId = 'remove-roots' | 'no-list' | 'client-auth-issuer';

/** The file name of a plan document: `WEB01 - plan (b) send no issuer list.reg` (ext without the dot). */
export function planFileName(machine: string, id: PlanId, ext: 'reg' | 'ps1'): string {
	const what = {
		'remove-roots': vscode.l10n.t('plan (a) remove roots'),
		'no-list': vscode.l10n.t('plan (b) send no issuer list'),
		'client-auth-issuer': vscode.l10n.t('plan (c) ClientAuthIssuer store'),
	}[id];
	return `${machine} - ${what}.${ext}`;
}
