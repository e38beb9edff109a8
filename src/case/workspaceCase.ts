import * as vscode from 'vscode';
import { buildCase, type Case, type CaseFolder } from '../core/case';
import { workspaceCaseFolders } from './caseFolders';
import { diagnose, type Diagnosis } from '../core/diagnosis';
import { explicitWindows } from '../shared/settings';

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

/**
 * The capture's folder as the server machine (with this capture as its only capture) and the sibling
 * folders' client certificates, diagnosed: is the list on the wire the server's whole list?
 */
export async function captureCaseAnswer(capture: vscode.Uri): Promise<CaptureCaseAnswer | undefined> {
	if (capture.scheme !== 'file') return undefined;
	const folder = vscode.Uri.joinPath(capture, '..');
	const self = vscode.workspace.asRelativePath(capture);
	const own = (await caseFolders([folder], 0))[0];
	if (!own) return undefined;
	const serverFolder = { ...own, files: own.files.filter((f) => f.path === self || !CAPTURE_NAME.test(f.path)) };
	const parent = vscode.Uri.joinPath(folder, '..');
	const siblings = (await caseFolders([parent], 1)).filter((f) => f.path !== own.path && f.path !== vscode.workspace.asRelativePath(parent)).map((f) => ({ ...f, files: f.files.filter((x) => !CAPTURE_NAME.test(x.path)) }));
	const windows = explicitWindows();
	const c = await buildCase([serverFolder, ...siblings], { crypto: globalThis.crypto.subtle, ...(windows ? { windows } : {}) });
	const server = c.machines[0]!;
	const machines = [server, ...c.machines.slice(1).filter((m) => m.role === 'client')];
	const d = diagnose({ machines });
	const a = d.servers[0];
	if (!a) return undefined;
	const base = { machine: server.name, headline: d.headline };
	if (!server.storesPresent.has('Root') || a.lowerBound) return { ...base, missing: [], unknown: `${server.name}'s Root store export is ${a.lowerBound ? 'cut' : 'not in this folder'}, so whether the server cut this list is unknown. Put ${server.name}'s Root store export beside the capture (one folder = one machine).` };
	return { ...base, storeNames: a.names, missing: a.observed?.missing.map((m) => m.subject) ?? [] };
}
