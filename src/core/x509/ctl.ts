/** Certificate Trust Lists (`authroot.stl`): Microsoft's list of trusted roots by SHA-1, with per-root properties. */
import * as l10n from '@vscode/l10n';
import { toHex } from '../crypto/hex';
import { children, decodeOid, decodeTime, expectTag, octetString, readTlv, Tag, type Tlv } from './der';
import { problemFromCaught, type X509Problem, type X509Result } from './problems';
import { decodePropertyValue, propertyName, type PropertyValue } from './storeProperties';

const SIGNED_DATA = '1.2.840.113549.1.7.2';
const CTL_CONTENT = '1.3.6.1.4.1.311.10.1';
/** Attributes named `1.3.6.1.4.1.311.10.11.<propId>` carry a store property of the subject. */
const PROP_PREFIX = '1.3.6.1.4.1.311.10.11.';

/** One trusted subject: a certificate named by its SHA-1, and the properties the CTL gives it. */
export interface CtlEntry {
	readonly sha1: string;
	readonly offset: number;
	readonly properties: readonly { readonly id: number; readonly name: string; readonly value: Uint8Array; readonly decoded: PropertyValue }[];
}

/** A decoded CTL. */
export interface CertificateTrustList {
	/** Purposes of the list, e.g. 1.3.6.1.4.1.311.10.3.9 (root list signer). */
	readonly subjectUsage: readonly string[];
	readonly sequenceNumber?: string;
	readonly thisUpdate?: Date;
	readonly entries: readonly CtlEntry[];
}

/**
 * Parses a CTL in a PKCS#7 SignedData (the `authroot.stl` inside `authrootstl.cab`). The signature
 * is not checked: the list is used offline to know which roots automatic update trusts.
 */
export function parseCtl(bytes: Uint8Array): X509Result<CertificateTrustList | undefined> {
	const problems: X509Problem[] = [];
	try {
		const ci = readTlv(bytes, 0);
		const [type, explicit] = children(bytes, expectTag(ci, Tag.SEQUENCE, 'ContentInfo'));
		if (decodeOid(bytes, expectTag(type, Tag.OID, 'contentType')) !== SIGNED_DATA) throw new Error(l10n.t('not a PKCS#7 SignedData'));
		const signedData = children(bytes, expectTag(children(bytes, explicit!)[0], Tag.SEQUENCE, 'SignedData'));
		const encap = children(bytes, expectTag(signedData[2], Tag.SEQUENCE, 'EncapsulatedContentInfo'));
		if (decodeOid(bytes, expectTag(encap[0], Tag.OID, 'eContentType')) !== CTL_CONTENT) throw new Error(l10n.t('the SignedData does not hold a certificate trust list'));
		const content = children(bytes, encap[1]!)[0]!;
		// eContent is the CTL SEQUENCE itself (as in authroot.stl) or an OCTET STRING around it.
		const ctl = content.tag === Tag.OCTET_STRING ? readTlv(bytes, content.start, content.end) : content;
		return { value: decodeCtl(bytes, ctl, problems), problems };
	} catch (err) {
		problems.push(problemFromCaught(err, 0, 'Certificate trust list'));
		return { value: undefined, problems };
	}
}

function decodeCtl(bytes: Uint8Array, ctl: Tlv, problems: X509Problem[]): CertificateTrustList {
	const parts = children(bytes, expectTag(ctl, Tag.SEQUENCE, 'CertificateTrustList'));
	let i = 0;
	if (parts[i]?.tag === Tag.INTEGER && parts[i + 1]?.tag === Tag.SEQUENCE) i++; // version
	const subjectUsage = children(bytes, parts[i++]!).map((t) => decodeOid(bytes, t));
	if (parts[i]?.tag === Tag.OCTET_STRING) i++; // listIdentifier
	let sequenceNumber: string | undefined;
	if (parts[i]?.tag === Tag.INTEGER) {
		sequenceNumber = toHex(bytes.subarray(parts[i]!.start, parts[i]!.end));
		i++;
	}
	const thisUpdate = decodeTime(bytes, parts[i++]!);
	if (parts[i] && parts[i]!.tag !== Tag.SEQUENCE) i++; // nextUpdate
	i++; // subjectAlgorithm
	const subjects = parts[i]?.tag === Tag.SEQUENCE ? children(bytes, parts[i]!) : [];
	const entries: CtlEntry[] = [];
	for (const s of subjects) {
		try {
			entries.push(decodeEntry(bytes, s));
		} catch (err) {
			problems.push(problemFromCaught(err, s.offset, 'Trusted subject'));
		}
	}
	return { subjectUsage, ...(sequenceNumber ? { sequenceNumber } : {}), thisUpdate, entries };
}

function decodeEntry(bytes: Uint8Array, s: Tlv): CtlEntry {
	const [id, attrs] = children(bytes, s);
	const sha1 = toHex(octetString(bytes, expectTag(id, Tag.OCTET_STRING, 'subjectIdentifier'))).toUpperCase();
	const properties: CtlEntry['properties'][number][] = [];
	for (const attr of attrs ? children(bytes, attrs) : []) {
		const [oidTlv, values] = children(bytes, attr);
		const oid = decodeOid(bytes, oidTlv!);
		if (!oid.startsWith(PROP_PREFIX) || !values) continue;
		const propId = Number(oid.slice(PROP_PREFIX.length));
		const valueTlv = children(bytes, values)[0];
		if (!valueTlv || valueTlv.tag !== Tag.OCTET_STRING) continue;
		const value = octetString(bytes, valueTlv);
		properties.push({ id: propId, name: propertyName(propId), value, decoded: decodePropertyValue(propId, value) });
	}
	return { sha1, offset: s.offset, properties };
}
