import * as vscode from 'vscode';
import { buildCase, type Case, type CaseFolder } from '../core/case';
import { workspaceCaseFolders } from './caseFolders';
import { diagnose, type Diagnosis } from '../core/diagnosis';
import { explicitWindows } from '../shared/settings';
import { isFolderFile } from '../shared/workspaceFiles';

/** The machines under `roots` (default: the workspace folders): every folder that directly holds case files. */
export async function caseFolders(roots?: readonly vscode.Uri[], depth?: number): Promise<CaseFolder[]> {
	const uris = roots ?? (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri);
	return (await workspaceCaseFolders(uris, depth)).folders;
}

/** Builds and diagnoses the case of the given folders (or the whole workspace). */
export async function diagnoseFolders(roots?: readonly vscode.Uri[], depth?: number): Promise<{ case: Case; diagnosis: Diagnosis }> {
	const windows = explicitWindows();
	const c = await buildCase(await caseFolders(roots, depth), { crypto: globalThis.crypto.subtle, ...(windows ? { windows } : {}) });
	return { case: c, diagnosis: diagnose(c) };
}

/** The machine a file or folder belongs to: the deepest machine folder that contains it. */
export function machineFor(c: Case, uri: vscode.Uri): string | undefined {
	const rel = vscode.workspace.asRelativePath(uri);
	const exact = c.machines.find((m) => m.artefacts.some((a) => a.file === rel));
	if (exact) return exact.name;
	const hits = c.machines.filter((m) => rel === m.folder || rel.startsWith(`${m.folder}/`) || m.folder === '.' || m.artefacts.some((a) => a.file === rel));
	return hits.sort((a, b) => b.folder.length - a.folder.length)[0]?.name;
}

/** What the case says about a capture's CertificateRequest: the server's store against the list on the wire. */
export interface CaptureCaseAnswer {
	readonly machine: string;
	readonly headline: string;
	/** Names in the server's store export (the full list before any cut); undefined when the store is unknown. */
	readonly storeNames?: number;
	/** Store names missing from this capture's list (cut by the server). */
	readonly missing: readonly string[];
	/** Why the comparison cannot be made, and what would decide it. */
	readonly unknown?: string;
}

const CAPTURE_NAME = /\.(pcap|pcapng|cap)(\.gz)?$/i;
/** What a client machine contributes: its certificates and its schannel-lens.json (no captures, logs or exports). */
const CLIENT_FILE = /\.(cer|crt|der|pem|p7b|p7c|pfx|p12)$|(^|[\\/])schannel-lens\.json$/i;

/**
 * A machine's folder and, as its possible clients, the certificates of the folders beside it: the case the issuer
 * report and the capture editor diagnose for one file (Diagnose Folder on the parent sees the same machines).
 * `keep` filters the machine's own files (the capture editor keeps only its capture among the captures).
 */
export async function machineWithClients(folder: vscode.Uri, keep: (path: string) => boolean = () => true): Promise<{ case: Case; diagnosis: Diagnosis; machine: string } | undefined> {
	const own = (await caseFolders([folder], 0))[0];
	if (!own) return undefined;
	const parent = vscode.Uri.joinPath(folder, '..');
	const siblings = (await caseFolders([parent], 1))
		.filter((f) => f.path !== own.path && f.path !== vscode.workspace.asRelativePath(parent))
		.map((f) => ({ ...f, files: f.files.filter((x) => CLIENT_FILE.test(x.path)) }))
		.filter((f) => f.files.length > 0);
	const windows = explicitWindows();
	const built = await buildCase([{ ...own, files: own.files.filter((f) => keep(f.path)) }, ...siblings], { crypto: globalThis.crypto.subtle, ...(windows ? { windows } : {}) });
	const server = built.machines[0]!;
	const c: Case = { machines: [server, ...built.machines.slice(1).filter((m) => m.role === 'client')] };
	return { case: c, diagnosis: diagnose(c), machine: server.name };
}

/** The capture's folder as the server (this capture its only one) with its clients: is the list on the wire the whole list? */
export async function captureCaseAnswer(capture: vscode.Uri): Promise<CaptureCaseAnswer | undefined> {
	if (!isFolderFile(capture)) return undefined;
	const self = vscode.workspace.asRelativePath(capture);
	const found = await machineWithClients(vscode.Uri.joinPath(capture, '..'), (path) => path === self || !CAPTURE_NAME.test(path));
	if (!found) return undefined;
	const { case: c, diagnosis: d } = found;
	const server = c.machines[0]!;
	const a = d.servers[0];
	if (!a) return undefined;
	const base = { machine: server.name, headline: d.headline };
	if (!server.storesPresent.has('Root') || a.lowerBound) return { ...base, missing: [], unknown: `${server.name}'s Root store export is ${a.lowerBound ? 'cut' : 'not in this folder'}, so whether the server cut this list is unknown. Put ${server.name}'s Root store export beside the capture (one folder = one machine).` };
	// The missing names the known clients need come first, saying who needs them.
	const needs = new Map<string, string[]>();
	for (const o of d.clients) if (o.reasonCode === 'ca-cut' && o.ca) needs.set(o.ca, [...(needs.get(o.ca) ?? []), /CN=([^,]+)/.exec(o.subject)?.[1] ?? o.subject]);
	const missing = (a.observed?.missing ?? []).map((m) => (needs.has(m.subject) ? `${m.subject} (${needs.get(m.subject)!.join(', ')} chain${needs.get(m.subject)!.length === 1 ? 's' : ''} to it)` : m.subject));
	missing.sort((x, y) => Number(y.includes(' chain')) - Number(x.includes(' chain')));
	return { ...base, storeNames: a.names, missing };
}
