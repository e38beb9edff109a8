/** Printing names: RFC 4514 and the way Windows (CertNameToStr, certutil, the certificate dialog) shows them. */
import { hexValue, type Name, type NameAttribute } from './name';
import { attributeTypeByOid } from './oids';

/** RFC 4514 §3 names plus the OpenSSL short names; anything else prints as dotted OID with a `#hex` value. */
function rfcType(attr: NameAttribute): { label: string; known: boolean } {
	const info = attributeTypeByOid(attr.oid);
	return info ? { label: info.shortName, known: true } : { label: attr.oid, known: false };
}

/** Escapes a value for RFC 4514 (§2.4): specials, a leading `#` or space, a trailing space, and control characters. */
export function escapeRfc4514(value: string): string {
	let out = '';
	for (let i = 0; i < value.length; i++) {
		const ch = value[i]!;
		const code = ch.charCodeAt(0);
		if ('"+,;<>\\'.includes(ch) || (i === 0 && (ch === '#' || ch === ' ')) || (i === value.length - 1 && ch === ' ')) out += `\\${ch}`;
		else if (code < 0x20 || code === 0x7f) out += `\\${code.toString(16).toUpperCase().padStart(2, '0')}`;
		else out += ch;
	}
	return out;
}

/**
 * RFC 4514 string: RDNs from the last (most specific) to the first, `,` between RDNs, `+` inside one.
 * The attributes inside a multi-valued RDN are reversed too, so the output equals OpenSSL's `-nameopt RFC2253`.
 * @example formatRfc4514(name) === 'CN=Alice,OU=Users,O=Lab,C=US'
 */
export function formatRfc4514(name: Name): string {
	return [...name.rdns]
		.reverse()
		.map((rdn) =>
			[...rdn.attributes]
				.reverse()
				.map((a) => {
					const { label, known } = rfcType(a);
					return `${label}=${known && a.text !== undefined ? escapeRfc4514(a.text) : hexValue(a)}`;
				})
				.join('+'),
		)
		.join(',');
}

/** Windows label for an attribute: `CN`, `S` (for ST), `E` (emailAddress), … else `OID.x.y.z`. */
export function windowsLabel(oid: string): string {
	return attributeTypeByOid(oid)?.windows ?? `OID.${oid}`;
}

/** Quotes a value the way CertNameToStr does: in `"…"` with inner quotes doubled, when it needs it. */
export function quoteWindows(value: string): string {
	const needs = value === '' || /^\s|\s$/.test(value) || /[,+="\r\n<>#;]/.test(value);
	return needs ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Options for {@link formatWindows}. */
export interface WindowsFormatOptions {
	/** RDN separator: `, ` (default, CERT_NAME_STR_COMMA_FLAG look) or `; `, or `\r\n` (CRLF flag). */
	readonly separator?: string;
	/** Print in DER order instead of Windows' default reversed order. */
	readonly derOrder?: boolean;
}

/**
 * The name as Windows prints it (CERT_X500_NAME_STR with CERT_NAME_STR_REVERSE_FLAG, as certutil and the UI do):
 * most specific RDN first, `, ` between RDNs, ` + ` inside a multi-valued RDN, Windows labels.
 * @example formatWindows(name) === 'CN=Alice, OU=Users, O=Lab, C=US'
 */
export function formatWindows(name: Name, options: WindowsFormatOptions = {}): string {
	const rdns = options.derOrder ? name.rdns : [...name.rdns].reverse();
	return rdns
		.map((rdn) =>
			rdn.attributes
				.map((a) => `${windowsLabel(a.oid)}=${a.text !== undefined ? quoteWindows(a.text) : hexValue(a)}`)
				.join(' + '),
		)
		.join(options.separator ?? ', ');
}

/** Each attribute as `label=value (StringType)`, most specific first: shows the string types that byte compares depend on. */
export function describeNameTypes(name: Name): string[] {
	return [...name.rdns].reverse().flatMap((r) => r.attributes.map((a) => `${rfcType(a).label}=${a.text ?? hexValue(a)} (${a.tagName})`));
}
