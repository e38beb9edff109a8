/**
 * The Certificates view's model (issue 15): machine (one folder = one machine, as the doctor reads
 * a case) → store → file → certificate, each certificate with the states an admin looks for.
 * Pure: the host passes the indexed certificates, the folder of each file and the machine names.
 */
import * as l10n from '@vscode/l10n';
import type { CertificateLookup } from './certificateLookup';
import type { IndexedCertificate } from './certificateSummary';

/** What the view marks on a certificate, worst first. */
export type CertificateState = 'expired' | 'not-yet-valid' | 'partial-chain' | 'untrusted-root' | 'no-client-auth';

export const STATE_WORDS: Readonly<Record<CertificateState, string>> = {
	expired: 'expired',
	'not-yet-valid': 'not yet valid',
	'partial-chain': 'partial chain',
	'untrusted-root': 'untrusted root',
	'no-client-auth': 'no client-auth EKU',
};

/** A file the index could not read (for example a .pfx that needs a password). */
export interface UnreadFile {
	readonly file: string;
	readonly reason: string;
	readonly needsPassword: boolean;
}

export interface CertificateGroupFile {
	readonly file: string;
	readonly certificates: readonly IndexedCertificate[];
	readonly unread?: UnreadFile;
}

export interface CertificateGroupStore {
	/** The store as the export names it (`LocalMachine\Root`), or undefined for loose certificate files. */
	readonly store: string | undefined;
	readonly files: readonly CertificateGroupFile[];
	readonly count: number;
}

export interface CertificateGroupMachine {
	/** The folder (workspace-relative, '' for the root). */
	readonly folder: string;
	/** The machine's name: schannel-lens.json "name", else the folder's name. */
	readonly name: string;
	readonly stores: readonly CertificateGroupStore[];
	readonly count: number;
	/** Certificates with at least one state, plus unread files. */
	readonly flagged: number;
}

/** A root is trusted when some export puts it in a Root (or AuthRoot) store. */
function isRootStore(store: string | undefined): boolean {
	return store !== undefined && /(^|\\)(Root|AuthRoot)$/i.test(store);
}

/**
 * The states of one certificate. Chains are followed by issuer name over every indexed certificate
 * (as {@link CertificateLookup.issuerPath} does); "untrusted root" means the chain ends at a
 * self-issued certificate that no indexed Root store export holds.
 */
export function certificateStates(c: IndexedCertificate, lookup: CertificateLookup, trustedRoots: ReadonlySet<string>, now: Date): CertificateState[] {
	const states: CertificateState[] = [];
	if (Date.parse(c.notAfterIso) < now.getTime()) states.push('expired');
	else if (Date.parse(c.notBeforeIso) > now.getTime()) states.push('not-yet-valid');
	const path = lookup.issuerPath(c);
	const top = path.length ? path[path.length - 1] : c;
	if (top === undefined) states.push('partial-chain');
	else if (top.selfIssued && !trustedRoots.has(top.sha1) && trustedRoots.size > 0) states.push('untrusted-root');
	if (!c.isCa && !c.clientAuth) states.push('no-client-auth');
	return states;
}

/** The SHA-1s of every certificate that an indexed Root or AuthRoot store export holds. */
export function trustedRootSet(lookup: CertificateLookup): Set<string> {
	const out = new Set<string>();
	for (const f of lookup.files()) for (const c of lookup.inFile(f)) if (isRootStore(c.store)) out.add(c.sha1);
	return out;
}

/**
 * Groups the index by machine (folder), then store, then file. `folderOf` gives a file's
 * workspace-relative folder; `machineNames` the names schannel-lens.json gives folders.
 */
export function groupCertificates(
	lookup: CertificateLookup,
	folderOf: (file: string) => string,
	machineNames: ReadonlyMap<string, string>,
	unread: readonly UnreadFile[],
	flaggedOf: (c: IndexedCertificate) => boolean,
	byName: (a: string, b: string) => number,
): CertificateGroupMachine[] {
	const machines = new Map<string, Map<string | undefined, CertificateGroupFile[]>>();
	const storesOf = (folder: string) => {
		let m = machines.get(folder);
		if (!m) machines.set(folder, (m = new Map()));
		return m;
	};
	const add = (folder: string, store: string | undefined, entry: CertificateGroupFile) => {
		const stores = storesOf(folder);
		stores.set(store, [...(stores.get(store) ?? []), entry]);
	};
	for (const file of lookup.files()) {
		const certs = lookup.inFile(file);
		const byStore = new Map<string | undefined, IndexedCertificate[]>();
		for (const c of certs) byStore.set(c.store, [...(byStore.get(c.store) ?? []), c]);
		for (const [store, list] of byStore) add(folderOf(file), store, { file, certificates: list });
	}
	for (const u of unread) add(folderOf(u.file), undefined, { file: u.file, certificates: [], unread: u });
	return [...machines.entries()]
		.map(([folder, stores]): CertificateGroupMachine => {
			const storeList = [...stores.entries()]
				.map(([store, files]) => ({ store, files: [...files].sort((a, b) => byName(a.file, b.file)), count: files.reduce((n, f) => n + f.certificates.length, 0) }))
				// Named stores first (Root, CA, …), loose files last.
				.sort((a, b) => (a.store === undefined ? 1 : 0) - (b.store === undefined ? 1 : 0) || (a.store ?? '').localeCompare(b.store ?? ''));
			const all = storeList.flatMap((s) => s.files);
			return {
				folder,
				name: machineNames.get(folder) ?? (folder ? folder.slice(folder.lastIndexOf('/') + 1) : l10n.t('(workspace root)')),
				stores: storeList,
				count: storeList.reduce((n, s) => n + s.count, 0),
				flagged: all.reduce((n, f) => n + f.certificates.filter(flaggedOf).length + (f.unread ? 1 : 0), 0),
			};
		})
		.sort((a, b) => a.name.localeCompare(b.name));
}
