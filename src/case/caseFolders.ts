/** The case's folder walk (the doctor, the issuer report, the capture editor) over `workspace.fs` (works in virtual workspaces): the CLI's rules, from core/case/folders. */
import * as vscode from 'vscode';
import type { CaseFile, CaseFolder } from '../core/case';
import { CASE_FOLDER_DEPTH, planFolder, type FolderEntry } from '../core/case/folders';
import { caseFileParsers } from './caseParse';

/** The folders of a case, and the URI behind every file name the report shows (to open evidence). */
export interface WorkspaceCase {
	readonly folders: CaseFolder[];
	readonly files: Map<string, vscode.Uri>;
}

const label = (uri: vscode.Uri): string => vscode.workspace.asRelativePath(uri) || uri.fsPath;

function caseFile(uri: vscode.Uri, size: number, files: Map<string, vscode.Uri>): CaseFile {
	const path = label(uri);
	files.set(path, uri);
	const read = async () => vscode.workspace.fs.readFile(uri);
	// Captures and event logs go to the parse worker (it streams file: URIs from disk); workspace.fs has no streaming read.
	return { path, size, read, ...caseFileParsers(uri, read) };
}

function entryType(type: vscode.FileType): FolderEntry['type'] {
	// Symbolic links carry the type of their target as well.
	if (type & vscode.FileType.File) return 'file';
	if (type & vscode.FileType.Directory) return 'folder';
	return 'other';
}

async function walk(uri: vscode.Uri, depth: number, out: WorkspaceCase): Promise<void> {
	const listing = await vscode.workspace.fs.readDirectory(uri);
	const plan = planFolder(listing.map(([name, type]) => ({ name, type: entryType(type) })));
	if (plan.files.length > 0) {
		const files: CaseFile[] = [];
		for (const name of plan.files) {
			const file = vscode.Uri.joinPath(uri, name);
			files.push(caseFile(file, (await vscode.workspace.fs.stat(file)).size, out.files));
		}
		out.folders.push({ path: label(uri), files });
	}
	if (depth > 0) for (const name of plan.folders) await walk(vscode.Uri.joinPath(uri, name), depth - 1, out);
}

/**
 * The machines under some folders: every folder (each given one and its subfolders, three levels deep) that
 * directly holds case files is one machine. A plain file is a machine of its own folder.
 */
export async function workspaceCaseFolders(uris: readonly vscode.Uri[], depth = CASE_FOLDER_DEPTH): Promise<WorkspaceCase> {
	const out: WorkspaceCase = { folders: [], files: new Map() };
	for (const uri of uris) {
		const st = await vscode.workspace.fs.stat(uri);
		if (st.type & vscode.FileType.Directory) await walk(uri, depth, out);
		else out.folders.push({ path: label(vscode.Uri.joinPath(uri, '..')), files: [caseFile(uri, st.size, out.files)] });
	}
	return out;
}
