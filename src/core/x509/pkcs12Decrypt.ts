/** Decrypting PKCS#12 EncryptedData: PBES2 (PBKDF2 + AES/3DES) through injected WebCrypto, legacy PBE in pure TS. */
import * as l10n from '@vscode/l10n';
import { children, contentOf, decodeOid, decodeSmallInteger, expectTag, octetString, sequence, Tag, type Tlv } from './der';
import { desCbcDecrypt } from '../crypto/des';
import { SHA1 } from '../crypto/hmac';
import { pkcs12Kdf, pkcs12PasswordBytes } from '../crypto/pkcs12Kdf';
import { rc2CbcDecrypt } from '../crypto/rc2';
import type { SubtleCryptoLike } from '../crypto/subtle';
import { oidName } from './oids';
import { DerError, errorAt, type X509Problem } from './problems';

const LEGACY: Record<string, { keyLength: number; cipher: 'des3' | 'rc2'; effectiveBits?: number }> = {
	'1.2.840.113549.1.12.1.3': { keyLength: 24, cipher: 'des3' },
	'1.2.840.113549.1.12.1.4': { keyLength: 16, cipher: 'des3' },
	'1.2.840.113549.1.12.1.5': { keyLength: 16, cipher: 'rc2', effectiveBits: 128 },
	'1.2.840.113549.1.12.1.6': { keyLength: 5, cipher: 'rc2', effectiveBits: 40 },
};

const PRF: Record<string, string> = {
	'1.2.840.113549.2.7': 'SHA-1',
	'1.2.840.113549.2.9': 'SHA-256',
	'1.2.840.113549.2.10': 'SHA-384',
	'1.2.840.113549.2.11': 'SHA-512',
};

const AES: Record<string, number> = { '2.16.840.1.101.3.4.1.2': 16, '2.16.840.1.101.3.4.1.22': 24, '2.16.840.1.101.3.4.1.42': 32 };
const DES_EDE3_CBC = '1.2.840.113549.3.7';

/**
 * The key-derivation iteration count the EncryptedData inside `explicit` asks for (legacy PBE or PBKDF2),
 * read without deriving anything; 0 when the algorithm has none or the structure is unreadable.
 */
export function encryptedIterations(data: Uint8Array, explicit: Tlv): number {
	try {
		const encryptedData = children(data, expectTag(explicit, 0xa0, 'EncryptedData', explicit.offset))[0];
		const [, eci] = sequence(data, encryptedData, 'EncryptedData');
		const [, algTlv] = sequence(data, eci, 'EncryptedContentInfo');
		const [algOidTlv, params] = sequence(data, algTlv, 'contentEncryptionAlgorithm');
		const algOid = decodeOid(data, expectTag(algOidTlv, Tag.OID, 'encryption algorithm', algTlv!.offset));
		if (LEGACY[algOid]) return decodeSmallInteger(data, sequence(data, params, 'pbeParams')[1]!);
		if (algOid !== '1.2.840.113549.1.5.13') return 0;
		const [kdf] = sequence(data, params, 'PBES2-params');
		const [, kdfParams] = sequence(data, kdf, 'keyDerivationFunc');
		return decodeSmallInteger(data, sequence(data, kdfParams, 'PBKDF2-params')[1]!);
	} catch {
		return 0;
	}
}

/**
 * Decrypts the EncryptedData inside `explicit` ([0] of a ContentInfo) with the first password that works.
 * Returns undefined and pushes a problem when it cannot.
 */
export async function decryptContent(data: Uint8Array, explicit: Tlv, passwords: readonly (string | undefined)[], crypto: SubtleCryptoLike | undefined, at: number, problems: X509Problem[]): Promise<Uint8Array | undefined> {
	const encryptedData = children(data, expectTag(explicit, 0xa0, 'EncryptedData', explicit.offset))[0];
	const [, eci] = sequence(data, encryptedData, 'EncryptedData');
	const [, algTlv, contentTlv] = sequence(data, eci, 'EncryptedContentInfo');
	if (!contentTlv) {
		problems.push(errorAt(at, l10n.t('EncryptedContentInfo has no encrypted content')));
		return undefined;
	}
	const ciphertext = contentTlv.constructed ? octetString(data, contentTlv) : contentOf(data, contentTlv);
	const [algOidTlv, params] = sequence(data, algTlv, 'contentEncryptionAlgorithm');
	const algOid = decodeOid(data, expectTag(algOidTlv, Tag.OID, 'encryption algorithm', algTlv!.offset));
	const legacy = LEGACY[algOid];
	for (const password of passwords) {
		let plain: Uint8Array | undefined;
		if (legacy) plain = decryptLegacy(data, params, legacy, password, ciphertext);
		else if (algOid === '1.2.840.113549.1.5.13') {
			if (!crypto) {
				problems.push(errorAt(at, l10n.t('PBES2-encrypted certificates need a WebCrypto provider (none was given)')));
				return undefined;
			}
			plain = await decryptPbes2(data, params, password, ciphertext, crypto);
		} else {
			problems.push(errorAt(at, l10n.t('unsupported encryption: {0}', oidName(algOid))));
			return undefined;
		}
		if (plain) return plain;
	}
	problems.push({ ...errorAt(at, l10n.t('wrong password or corrupted file: the certificates do not decrypt')), code: 'pkcs12-password' });
	return undefined;
}

function pbeParams(data: Uint8Array, params: Tlv | undefined): { salt: Uint8Array; iterations: number } {
	const [saltTlv, iterTlv] = sequence(data, params, 'PBE parameters');
	const iterations = decodeSmallInteger(data, expectTag(iterTlv, Tag.INTEGER, 'iterations', params!.offset));
	if (iterations > 10_000_000) throw new DerError(iterTlv!.offset, l10n.t('iteration count {0} is unreasonable', iterations));
	return { salt: octetString(data, expectTag(saltTlv, Tag.OCTET_STRING, 'salt', params!.offset)), iterations };
}

function decryptLegacy(data: Uint8Array, params: Tlv | undefined, alg: (typeof LEGACY)[string], password: string | undefined, ciphertext: Uint8Array): Uint8Array | undefined {
	const { salt, iterations } = pbeParams(data, params);
	const pwd = pkcs12PasswordBytes(password);
	let key = pkcs12Kdf(SHA1, pwd, salt, iterations, 1, alg.keyLength);
	const iv = pkcs12Kdf(SHA1, pwd, salt, iterations, 2, 8);
	if (alg.cipher === 'rc2') return rc2CbcDecrypt(key, alg.effectiveBits!, iv, ciphertext);
	if (key.length === 16) key = Uint8Array.from([...key, ...key.subarray(0, 8)]);
	return desCbcDecrypt(key, iv, ciphertext);
}

async function decryptPbes2(data: Uint8Array, params: Tlv | undefined, password: string | undefined, ciphertext: Uint8Array, crypto: SubtleCryptoLike): Promise<Uint8Array | undefined> {
	const [kdf, scheme] = sequence(data, params, 'PBES2-params');
	const [kdfOid, kdfParams] = sequence(data, kdf, 'keyDerivationFunc');
	const kdfName = decodeOid(data, expectTag(kdfOid, Tag.OID, 'KDF', kdf!.offset));
	if (kdfName !== '1.2.840.113549.1.5.12') throw new DerError(kdfOid!.offset, l10n.t('unsupported encryption: PBES2 with {0}', oidName(kdfName)));
	const kp = sequence(data, kdfParams, 'PBKDF2-params');
	const salt = octetString(data, expectTag(kp[0], Tag.OCTET_STRING, 'PBKDF2 salt', kdfParams!.offset));
	const iterations = decodeSmallInteger(data, expectTag(kp[1], Tag.INTEGER, 'PBKDF2 iterations', kdfParams!.offset));
	if (iterations > 10_000_000) throw new DerError(kp[1]!.offset, l10n.t('iteration count {0} is unreasonable', iterations));
	let hash = 'SHA-1';
	for (const extra of kp.slice(2)) {
		if (extra.tag !== Tag.SEQUENCE) continue;
		const prfOid = decodeOid(data, children(data, extra)[0]!);
		const h = PRF[prfOid];
		if (!h) throw new DerError(extra.offset, l10n.t('unsupported encryption: PBKDF2 with {0}', oidName(prfOid)));
		hash = h;
	}
	const [encOid, ivTlv] = sequence(data, scheme, 'encryptionScheme');
	const enc = decodeOid(data, expectTag(encOid, Tag.OID, 'encryption scheme', scheme!.offset));
	const keyLength = AES[enc] ?? (enc === DES_EDE3_CBC ? 24 : undefined);
	if (keyLength === undefined) throw new DerError(encOid!.offset, l10n.t('unsupported encryption: PBES2 with {0}', oidName(enc)));
	const iv = octetString(data, expectTag(ivTlv, Tag.OCTET_STRING, 'IV', scheme!.offset));
	const pwd = new TextEncoder().encode(password ?? '');
	const base = await crypto.importKey('raw', pwd, 'PBKDF2', false, ['deriveBits']);
	const keyBytes = new Uint8Array(await crypto.deriveBits({ name: 'PBKDF2', salt, iterations, hash }, base, keyLength * 8));
	if (enc === DES_EDE3_CBC) return desCbcDecrypt(keyBytes, iv, ciphertext);
	try {
		const key = await crypto.importKey('raw', keyBytes, { name: 'AES-CBC' }, false, ['decrypt']);
		return new Uint8Array(await crypto.decrypt({ name: 'AES-CBC', iv }, key, ciphertext));
	} catch {
		return undefined; // bad padding: wrong password
	}
}
