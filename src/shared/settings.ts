import * as vscode from 'vscode';
import { DEFAULT_TARGET_OS, findWindowsVersion, type WindowsVersion } from '../core/schannel/os';

/** `schannelLens.targetOs` as configured, its default included (the rules of a `.reg` file use it). */
export function configuredTargetOs(scope?: vscode.Uri): string | undefined {
	return vscode.workspace.getConfiguration('schannelLens', scope).get<string>('targetOs');
}

/** The Windows version of `schannelLens.targetOs`, or the default (the capture editor's cut line). */
export function targetOsSetting(scope?: vscode.Uri): WindowsVersion {
	const name = configuredTargetOs(scope);
	return (name && findWindowsVersion(name)) || DEFAULT_TARGET_OS;
}

/**
 * The target OS only if the user set it (workspace folder, workspace or user settings): the setting's
 * default is no evidence of a machine's Windows version, so the diagnosis never takes it as one.
 */
export function explicitTargetOs(scope?: vscode.Uri): string | undefined {
	const i = vscode.workspace.getConfiguration('schannelLens', scope).inspect<string>('targetOs');
	return i?.workspaceFolderValue ?? i?.workspaceValue ?? i?.globalValue;
}

/** {@link explicitTargetOs} as a Windows version. */
export function explicitWindows(scope?: vscode.Uri): WindowsVersion | undefined {
	const name = explicitTargetOs(scope);
	return name ? findWindowsVersion(name) : undefined;
}
