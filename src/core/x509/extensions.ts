/** X.509 v3 extension decoders (RFC 5280 §4.2): one small function per OID. */
import * as l10n from '@vscode/l10n';
import { children, contentOf, decodeBitString, decodeOid, expectTag, latin1, readTlv, sequence, Tag, type Tlv } from './der';
import { toHex } from '../crypto/hex';
import { nameFromTlv } from './name';
import { formatRfc4514 } from './nameFormat';
import { oidName } from './oids';
import { DerError } from './problems';

/** One extension as encoded. */
export interface Extension {
	readonly oid: string;
	readonly name: string;
	readonly critical: boolean;
	/** Offset of the Extension SEQUENCE in the input. */
	readonly offset: number;
	/** extnValue content (the DER inside the OCTET STRING). */
	readonly value: Uint8Array;
	/** False when a decoder exists but the value did not decode. */
	readonly decoded: boolean;
}

/** A GeneralName as `{ type, value }`, e.g. `{ type: 'DNS', value: 'example.com' }`. */
export interface GeneralName {
	readonly type: 'otherName' | 'email' | 'DNS' | 'x400' | 'DirName' | 'ediParty' | 'URI' | 'IP' | 'RID';
	readonly value: string;
}

/** The decoded extensions of a certificate (absent fields: extension absent or not decodable). */
export interface DecodedExtensions {
	basicConstraints?: { ca: boolean; pathLength?: number; critical: boolean };
	keyUsage?: string[];
	extendedKeyUsage?: { oid: string; name: string }[];
	subjectKeyIdentifier?: string;
	authorityKeyIdentifier?: { keyIdentifier?: string; issuer?: GeneralName[]; serialNumber?: string };
	subjectAltName?: GeneralName[];
	issuerAltName?: GeneralName[];
	crlDistributionPoints?: string[];
	authorityInfoAccess?: { caIssuers: string[]; ocsp: string[] };
	certificatePolicies?: string[];
	nameConstraints?: { permitted: GeneralName[]; excluded: GeneralName[] };
}

const KEY_USAGE = ['digitalSignature', 'nonRepudiation', 'keyEncipherment', 'dataEncipherment', 'keyAgreement', 'keyCertSign', 'cRLSign', 'encipherOnly', 'decipherOnly'];
const GN_TYPES: GeneralName['type'][] = ['otherName', 'email', 'DNS', 'x400', 'DirName', 'ediParty', 'URI', 'IP', 'RID'];
const UPN = '1.3.6.1.4.1.311.20.2.3';

type Decoder = (v: Uint8Array, root: Tlv, out: DecodedExtensions, critical: boolean) => void;

const DECODERS: Record<string, Decoder> = {
	'2.5.29.19': (v, root, out, critical) => {
		const parts = sequence(v, root, 'BasicConstraints');
		let i = 0;
		let ca = false;
		if (parts[i]?.tag === Tag.BOOLEAN) ca = v[parts[i++]!.start] !== 0;
		const bc: NonNullable<DecodedExtensions['basicConstraints']> = { ca, critical };
		if (parts[i]?.tag === Tag.INTEGER) bc.pathLength = parseInt(toHex(contentOf(v, parts[i]!)) || '0', 16);
		out.basicConstraints = bc;
	},
	'2.5.29.15': (v, root, out) => {
		const bits = decodeBitString(v, root);
		out.keyUsage = KEY_USAGE.filter((_, i) => ((bits.bytes[i >> 3] ?? 0) >> (7 - (i & 7))) & 1);
	},
	'2.5.29.37': (v, root, out) => {
		out.extendedKeyUsage = sequence(v, root, 'ExtKeyUsageSyntax').map((t) => {
			const oid = decodeOid(v, expectTag(t, Tag.OID, 'KeyPurposeId'));
			return { oid, name: oidName(oid) };
		});
	},
	'2.5.29.14': (v, root, out) => {
		out.subjectKeyIdentifier = toHex(contentOf(v, expectTag(root, Tag.OCTET_STRING, 'SubjectKeyIdentifier')));
	},
	'2.5.29.35': (v, root, out) => {
		const aki: NonNullable<DecodedExtensions['authorityKeyIdentifier']> = {};
		for (const t of sequence(v, root, 'AuthorityKeyIdentifier')) {
			if (t.tag === 0x80) aki.keyIdentifier = toHex(contentOf(v, t));
			else if (t.tag === 0xa1) aki.issuer = generalNames(v, t);
			else if (t.tag === 0x82) aki.serialNumber = toHex(contentOf(v, t));
		}
		out.authorityKeyIdentifier = aki;
	},
	'2.5.29.17': (v, root, out) => {
		out.subjectAltName = generalNames(v, expectTag(root, Tag.SEQUENCE, 'SubjectAltName'));
	},
	'2.5.29.18': (v, root, out) => {
		out.issuerAltName = generalNames(v, expectTag(root, Tag.SEQUENCE, 'IssuerAltName'));
	},
	'2.5.29.31': (v, root, out) => {
		const urls: string[] = [];
		for (const dp of sequence(v, root, 'CRLDistributionPoints')) {
			const name = children(v, dp).find((t) => t.tag === 0xa0);
			const full = name && children(v, name).find((t) => t.tag === 0xa0);
			if (full) for (const gn of generalNames(v, full)) urls.push(gn.type === 'URI' ? gn.value : `${gn.type}:${gn.value}`);
		}
		out.crlDistributionPoints = urls;
	},
	'1.3.6.1.5.5.7.1.1': (v, root, out) => {
		const aia = { caIssuers: [] as string[], ocsp: [] as string[] };
		for (const ad of sequence(v, root, 'AuthorityInfoAccessSyntax')) {
			const [method, location] = children(v, ad);
			const oid = decodeOid(v, expectTag(method, Tag.OID, 'accessMethod', ad.offset));
			if (!location) throw new DerError(ad.offset, l10n.t('accessLocation missing'));
			const gn = generalName(v, location);
			const text = gn.type === 'URI' ? gn.value : `${gn.type}:${gn.value}`;
			if (oid === '1.3.6.1.5.5.7.48.2') aia.caIssuers.push(text);
			else if (oid === '1.3.6.1.5.5.7.48.1') aia.ocsp.push(text);
		}
		out.authorityInfoAccess = aia;
	},
	'2.5.29.32': (v, root, out) => {
		out.certificatePolicies = sequence(v, root, 'CertificatePolicies').map((p) => decodeOid(v, expectTag(children(v, p)[0], Tag.OID, 'policyIdentifier', p.offset)));
	},
	'2.5.29.30': (v, root, out) => {
		const nc = { permitted: [] as GeneralName[], excluded: [] as GeneralName[] };
		for (const t of sequence(v, root, 'NameConstraints')) {
			const target = t.tag === 0xa0 ? nc.permitted : t.tag === 0xa1 ? nc.excluded : undefined;
			for (const subtree of target ? children(v, t) : []) {
				const base = children(v, subtree)[0];
				if (base) target!.push(generalName(v, base));
			}
		}
		out.nameConstraints = nc;
	},
};

/** Decodes every GeneralName inside a SEQUENCE (or an implicitly tagged one). */
export function generalNames(bytes: Uint8Array, tlv: Tlv): GeneralName[] {
	return children(bytes, tlv).map((t) => generalName(bytes, t));
}

/** Decodes one GeneralName (context-tagged choice). */
export function generalName(bytes: Uint8Array, t: Tlv): GeneralName {
	if (t.tagClass !== 2) throw new DerError(t.offset, l10n.t('GeneralName: unexpected tag 0x{0}', t.tag.toString(16)));
	const type = GN_TYPES[t.tagNumber] ?? 'otherName';
	const c = contentOf(bytes, t);
	switch (t.tagNumber) {
		case 0: {
			const [oidTlv, val] = children(bytes, t);
			const oid = decodeOid(bytes, expectTag(oidTlv, Tag.OID, 'otherName type', t.offset));
			const inner = val ? children(bytes, val)[0] : undefined;
			const text = inner && !inner.constructed ? latin1OrUtf8(contentOf(bytes, inner), inner.tag) : '<unsupported>';
			return { type, value: `${oid === UPN ? 'UPN' : oid}:${text}` };
		}
		case 1:
		case 2:
		case 6:
			return { type, value: latin1(c) };
		case 4:
			return { type, value: formatRfc4514(nameFromTlv(bytes, readTlv(bytes, t.start, t.end))) };
		case 7:
			return { type, value: formatIp(c) };
		case 8:
			return { type, value: decodeOid(bytes, t) };
		default:
			return { type, value: toHex(c) };
	}
}

function latin1OrUtf8(c: Uint8Array, tag: number): string {
	return tag === Tag.UTF8_STRING ? new TextDecoder().decode(c) : latin1(c);
}

function formatIp(c: Uint8Array): string {
	if (c.length === 4) return Array.from(c).join('.');
	if (c.length === 16) return Array.from({ length: 8 }, (_, i) => ((c[2 * i]! << 8) | c[2 * i + 1]!).toString(16).toUpperCase()).join(':');
	if (c.length === 8 || c.length === 32) return `${formatIp(c.subarray(0, c.length / 2))}/${formatIp(c.subarray(c.length / 2))}`;
	return toHex(c);
}

/** Decodes the `extensions` list; decoding failures become warnings, never exceptions. */
export function decodeExtensions(bytes: Uint8Array, list: Tlv, warn: (offset: number, message: string) => void): { extensions: Extension[]; decoded: DecodedExtensions } {
	const extensions: Extension[] = [];
	const decoded: DecodedExtensions = {};
	const seen = new Set<string>();
	for (const ext of sequence(bytes, list, 'Extensions')) {
		const parts = sequence(bytes, ext, 'Extension');
		const oid = decodeOid(bytes, expectTag(parts[0], Tag.OID, 'extnID', ext.offset));
		let i = 1;
		let critical = false;
		if (parts[i]?.tag === Tag.BOOLEAN) critical = bytes[parts[i++]!.start] !== 0;
		const valueTlv = expectTag(parts[i], Tag.OCTET_STRING, 'extnValue', ext.offset);
		const value = contentOf(bytes, valueTlv).slice();
		if (seen.has(oid)) warn(ext.offset, l10n.t('duplicate extension {0} (RFC 5280 forbids it)', oidName(oid)));
		seen.add(oid);
		let ok = true;
		const decoder = DECODERS[oid];
		if (decoder) {
			try {
				const root = readTlv(value, 0);
				if (root.next !== value.length) throw new DerError(root.next, l10n.t('trailing bytes after the value'));
				decoder(value, root, decoded, critical);
			} catch (err) {
				ok = false;
				const at = err instanceof DerError ? valueTlv.start + err.offset : valueTlv.start;
				warn(at, l10n.t('extension {0} does not decode: {1}', oidName(oid), err instanceof Error ? err.message : String(err)));
			}
		} else if (critical) warn(ext.offset, l10n.t('unknown critical extension {0}: Windows rejects the certificate for most uses', oid));
		extensions.push({ oid, name: oidName(oid), critical, offset: ext.offset, value, decoded: ok });
	}
	return { extensions, decoded };
}
