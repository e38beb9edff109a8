/** PKCS#12 / PFX (`.pfx`, `.p12`): MAC check and the certificate bags, unencrypted, PBES2 or legacy PBE. */
import * as l10n from '@vscode/l10n';
import { children, decodeOid, decodeSmallInteger, encodingOf, expectTag, octetString, readTlv, sequence, Tag, type Tlv } from './der';
import { bytesEqual, toHex } from '../crypto/hex';
import { hmac, SHA1, SHA256 } from '../crypto/hmac';
import { pkcs12Kdf, pkcs12PasswordBytes } from '../crypto/pkcs12Kdf';
import type { SubtleCryptoLike } from '../crypto/subtle';
import { decodeStringValue } from './name';
import { oidName } from './oids';
import { DerError, errorAt, problemFromCaught, warningAt, type X509Problem, type X509Result } from './problems';
import { decryptContent, encryptedIterations } from './pkcs12Decrypt';

/** A certificate found in a PFX. */
export interface Pkcs12Certificate {
	readonly der: Uint8Array;
	/** Offset of the bag in the file, or of the encrypted ContentInfo holding it. */
	readonly offset: number;
	readonly encrypted: boolean;
	readonly friendlyName?: string;
	readonly localKeyId?: string;
	/** A key bag with the same localKeyID exists. */
	readonly hasPrivateKey: boolean;
}

/** Options: the password (undefined = try "no password" and the empty one) and the injected WebCrypto for PBES2. */
export interface Pkcs12Options {
	readonly password?: string;
	readonly crypto?: SubtleCryptoLike;
	/**
	 * The most key-derivation iterations to run for one MAC or encrypted content (default 10,000,000). Anything
	 * asking for more is not derived: a warning names the count, and only unencrypted bags are read. 0 never
	 * derives a key (the workspace index reads files nobody asked to open: issue 13).
	 */
	readonly maxIterations?: number;
}

/** The hard cap: counts above it are refused as unreasonable even when derivation is allowed. */
export const PKCS12_ITERATION_CAP = 10_000_000;

/** True when `tlv` looks like a PFX: SEQUENCE { INTEGER 3, ContentInfo, … }. */
export function isPfx(bytes: Uint8Array, tlv: Tlv): boolean {
	try {
		const parts = children(bytes, tlv);
		return tlv.tag === Tag.SEQUENCE && parts[0]?.tag === Tag.INTEGER && decodeSmallInteger(bytes, parts[0]) === 3 && parts[1]?.tag === Tag.SEQUENCE;
	} catch {
		return false;
	}
}

interface Bag {
	der: Uint8Array;
	offset: number;
	encrypted: boolean;
	friendlyName?: string;
	localKeyId?: string;
}

/**
 * Extracts the certificates of a PFX. The MAC is checked first, so a wrong password is reported as
 * "wrong password or corrupted file: MAC check failed". Never throws or rejects.
 */
export async function parsePkcs12(bytes: Uint8Array, options: Pkcs12Options = {}): Promise<X509Result<Pkcs12Certificate[]>> {
	const problems: X509Problem[] = [];
	try {
		const pfx = readTlv(bytes, 0);
		const [, authSafe, macData] = sequence(bytes, pfx, 'PFX');
		const [typeTlv, explicit] = sequence(bytes, authSafe, 'authSafe');
		const type = decodeOid(bytes, expectTag(typeTlv, Tag.OID, 'authSafe contentType', authSafe!.offset));
		if (type !== '1.2.840.113549.1.7.1') throw new DerError(typeTlv!.offset, l10n.t('authSafe content type {0} is not supported (only password integrity mode)', oidName(type)));
		const octets = children(bytes, expectTag(explicit, 0xa0, 'authSafe content', authSafe!.offset))[0]!;
		const authData = octetString(bytes, expectTag(octets, Tag.OCTET_STRING, 'authSafe data', explicit!.start));
		const candidates = options.password === undefined ? [undefined, ''] : options.password === '' ? ['', undefined] : [options.password];
		let passwords = candidates;
		const limit = options.maxIterations ?? PKCS12_ITERATION_CAP;
		const macIterations = macData ? macIterationCount(bytes, macData) : 0;
		if (macData && macIterations > limit) {
			problems.push({ ...warningAt(macData.offset, overLimit(l10n.t('the MAC was not checked'), macIterations, limit)), code: 'pkcs12-iterations' });
		} else if (macData) {
			const ok = candidates.findIndex((p) => verifyMac(bytes, macData, authData, p));
			if (ok < 0) {
				const message = options.password === undefined ? l10n.t('the file is password-protected: MAC check failed without a password (give the password)') : l10n.t('wrong password or corrupted file: MAC check failed');
				problems.push({ ...errorAt(macData.offset, message), code: 'pkcs12-password' });
				return { value: [], problems };
			}
			passwords = [candidates[ok]];
		}
		// authData is a copy when the OCTET STRING was constructed, so offsets inside it are approximate.
		const base = octets.constructed ? octets.offset : octets.start;
		const bags: Bag[] = [];
		const keyIds = new Set<string>();
		const safes = readTlv(authData, 0);
		for (const ci of sequence(authData, safes, 'AuthenticatedSafe')) {
			const [ciType, ciContent] = children(authData, ci);
			const oid = decodeOid(authData, expectTag(ciType, Tag.OID, 'ContentInfo type', ci.offset));
			if (oid === '1.2.840.113549.1.7.1') {
				const data = octetString(authData, children(authData, expectTag(ciContent, 0xa0, 'data', ci.offset))[0]!);
				readSafeContents(data, base + ci.offset, false, bags, keyIds, problems);
			} else if (oid === '1.2.840.113549.1.7.6') {
				const iterations = encryptedIterations(authData, ciContent!);
				if (iterations > limit) {
					problems.push({ ...warningAt(base + ci.offset, overLimit(l10n.t('encrypted certificates were not read'), iterations, limit)), code: 'pkcs12-iterations' });
					continue;
				}
				const plain = await decryptContent(authData, ciContent!, passwords, options.crypto, base + ci.offset, problems);
				if (plain) readSafeContents(plain, base + ci.offset, true, bags, keyIds, problems);
			} else problems.push(warningAt(base + ci.offset, l10n.t('ContentInfo of type {0} skipped', oidName(oid))));
		}
		return { value: bags.map((b) => ({ ...b, hasPrivateKey: b.localKeyId !== undefined && keyIds.has(b.localKeyId) })), problems };
	} catch (err) {
		problems.push(problemFromCaught(err, 0, 'PKCS#12'));
		return { value: [], problems };
	}
}

function overLimit(what: string, iterations: number, limit: number): string {
	const count = iterations.toLocaleString('en-US');
	return limit === 0 ? l10n.t('{0}: key derivation ({1} iterations) runs only when the file is opened', what, count) : l10n.t('{0}: the file asks for {1} key-derivation iterations, over the limit of {2} (derive them only on request)', what, count, limit.toLocaleString('en-US'));
}

function macIterationCount(bytes: Uint8Array, macData: Tlv): number {
	const iterTlv = sequence(bytes, macData, 'MacData')[2];
	return iterTlv ? decodeSmallInteger(bytes, iterTlv) : 1;
}

/**
 * The largest key-derivation iteration count a PFX asks for (its MAC and each encrypted content), read
 * without deriving anything: what opening it costs. 0 for no derivation or an unreadable file; never throws.
 */
export function pkcs12Iterations(bytes: Uint8Array): number {
	try {
		const [, authSafe, macData] = sequence(bytes, readTlv(bytes, 0), 'PFX');
		const explicit = sequence(bytes, authSafe, 'authSafe')[1];
		const octets = children(bytes, expectTag(explicit, 0xa0, 'authSafe content', authSafe!.offset))[0]!;
		const authData = octetString(bytes, expectTag(octets, Tag.OCTET_STRING, 'authSafe data', explicit!.start));
		let most = macData ? macIterationCount(bytes, macData) : 0;
		for (const ci of sequence(authData, readTlv(authData, 0), 'AuthenticatedSafe')) {
			const [ciType, ciContent] = children(authData, ci);
			if (ciContent && decodeOid(authData, ciType!) === '1.2.840.113549.1.7.6') most = Math.max(most, encryptedIterations(authData, ciContent));
		}
		return most;
	} catch {
		return 0;
	}
}

function verifyMac(bytes: Uint8Array, macData: Tlv, authData: Uint8Array, password: string | undefined): boolean {
	const [digestInfo, saltTlv, iterTlv] = sequence(bytes, macData, 'MacData');
	const [alg, digest] = sequence(bytes, digestInfo, 'DigestInfo');
	const algOid = decodeOid(bytes, sequence(bytes, alg, 'digestAlgorithm')[0]!);
	const hash = algOid === '1.3.14.3.2.26' ? SHA1 : algOid === '2.16.840.1.101.3.4.2.1' ? SHA256 : undefined;
	if (!hash) throw new DerError(alg!.offset, l10n.t('MAC digest {0} is not supported (SHA-1 and SHA-256 are)', oidName(algOid)));
	const salt = octetString(bytes, expectTag(saltTlv, Tag.OCTET_STRING, 'macSalt', macData.offset));
	const iterations = iterTlv ? decodeSmallInteger(bytes, iterTlv) : 1;
	if (iterations > 10_000_000) throw new DerError(iterTlv!.offset, l10n.t('MAC iteration count {0} is unreasonable', iterations));
	const key = pkcs12Kdf(hash, pkcs12PasswordBytes(password), salt, iterations, 3, hash.outputSize);
	return bytesEqual(hmac(hash, key, authData), octetString(bytes, expectTag(digest, Tag.OCTET_STRING, 'MAC digest', digestInfo!.offset)));
}

function readSafeContents(data: Uint8Array, at: number, encrypted: boolean, bags: Bag[], keyIds: Set<string>, problems: X509Problem[]): void {
	for (const bag of sequence(data, readTlv(data, 0), 'SafeContents')) {
		const [idTlv, valueTlv, attrs] = children(data, bag);
		const bagId = decodeOid(data, expectTag(idTlv, Tag.OID, 'bagId', bag.offset));
		const attributes = readAttributes(data, attrs);
		const offset = encrypted ? at : at + bag.offset;
		if (bagId === '1.2.840.113549.1.12.10.1.3') {
			const certBag = sequence(data, children(data, expectTag(valueTlv, 0xa0, 'bagValue', bag.offset))[0], 'CertBag');
			const certType = decodeOid(data, expectTag(certBag[0], Tag.OID, 'certId', bag.offset));
			if (certType !== '1.2.840.113549.1.9.22.1') {
				problems.push(warningAt(offset, l10n.t('certificate bag of type {0} skipped', oidName(certType))));
				continue;
			}
			const octets = children(data, expectTag(certBag[1], 0xa0, 'certValue', bag.offset))[0]!;
			bags.push({ der: octetString(data, expectTag(octets, Tag.OCTET_STRING, 'certValue', bag.offset)).slice(), offset, encrypted, ...attributes });
		} else if (bagId === '1.2.840.113549.1.12.10.1.1' || bagId === '1.2.840.113549.1.12.10.1.2') {
			if (attributes.localKeyId) keyIds.add(attributes.localKeyId);
		} else if (bagId === '1.2.840.113549.1.12.10.1.6') {
			const inner = children(data, expectTag(valueTlv, 0xa0, 'bagValue', bag.offset))[0]!;
			readSafeContents(encodingOf(data, inner), offset, encrypted, bags, keyIds, problems);
		}
	}
}

function readAttributes(data: Uint8Array, attrs: Tlv | undefined): { friendlyName?: string; localKeyId?: string } {
	const out: { friendlyName?: string; localKeyId?: string } = {};
	if (!attrs || attrs.tag !== Tag.SET) return out;
	for (const attr of children(data, attrs)) {
		const [oidTlv, values] = children(data, attr);
		const oid = decodeOid(data, expectTag(oidTlv, Tag.OID, 'attribute type', attr.offset));
		const first = values ? children(data, values)[0] : undefined;
		if (!first) continue;
		if (oid === '1.2.840.113549.1.9.20') out.friendlyName = decodeStringValue(first.tag, data.subarray(first.start, first.end));
		else if (oid === '1.2.840.113549.1.9.21') out.localKeyId = toHex(data.subarray(first.start, first.end));
	}
	return out;
}
