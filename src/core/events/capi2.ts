/**
 * CAPI2 Operational event 11 (CertGetCertificateChain): the chain as Windows built it, each element's
 * `CERT_TRUST_*` error and info statuses as numbers and named the way wincrypt.h names them.
 * CAPI2's XML writes the status values in hex without `0x` (`value="40"` is 0x40).
 */
import * as l10n from '@vscode/l10n';
import type { EventNode, EventRecord } from './types';

/** One element of Windows's chain, leaf first. */
export interface Capi2ChainElement {
	/** SHA-1 thumbprint (CAPI2's `fileRef` without `.cer`), upper-case hex. */
	thumbprint: string;
	subject: string;
	errorStatus: number;
	infoStatus: number;
	/** Every set bit of both statuses by its wincrypt.h name (`CERT_TRUST_…`); an unknown bit as `0x…`. */
	flags: string[];
	/** The element's revocation result (an HRESULT; 0 = not revoked) and its text, when CAPI2 wrote one. */
	revocation?: { result: number; text: string };
}

/** The chain of one CAPI2 event 11. */
export interface Capi2Chain {
	errorStatus: number;
	infoStatus: number;
	elements: Capi2ChainElement[];
}

/** `dwErrorStatus` bits (wincrypt.h). */
export const TRUST_ERROR_FLAGS: readonly [number, string][] = [
	[0x1, 'CERT_TRUST_IS_NOT_TIME_VALID'],
	[0x2, 'CERT_TRUST_IS_NOT_TIME_NESTED'],
	[0x4, 'CERT_TRUST_IS_REVOKED'],
	[0x8, 'CERT_TRUST_IS_NOT_SIGNATURE_VALID'],
	[0x10, 'CERT_TRUST_IS_NOT_VALID_FOR_USAGE'],
	[0x20, 'CERT_TRUST_IS_UNTRUSTED_ROOT'],
	[0x40, 'CERT_TRUST_REVOCATION_STATUS_UNKNOWN'],
	[0x80, 'CERT_TRUST_IS_CYCLIC'],
	[0x100, 'CERT_TRUST_INVALID_EXTENSION'],
	[0x200, 'CERT_TRUST_INVALID_POLICY_CONSTRAINTS'],
	[0x400, 'CERT_TRUST_INVALID_BASIC_CONSTRAINTS'],
	[0x800, 'CERT_TRUST_INVALID_NAME_CONSTRAINTS'],
	[0x1000, 'CERT_TRUST_HAS_NOT_SUPPORTED_NAME_CONSTRAINT'],
	[0x2000, 'CERT_TRUST_HAS_NOT_DEFINED_NAME_CONSTRAINT'],
	[0x4000, 'CERT_TRUST_HAS_NOT_PERMITTED_NAME_CONSTRAINT'],
	[0x8000, 'CERT_TRUST_HAS_EXCLUDED_NAME_CONSTRAINT'],
	[0x10000, 'CERT_TRUST_IS_PARTIAL_CHAIN'],
	[0x20000, 'CERT_TRUST_CTL_IS_NOT_TIME_VALID'],
	[0x40000, 'CERT_TRUST_CTL_IS_NOT_SIGNATURE_VALID'],
	[0x80000, 'CERT_TRUST_CTL_IS_NOT_VALID_FOR_USAGE'],
	[0x100000, 'CERT_TRUST_HAS_WEAK_SIGNATURE'],
	[0x1000000, 'CERT_TRUST_IS_OFFLINE_REVOCATION'],
	[0x2000000, 'CERT_TRUST_NO_ISSUANCE_CHAIN_POLICY'],
	[0x4000000, 'CERT_TRUST_IS_EXPLICIT_DISTRUST'],
	[0x8000000, 'CERT_TRUST_HAS_NOT_SUPPORTED_CRITICAL_EXT'],
];

/** `dwInfoStatus` bits (wincrypt.h). */
export const TRUST_INFO_FLAGS: readonly [number, string][] = [
	[0x1, 'CERT_TRUST_HAS_EXACT_MATCH_ISSUER'],
	[0x2, 'CERT_TRUST_HAS_KEY_MATCH_ISSUER'],
	[0x4, 'CERT_TRUST_HAS_NAME_MATCH_ISSUER'],
	[0x8, 'CERT_TRUST_IS_SELF_SIGNED'],
	[0x10, 'CERT_TRUST_AUTO_UPDATE_CA_REVID'],
	[0x20, 'CERT_TRUST_AUTO_UPDATE_END_REVID'],
	[0x40, 'CERT_TRUST_NO_OCSP_FAILOVER_TO_CRL'],
	[0x80, 'CERT_TRUST_IS_KEY_ROLLOVER'],
	[0x100, 'CERT_TRUST_HAS_PREFERRED_ISSUER'],
	[0x200, 'CERT_TRUST_HAS_ISSUANCE_CHAIN_POLICY'],
	[0x400, 'CERT_TRUST_HAS_VALID_NAME_CONSTRAINTS'],
	[0x800, 'CERT_TRUST_IS_PEER_TRUSTED'],
	[0x1000, 'CERT_TRUST_HAS_CRL_VALIDITY_EXTENDED'],
	[0x2000, 'CERT_TRUST_IS_FROM_EXCLUSIVE_TRUST_STORE'],
	[0x4000, 'CERT_TRUST_IS_CA_TRUSTED'],
	[0x8000, 'CERT_TRUST_HAS_AUTO_UPDATE_WEAK_SIGNATURE'],
	[0x10000, 'CERT_TRUST_IS_COMPLEX_CHAIN'],
	[0x20000, 'CERT_TRUST_HAS_ALLOW_WEAK_SIGNATURE'],
	[0x40000, 'CERT_TRUST_SSL_HANDSHAKE_OCSP'],
	[0x80000, 'CERT_TRUST_SSL_TIME_VALID_OCSP'],
	[0x100000, 'CERT_TRUST_SSL_RECONNECT_OCSP'],
	[0x1000000, 'CERT_TRUST_SSL_TIME_VALID'],
	[0x2000000, 'CERT_TRUST_NO_TIME_CHECK'],
];

/** HRESULTs CAPI2 and Schannel events carry (winerror.h names and their system message, shortened). */
export const HRESULT_TEXT: Record<number, string> = hresultTable();

let cached: { key: string; table: Record<number, string> } | undefined;

/** The table in the display language, built once per language (hresultText runs for every field of many events). */
function hresultTexts(): Record<number, string> {
	const key = l10n.t('S_OK: no error');
	if (cached?.key !== key) cached = { key, table: hresultTable() };
	return cached.table;
}

/** The table in the current display language (built when asked for, not when the module loads). */
function hresultTable(): Record<number, string> {
	return {
		0x0: l10n.t('S_OK: no error'),
		0x80092010: l10n.t('CRYPT_E_REVOKED: the certificate is revoked'),
		0x80092012: l10n.t('CRYPT_E_NO_REVOCATION_CHECK: the revocation function was unable to check revocation for the certificate'),
		0x80092013: l10n.t('CRYPT_E_REVOCATION_OFFLINE: the revocation function was unable to check revocation because the revocation server was offline'),
		0x80092014: l10n.t('CRYPT_E_NOT_IN_REVOCATION_DATABASE: the object is not in the revocation server database'),
		0x80092004: l10n.t('CRYPT_E_NOT_FOUND: cannot find object or property'),
		0x800b0101: l10n.t('CERT_E_EXPIRED: a required certificate is not within its validity period'),
		0x800b0109: l10n.t('CERT_E_UNTRUSTEDROOT: the chain ends in a root certificate that is not trusted'),
		0x800b010a: l10n.t('CERT_E_CHAINING: a certificate chain could not be built to a trusted root authority'),
		0x800b010c: l10n.t('CERT_E_REVOKED: a certificate was explicitly revoked by its issuer'),
		0x800b010f: l10n.t('CERT_E_CN_NO_MATCH: the certificate name does not match the name passed'),
		0x800b0110: l10n.t('CERT_E_WRONG_USAGE: the certificate is not valid for the requested usage'),
		0x80096004: l10n.t('TRUST_E_CERT_SIGNATURE: the signature of the certificate cannot be verified'),
		0x800b0100: l10n.t('TRUST_E_NOSIGNATURE: no signature was present in the subject'),
		0x80090016: l10n.t('NTE_BAD_KEYSET: keyset does not exist'),
		0x8009000d: l10n.t('NTE_NO_KEY: key does not exist'),
		0x80090302: l10n.t('SEC_E_UNSUPPORTED_FUNCTION: the function requested is not supported'),
		0x80090304: l10n.t('SEC_E_INTERNAL_ERROR: the Local Security Authority cannot be contacted'),
		0x8009030d: l10n.t('SEC_E_UNKNOWN_CREDENTIALS: the credentials supplied to the package were not recognized'),
		0x8009030e: l10n.t('SEC_E_NO_CREDENTIALS: no credentials are available in the security package'),
		0x80090325: l10n.t('SEC_E_UNTRUSTED_ROOT: the certificate chain was issued by an authority that is not trusted'),
		0x80090326: l10n.t('SEC_E_ILLEGAL_MESSAGE: the message received was unexpected or badly formatted'),
		0x80090327: l10n.t('SEC_E_CERT_UNKNOWN: an unknown error occurred while processing the certificate'),
		0x80090328: l10n.t('SEC_E_CERT_EXPIRED: the received certificate has expired'),
		0x80090331: l10n.t('SEC_E_ALGORITHM_MISMATCH: the client and server cannot communicate, because they do not possess a common algorithm'),
		0x80072ee2: l10n.t('WININET_E_TIMEOUT: the operation timed out'),
		0x80072ee7: l10n.t('WININET_E_NAME_NOT_RESOLVED: the server name or address could not be resolved'),
		0x80072efd: l10n.t('WININET_E_CANNOT_CONNECT: a connection with the server could not be established'),
	};
}

/** An HRESULT as `0x8009030D` plus its name and message when known. */
export function hresultText(value: number): string {
	const hex = `0x${(value >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
	const known = hresultTexts()[value >>> 0];
	return known ? `${hex} ${known}` : hex;
}

/** Names of the set bits of a status (unknown bits as `0x…`). */
export function trustFlagNames(value: number, table: readonly [number, string][]): string[] {
	const names: string[] = [];
	let rest = value >>> 0;
	for (const [bit, name] of table) {
		if (rest & bit) {
			names.push(name);
			rest = (rest & ~bit) >>> 0;
		}
	}
	for (let bit = 1; rest !== 0 && bit !== 0; bit = (bit << 1) >>> 0) {
		if (rest & bit) {
			names.push(`0x${bit.toString(16)}`);
			rest = (rest & ~bit) >>> 0;
		}
	}
	return names;
}

/** A CAPI2 status attribute (`value="40"`: hex without 0x) as a number; NaN when absent or not hex. */
export function capi2Hex(text: string | undefined): number {
	if (text === undefined || !/^\s*(0x)?[0-9a-fA-F]{1,8}\s*$/.test(text)) return NaN;
	return parseInt(text.trim().replace(/^0x/i, ''), 16) >>> 0;
}

function kid(node: EventNode | undefined, name: string): EventNode | undefined {
	return node?.children.find((c) => c.name === name);
}

/** The first descendant named `name` (depth-first). */
export function findNode(node: EventNode | null | undefined, name: string): EventNode | undefined {
	if (!node) return undefined;
	if (node.name === name) return node;
	for (const c of node.children) {
		const hit = findNode(c, name);
		if (hit) return hit;
	}
	return undefined;
}

function statuses(trust: EventNode | undefined): { errorStatus: number; infoStatus: number } {
	const e = capi2Hex(kid(trust, 'ErrorStatus')?.attributes.value);
	const i = capi2Hex(kid(trust, 'InfoStatus')?.attributes.value);
	return { errorStatus: Number.isNaN(e) ? 0 : e, infoStatus: Number.isNaN(i) ? 0 : i };
}

/** The CAPI2 attribute names Windows itself set to "true" on a status element (to compare with our decoding). */
export function capi2StatusAttributeNames(status: EventNode | undefined): string[] {
	return Object.entries(status?.attributes ?? {})
		.filter(([k, v]) => k !== 'value' && v === 'true')
		.map(([k]) => k);
}

/** The chain of a CAPI2 event 11, or undefined for any other event (or an event 11 without a chain). */
export function capi2Chain(event: Pick<EventRecord, 'provider' | 'id' | 'data'>): Capi2Chain | undefined {
	if (event.id !== 11 || !/CAPI2/i.test(event.provider)) return undefined;
	const call = findNode(event.data, 'CertGetCertificateChain');
	const chain = kid(call, 'CertificateChain');
	if (!chain) return undefined;
	const top = statuses(kid(chain, 'TrustStatus'));
	const elements: Capi2ChainElement[] = [];
	for (const el of chain.children) {
		if (el.name !== 'ChainElement') continue;
		const cert = kid(el, 'Certificate');
		const s = statuses(kid(el, 'TrustStatus'));
		const element: Capi2ChainElement = {
			thumbprint: (cert?.attributes.fileRef ?? '').replace(/\.cer$/i, '').toUpperCase(),
			subject: cert?.attributes.subjectName ?? '',
			errorStatus: s.errorStatus,
			infoStatus: s.infoStatus,
			flags: [...trustFlagNames(s.errorStatus, TRUST_ERROR_FLAGS), ...trustFlagNames(s.infoStatus, TRUST_INFO_FLAGS)],
		};
		const rev = kid(kid(el, 'RevocationInfo'), 'RevocationResult');
		const result = capi2Hex(rev?.attributes.value);
		if (rev && !Number.isNaN(result)) element.revocation = { result, text: rev.text.trim() || hresultText(result) };
		elements.push(element);
	}
	return { ...top, elements };
}
