/** Builds a case from folders of files: one machine per folder, roles from names, content and `schannel-lens.json`. */
import * as l10n from '@vscode/l10n';
import { CaptureReader } from '../capture/reader';
import type { CaptureProblem, HandshakeResult } from '../capture/types';
import type { SubtleCryptoLike } from '../crypto/subtle';
import { findVersions } from '../hotfix';
import { storeCertificatesFrom } from '../issuers/fromCertificates';
import type { StoreCertificate } from '../issuers/types';
import { decodeRegBytes, parseRegText } from '../reg';
import { dwordOf, SchannelState } from '../schannel/state';
import { findTargetComment } from '../schannel/target';
import { findWindowsVersion, WINDOWS_VERSIONS, type WindowsVersion } from '../schannel/os';
import { storeCertificatesFromReg } from '../issuers/fromRegistry';
import { certificatesFromReg, formatRfc4514, loadCertificates, type LoadedCertificate } from '../x509';
import { createEventReader, detectEventFormat, knownProvider } from '../events';
import type { EventProblem, EventRecord } from '../events/types';
import { parseManifest, type MachineManifest } from './manifest';
import { decodeText, parseNetshSslCert, type SslCertBinding } from './netsh';
import type { Artefact, ArtefactRole, CaptureArtefact, EventArtefact, Case, CaseCaptureRead, CaseCertificate, CaseEventsRead, CaseFile, CaseFolder, Damage, IssuerSettings, Machine, Place, WindowsInfo } from './types';

/** Options of {@link buildCase}. */
export interface BuildCaseOptions {
	/** The Windows version the user named (CLI --target-os, an explicit setting); a machine's own files win. */
	readonly windows?: WindowsVersion;
	/** WebCrypto for PKCS#12 (PBES2) containers. */
	readonly crypto?: SubtleCryptoLike;
	/** Password for .pfx files. */
	readonly password?: string;
	/**
	 * PKCS#12 key-derivation bound for `.pfx` files (default 100,000 iterations; Windows and OpenSSL export with
	 * 2,000–10,000): a crafted file never makes the case builder spin. Above it, only unencrypted certificates count.
	 */
	readonly maxPkcs12Iterations?: number;
	/** Stands in for a folder's `schannel-lens.json` (the CLI's `issuers` names its stores on the command line). */
	readonly manifest?: MachineManifest;
}

const CAPTURE = /\.(pcap|pcapng|cap|pcap\.gz|pcapng\.gz)$/i;
const CERTS = /\.(cer|crt|der|pem|p7b|p7c|sst)$/i;
const PFX = /\.(pfx|p12)$/i;
const EVENTS = /\.(evtx)$/i;
const STORE_NAMES: Record<string, ArtefactRole> = { root: 'Root', authroot: 'AuthRoot', ca: 'CA', clientauthissuer: 'ClientAuthIssuer', my: 'My' };
const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';
const ANY_EKU = '2.5.29.37.0';

const baseName = (path: string): string => path.split(/[\\/]/).pop() ?? path;

/** A store role from a file name such as `Root.sst`, `root-store.reg`, `ClientAuthIssuer.p7b`. */
export function storeRoleFromName(path: string): ArtefactRole | undefined {
	const stem = baseName(path).toLowerCase().replace(/\.[^.]+$/, '').replace(/[-_ ]?(store|certificates|certs)$/, '');
	return STORE_NAMES[stem];
}

/** Finds a Windows version named anywhere in a text (e.g. `Caption : Microsoft Windows Server 2008 R2 Enterprise`). */
export function windowsIn(text: string): WindowsVersion | undefined {
	const flat = text.replace(/\s+/g, ' ');
	const names = WINDOWS_VERSIONS.flatMap((w) => [w.name, ...w.aliases].map((name) => ({ name, w }))).sort((a, b) => b.name.length - a.name.length);
	for (const { name, w } of names) {
		const re = new RegExp(`\\b${name.replace(/ /g, '\\s+')}(?![\\w.])`, 'i');
		if (re.test(flat)) return w;
	}
	return undefined;
}

/** Whether an export is cut: regedit ends every export with a line break; a cut one ends mid-line. */
function regDamage(file: string, bytes: Uint8Array, text: string): Damage | undefined {
	const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe;
	if (utf16 && bytes.length % 2 === 1) return { message: l10n.t('the export has an odd number of bytes for UTF-16 ({0}): it is cut', bytes.length), place: { file, offset: bytes.length } };
	const trimmed = text.replace(/\0+$/, '');
	if (trimmed.length > 0 && !/[\r\n]$/.test(trimmed)) {
		const line = trimmed.split(/\r\n|\r|\n/).length;
		return { message: l10n.t('the export ends in the middle of line {0} (regedit ends every export with a line break): it was cut, and what follows is missing', line), place: { file, line, offset: bytes.length } };
	}
	if (/\\\s*$/.test(trimmed)) {
		const line = trimmed.split(/\r\n|\r|\n/).length;
		return { message: l10n.t('the export ends inside a value continued with "\\" on line {0}: it was cut', line), place: { file, line, offset: bytes.length } };
	}
	return undefined;
}

interface Acc {
	artefacts: Artefact[];
	stores: StoreCertificate[];
	storesPresent: Set<string>;
	storesDamaged: Set<string>;
	settings?: IssuerSettings;
	certificates: CaseCertificate[];
	captures: CaptureArtefact[];
	events: EventArtefact[];
	bindings: SslCertBinding[];
	versions: { text: string; place: Place }[];
	windows: WindowsInfo[];
	manifest?: MachineManifest;
}

function settingsOf(file: string, text: string): IssuerSettings | undefined {
	const doc = parseRegText(text);
	const hasSchannel = doc.keys.some((k) => /\\SecurityProviders\\SCHANNEL$/i.test(k.path));
	if (!hasSchannel) return undefined;
	const state = SchannelState.fromDocument(doc);
	const pick = (group: '' | 'messaging', name: string) => {
		const v = state.get(group, name);
		const n = dwordOf(v);
		return n === undefined || !v ? undefined : { value: n, line: v.value.range.start.line + 1 };
	};
	const stil = pick('', 'SendTrustedIssuerList');
	const catm = pick('', 'ClientAuthTrustMode');
	const mlc = pick('messaging', 'MessageLimitClient');
	return { file, doc, text, ...(stil ? { sendTrustedIssuerList: stil } : {}), ...(catm ? { clientAuthTrustMode: catm } : {}), ...(mlc ? { messageLimitClient: mlc } : {}) };
}

async function readReg(acc: Acc, f: CaseFile): Promise<void> {
	const bytes = await f.read();
	const { text } = decodeRegBytes(bytes);
	const damage = regDamage(f.path, bytes, text);
	const regCerts = certificatesFromReg(parseRegText(text));
	const stores = storeCertificatesFromReg(regCerts, f.path);
	const roles = new Set<ArtefactRole>();
	const settings = settingsOf(f.path, text);
	if (settings) {
		roles.add('settings');
		acc.settings ??= settings;
		const comment = findTargetComment(text);
		if (comment?.os) acc.windows.push({ version: comment.os, label: comment.os.name, from: 'target-comment', place: { file: f.path, line: comment.range.start.line + 1 } });
	}
	// A store key present in the export counts as exported, even with no certificate under it.
	for (const k of parseRegText(text).keys) {
		const m = /\\SystemCertificates\\(Root|AuthRoot|CA|ClientAuthIssuer|My)(\\|$)/i.exec(k.path);
		if (m && /^HKEY_LOCAL_MACHINE\\SOFTWARE\\(Policies\\)?Microsoft\\(SystemCertificates|EnterpriseCertificates)\\/i.test(k.path)) {
			const role = STORE_NAMES[m[1]!.toLowerCase()]!;
			roles.add(role);
			acc.storesPresent.add(role);
			if (damage) acc.storesDamaged.add(role);
		}
	}
	for (const s of stores) roles.add(s.store as ArtefactRole);
	acc.stores.push(...stores);
	regCerts.forEach((rc, index) => {
		if (rc.certificate) acc.certificates.push({ loaded: { certificate: rc.certificate, der: rc.certificate.der, source: { container: 'reg', index, offset: 0, storeName: rc.storeName }, problems: rc.problems }, file: f.path, role: (STORE_NAMES[rc.storeName.toLowerCase()] ?? 'unknown') });
	});
	acc.artefacts.push({ file: f.path, kind: 'registry', roles: roles.size ? [...roles] : ['unknown'], bytes: bytes.length, ...(damage ? { damaged: damage } : {}) });
}

function isClientCapable(l: LoadedCertificate): boolean {
	const c = l.certificate;
	if (c.basicConstraints?.ca) return false;
	const eku = c.extendedKeyUsage;
	return !eku || eku.some((e) => e.oid === CLIENT_AUTH || e.oid === ANY_EKU);
}

async function readCertificates(acc: Acc, f: CaseFile, options: BuildCaseOptions, machineRole: Machine['role']): Promise<void> {
	const bytes = await f.read();
	const { value, problems } = await loadCertificates(bytes, { fileName: f.path, maxIterations: options.maxPkcs12Iterations ?? 100_000, ...(options.password ? { password: options.password } : {}), ...(options.crypto ? { crypto: options.crypto } : {}) });
	const named = acc.manifest?.files?.[baseName(f.path)] ?? storeRoleFromName(f.path);
	const pfx = PFX.test(f.path);
	const firstError = problems.find((p) => p.severity === 'error');
	if (value.length === 0) {
		const why = firstError ?? problems[0];
		acc.artefacts.push({ file: f.path, kind: pfx ? 'pfx' : 'certificates', roles: [named ?? 'unknown'], bytes: bytes.length, error: l10n.t('no certificate could be read{0}', why ? ` (${why.message}${why.offset ? l10n.t(' at byte offset {0}', why.offset) : ''})` : '') });
		return;
	}
	const damage: Damage | undefined = firstError ? { message: l10n.t('{0} (byte offset {1})', firstError.message, firstError.offset), place: { file: f.path, offset: firstError.offset } } : undefined;
	let role: ArtefactRole = named ?? (value.some(isClientCapable) && machineRole !== 'server' ? 'client-certificates' : 'unknown');
	if (!named && value.some(isClientCapable)) role = 'client-certificates';
	if (role === 'Root' || role === 'AuthRoot' || role === 'CA' || role === 'ClientAuthIssuer') {
		acc.stores.push(...storeCertificatesFrom(value, role, f.path).map((s) => ({ ...s, ...(role === 'AuthRoot' ? { physical: '.AuthRoot' as const } : {}) })));
		acc.storesPresent.add(role);
		if (damage) acc.storesDamaged.add(role);
	}
	for (const l of value) acc.certificates.push({ loaded: l, file: f.path, role });
	acc.artefacts.push({ file: f.path, kind: pfx ? 'pfx' : 'certificates', roles: [role], bytes: bytes.length, ...(damage ? { damaged: damage } : {}) });
}

async function readCaptureFile(acc: Acc, f: CaseFile): Promise<void> {
	const { handshakes, problems, summary, bytes: size } = f.parseCapture ? await f.parseCapture() : await readCaptureHere(f);
	const first = problems[0];
	const damage: Damage | undefined = first ? { message: first.message, place: { file: f.path, ...(first.frame !== null ? { frame: first.frame } : {}), ...(first.offset !== null ? { offset: first.offset } : {}) } } : undefined;
	acc.captures.push({ file: f.path, handshakes, problems, packets: summary.packets });
	acc.artefacts.push({ file: f.path, kind: 'capture', roles: ['capture'], bytes: size, ...(damage ? { damaged: damage } : {}), ...(summary.format === 'unknown' ? { error: l10n.t('not a pcap or pcapng capture') } : {}) });
}

/** A capture read on this thread. */
async function readCaptureHere(f: CaseFile): Promise<CaseCaptureRead> {
	const handshakes: HandshakeResult[] = [];
	const problems: CaptureProblem[] = [];
	const reader = new CaptureReader({ onHandshake: (h) => handshakes.push(h), onProblem: (p) => problems.push(p) });
	let size = 0;
	if (f.chunks) {
		for await (const chunk of f.chunks()) {
			size += chunk.length;
			reader.push(chunk);
		}
	} else {
		const bytes = await f.read();
		size = bytes.length;
		for (let i = 0; i < bytes.length; i += 1 << 20) reader.push(bytes.subarray(i, i + (1 << 20)));
	}
	return { handshakes, problems, summary: reader.end(), bytes: size };
}

/** The events the diagnosis weighs (everything else in a log is skipped, so a large log costs no memory). */
function relevant(e: EventRecord): boolean {
	const p = knownProvider(e.provider);
	if (p === 'Schannel') return e.id === 36885 || e.id === 36887 || e.id === 36888;
	if (p === 'CAPI2') return e.id === 11 || e.id === 4097 || e.id === 4100 || (e.id >= 4107 && e.id <= 4113);
	return false;
}

/** Streams an event log or export; true when the file was one. */
async function readEvents(acc: Acc, f: CaseFile, head: Uint8Array): Promise<boolean> {
	const format = detectEventFormat(head.subarray(0, 4096), f.path);
	if (format === 'unknown') return false;
	const events: EventRecord[] = [];
	const problems: EventProblem[] = [];
	const reader = createEventReader(format, (e) => relevant(e) && events.push(e), (p) => problems.push(p))!;
	if (f.chunks) for await (const chunk of f.chunks()) reader.push(chunk);
	else reader.push(await f.read());
	const { records } = reader.end();
	addEvents(acc, f, { format, events, records, problems });
	return true;
}

function addEvents(acc: Acc, f: CaseFile, { events, records, problems }: CaseEventsRead): void {
	acc.events.push({ file: f.path, events, records, problems });
	const first = problems[0];
	acc.artefacts.push({ file: f.path, kind: 'events', roles: ['events'], bytes: f.size, ...(first ? { damaged: { message: first.message, place: { file: f.path, ...(first.offset !== null ? { offset: first.offset } : {}), ...(first.record !== undefined ? { record: first.record } : {}) } } } : {}) });
}

/** An event log or export (.evtx, .xml, .csv): read elsewhere when the host can, else here; true when the file was one. */
async function readEventFile(acc: Acc, f: CaseFile): Promise<boolean> {
	if (!f.parseEvents) return readEvents(acc, f, await f.read());
	const read = await f.parseEvents(relevant);
	if (read.format === 'unknown') return false;
	addEvents(acc, f, read);
	return true;
}

async function readText(acc: Acc, f: CaseFile): Promise<void> {
	const bytes = await f.read();
	if (await readEvents(acc, { ...f, read: () => Promise.resolve(bytes), chunks: undefined }, bytes)) return;
	const text = decodeText(bytes);
	if (/Certificate Hash\s*:|IP:port\s*:|Hostname:port\s*:|Zertifikathash/i.test(text)) {
		const { bindings } = parseNetshSslCert(text);
		acc.bindings.push(...bindings);
		acc.artefacts.push({ file: f.path, kind: 'netsh', roles: ['bindings'], bytes: bytes.length });
		return;
	}
	const roles: ArtefactRole[] = [];
	if (/schannel\.dll/i.test(text) || /schannel/i.test(baseName(f.path))) {
		const lines = text.split(/\r\n|\r|\n/);
		// The FileVersion string can lag behind the binary's numbers; the collection script writes both.
		const numbers = lines.find((l) => /^\s*FileVersion(Numbers|Raw)\s*:/i.test(l));
		for (const v of findVersions(numbers ?? text)) {
			const line = lines.findIndex((l) => l.includes(v.text)) + 1;
			acc.versions.push({ text: v.text, place: { file: f.path, ...(line > 0 ? { line } : {}) } });
		}
		roles.push('schannel-version');
	}
	const w = /windows|os|version/i.test(baseName(f.path)) ? windowsIn(text) : undefined;
	if (w && !roles.includes('schannel-version')) acc.windows.push({ version: w, label: w.name, from: 'version-text', place: { file: f.path } });
	acc.artefacts.push({ file: f.path, kind: roles.length || w ? 'version-text' : 'other', roles: roles.length ? roles : ['unknown'], bytes: bytes.length });
}

function inferRole(acc: Acc): Machine['role'] {
	if (acc.settings || acc.captures.length || acc.bindings.length || acc.storesPresent.has('Root') || acc.storesPresent.has('ClientAuthIssuer')) return 'server';
	if (acc.certificates.some((c) => c.role === 'client-certificates')) return 'client';
	return 'unknown';
}

/** Reads one folder as one machine. */
export async function buildMachine(folder: CaseFolder, options: BuildCaseOptions = {}): Promise<Machine> {
	const acc: Acc = { artefacts: [], stores: [], storesPresent: new Set(), storesDamaged: new Set(), certificates: [], captures: [], events: [], bindings: [], versions: [], windows: [] };
	const manifestFile = folder.files.find((f) => baseName(f.path).toLowerCase() === 'schannel-lens.json');
	if (manifestFile) {
		const bytes = await manifestFile.read();
		const parsed = parseManifest(decodeText(bytes));
		if (parsed.manifest) acc.manifest = parsed.manifest;
		acc.artefacts.push({ file: manifestFile.path, kind: 'manifest', roles: ['manifest'], bytes: bytes.length, ...(parsed.error ? { error: parsed.error } : {}) });
		if (parsed.manifest?.windows) {
			const w = findWindowsVersion(parsed.manifest.windows) ?? windowsIn(parsed.manifest.windows);
			if (w) acc.windows.push({ version: w, label: parsed.manifest.windows, from: 'manifest', place: { file: manifestFile.path } });
		}
	}
	if (options.manifest) acc.manifest = { ...acc.manifest, ...options.manifest };
	const declared = acc.manifest?.role;
	const files = folder.files.filter((f) => f !== manifestFile);
	// Registry exports first: they settle the role before loose certificate files are sorted.
	for (const f of files.filter((x) => /\.reg$/i.test(x.path))) await safely(acc, f, () => readReg(acc, f));
	for (const f of files.filter((x) => CAPTURE.test(x.path))) await safely(acc, f, () => readCaptureFile(acc, f));
	for (const f of files.filter((x) => /\.txt$/i.test(x.path))) await safely(acc, f, () => readText(acc, f));
	const role = declared ?? inferRole(acc);
	for (const f of files.filter((x) => CERTS.test(x.path) || PFX.test(x.path))) await safely(acc, f, () => readCertificates(acc, f, options, role));
	for (const f of files.filter((x) => EVENTS.test(x.path) || /\.(xml|csv)$/i.test(x.path))) await safely(acc, f, async () => {
		if (!(await readEventFile(acc, f))) acc.artefacts.push({ file: f.path, kind: 'other', roles: ['unknown'], bytes: f.size });
	});
	for (const f of files.filter((x) => /\.stl$/i.test(x.path))) acc.artefacts.push({ file: f.path, kind: 'trust-list', roles: ['trust-list'], bytes: f.size });
	const finalRole = declared ?? inferRole(acc);
	const order: WindowsInfo['from'][] = ['manifest', 'target-comment', 'version-text', 'user'];
	const windows = [...acc.windows, ...(options.windows ? [{ version: options.windows, label: options.windows.name, from: 'user' as const }] : [])].sort((a, b) => order.indexOf(a.from) - order.indexOf(b.from))[0];
	const clients = acc.certificates.filter((c) => c.role === 'client-certificates' && isClientCapable(c.loaded)).map((c) => ({
		sha1: c.loaded.certificate.sha1,
		subject: formatRfc4514(c.loaded.certificate.subject),
		subjectDer: c.loaded.certificate.subject.der,
		issuer: formatRfc4514(c.loaded.certificate.issuer),
		issuerDer: c.loaded.certificate.issuer.der,
		source: c.file,
		file: c.file,
		notAfter: c.loaded.certificate.notAfter,
		notBefore: c.loaded.certificate.notBefore,
		clientAuth: true,
	}));
	const name = acc.manifest?.name ?? (baseName(folder.path) || folder.path);
	// A logical-store file (Root.sst: every physical store at once) repeats what a registry export gives per
	// physical store: keep the registry's entry, which knows its physical store.
	const physicalKnown = new Set(acc.stores.filter((s) => s.registryKey).map((s) => `${s.store === 'AuthRoot' ? 'Root' : s.store}|${s.sha1}`));
	const stores = acc.stores.filter((s) => s.registryKey || !physicalKnown.has(`${s.store === 'AuthRoot' ? 'Root' : s.store}|${s.sha1}`));
	return {
		name,
		role: finalRole,
		folder: folder.path,
		...(windows ? { windows } : {}),
		artefacts: acc.artefacts,
		stores,
		storesPresent: acc.storesPresent,
		storesDamaged: acc.storesDamaged,
		...(acc.settings ? { settings: acc.settings } : {}),
		clients: uniqueBy(clients, (c) => c.sha1),
		certificates: acc.certificates,
		captures: acc.captures,
		events: acc.events,
		bindings: acc.bindings,
		schannelVersions: acc.versions,
	};
}

async function safely(acc: Acc, f: CaseFile, read: () => Promise<void>): Promise<void> {
	try {
		await read();
	} catch (err) {
		acc.artefacts.push({ file: f.path, kind: 'other', roles: ['unknown'], bytes: f.size, error: l10n.t('could not be read: {0}', err instanceof Error ? err.message : String(err)) });
	}
}

function uniqueBy<T>(items: readonly T[], key: (t: T) => string): T[] {
	const seen = new Set<string>();
	return items.filter((t) => (seen.has(key(t)) ? false : (seen.add(key(t)), true)));
}

/** Reads folders as machines: the case the doctor diagnoses (each folder's own schannel-lens.json applies). */
export async function buildCase(folders: readonly CaseFolder[], options: BuildCaseOptions = {}): Promise<Case> {
	const { manifest: _ignored, ...shared } = options;
	const machines: Machine[] = [];
	for (const folder of folders) machines.push(await buildMachine(folder, shared));
	return { machines };
}
