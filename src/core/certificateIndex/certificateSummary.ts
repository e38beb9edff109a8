/** Plain summaries of certificates for the workspace index: strings only, cheap to keep for thousands. */
import * as l10n from '@vscode/l10n';
import { toHex } from '../crypto/hex';
import { formatRfc4514, formatWindows, nameValue, normalizedNameKey, type Certificate, type LoadedCertificate, type Name } from '../x509';

const OID_CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';
const OID_ANY_EKU = '2.5.29.37.0';

/** One certificate as the index keeps it. */
export interface IndexedCertificate {
	/** The file it came from (a URI string; the core does not interpret it). */
	readonly file: string;
	/** Index among the certificates of that file. */
	readonly index: number;
	readonly sha1: string;
	readonly sha256: string;
	readonly title: string;
	/** Windows format, most specific RDN first. */
	readonly subject: string;
	readonly issuer: string;
	readonly subjectRfc4514: string;
	/** DER of the subject / issuer Name as uppercase hex: what Schannel compares. */
	readonly subjectDerHex: string;
	readonly issuerDerHex: string;
	/** {@link normalizedNameKey} of the subject: how a DN typed in a log is matched. */
	readonly subjectKey: string;
	readonly notBeforeIso: string;
	readonly notAfterIso: string;
	readonly isCa: boolean;
	readonly selfIssued: boolean;
	readonly clientAuth: boolean;
	readonly subjectKeyId?: string;
	readonly authorityKeyId?: string;
	/** `pem`, `der`, `pkcs7`, `sst`, `pkcs12`, `reg`, `blob`. */
	readonly container: string;
	/** e.g. `LocalMachine\Root` for certificates from .reg exports. */
	readonly store?: string;
	readonly friendlyName?: string;
}

/** The CN of a name, else its most specific attribute's value, else `(empty name)`. */
export function nameTitle(name: Name): string {
	const cn = nameValue(name, '2.5.4.3');
	if (cn) return cn;
	const last = name.rdns[name.rdns.length - 1]?.attributes[0];
	return last?.text ?? (name.rdns.length ? formatRfc4514(name) : l10n.t('(empty name)'));
}

/** Whether Windows would offer the certificate for TLS client authentication (EKU and key usage allow it, not a CA). */
export function isClientAuthCapable(c: Certificate): boolean {
	if (c.basicConstraints?.ca) return false;
	const eku = c.extendedKeyUsage;
	if (eku && !eku.some((e) => e.oid === OID_CLIENT_AUTH || e.oid === OID_ANY_EKU)) return false;
	const ku = c.keyUsage;
	return !ku || ku.includes('digitalSignature') || ku.includes('keyAgreement');
}

/** Summarizes one loaded certificate of `file`. */
export function summarizeCertificate(file: string, loaded: LoadedCertificate): IndexedCertificate {
	const c = loaded.certificate;
	const s = loaded.source;
	const store = s.storeLocation && s.storeName ? `${s.storeLocation}\\${s.storeName}` : s.storeName;
	return {
		file,
		index: s.index,
		sha1: c.sha1,
		sha256: c.sha256,
		title: nameTitle(c.subject),
		subject: formatWindows(c.subject),
		issuer: formatWindows(c.issuer),
		subjectRfc4514: formatRfc4514(c.subject),
		subjectDerHex: toHex(c.subject.der),
		issuerDerHex: toHex(c.issuer.der),
		subjectKey: normalizedNameKey(c.subject),
		notBeforeIso: c.notBeforeIso,
		notAfterIso: c.notAfterIso,
		isCa: c.basicConstraints?.ca === true,
		selfIssued: c.isSelfIssued,
		clientAuth: isClientAuthCapable(c),
		container: s.container,
		...(c.subjectKeyIdentifier ? { subjectKeyId: c.subjectKeyIdentifier } : {}),
		...(c.authorityKeyIdentifier?.keyIdentifier ? { authorityKeyId: c.authorityKeyIdentifier.keyIdentifier } : {}),
		...(store ? { store } : {}),
		...(s.friendlyName ? { friendlyName: s.friendlyName } : {}),
	};
}

/** `expired`, `notYetValid` or `valid` at `now`. */
export function validityAt(notBeforeIso: string, notAfterIso: string, now: Date): 'valid' | 'expired' | 'notYetValid' {
	const t = now.getTime();
	if (t > Date.parse(notAfterIso)) return 'expired';
	if (t < Date.parse(notBeforeIso)) return 'notYetValid';
	return 'valid';
}
