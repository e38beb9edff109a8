/** PKCS#7 / CMS ContentInfo (`.p7b`, `.p7c`): the certificates of a SignedData. */
import * as l10n from '@vscode/l10n';
import { children, decodeOid, expectTag, readTlv, Tag, type Tlv } from './der';
import { oidName } from './oids';
import { errorAt, problemFromCaught, warningAt, type X509Problem, type X509Result } from './problems';

const SIGNED_DATA = '1.2.840.113549.1.7.2';

/** True when `tlv` is shaped like a ContentInfo: SEQUENCE { OID, [0] … }. */
export function isContentInfo(bytes: Uint8Array, tlv: Tlv): boolean {
	try {
		const parts = children(bytes, tlv);
		return tlv.tag === Tag.SEQUENCE && parts[0]?.tag === Tag.OID && (parts[1] === undefined || parts[1].tag === 0xa0);
	} catch {
		return false;
	}
}

/**
 * The certificate TLVs (offsets into `bytes`) of the SignedData ContentInfo at `offset`.
 * Other CertificateChoices (attribute certificates, …) are skipped with a warning.
 */
export function pkcs7Certificates(bytes: Uint8Array, offset = 0): X509Result<Tlv[]> {
	const problems: X509Problem[] = [];
	try {
		const ci = readTlv(bytes, offset);
		const [typeTlv, explicit] = children(bytes, expectTag(ci, Tag.SEQUENCE, 'ContentInfo'));
		const contentType = decodeOid(bytes, expectTag(typeTlv, Tag.OID, 'contentType', ci.offset));
		if (contentType !== SIGNED_DATA) {
			problems.push(errorAt(typeTlv!.offset, l10n.t('PKCS#7 content type is {0}, not signedData: no certificates', oidName(contentType))));
			return { value: [], problems };
		}
		const sd = children(bytes, expectTag(explicit, 0xa0, 'SignedData content', ci.offset))[0];
		const fields = children(bytes, expectTag(sd, Tag.SEQUENCE, 'SignedData', explicit!.start));
		const certSet = fields.find((f) => f.tag === 0xa0);
		if (!certSet) {
			problems.push(warningAt(sd!.offset, l10n.t('PKCS#7 SignedData has no certificates')));
			return { value: [], problems };
		}
		const out: Tlv[] = [];
		for (const c of children(bytes, certSet)) {
			if (c.tag === Tag.SEQUENCE) out.push(c);
			else problems.push(warningAt(c.offset, l10n.t('PKCS#7 certificate choice [{0}] skipped (not an X.509 certificate)', c.tagNumber)));
		}
		return { value: out, problems };
	} catch (err) {
		problems.push(problemFromCaught(err, offset, 'PKCS#7'));
		return { value: [], problems };
	}
}
