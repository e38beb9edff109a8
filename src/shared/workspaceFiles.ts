/** Which documents have a folder the extension reads the neighbours of (the machine case beside a file). */
import * as vscode from 'vscode';

/**
 * On disk (file:), or in an open workspace folder through another file system: vscode-remote: in the web
 * worker extension host, virtual workspaces. Not untitled documents, git: or other views of a file.
 */
export function isFolderFile(uri: vscode.Uri): boolean {
	return uri.scheme === 'file' || (uri.scheme !== 'untitled' && vscode.workspace.getWorkspaceFolder(uri) !== undefined);
}
