/** CryptoAPI certificate context property IDs (CERT_*_PROP_ID) and decoders for their serialized values. */
import { children, decodeOid, readTlv, Tag } from './der';
import { toHex } from '../crypto/hex';
import { oidName } from './oids';

const NAMES: Record<number, string> = {
	1: 'KEY_PROV_HANDLE', 2: 'KEY_PROV_INFO', 3: 'SHA1_HASH', 4: 'MD5_HASH', 5: 'KEY_CONTEXT', 6: 'KEY_SPEC',
	7: 'IE30_RESERVED', 8: 'PUBKEY_HASH_RESERVED', 9: 'ENHKEY_USAGE', 10: 'NEXT_UPDATE_LOCATION', 11: 'FRIENDLY_NAME',
	12: 'PVK_FILE', 13: 'DESCRIPTION', 14: 'ACCESS_STATE', 15: 'SIGNATURE_HASH', 16: 'SMART_CARD_DATA', 17: 'EFS',
	18: 'FORTEZZA_DATA', 19: 'ARCHIVED', 20: 'KEY_IDENTIFIER', 21: 'AUTO_ENROLL', 22: 'PUBKEY_ALG_PARA',
	23: 'CROSS_CERT_DIST_POINTS', 24: 'ISSUER_PUBLIC_KEY_MD5_HASH', 25: 'SUBJECT_PUBLIC_KEY_MD5_HASH', 26: 'ENROLLMENT',
	27: 'DATE_STAMP', 28: 'ISSUER_SERIAL_NUMBER_MD5_HASH', 29: 'SUBJECT_NAME_MD5_HASH', 30: 'EXTENDED_ERROR_INFO',
	32: 'CERT (element)', 33: 'CRL (element)', 34: 'CTL (element)', 35: 'KEYID (element)',
	64: 'RENEWAL', 65: 'ARCHIVED_KEY_HASH', 66: 'AUTO_ENROLL_RETRY', 67: 'AIA_URL_RETRIEVED', 68: 'AUTHORITY_INFO_ACCESS',
	69: 'BACKED_UP', 70: 'OCSP_RESPONSE', 71: 'REQUEST_ORIGINATOR', 72: 'SOURCE_LOCATION', 73: 'SOURCE_URL', 74: 'NEW_KEY',
	75: 'OCSP_CACHE_PREFIX', 76: 'SMART_CARD_ROOT_INFO', 77: 'NO_AUTO_EXPIRE_CHECK', 78: 'NCRYPT_KEY_HANDLE',
	79: 'HCRYPTPROV_OR_NCRYPT_KEY_HANDLE', 80: 'SUBJECT_INFO_ACCESS', 81: 'CA_OCSP_AUTHORITY_INFO_ACCESS', 82: 'CA_DISABLE_CRL',
	83: 'ROOT_PROGRAM_CERT_POLICIES', 84: 'ROOT_PROGRAM_NAME_CONSTRAINTS', 85: 'SUBJECT_OCSP_AUTHORITY_INFO_ACCESS',
	86: 'SUBJECT_DISABLE_CRL', 87: 'CEP', 89: 'SIGN_HASH_CNG_ALG', 90: 'SCARD_PIN_ID', 91: 'SCARD_PIN_INFO',
	92: 'SUBJECT_PUB_KEY_BIT_LENGTH', 93: 'PUB_KEY_CNG_ALG_BIT_LENGTH', 94: 'ISSUER_PUB_KEY_BIT_LENGTH',
	95: 'ISSUER_CHAIN_SIGN_HASH_CNG_ALG', 96: 'ISSUER_CHAIN_PUB_KEY_CNG_ALG_BIT_LENGTH', 97: 'NO_EXPIRE_NOTIFICATION',
	98: 'AUTH_ROOT_SHA256_HASH', 99: 'NCRYPT_KEY_HANDLE_TRANSFER', 100: 'HCRYPTPROV_TRANSFER', 101: 'SMART_CARD_READER',
	102: 'SEND_AS_TRUSTED_ISSUER', 103: 'KEY_REPAIR_ATTEMPTED', 104: 'DISALLOWED_FILETIME', 105: 'ROOT_PROGRAM_CHAIN_POLICIES',
	106: 'SMART_CARD_READER_NON_REMOVABLE', 107: 'SHA256_HASH',
	// 108–127: names from newer SDK wincrypt.h (not in the project reference table).
	108: 'SCEP_SERVER_CERTS', 109: 'SCEP_RA_SIGNATURE_CERT_HASH', 110: 'SCEP_RA_ENCRYPTION_CERT_HASH', 111: 'SCEP_CA_CERT_HASH',
	112: 'SCEP_SIGNER_CERT_HASH', 113: 'SCEP_NONCE', 114: 'SCEP_ENROLLMENT', 115: 'SCEP_FLAGS', 116: 'SCEP_GUID',
	117: 'SERIALIZABLE_KEY_CONTEXT', 118: 'ISOLATED_KEY', 119: 'SERIAL_CHAIN', 120: 'KEY_CLASSIFICATION',
	121: 'OCSP_MUST_STAPLE', 122: 'DISALLOWED_ENHKEY_USAGE', 123: 'NONCOMPLIANT_ROOT_URL', 124: 'PIN_SHA256_HASH',
	125: 'CLR_DELETE_KEY', 126: 'NOT_BEFORE_FILETIME', 127: 'NOT_BEFORE_ENHKEY_USAGE',
};

/** Property ID constants used elsewhere. */
export const PropId = { KEY_PROV_INFO: 2, SHA1_HASH: 3, MD5_HASH: 4, ENHKEY_USAGE: 9, FRIENDLY_NAME: 11, DESCRIPTION: 13, KEY_IDENTIFIER: 20, CERT: 32, CRL: 33, CTL: 34, SHA256_HASH: 107 } as const;

/** `FRIENDLY_NAME`, `SHA1_HASH`, … (without `CERT_` / `_PROP_ID`), `USER_0x8000` or `PROP_<n>`. */
export function propertyName(id: number): string {
	if (id >= 0x8000 && id <= 0xffff) return `USER_0x${id.toString(16)}`;
	return NAMES[id] ?? `PROP_${id}`;
}

/** A decoded CRYPT_KEY_PROV_INFO (self-relative serialized form). */
export interface KeyProvInfo {
	readonly containerName?: string;
	readonly providerName?: string;
	readonly providerType: number;
	readonly flags: number;
	readonly keySpec: number;
}

/** The decoded value of a property: text, hex, a list of EKU OIDs, a date, or key provider info. */
export type PropertyValue =
	| { readonly kind: 'text'; readonly text: string }
	| { readonly kind: 'hex'; readonly hex: string }
	| { readonly kind: 'oids'; readonly oids: readonly { oid: string; name: string }[] }
	| { readonly kind: 'date'; readonly iso: string }
	| { readonly kind: 'number'; readonly number: number }
	| { readonly kind: 'keyProvInfo'; readonly info: KeyProvInfo }
	| { readonly kind: 'raw'; readonly hex: string };

/** NUL-terminated UTF-16LE text starting at `offset`. */
export function utf16z(bytes: Uint8Array, offset = 0): string {
	let s = '';
	for (let i = offset; i + 1 < bytes.length; i += 2) {
		const c = bytes[i]! | (bytes[i + 1]! << 8);
		if (c === 0) break;
		s += String.fromCharCode(c);
	}
	return s;
}

function filetimeIso(v: Uint8Array): string | undefined {
	if (v.length !== 8) return undefined;
	const ft = new DataView(v.buffer, v.byteOffset, 8).getBigUint64(0, true);
	const ms = Number(ft / 10000n) - 11644473600000;
	const d = new Date(ms);
	return Number.isNaN(d.getTime()) ? undefined : d.toISOString().replace(/\.000Z$/, 'Z');
}

function ekuList(v: Uint8Array): { oid: string; name: string }[] {
	const root = readTlv(v, 0);
	if (root.tag !== Tag.SEQUENCE) throw new Error('not a SEQUENCE');
	return children(v, root).map((t) => {
		const oid = decodeOid(v, t);
		return { oid, name: oidName(oid) };
	});
}

function keyProvInfo(v: Uint8Array): KeyProvInfo {
	const dv = new DataView(v.buffer, v.byteOffset, v.byteLength);
	if (v.length < 28) throw new Error('too short');
	const str = (o: number): string | undefined => (o > 0 && o < v.length ? utf16z(v, o) : undefined);
	const containerName = str(dv.getUint32(0, true));
	const providerName = str(dv.getUint32(4, true));
	return {
		...(containerName !== undefined ? { containerName } : {}),
		...(providerName !== undefined ? { providerName } : {}),
		providerType: dv.getUint32(8, true),
		flags: dv.getUint32(12, true),
		keySpec: dv.getUint32(24, true),
	};
}

const HEX_PROPS = new Set([3, 4, 15, 20, 24, 25, 28, 29, 65, 98, 107, 109, 110, 111, 112, 124]);

/** Decodes a property value where its format is known; unknown ones come back as `raw` hex. Never throws. */
export function decodePropertyValue(id: number, v: Uint8Array): PropertyValue {
	try {
		if (HEX_PROPS.has(id)) return { kind: 'hex', hex: toHex(v) };
		switch (id) {
			case 11:
			case 13:
			case 72:
			case 73:
			case 123:
				return { kind: 'text', text: utf16z(v) };
			case 9:
			case 122:
			case 127:
				return { kind: 'oids', oids: ekuList(v) };
			case 27:
			case 104:
			case 126: {
				const iso = filetimeIso(v);
				if (iso) return { kind: 'date', iso };
				break;
			}
			case 6:
			case 92:
			case 93:
			case 94:
			case 96:
			case 102:
				if (v.length === 4) return { kind: 'number', number: new DataView(v.buffer, v.byteOffset, 4).getUint32(0, true) };
				break;
			case 2:
				return { kind: 'keyProvInfo', info: keyProvInfo(v) };
		}
	} catch {
		// fall through to raw
	}
	return { kind: 'raw', hex: toHex(v) };
}
