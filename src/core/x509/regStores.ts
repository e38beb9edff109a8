/** Certificates stored in `.reg` exports: `…\SystemCertificates\<Store>\Certificates\<SHA1>` keys with a `Blob`. */
import * as l10n from '@vscode/l10n';
import type { Range, RegDocument } from '../reg';
import { RegType } from '../reg';
import { decodeCertificate, type Certificate } from './certificate';
import { errorAt, shiftProblems, warningAt, type X509Problem } from './problems';
import { parseSerializedElement, type SerializedElement } from './serializedStore';

/** CryptoAPI store location of a registry store key (CERT_SYSTEM_STORE_*). */
export type StoreLocation =
	| 'LOCAL_MACHINE'
	| 'LOCAL_MACHINE_GROUP_POLICY'
	| 'LOCAL_MACHINE_ENTERPRISE'
	| 'CURRENT_USER'
	| 'CURRENT_USER_GROUP_POLICY'
	| 'SERVICES'
	| 'USERS'
	| 'UNKNOWN';

/** One certificate `Blob` found in a .reg export. */
export interface RegCertificate {
	readonly storeLocation: StoreLocation;
	/** Store name as written, e.g. `Root`, `CA`, `ClientAuthIssuer`. */
	readonly storeName: string;
	/** Service name for `Cryptography\Services\<svc>` stores, SID for `HKEY_USERS\<SID>`. */
	readonly owner?: string;
	/** The key's last component (should be the uppercase SHA-1 thumbprint). */
	readonly thumbprintKey: string;
	readonly keyPath: string;
	/** The key line's range in the .reg text. */
	readonly keyRange: Range;
	/** The `Blob` value's range in the .reg text. */
	readonly valueRange: Range;
	readonly element: SerializedElement | undefined;
	readonly certificate: Certificate | undefined;
	/** Problems with offsets into the Blob's bytes. */
	readonly problems: readonly X509Problem[];
	/** The certificate's SHA-1 equals the key name (case-insensitive); Wine ignores entries where it does not. */
	readonly sha1MatchesKey: boolean;
	/** Friendly name property, if any. */
	readonly friendlyName?: string;
}

const STORE_KEY = /^(.*?)\\?(SystemCertificates|EnterpriseCertificates)\\([^\\]+)\\Certificates\\([^\\]+)$/i;

/** Classifies a key path; undefined when it is not a store certificate key. */
export function classifyStoreKey(root: string | undefined, subPath: string): { storeLocation: StoreLocation; storeName: string; thumbprintKey: string; owner?: string } | undefined {
	const m = STORE_KEY.exec(subPath);
	if (!m) return undefined;
	const prefix = m[1]!.toLowerCase();
	const kind = m[2]!.toLowerCase();
	const storeName = m[3]!;
	const thumbprintKey = m[4]!;
	const hklm = root === 'HKEY_LOCAL_MACHINE';
	const hkcu = root === 'HKEY_CURRENT_USER';
	let storeLocation: StoreLocation = 'UNKNOWN';
	let owner: string | undefined;
	const svc = /^software\\microsoft\\cryptography\\services\\([^\\]+)$/i.exec(m[1]!);
	if (kind === 'enterprisecertificates') storeLocation = hklm ? 'LOCAL_MACHINE_ENTERPRISE' : 'UNKNOWN';
	else if (prefix === 'software\\microsoft') storeLocation = hklm ? 'LOCAL_MACHINE' : hkcu ? 'CURRENT_USER' : 'UNKNOWN';
	else if (prefix === 'software\\policies\\microsoft') storeLocation = hklm ? 'LOCAL_MACHINE_GROUP_POLICY' : hkcu ? 'CURRENT_USER_GROUP_POLICY' : 'UNKNOWN';
	else if (svc && hklm) {
		storeLocation = 'SERVICES';
		owner = svc[1]!;
	}
	const users = /^([^\\]+)\\software\\microsoft$/i.exec(m[1]!);
	if (root === 'HKEY_USERS' && users) {
		storeLocation = 'USERS';
		owner = users[1]!;
	}
	return { storeLocation, storeName, thumbprintKey, ...(owner !== undefined ? { owner } : {}) };
}

/**
 * Every certificate `Blob` in a parsed .reg document (deleted keys skipped), decoded.
 * @example certificatesFromReg(parseRegBytes(bytes)).filter((c) => !c.sha1MatchesKey)
 */
export function certificatesFromReg(doc: RegDocument): RegCertificate[] {
	const out: RegCertificate[] = [];
	for (const key of doc.keys) {
		if (key.op !== 'set' || !key.valid) continue;
		const where = classifyStoreKey(key.root, key.subPath);
		if (!where) continue;
		const blob = key.values.find((v) => v.name.toLowerCase() === 'blob' && v.op === 'set');
		if (!blob) continue;
		const problems: X509Problem[] = [];
		if (blob.type !== RegType.BINARY) problems.push(warningAt(0, l10n.t('Blob is {0}, not hex: (REG_BINARY)', blob.token)));
		const parsed = parseSerializedElement(blob.data);
		problems.push(...parsed.problems);
		let certificate: Certificate | undefined;
		const element = parsed.value;
		if (element && element.kind !== 'certificate') problems.push(errorAt(element.contextOffset - 12, l10n.t('Blob holds a {0}, not a certificate', element.kind.toUpperCase())));
		else if (element) {
			const cert = decodeCertificate(element.encoded);
			problems.push(...shiftProblems(cert.problems, element.contextOffset));
			certificate = cert.value;
		}
		const sha1MatchesKey = certificate !== undefined && certificate.sha1 === where.thumbprintKey.toUpperCase();
		if (certificate && !sha1MatchesKey) problems.push(warningAt(0, l10n.t('key name {0} is not the certificate\'s SHA-1 {1}: Wine ignores such entries', where.thumbprintKey, certificate.sha1)));
		const fn = element?.properties.find((p) => p.id === 11)?.decoded;
		out.push({
			...where,
			keyPath: key.path,
			keyRange: key.range,
			valueRange: blob.range,
			element,
			certificate,
			problems,
			sha1MatchesKey,
			...(fn?.kind === 'text' ? { friendlyName: fn.text } : {}),
		});
	}
	return out;
}
