/** Loading certificates from any supported container, detected by content: PEM, DER, PKCS#7, SST, Blob, PKCS#12, .reg. */
import * as l10n from '@vscode/l10n';
import { parseRegBytes } from '../reg';
import type { SubtleCryptoLike } from '../crypto/subtle';
import { plainBytes } from '../crypto/bytes';
import { decodeCertificateTlv, type Certificate } from './certificate';
import { readTlv, type Tlv } from './der';
import { decodeBase64, findPemBlocks, looksLikePem } from './pem';
import { isContentInfo, pkcs7Certificates } from './pkcs7';
import { isPfx, parsePkcs12, type Pkcs12Certificate, type Pkcs12Options } from './pkcs12';
import { errorAt, problemFromCaught, warningAt, type X509Problem, type X509Result } from './problems';
import { certificatesFromReg } from './regStores';
import { looksLikeBlob, looksLikeSst, parseSerializedElement, parseSerializedStore, type StoreProperty } from './serializedStore';

/** The container a certificate came from. `reg` = a `Blob` value in a .reg export. */
export type ContainerKind = 'pem' | 'der' | 'pkcs7' | 'sst' | 'blob' | 'pkcs12' | 'reg';

/** Where a loaded certificate came from. */
export interface CertificateSource {
	readonly container: ContainerKind;
	/** Zero-based index among the certificates loaded from this input. */
	readonly index: number;
	/** Byte offset in the input (PEM: of the BEGIN line; PKCS#12: of the bag or encrypted content; reg: 0). */
	readonly offset: number;
	/** Zero-based line of the PEM BEGIN line, or of the registry key line. */
	readonly pemLine?: number;
	readonly pemLabel?: string;
	/** The container nested inside PEM (e.g. `pkcs7` for `-----BEGIN PKCS7-----`). */
	readonly inner?: ContainerKind;
	/** Store properties (SST, Blob, reg). */
	readonly properties?: readonly StoreProperty[];
	readonly friendlyName?: string;
	/** Registry key path (reg). */
	readonly storePath?: string;
	readonly storeLocation?: string;
	readonly storeName?: string;
	/** Registry key name matches the SHA-1 (reg). */
	readonly sha1MatchesKey?: boolean;
	/** PKCS#12: the bag was encrypted / a matching private key bag exists. */
	readonly encrypted?: boolean;
	readonly hasPrivateKey?: boolean;
}

/** One decoded certificate and its source. */
export interface LoadedCertificate {
	readonly certificate: Certificate;
	readonly der: Uint8Array;
	readonly source: CertificateSource;
	/** Problems of this certificate (also included in the load result's problems). */
	readonly problems: readonly X509Problem[];
}

/** Options for {@link loadCertificates}. */
export interface LoadOptions {
	/** Used in messages only; detection is by content. */
	readonly fileName?: string;
	/** PKCS#12 password; undefined tries "no password" and the empty password. */
	readonly password?: string;
	/** WebCrypto for PBES2 PKCS#12 (Node: `globalThis.crypto.subtle`). */
	readonly crypto?: SubtleCryptoLike;
	/** PKCS#12 key-derivation bound (see {@link Pkcs12Options.maxIterations}); 0 never derives. */
	readonly maxIterations?: number;
	/** Runs the PKCS#12 parse elsewhere (a worker, off the host's thread); default: {@link parsePkcs12} here. */
	readonly parsePkcs12?: (bytes: Uint8Array, options: Pkcs12Options) => Promise<X509Result<Pkcs12Certificate[]>>;
}

/** What {@link detectContainer} decided. */
export type DetectedKind = ContainerKind | 'certificate-der' | 'empty' | 'unknown';

interface Ctx {
	out: LoadedCertificate[];
	problems: X509Problem[];
}

function add(ctx: Ctx, bytes: Uint8Array, tlv: Tlv, source: Omit<CertificateSource, 'index'>, problemShift?: number): void {
	let local: X509Problem[] = [];
	let certificate: Certificate | undefined;
	try {
		certificate = decodeCertificateTlv(bytes, tlv, local);
	} catch (err) {
		local.push(problemFromCaught(err, tlv.offset, l10n.t('certificate #{0}', ctx.out.length + 1)));
	}
	if (problemShift !== undefined) local = local.map((p) => ({ ...p, offset: problemShift, message: l10n.t('{0} (at byte {1} of the embedded DER)', p.message, p.offset) }));
	if (certificate) ctx.out.push({ certificate, der: certificate.der, source: { ...source, index: ctx.out.length }, problems: local });
	ctx.problems.push(...local);
}

function firstTlv(bytes: Uint8Array): Tlv | undefined {
	try {
		return readTlv(bytes, 0);
	} catch {
		return undefined;
	}
}

function isRegText(bytes: Uint8Array): boolean {
	const head = bytes[0] === 0xff && bytes[1] === 0xfe ? new TextDecoder('utf-16le').decode(bytes.subarray(2, 80)) : new TextDecoder('latin1').decode(bytes.subarray(0, 40));
	return /^(\ufeff|\u00ef\u00bb\u00bf)?\s*(Windows Registry Editor Version 5\.00|REGEDIT4)/i.test(head);
}

function isBase64Text(bytes: Uint8Array): boolean {
	const head = bytes.subarray(0, 4096);
	return head.length >= 16 && head.every((b) => b === 9 || b === 10 || b === 13 || b === 32 || b === 43 || b === 47 || b === 61 || (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122));
}

/** Decides the container by content (the file name is not needed). */
export function detectContainer(bytes: Uint8Array): DetectedKind {
	if (bytes.length === 0) return 'empty';
	if (looksLikeSst(bytes)) return 'sst';
	if (bytes[0] === 0x30) {
		const tlv = firstTlv(bytes);
		if (tlv && isPfx(bytes, tlv)) return 'pkcs12';
		if (tlv && isContentInfo(bytes, tlv)) return 'pkcs7';
		return 'certificate-der';
	}
	if (isRegText(bytes)) return 'reg';
	if (looksLikePem(bytes)) return 'pem';
	if (looksLikeBlob(bytes)) return 'blob';
	if (isBase64Text(bytes)) return 'pem';
	return 'unknown';
}

/**
 * Synchronous loading: everything except encrypted PKCS#12 content (which needs {@link loadCertificates}).
 * Never throws.
 */
export function loadCertificatesSync(input: Uint8Array, options: LoadOptions = {}): X509Result<LoadedCertificate[]> {
	const bytes = plainBytes(input);
	const ctx: Ctx = { out: [], problems: [] };
	try {
		loadInto(ctx, bytes, options);
	} catch (err) {
		ctx.problems.push(problemFromCaught(err, 0, 'load'));
	}
	return { value: ctx.out, problems: ctx.problems };
}

/**
 * Loads every certificate in `bytes`, detecting the container by content. Never throws or rejects:
 * bad input comes back as problems with byte offsets.
 * @example const { value, problems } = await loadCertificates(bytes, { password: 'x', crypto: globalThis.crypto.subtle });
 */
export async function loadCertificates(input: Uint8Array, options: LoadOptions = {}): Promise<X509Result<LoadedCertificate[]>> {
	const bytes = plainBytes(input);
	const ctx: Ctx = { out: [], problems: [] };
	try {
		if (detectContainer(bytes) === 'pkcs12') await loadPkcs12(ctx, bytes, options);
		else loadInto(ctx, bytes, options);
	} catch (err) {
		ctx.problems.push(problemFromCaught(err, 0, 'load'));
	}
	return { value: ctx.out, problems: ctx.problems };
}

async function loadPkcs12(ctx: Ctx, bytes: Uint8Array, options: LoadOptions): Promise<void> {
	const pkcs12Options: Pkcs12Options = {
		...(options.password !== undefined ? { password: options.password } : {}),
		...(options.crypto ? { crypto: options.crypto } : {}),
		...(options.maxIterations !== undefined ? { maxIterations: options.maxIterations } : {}),
	};
	const r = await (options.parsePkcs12 ?? parsePkcs12)(bytes, pkcs12Options);
	ctx.problems.push(...r.problems);
	for (const c of r.value) {
		const tlv = firstTlv(c.der);
		if (!tlv) {
			ctx.problems.push(errorAt(c.offset, l10n.t('PKCS#12 certificate bag does not hold DER')));
			continue;
		}
		const src = { container: 'pkcs12' as const, offset: c.offset, encrypted: c.encrypted, hasPrivateKey: c.hasPrivateKey, ...(c.friendlyName !== undefined ? { friendlyName: c.friendlyName } : {}) };
		add(ctx, c.der, tlv, src, c.offset);
	}
}

function loadInto(ctx: Ctx, bytes: Uint8Array, options: LoadOptions): void {
	const kind = detectContainer(bytes);
	switch (kind) {
		case 'empty':
			ctx.problems.push(errorAt(0, l10n.t('empty input: no certificate')));
			return;
		case 'sst':
			return loadSst(ctx, bytes);
		case 'blob': {
			const r = parseSerializedElement(bytes);
			ctx.problems.push(...r.problems);
			if (r.value) loadElementCert(ctx, bytes, r.value.contextOffset, r.value.encoded.length, r.value.properties, 'blob');
			return;
		}
		case 'pkcs12':
			ctx.problems.push(errorAt(0, 'PKCS#12 needs the asynchronous loadCertificates'));
			return;
		case 'pkcs7':
			return loadPkcs7(ctx, bytes, 0, { container: 'pkcs7', offset: 0 });
		case 'certificate-der':
			return loadDer(ctx, bytes);
		case 'reg':
			return loadReg(ctx, bytes);
		case 'pem':
			return loadPem(ctx, bytes, options);
		default:
			ctx.problems.push(errorAt(0, l10n.t('no certificate found: not PEM, DER, PKCS#7, PKCS#12, a serialized store (.sst), a registry Blob or a .reg export')));
	}
}

function loadDer(ctx: Ctx, bytes: Uint8Array): void {
	let tlv: Tlv;
	try {
		tlv = readTlv(bytes, 0);
	} catch (err) {
		ctx.problems.push(problemFromCaught(err, 0, 'DER certificate'));
		return;
	}
	add(ctx, bytes, tlv, { container: 'der', offset: 0 });
	if (tlv.next < bytes.length && bytes.subarray(tlv.next).some((b) => b !== 0)) ctx.problems.push(warningAt(tlv.next, l10n.t('{0} bytes after the certificate ignored', bytes.length - tlv.next)));
}

function loadPkcs7(ctx: Ctx, bytes: Uint8Array, shift: number | undefined, source: Omit<CertificateSource, 'index'>): void {
	const r = pkcs7Certificates(bytes, 0);
	ctx.problems.push(...(shift === undefined ? r.problems : r.problems.map((p) => ({ ...p, offset: shift }))));
	for (const tlv of r.value) add(ctx, bytes, tlv, shift === undefined ? { ...source, offset: tlv.offset } : source, shift);
}

function loadSst(ctx: Ctx, bytes: Uint8Array): void {
	const r = parseSerializedStore(bytes);
	ctx.problems.push(...r.problems);
	for (const el of r.value) {
		if (el.kind === 'certificate') loadElementCert(ctx, bytes, el.contextOffset, el.encoded.length, el.properties, 'sst');
	}
}

function loadElementCert(ctx: Ctx, bytes: Uint8Array, at: number, length: number, properties: readonly StoreProperty[], container: 'sst' | 'blob'): void {
	let tlv: Tlv;
	try {
		tlv = readTlv(bytes, at, at + length);
	} catch (err) {
		ctx.problems.push(problemFromCaught(err, at, 'certificate'));
		return;
	}
	const fn = properties.find((p) => p.id === 11)?.decoded;
	add(ctx, bytes, tlv, { container, offset: at, properties, ...(fn?.kind === 'text' ? { friendlyName: fn.text } : {}) });
}

function loadReg(ctx: Ctx, bytes: Uint8Array): void {
	const found = certificatesFromReg(parseRegBytes(bytes));
	if (found.length === 0) ctx.problems.push(errorAt(0, l10n.t('no certificate found: the .reg export has no …\\SystemCertificates\\<Store>\\Certificates\\<SHA1> key with a Blob')));
	for (const rc of found) {
		const problems = rc.problems.map((p): X509Problem => ({ ...p, offset: 0, message: l10n.t('{0} Blob byte {1}: {2}', rc.keyPath, p.offset, p.message) }));
		ctx.problems.push(...problems);
		if (!rc.certificate) continue;
		const source: CertificateSource = {
			container: 'reg',
			index: ctx.out.length,
			offset: 0,
			pemLine: rc.keyRange.start.line,
			storePath: rc.keyPath,
			storeLocation: rc.storeLocation,
			storeName: rc.storeName,
			sha1MatchesKey: rc.sha1MatchesKey,
			properties: rc.element?.properties ?? [],
			...(rc.friendlyName !== undefined ? { friendlyName: rc.friendlyName } : {}),
		};
		ctx.out.push({ certificate: rc.certificate, der: rc.certificate.der, source, problems });
	}
}

const CERT_LABELS = new Set(['CERTIFICATE', 'X509 CERTIFICATE', 'TRUSTED CERTIFICATE', 'X.509 CERTIFICATE']);
const P7_LABELS = new Set(['PKCS7', 'PKCS #7 SIGNED DATA', 'CMS', 'CERTIFICATE CHAIN']);

function loadPem(ctx: Ctx, bytes: Uint8Array, options: LoadOptions): void {
	const found = findPemBlocks(bytes);
	if (found.value.length === 0) {
		// Bare base64 (a .cer saved as Base-64 without the armour lines).
		const b = decodeBase64(new TextDecoder('latin1').decode(bytes));
		const tlv = firstTlv(b.value);
		if (b.problems.length || !tlv) ctx.problems.push(errorAt(0, l10n.t('no certificate found: text without PEM blocks')));
		else if (isContentInfo(b.value, tlv)) loadPkcs7(ctx, b.value, 0, { container: 'pem', inner: 'pkcs7', offset: 0 });
		else add(ctx, b.value, tlv, { container: 'pem', offset: 0 }, 0);
		return;
	}
	ctx.problems.push(...found.problems);
	let certBlocks = 0;
	for (const block of found.value) {
		const base = { container: 'pem' as const, offset: block.offset, pemLine: block.line, pemLabel: block.label };
		if (CERT_LABELS.has(block.label)) {
			certBlocks++;
			const tlv = firstDerTlv(ctx, block.der, block.offset);
			// TRUSTED CERTIFICATE = certificate followed by OpenSSL's trust settings; only the first TLV is the certificate.
			if (tlv) add(ctx, block.der, tlv, base, block.offset);
		} else if (P7_LABELS.has(block.label)) {
			certBlocks++;
			loadPkcs7(ctx, block.der, block.offset, { ...base, inner: 'pkcs7' });
		} else if (block.label === 'PKCS12') {
			ctx.problems.push(warningAt(block.offset, l10n.t('PEM-armoured PKCS#12 is not supported: decode the base64 to a .pfx first')));
		} else ctx.problems.push({ offset: block.offset, severity: 'info', message: l10n.t('PEM block "{0}" skipped (not a certificate)', block.label) });
	}
	if (certBlocks === 0) ctx.problems.push(errorAt(0, l10n.t('no certificate found: {0} PEM block(s), none of them a certificate{1}', found.value.length, options.fileName ? ` in ${options.fileName}` : '')));
}

function firstDerTlv(ctx: Ctx, der: Uint8Array, at: number): Tlv | undefined {
	try {
		return readTlv(der, 0);
	} catch (err) {
		const p = problemFromCaught(err, 0, 'PEM certificate');
		ctx.problems.push({ ...p, offset: at, message: l10n.t('{0} (at byte {1} of the decoded DER)', p.message, p.offset) });
		return undefined;
	}
}

