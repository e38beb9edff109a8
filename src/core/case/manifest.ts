import * as l10n from '@vscode/l10n';
import type { ArtefactRole } from './types';

/** `schannel-lens.json` in a folder: the machine's name, role and Windows version, and roles of files. */
export interface MachineManifest {
	readonly name?: string;
	readonly role?: 'server' | 'client';
	/** As Windows prints it, e.g. `Windows Server 2012 R2`. */
	readonly windows?: string;
	/** File name → store or role, for files whose name does not say it (e.g. `{ "bundle.pem": "Root" }`). */
	readonly files?: Readonly<Record<string, ArtefactRole>>;
}

const ROLES = new Set<string>(['Root', 'AuthRoot', 'CA', 'ClientAuthIssuer', 'My', 'client-certificates']);

/** Parses `schannel-lens.json`; unknown keys are ignored, wrong types are an error naming the key. */
export function parseManifest(text: string): { manifest?: MachineManifest; error?: string } {
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch (err) {
		return { error: l10n.t('schannel-lens.json is not JSON: {0}', err instanceof Error ? err.message : String(err)) };
	}
	if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { error: l10n.t('schannel-lens.json must be an object like { "name": "WEB01", "role": "server", "windows": "Windows Server 2012 R2" }') };
	const o = raw as Record<string, unknown>;
	const out: { name?: string; role?: 'server' | 'client'; windows?: string; files?: Record<string, ArtefactRole> } = {};
	if (typeof o.name === 'string' && o.name.trim()) out.name = o.name.trim();
	else if (o.name !== undefined) return { error: l10n.t('schannel-lens.json: "name" must be a string') };
	if (o.role === 'server' || o.role === 'client') out.role = o.role;
	else if (o.role !== undefined) return { error: l10n.t('schannel-lens.json: "role" must be "server" or "client"') };
	if (typeof o.windows === 'string' && o.windows.trim()) out.windows = o.windows.trim();
	else if (o.windows !== undefined) return { error: l10n.t('schannel-lens.json: "windows" must be a string such as "Windows Server 2008 R2"') };
	if (o.files && typeof o.files === 'object' && !Array.isArray(o.files)) {
		const files: Record<string, ArtefactRole> = {};
		for (const [k, v] of Object.entries(o.files)) {
			if (typeof v !== 'string' || !ROLES.has(v)) return { error: l10n.t('schannel-lens.json: files["{0}"] must be one of {1}', k, [...ROLES].join(', ')) };
			files[k] = v as ArtefactRole;
		}
		out.files = files;
	}
	return { manifest: out };
}
