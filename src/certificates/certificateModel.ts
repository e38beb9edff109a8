/** Builds the certificate editor's view model (plain strings) from the core's load result. Pure: no vscode. */
import { toHex } from '../core/crypto/hex';
import type { CertificateLookup, PathStart } from '../core/certificateIndex';
import { isClientAuthCapable, nameTitle, validityAt } from '../core/certificateIndex';
import { detectContainer, formatRfc4514, formatWindows, type LoadedCertificate, type X509Problem } from '../core/x509';
import type { CertificateFileModel, CertificateView, FieldRow, FileProblem, PathStep, ValidityState } from '../protocol/certificateView';
import { extensionRows, intendedPurposes } from './extensionText';
import { isoUtc, isoUtcWithLocal } from '../core/text/time';

const CONTAINERS: Readonly<Record<string, string>> = {
	pem: 'PEM (Base64 text)',
	der: 'DER certificate',
	'certificate-der': 'DER certificate',
	pkcs7: 'PKCS #7 certificates (.p7b)',
	sst: 'Microsoft serialized certificate store (.sst)',
	blob: 'Registry certificate Blob',
	pkcs12: 'PKCS #12 (.pfx / .p12)',
	reg: 'Registry export (.reg)',
	empty: 'Empty file',
	unknown: 'Unknown format',
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

/** `2024-01-01 00:00:00 UTC`. */
/** A certificate date as ISO 8601 UTC (`2039-01-01T00:00:00Z`); `withLocal` adds the viewer's local time beside. */
export function displayDate(iso: string, withLocal = false): string {
	const d = new Date(iso);
	if (Number.isNaN(d.getTime())) return iso;
	return withLocal ? isoUtcWithLocal(d) : isoUtc(d);
}

function daysBetween(a: Date, b: Date): string {
	const days = Math.round(Math.abs(a.getTime() - b.getTime()) / 86_400_000);
	if (days >= 730) return `${Math.floor(days / 365)} years`;
	return days === 1 ? '1 day' : `${days} days`;
}

function validityText(state: ValidityState, c: LoadedCertificate['certificate'], now: Date): string {
	if (state === 'expired') return `Expired on ${displayDate(c.notAfterIso)} (${daysBetween(now, c.notAfter)} ago)`;
	if (state === 'notYetValid') return `Not valid yet: valid from ${displayDate(c.notBeforeIso)} (in ${daysBetween(c.notBefore, now)})`;
	return `Valid from ${displayDate(c.notBeforeIso)} to ${displayDate(c.notAfterIso)} (expires in ${daysBetween(c.notAfter, now)})`;
}

function keySummary(c: LoadedCertificate['certificate']): string {
	const k = c.publicKey;
	const kind = k.algorithm === 'rsaEncryption' ? 'RSA' : k.algorithm === 'ecPublicKey' ? 'ECC' : k.algorithm;
	return `${kind}${k.bits ? ` (${k.bits} Bits)` : ''}${k.curve ? `, ${k.curve}` : ''}`;
}

function sourceText(l: LoadedCertificate): string {
	const s = l.source;
	switch (s.container) {
		case 'pem':
			return `PEM block${s.pemLabel ? ` "${s.pemLabel}"` : ''}${s.pemLine !== undefined ? ` at line ${s.pemLine + 1}` : ''}${s.inner === 'pkcs7' ? ' (PKCS #7 inside)' : ''}`;
		case 'reg':
			return `Registry key ${s.storePath ?? ''}${s.sha1MatchesKey === false ? ' (key name does NOT match the SHA-1)' : ''}`;
		case 'sst':
			return `Serialized store element at byte ${s.offset}`;
		case 'pkcs12':
			return `PKCS #12 certificate bag${s.hasPrivateKey ? ' with a matching private key' : ''}${s.encrypted ? ' (encrypted)' : ''}`;
		case 'pkcs7':
			return `PKCS #7 certificate at byte ${s.offset}`;
		default:
			return `${CONTAINERS[s.container] ?? s.container} at byte ${s.offset}`;
	}
}

function detailRows(l: LoadedCertificate): FieldRow[] {
	const c = l.certificate;
	const rows: FieldRow[] = [
		{ label: 'Version', value: `V${c.version}` },
		{ label: 'Serial number', value: c.serialHex.toLowerCase() },
		{ label: 'Signature algorithm', value: `${c.signatureAlgorithm.name} (${c.signatureAlgorithm.oid})` },
		{ label: 'Issuer', value: formatWindows(c.issuer, { separator: '\n' }) },
		{ label: 'Valid from', value: displayDate(c.notBeforeIso, true) },
		{ label: 'Valid to', value: displayDate(c.notAfterIso, true) },
		{ label: 'Subject', value: formatWindows(c.subject, { separator: '\n' }) },
		{ label: 'Subject (RFC 4514)', value: formatRfc4514(c.subject) },
		{ label: 'Subject DER size', value: `${c.subject.der.length} bytes (${c.subject.der.length + 2} bytes in a TLS CertificateRequest issuer list)` },
		{ label: 'Public key', value: `${keySummary(c)} (${c.publicKey.algorithmOid})` },
		...extensionRows(c),
		{ label: 'Thumbprint (SHA-1)', value: c.sha1.toLowerCase() },
		{ label: 'Thumbprint (SHA-256)', value: c.sha256.toLowerCase() },
		{ label: 'Thumbprint as PowerShell and the registry show it', value: c.sha1 },
	];
	if (l.source.friendlyName) rows.push({ label: 'Friendly name', value: l.source.friendlyName });
	for (const p of l.source.properties ?? []) {
		if (p.decoded.kind === 'text') rows.push({ label: `Store property ${p.name}`, value: p.decoded.text });
	}
	return rows;
}

function pathSteps(l: LoadedCertificate, input: ModelInput): PathStep[] {
	const c = l.certificate;
	const self: PathStep = { title: nameTitle(c.subject), subject: formatWindows(c.subject), sha1: c.sha1, state: validityAt(c.notBeforeIso, c.notAfterIso, input.now), found: true };
	if (!input.lookup || c.isSelfIssued) return [self];
	const probe: PathStart = { sha1: c.sha1, selfIssued: false, issuerDerHex: toHex(c.issuer.der), ...(c.authorityKeyIdentifier?.keyIdentifier ? { authorityKeyId: c.authorityKeyIdentifier.keyIdentifier } : {}) };
	const steps = input.lookup.issuerPath(probe).map((i): PathStep => {
		if (!i) return { title: 'Issuer not found in the workspace', subject: formatWindows(c.issuer), found: false };
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
	if (kind === 'pkcs12' && input.problems.some((p) => /MAC check failed/.test(p.message))) {
		return { status: 'needsPassword', message: input.passwordGiven ? 'Wrong password (or a corrupted file): the PKCS #12 integrity check (MAC) failed. Try again.' : 'This PKCS #12 file is password-protected. Enter its password to see the certificates.' };
	}
	if (kind === 'empty') return { status: 'error', message: 'The file is empty: there is no certificate in it.' };
	return { status: 'error', message: `No certificate could be read from this file${firstError ? `: ${firstError.message}` : '.'}` };
}

/** The whole model of one file. */
export function buildFileModel(input: ModelInput): CertificateFileModel {
	const kind = detectContainer(input.bytes);
	const { status, message } = headline(input, kind);
	const problems: FileProblem[] = input.problems.slice(0, 200).map((p) => ({ severity: p.severity, message: p.message, offset: p.offset }));
	return {
		fileName: input.fileName,
		containerText: CONTAINERS[kind] ?? kind,
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
	return { fileName, containerText: 'Not read', status: 'error', message, certificates: [], problems: [], indexText };
}
