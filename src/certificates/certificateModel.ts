/** Builds the certificate editor's view model (plain strings) from the core's load result. Pure: no vscode. */
import * as l10n from '@vscode/l10n';
import { toHex } from '../core/crypto/hex';
import type { CertificateLookup, PathStart } from '../core/certificateIndex';
import { isClientAuthCapable, nameTitle, validityAt } from '../core/certificateIndex';
import { detectContainer, formatRfc4514, formatWindows, type LoadedCertificate, type X509Problem } from '../core/x509';
import type { CertificateFileModel, CertificateView, FieldRow, FileProblem, PathStep, ValidityState } from '../protocol/certificateView';
import { extensionRows, intendedPurposes } from './extensionText';
import { isoUtc, isoUtcWithLocal } from '../core/text/time';

// Functions: each call is in the display language the host configured for @vscode/l10n (English in unit tests).
const CONTAINERS: Readonly<Record<string, () => string>> = {
	pem: () => l10n.t('PEM (Base64 text)'),
	der: () => l10n.t('DER certificate'),
	'certificate-der': () => l10n.t('DER certificate'),
	pkcs7: () => l10n.t('PKCS #7 certificates (.p7b)'),
	sst: () => l10n.t('Microsoft serialized certificate store (.sst)'),
	blob: () => l10n.t('Registry certificate Blob'),
	pkcs12: () => l10n.t('PKCS #12 (.pfx / .p12)'),
	reg: () => l10n.t('Registry export (.reg)'),
	empty: () => l10n.t('Empty file'),
	unknown: () => l10n.t('Unknown format'),
};

/** Inputs of {@link buildFileModel}. */
export interface ModelInput {
	readonly fileName: string;
	readonly bytes: Uint8Array;
	readonly certificates: readonly LoadedCertificate[];
	readonly problems: readonly X509Problem[];
	/** The PFX password was given (so a MAC failure means a wrong one). */
	readonly passwordGiven: boolean;
	readonly now: Date;
	readonly lookup?: CertificateLookup;
	/** Workspace-relative label of an indexed file (URI string → label). */
	readonly describeFile?: (file: string) => string;
	readonly indexText: string;
	readonly initialSelection?: number;
}

/** A certificate date as ISO 8601 UTC (`2039-01-01T00:00:00Z`); `withLocal` adds the viewer's local time beside. */
export function displayDate(iso: string, withLocal = false): string {
	const d = new Date(iso);
	if (Number.isNaN(d.getTime())) return iso;
	return withLocal ? isoUtcWithLocal(d) : isoUtc(d);
}

function daysBetween(a: Date, b: Date): string {
	const days = Math.round(Math.abs(a.getTime() - b.getTime()) / 86_400_000);
	if (days >= 730) return l10n.t('{0} years', Math.floor(days / 365));
	return days === 1 ? l10n.t('1 day') : l10n.t('{0} days', days);
}

function validityText(state: ValidityState, c: LoadedCertificate['certificate'], now: Date): string {
	if (state === 'expired') return l10n.t('Expired on {0} ({1} ago)', displayDate(c.notAfterIso), daysBetween(now, c.notAfter));
	if (state === 'notYetValid') return l10n.t('Not valid yet: valid from {0} (in {1})', displayDate(c.notBeforeIso), daysBetween(c.notBefore, now));
	return l10n.t('Valid from {0} to {1} (expires in {2})', displayDate(c.notBeforeIso), displayDate(c.notAfterIso), daysBetween(c.notAfter, now));
}

function keySummary(c: LoadedCertificate['certificate']): string {
	const k = c.publicKey;
	const kind = k.algorithm === 'rsaEncryption' ? 'RSA' : k.algorithm === 'ecPublicKey' ? 'ECC' : k.algorithm;
	return `${kind}${k.bits ? ` ${l10n.t('({0} Bits)', k.bits)}` : ''}${k.curve ? `, ${k.curve}` : ''}`;
}

function sourceText(l: LoadedCertificate): string {
	const s = l.source;
	switch (s.container) {
		case 'pem':
			return `${s.pemLabel ? l10n.t('PEM block "{0}"', s.pemLabel) : l10n.t('PEM block')}${s.pemLine !== undefined ? ` ${l10n.t('at line {0}', s.pemLine + 1)}` : ''}${s.inner === 'pkcs7' ? ` ${l10n.t('(PKCS #7 inside)')}` : ''}`;
		case 'reg':
			return s.sha1MatchesKey === false ? l10n.t('Registry key {0} (key name does NOT match the SHA-1)', s.storePath ?? '') : l10n.t('Registry key {0}', s.storePath ?? '');
		case 'sst':
			return l10n.t('Serialized store element at byte {0}', s.offset);
		case 'pkcs12':
			return `${s.hasPrivateKey ? l10n.t('PKCS #12 certificate bag with a matching private key') : l10n.t('PKCS #12 certificate bag')}${s.encrypted ? ` ${l10n.t('(encrypted)')}` : ''}`;
		case 'pkcs7':
			return l10n.t('PKCS #7 certificate at byte {0}', s.offset);
		default:
			return l10n.t('{0} at byte {1}', CONTAINERS[s.container]?.() ?? s.container, s.offset);
	}
}

function detailRows(l: LoadedCertificate): FieldRow[] {
	const c = l.certificate;
	const rows: FieldRow[] = [
		{ label: l10n.t('Version'), value: `V${c.version}` },
		{ label: l10n.t('Serial number'), value: c.serialHex.toLowerCase() },
		{ label: l10n.t('Signature algorithm'), value: `${c.signatureAlgorithm.name} (${c.signatureAlgorithm.oid})` },
		{ label: l10n.t('Issuer'), value: formatWindows(c.issuer, { separator: '\n' }) },
		{ label: l10n.t('Valid from'), value: displayDate(c.notBeforeIso, true) },
		{ label: l10n.t('Valid to'), value: displayDate(c.notAfterIso, true) },
		{ label: l10n.t('Subject'), value: formatWindows(c.subject, { separator: '\n' }) },
		{ label: l10n.t('Subject (RFC 4514)'), value: formatRfc4514(c.subject) },
		{ label: l10n.t('Subject DER size'), value: l10n.t('{0} bytes ({1} bytes in a TLS CertificateRequest issuer list)', c.subject.der.length, c.subject.der.length + 2) },
		{ label: l10n.t('Public key'), value: `${keySummary(c)} (${c.publicKey.algorithmOid})` },
		...extensionRows(c),
		{ label: l10n.t('Thumbprint (SHA-1)'), value: c.sha1.toLowerCase() },
		{ label: l10n.t('Thumbprint (SHA-256)'), value: c.sha256.toLowerCase() },
		{ label: l10n.t('Thumbprint as PowerShell and the registry show it'), value: c.sha1 },
	];
	if (l.source.friendlyName) rows.push({ label: l10n.t('Friendly name'), value: l.source.friendlyName });
	for (const p of l.source.properties ?? []) {
		if (p.decoded.kind === 'text') rows.push({ label: l10n.t('Store property {0}', p.name), value: p.decoded.text });
	}
	return rows;
}

function pathSteps(l: LoadedCertificate, input: ModelInput): PathStep[] {
	const c = l.certificate;
	const self: PathStep = { title: nameTitle(c.subject), subject: formatWindows(c.subject), sha1: c.sha1, state: validityAt(c.notBeforeIso, c.notAfterIso, input.now), found: true };
	if (!input.lookup || c.isSelfIssued) return [self];
	const probe: PathStart = { sha1: c.sha1, selfIssued: false, issuerDerHex: toHex(c.issuer.der), ...(c.authorityKeyIdentifier?.keyIdentifier ? { authorityKeyId: c.authorityKeyIdentifier.keyIdentifier } : {}) };
	const steps = input.lookup.issuerPath(probe).map((i): PathStep => {
		if (!i) return { title: l10n.t('Issuer not found in the workspace'), subject: formatWindows(c.issuer), found: false };
		return { title: i.title, subject: i.subject, sha1: i.sha1, state: validityAt(i.notBeforeIso, i.notAfterIso, input.now), found: true, location: input.describeFile?.(i.file) ?? i.file };
	});
	// The missing step names the issuer of the last certificate found, not of the leaf.
	const lastFound = steps.filter((s) => s.found).pop();
	if (lastFound && steps.at(-1)?.found === false) {
		const issuer = input.lookup.bySha1(lastFound.sha1!)[0]?.issuer;
		if (issuer) steps[steps.length - 1] = { ...steps[steps.length - 1]!, subject: issuer };
	}
	return [...steps.reverse(), self];
}

/** The view of one loaded certificate. */
export function certificateView(l: LoadedCertificate, input: ModelInput): CertificateView {
	const c = l.certificate;
	const validity = validityAt(c.notBeforeIso, c.notAfterIso, input.now);
	return {
		index: l.source.index,
		title: nameTitle(c.subject),
		subject: formatWindows(c.subject),
		issuer: formatWindows(c.issuer),
		subjectRfc4514: formatRfc4514(c.subject),
		serial: c.serialHex.toLowerCase(),
		notBefore: displayDate(c.notBeforeIso),
		notAfter: displayDate(c.notAfterIso),
		validity,
		validityText: validityText(validity, c, input.now),
		purposes: intendedPurposes(c),
		isCa: c.basicConstraints?.ca === true,
		selfSigned: c.isSelfSignedByName,
		clientAuth: isClientAuthCapable(c),
		hasPrivateKey: l.source.hasPrivateKey === true,
		keySummary: keySummary(c),
		sha1: c.sha1,
		sha256: c.sha256,
		sourceText: sourceText(l),
		...(l.source.friendlyName ? { friendlyName: l.source.friendlyName } : {}),
		details: detailRows(l),
		path: pathSteps(l, input),
		problems: l.problems.map((p) => `${p.severity}: ${p.message}`),
	};
}

function headline(input: ModelInput, kind: string): { status: CertificateFileModel['status']; message?: string } {
	if (input.certificates.length > 0) return { status: 'ok' };
	const firstError = input.problems.find((p) => p.severity === 'error') ?? input.problems[0];
	if (kind === 'pkcs12' && input.problems.some((p) => p.code === 'pkcs12-password')) {
		return { status: 'needsPassword', message: input.passwordGiven ? l10n.t('Wrong password (or a corrupted file): the PKCS #12 integrity check (MAC) failed. Try again.') : l10n.t('This PKCS #12 file is password-protected. Enter its password to see the certificates.') };
	}
	if (kind === 'empty') return { status: 'error', message: l10n.t('The file is empty: there is no certificate in it.') };
	return { status: 'error', message: firstError ? l10n.t('No certificate could be read from this file: {0}', firstError.message) : l10n.t('No certificate could be read from this file.') };
}

/** The whole model of one file. */
export function buildFileModel(input: ModelInput): CertificateFileModel {
	const kind = detectContainer(input.bytes);
	const { status, message } = headline(input, kind);
	const problems: FileProblem[] = input.problems.slice(0, 200).map((p) => ({ severity: p.severity, message: p.message, offset: p.offset }));
	return {
		fileName: input.fileName,
		containerText: CONTAINERS[kind]?.() ?? kind,
		status,
		...(message ? { message } : {}),
		certificates: input.certificates.map((l) => certificateView(l, input)),
		problems,
		...(input.initialSelection !== undefined ? { initialSelection: input.initialSelection } : {}),
		indexText: input.indexText,
	};
}

/** The model for a file refused before parsing (too large, unreadable). */
export function refusedFileModel(fileName: string, message: string, indexText: string): CertificateFileModel {
	return { fileName, containerText: l10n.t('Not read'), status: 'error', message, certificates: [], problems: [], indexText };
}
