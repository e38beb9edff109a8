/** Distinguished names (X.501 Name): decoded RDNs that keep the exact DER bytes and string tags. */
import { children, contentOf, decodeOid, encodingOf, expectTag, latin1, readTlv, Tag, type Tlv } from './der';
import { toHex } from '../crypto/hex';
import { attributeTypeByOid } from './oids';
import { DerError, problemFromCaught, type X509Problem, type X509Result } from './problems';

/** One AttributeTypeAndValue. */
export interface NameAttribute {
	/** Dotted attribute type OID, e.g. `2.5.4.3`. */
	readonly oid: string;
	/** RFC 4514 / OpenSSL short name (`CN`, `emailAddress`), or the dotted OID when unknown. */
	readonly shortName: string;
	/** Identifier octet of the value, e.g. 0x13 PrintableString, 0x0c UTF8String. */
	readonly tag: number;
	/** Name of the value's ASN.1 type, e.g. `PrintableString`. */
	readonly tagName: string;
	/** Content bytes of the value as encoded. */
	readonly valueBytes: Uint8Array;
	/** The whole value TLV as encoded (used for `#hex` output). */
	readonly valueDer: Uint8Array;
	/** Decoded text; undefined when the value is not a string type. */
	readonly text: string | undefined;
	/** Byte offset of the AttributeTypeAndValue in the input. */
	readonly offset: number;
}

/** One RelativeDistinguishedName (usually one attribute; several for multi-valued RDNs). */
export interface Rdn {
	readonly attributes: readonly NameAttribute[];
	readonly offset: number;
}

/** A decoded Name; RDNs in DER order (most significant first, e.g. C before CN). */
export interface Name {
	/** The exact DER encoding (SEQUENCE header included): what Schannel and CryptoAPI compare. */
	readonly der: Uint8Array;
	readonly rdns: readonly Rdn[];
	/** Byte offset of the Name in the input. */
	readonly offset: number;
}

const STRING_TAGS: Readonly<Record<number, string>> = {
	[Tag.UTF8_STRING]: 'UTF8String',
	[Tag.NUMERIC_STRING]: 'NumericString',
	[Tag.PRINTABLE_STRING]: 'PrintableString',
	[Tag.TELETEX_STRING]: 'TeletexString',
	[Tag.VIDEOTEX_STRING]: 'VideotexString',
	[Tag.IA5_STRING]: 'IA5String',
	[Tag.GRAPHIC_STRING]: 'GraphicString',
	[Tag.VISIBLE_STRING]: 'VisibleString',
	[Tag.GENERAL_STRING]: 'GeneralString',
	[Tag.UNIVERSAL_STRING]: 'UniversalString',
	[Tag.BMP_STRING]: 'BMPString',
};

/** The ASN.1 type name of a value tag (`PrintableString`, `UTF8String`, … or `tag 0x..`). */
export function tagName(tag: number): string {
	return STRING_TAGS[tag] ?? `tag 0x${tag.toString(16).padStart(2, '0')}`;
}

const utf8 = new TextDecoder('utf-8');

/** Text of a string value by its tag; undefined for non-string tags. Teletex is read as Latin-1, as OpenSSL does. */
export function decodeStringValue(tag: number, content: Uint8Array): string | undefined {
	switch (tag) {
		case Tag.UTF8_STRING:
			return utf8.decode(content);
		case Tag.BMP_STRING: {
			let s = '';
			for (let i = 0; i + 1 < content.length; i += 2) s += String.fromCharCode((content[i]! << 8) | content[i + 1]!);
			return s;
		}
		case Tag.UNIVERSAL_STRING: {
			let s = '';
			for (let i = 0; i + 3 < content.length; i += 4) {
				const cp = ((content[i]! << 24) | (content[i + 1]! << 16) | (content[i + 2]! << 8) | content[i + 3]!) >>> 0;
				s += cp <= 0x10ffff ? String.fromCodePoint(cp) : '\ufffd';
			}
			return s;
		}
		default:
			return tag in STRING_TAGS ? latin1(content) : undefined;
	}
}

/** Decodes the Name TLV `tlv`. Throws DerError (internal use; see {@link decodeName}). */
export function nameFromTlv(bytes: Uint8Array, tlv: Tlv): Name {
	expectTag(tlv, Tag.SEQUENCE, 'Name');
	const rdns: Rdn[] = [];
	for (const set of children(bytes, tlv)) {
		expectTag(set, Tag.SET, 'RelativeDistinguishedName');
		const attributes: NameAttribute[] = [];
		for (const atv of children(bytes, set)) attributes.push(decodeAttribute(bytes, atv));
		if (attributes.length === 0) throw new DerError(set.offset, 'empty RelativeDistinguishedName');
		rdns.push({ attributes, offset: set.offset });
	}
	return { der: encodingOf(bytes, tlv).slice(), rdns, offset: tlv.offset };
}

function decodeAttribute(bytes: Uint8Array, atv: Tlv): NameAttribute {
	const parts = children(bytes, expectTag(atv, Tag.SEQUENCE, 'AttributeTypeAndValue'));
	const typeTlv = expectTag(parts[0], Tag.OID, 'attribute type', atv.offset);
	const valueTlv = parts[1];
	if (!valueTlv) throw new DerError(atv.offset, 'attribute without a value');
	const oid = decodeOid(bytes, typeTlv);
	const valueBytes = contentOf(bytes, valueTlv).slice();
	return {
		oid,
		shortName: attributeTypeByOid(oid)?.shortName ?? oid,
		tag: valueTlv.tag,
		tagName: tagName(valueTlv.tag),
		valueBytes,
		valueDer: encodingOf(bytes, valueTlv).slice(),
		text: valueTlv.constructed ? undefined : decodeStringValue(valueTlv.tag, valueBytes),
		offset: atv.offset,
	};
}

/**
 * Decodes a DER Name at `offset` without throwing.
 * @example decodeName(subjectDer).value?.rdns.length
 */
export function decodeName(bytes: Uint8Array, offset = 0): X509Result<Name | undefined> {
	try {
		const tlv = readTlv(bytes, offset);
		const problems: X509Problem[] = [];
		return { value: nameFromTlv(bytes, tlv), problems };
	} catch (err) {
		return { value: undefined, problems: [problemFromCaught(err, offset, 'Name')] };
	}
}

/** The value as `#hex` of its whole DER encoding (RFC 4514 §2.4 form). */
export function hexValue(attr: NameAttribute): string {
	return `#${toHex(attr.valueDer).toLowerCase()}`;
}

/** The Name's attributes flattened in DER order. */
export function nameAttributes(name: Name): NameAttribute[] {
	return name.rdns.flatMap((r) => r.attributes);
}

/** The first value of attribute `oid` (e.g. `2.5.4.3` for CN), looking from the most specific RDN. */
export function nameValue(name: Name, oid: string): string | undefined {
	for (let i = name.rdns.length - 1; i >= 0; i--) {
		const a = name.rdns[i]!.attributes.find((x) => x.oid === oid);
		if (a) return a.text;
	}
	return undefined;
}
