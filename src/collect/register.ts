// "Schannel Lens: Create Collection Script" (issue 10, item 6): opens the read-only PowerShell collection script
// as a new untitled document for the user to review, save and run on the Windows machine. Never saved or run here.
import * as vscode from 'vscode';
import { collectionScript } from '../core/case/collectScript';
import type { Services } from '../services';
import { openNewDocument } from '../shared/newDocument';

export const CREATE_COLLECTION_SCRIPT = 'schannelLens.createCollectionScript';

type Role = 'server' | 'client';

/** The command's optional argument: a role skips the question (tests, other commands). */
export type CreateCollectionScriptArgument = Role | { readonly role?: Role } | undefined;

/** Registers the command; the returned disposable removes it. */
export function registerCollection(_context: vscode.ExtensionContext, _services: Services): vscode.Disposable {
	return vscode.Disposable.from(vscode.commands.registerCommand(CREATE_COLLECTION_SCRIPT, (arg?: unknown) => createCollectionScript(arg)));
}

/** Opens the script for the chosen role; resolves with the untitled document, or undefined when the question is dismissed. */
async function createCollectionScript(arg: unknown): Promise<vscode.TextDocument | undefined> {
	const role = roleOf(arg) ?? (await askRole());
	if (!role) return undefined;
	const content = collectionScript({ role });
	// The name the script's own instructions use ("Save it as collect-schannel.ps1").
	return openNewDocument({ name: 'collect-schannel.ps1', content, language: 'powershell' });
}

/** A role from the argument; anything else (an Explorer URI, nothing) means "ask". */
function roleOf(arg: unknown): Role | undefined {
	const value = typeof arg === 'object' && arg !== null && 'role' in arg ? (arg as { role?: unknown }).role : arg;
	return value === 'server' || value === 'client' ? value : undefined;
}

async function askRole(): Promise<Role | undefined> {
	const items: (vscode.QuickPickItem & { role: Role })[] = [
		{
			role: 'server',
			label: vscode.l10n.t('Server'),
			description: vscode.l10n.t('asks for client certificates (IIS, HTTP.sys, a service using Schannel)'),
			detail: vscode.l10n.t('SCHANNEL settings, Root/AuthRoot/CA/ClientAuthIssuer/My stores, netsh SSL bindings, Schannel.dll and Windows versions, System/Application/CAPI2 logs'),
		},
		{
			role: 'client',
			label: vscode.l10n.t('Client'),
			description: vscode.l10n.t('presents a client certificate'),
			detail: vscode.l10n.t('the same, plus the personal store of the user who runs the script (CurrentUser\\My)'),
		},
	];
	const picked = await vscode.window.showQuickPick(items, {
		title: vscode.l10n.t('Create Collection Script'),
		placeHolder: vscode.l10n.t('Which machine will run the script? It only reads; you review it before running it.'),
		ignoreFocusOut: true,
	});
	return picked?.role;
}
