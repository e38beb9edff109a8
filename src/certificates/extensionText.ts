/** Extension values as the Windows certificate dialog's Details tab words them (decoded by the core; words via @vscode/l10n). */
import * as l10n from '@vscode/l10n';
import { toHex } from '../core/crypto/hex';
import { ekuName, type Certificate, type Extension, type GeneralName } from '../core/x509';

const KEY_USAGE_WORDS: Readonly<Record<string, () => string>> = {
	digitalSignature: () => l10n.t('Digital Signature'),
	nonRepudiation: () => l10n.t('Non-Repudiation'),
	keyEncipherment: () => l10n.t('Key Encipherment'),
	dataEncipherment: () => l10n.t('Data Encipherment'),
	keyAgreement: () => l10n.t('Key Agreement'),
	keyCertSign: () => l10n.t('Certificate Signing'),
	cRLSign: () => l10n.t('CRL Signing'),
	encipherOnly: () => l10n.t('Encipher Only'),
	decipherOnly: () => l10n.t('Decipher Only'),
};


const GN_LABELS: Readonly<Record<GeneralName['type'], () => string>> = {
	otherName: () => l10n.t('Other Name'),
	email: () => l10n.t('RFC822 Name'),
	DNS: () => l10n.t('DNS Name'),
	x400: () => l10n.t('X.400 Address'),
	DirName: () => l10n.t('Directory Address'),
	ediParty: () => l10n.t('EDI Party Name'),
	URI: () => 'URL',
	IP: () => l10n.t('IP Address'),
	RID: () => l10n.t('Registered ID'),
};

/** EKUs Windows's certificate dialog shows by name alone. */
const EKU_BY_WINDOWS = new Set(['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2', '1.3.6.1.5.5.7.3.3', '1.3.6.1.5.5.7.3.4', '1.3.6.1.5.5.7.3.8', '1.3.6.1.5.5.7.3.9', '1.3.6.1.4.1.311.20.2.2', '1.3.6.1.4.1.311.10.3.4', '1.3.6.1.4.1.311.10.3.12', '2.5.29.37.0']);

/** A purpose (EKU) OID in the dialog's words, else its name and OID. */
export function purposeName(oid: string): string {
	const name = ekuName(oid);
	return name && EKU_BY_WINDOWS.has(oid) ? name : `${name ?? oid} (${oid})`;
}

/** Intended purposes as the General tab lists them. */
export function intendedPurposes(c: Certificate): string[] {
	if (!c.extendedKeyUsage) return [l10n.t('All application policies (no Extended Key Usage extension)')];
	return c.extendedKeyUsage.map((e) => purposeName(e.oid));
}

function generalNames(list: readonly GeneralName[]): string {
	return list.map((g) => `${GN_LABELS[g.type]()}=${g.value}`).join(', ');
}

function lowerHex(hex: string): string {
	return hex.toLowerCase();
}

type Describe = (c: Certificate) => string | undefined;

const DESCRIBE: Readonly<Record<string, Describe>> = {
	'2.5.29.19': (c) => c.basicConstraints && `${l10n.t('Subject Type')}=${c.basicConstraints.ca ? l10n.t('CA') : l10n.t('End Entity')}, ${l10n.t('Path Length Constraint')}=${c.basicConstraints.pathLength ?? l10n.t('None')}`,
	'2.5.29.15': (c) => c.keyUsage && (c.keyUsage.map((k) => KEY_USAGE_WORDS[k]?.() ?? k).join(', ') || l10n.t('(none)')),
	'2.5.29.37': (c) => c.extendedKeyUsage?.map((e) => `${purposeName(e.oid)} (${e.oid})`).join(', '),
	'2.5.29.14': (c) => c.subjectKeyIdentifier && lowerHex(c.subjectKeyIdentifier),
	'2.5.29.35': (c) => {
		const a = c.authorityKeyIdentifier;
		if (!a) return undefined;
		const parts = [a.keyIdentifier && `${l10n.t('KeyID')}=${lowerHex(a.keyIdentifier)}`, a.issuer && `${l10n.t('Certificate Issuer')}: ${generalNames(a.issuer)}`, a.serialNumber && `${l10n.t('Certificate SerialNumber')}=${lowerHex(a.serialNumber)}`];
		return parts.filter(Boolean).join(', ');
	},
	'2.5.29.17': (c) => c.subjectAltName && generalNames(c.subjectAltName),
	'2.5.29.18': (c) => c.issuerAltName && generalNames(c.issuerAltName),
	'2.5.29.31': (c) => c.crlDistributionPoints?.map((u) => `URL=${u}`).join(', '),
	'1.3.6.1.5.5.7.1.1': (c) => {
		const a = c.authorityInfoAccess;
		if (!a) return undefined;
		return [...a.caIssuers.map((u) => `${l10n.t('Certification Authority Issuer')}: URL=${u}`), ...a.ocsp.map((u) => `${l10n.t('On-line Certificate Status Protocol')}: URL=${u}`)].join(', ');
	},
	'2.5.29.32': (c) => c.certificatePolicies?.map((p) => (p === '2.5.29.32.0' ? l10n.t('All Issuance Policies') : `${l10n.t('Policy Identifier')}=${p}`)).join(', '),
	'2.5.29.30': (c) => {
		const n = c.nameConstraints;
		if (!n) return undefined;
		return [n.permitted.length ? `${l10n.t('Permitted')}: ${generalNames(n.permitted)}` : '', n.excluded.length ? `${l10n.t('Excluded')}: ${generalNames(n.excluded)}` : ''].filter(Boolean).join('; ');
	},
};

/** Friendly label of an extension: "Basic Constraints", else the core's OID name. */
function extensionLabel(e: Extension): string {
	if (e.name === e.oid) return l10n.t('Unknown extension {0}', e.oid);
	return `${e.name.charAt(0).toUpperCase()}${e.name.slice(1).replace(/([a-z])([A-Z])/g, '$1 $2')}`;
}

/** One Details row per extension: decoded value (or "not decoded"), the critical flag, and the raw value hex. */
export function extensionRows(c: Certificate): { label: string; value: string; hex: string; critical: boolean }[] {
	return c.extensions.map((e) => {
		const text = e.decoded ? DESCRIBE[e.oid]?.(c) : undefined;
		const value = text ?? (e.decoded ? l10n.t('(not decoded: {0} bytes, see hex)', e.value.length) : l10n.t('(does not decode: see hex)'));
		return { label: `${extensionLabel(e)} (${e.oid})`, value: e.critical ? `${value} [${l10n.t('critical')}]` : value, hex: toHex(e.value, ' '), critical: e.critical };
	});
}
