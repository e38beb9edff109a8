// `netsh http show sslcert` output: the HTTP.sys SSL bindings of a server, one block per binding.
// Pure: text (or bytes) in, plain data out; runs in Node and in a browser.
import * as l10n from '@vscode/l10n';
import { decodeAnsi } from '../reg/encoding';

/** One HTTP.sys SSL binding as `netsh http show sslcert` prints it. */
export interface SslCertBinding {
	/** The header value: "IP:port" (`0.0.0.0:443`), "Hostname:port" (`www.contoso.com:443`) or the Central Certificate Store port. */
	readonly binding: string;
	/** Which header introduced the binding: `IP:port`, `Hostname:port` or `Central Certificate Store`. */
	readonly kind: 'ip' | 'hostname' | 'ccs';
	/** "Certificate Hash", upper-case hex (the server certificate's SHA-1 thumbprint); absent when `(null)`. */
	readonly certificateHash?: string;
	/** "Application ID", as printed (with braces); absent when `(null)`. */
	readonly appId?: string;
	/** "Certificate Store Name" of the server certificate; absent when `(null)`, which HTTP.sys reads as MY. */
	readonly certificateStoreName?: string;
	/** "Negotiate Client Certificate": Enabled = true, Disabled = false; absent when the line is missing. */
	readonly negotiateClientCertificate?: boolean;
	/** "Ctl Identifier"; absent when `(null)` or empty. */
	readonly ctlIdentifier?: string;
	/** "Ctl Store Name": a local-machine store that feeds this binding's trusted issuers; absent when `(null)` or empty. */
	readonly ctlStoreName?: string;
	/** 1-based line of the binding's header. */
	readonly line: number;
}

/** A line the parser could not use, with the reason. */
export interface NetshProblem {
	/** 1-based line number. */
	readonly line: number;
	readonly message: string;
}

/** The bindings found and what was wrong with the text. */
export interface NetshSslCertResult {
	readonly bindings: SslCertBinding[];
	readonly problems: NetshProblem[];
}

const HEADERS: ReadonlyMap<string, SslCertBinding['kind']> = new Map([
	['ip:port', 'ip'],
	['hostname:port', 'hostname'],
	['central certificate store', 'ccs'],
]);

type Field = 'certificateHash' | 'appId' | 'certificateStoreName' | 'negotiateClientCertificate' | 'ctlIdentifier' | 'ctlStoreName';

const FIELDS: ReadonlyMap<string, Field> = new Map([
	['certificate hash', 'certificateHash'],
	['application id', 'appId'],
	['certificate store name', 'certificateStoreName'],
	['negotiate client certificate', 'negotiateClientCertificate'],
	['ctl identifier', 'ctlIdentifier'],
	['ctl store name', 'ctlStoreName'],
]);

/**
 * Fields every IP:port and Hostname:port block prints in every sample found (test/fixtures/netsh/SOURCES.tsv);
 * a block without them was cut. For a Central Certificate Store block only the last one is required: no complete
 * sample of one was found, and its certificate comes from the central store, not from a hash.
 */
const REQUIRED: readonly [Field, string, SslCertBinding['kind'][]][] = [
	['certificateHash', 'Certificate Hash', ['ip', 'hostname']],
	['negotiateClientCertificate', 'Negotiate Client Certificate', ['ip', 'hostname', 'ccs']],
];

/**
 * The label/value split. The label itself may hold a colon (`IP:port`), so the separator is the first colon that
 * has white space before it and white space or the line end after it: `    IP:port      : 0.0.0.0:443`.
 */
const LABEL_VALUE = /^(\S.*?)\s+:(?:\s+(.*))?$/;

/** Banner lines netsh prints around the bindings, and echoed prompts (`C:\>netsh …`, `PS C:\>`) in pasted output. */
const IGNORED = [/^SSL Certificate bindings:$/i, /^-+$/, /^(PS )?[A-Za-z]:\\.*>/];

interface Draft {
	binding: string;
	kind: SslCertBinding['kind'];
	line: number;
	seen: Set<Field>;
	values: { -readonly [K in Field]?: SslCertBinding[K] };
}

/**
 * Parses the text of `netsh http show sslcert` (English labels). Unknown labels (`Reject Connections`,
 * `Disable HTTP2`, … added by later Windows versions) are skipped; unreadable lines, fields outside a binding,
 * and bindings that end without their `Certificate Hash` or `Negotiate Client Certificate` line (a cut file) are
 * reported in `problems`. Never throws.
 *
 * @example
 * const { bindings } = parseNetshSslCert(decodeText(bytes));
 * bindings.filter((b) => b.negotiateClientCertificate === false);
 */
export function parseNetshSslCert(text: string): NetshSslCertResult {
	const bindings: SslCertBinding[] = [];
	const problems: NetshProblem[] = [];
	const lines = text.replace(/^\ufeff/, '').split(/\r\n|\n|\r/);
	let draft: Draft | undefined;
	let labelled = 0;

	const finish = (): void => {
		if (!draft) return;
		for (const [field, label, kinds] of REQUIRED) {
			if (kinds.includes(draft.kind) && !draft.seen.has(field)) problems.push({ line: draft.line, message: l10n.t('binding {0} has no "{1}" line: the output looks cut', draft.binding, label) });
		}
		bindings.push({ binding: draft.binding, kind: draft.kind, ...draft.values, line: draft.line });
		draft = undefined;
	};

	lines.forEach((raw, index) => {
		const line = index + 1;
		const trimmed = raw.trim();
		if (trimmed === '' || IGNORED.some((re) => re.test(trimmed))) return;
		const m = LABEL_VALUE.exec(trimmed);
		if (!m) {
			problems.push({ line, message: l10n.t('not a "label : value" line: {0}', JSON.stringify(clip(trimmed))) });
			return;
		}
		labelled++;
		const label = m[1]!.replace(/\s+/g, ' ').toLowerCase();
		const value = (m[2] ?? '').trim();
		const kind = HEADERS.get(label);
		if (kind) {
			finish();
			if (value === '') problems.push({ line, message: l10n.t('"{0}" has no value', m[1]) });
			draft = { binding: value, kind, line, seen: new Set(), values: {} };
			return;
		}
		const field = FIELDS.get(label);
		if (!field) return; // a label this parser does not use
		if (!draft) {
			problems.push({ line, message: l10n.t('"{0}" appears before any binding header (IP:port, Hostname:port or Central Certificate Store)', m[1]) });
			return;
		}
		if (draft.seen.has(field)) {
			problems.push({ line, message: l10n.t('"{0}" appears twice in binding {1}; the first value is kept', m[1], draft.binding) });
			return;
		}
		draft.seen.add(field);
		const present = value !== '' && value.toLowerCase() !== '(null)';
		if (!present) return;
		switch (field) {
			case 'certificateHash': {
				const hex = value.replace(/\s+/g, '');
				if (!/^[0-9a-fA-F]+$/.test(hex)) {
					problems.push({ line, message: l10n.t('Certificate Hash is not hexadecimal: {0}', JSON.stringify(clip(value))) });
					return;
				}
				if (hex.length !== 40) problems.push({ line, message: l10n.t('Certificate Hash has {0} hex digits, a SHA-1 thumbprint has 40', hex.length) });
				draft.values.certificateHash = hex.toUpperCase();
				return;
			}
			case 'negotiateClientCertificate': {
				const v = value.toLowerCase();
				if (v === 'enabled') draft.values.negotiateClientCertificate = true;
				else if (v === 'disabled') draft.values.negotiateClientCertificate = false;
				else problems.push({ line, message: l10n.t('Negotiate Client Certificate is neither Enabled nor Disabled: {0}', JSON.stringify(clip(value))) });
				return;
			}
			default:
				draft.values[field] = value;
		}
	});
	finish();

	if (bindings.length === 0 && labelled > 0) {
		problems.push({ line: 1, message: l10n.t('no binding header (IP:port, Hostname:port or Central Certificate Store) found; only the English output of netsh is read') });
	}
	return { bindings, problems };
}

/**
 * Decodes a text file as Windows tools write it: UTF-16LE with a BOM (Windows PowerShell 5.1 `>` and `Out-File`),
 * UTF-8 with a BOM, UTF-16LE without a BOM (recognised by NUL high bytes), UTF-8, and otherwise the ANSI code page
 * (windows-1252; `cmd.exe >` writes the console's OEM code page, whose non-ASCII letters may then come out wrong).
 */
export function decodeText(bytes: Uint8Array): string {
	if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2, 2 + ((bytes.length - 2) & ~1)));
	if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
	if (looksUtf16le(bytes)) return new TextDecoder('utf-16le').decode(bytes.subarray(0, bytes.length & ~1));
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		return decodeAnsi(bytes);
	}
}

/** True when most odd bytes of the first 512 are NUL and the even ones are not: ASCII text stored as UTF-16LE. */
function looksUtf16le(bytes: Uint8Array): boolean {
	const n = Math.min(bytes.length & ~1, 512);
	if (n < 4) return false;
	let oddNul = 0;
	let evenNul = 0;
	for (let i = 0; i < n; i += 2) {
		if (bytes[i] === 0) evenNul++;
		if (bytes[i + 1] === 0) oddNul++;
	}
	return oddNul >= (n / 2) * 0.9 && evenNul < (n / 2) * 0.1;
}

function clip(s: string): string {
	return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/**
 * What a binding means for client-certificate authentication, one sentence each, tagged with how sure it is
 * ("documented", "secondary source", "inferred"), so a caller can show them as evidence without overstating.
 */
export function bindingFacts(b: SslCertBinding): string[] {
	const facts: string[] = [];
	const name = `${bindingLabel(b.kind)} ${b.binding}`;
	if (b.ctlStoreName) {
		facts.push(
			l10n.t('{0} names its own CTL store "{1}" (Ctl Store Name). From Windows Server 2012 on, Schannel takes the trusted issuer list from an application- or site-specific store when one is configured, before ClientAuthIssuer and Root (documented: "What\'s new in TLS/SSL (Schannel SSP)"); that HTTP.sys passes this binding\'s CTL store as that store is inferred (a Microsoft support blog on AD FS certificate authentication, jpazureid/blog adfs-cba-ts, says the same: secondary source). So the issuer list for this binding is expected to come from Cert:\\LocalMachine\\{2}, not from the machine\'s ClientAuthIssuer or Root store: collect that store too.', name, b.ctlStoreName, b.ctlStoreName),
		);
	} else {
		facts.push(
			l10n.t('{0} has no CTL store of its own, so the machine stores feed its trusted issuer list: ClientAuthIssuer when it holds certificates, otherwise Root, on Windows Server 2012 and later (documented: "What\'s new in TLS/SSL (Schannel SSP)"); Root on Windows Server 2008 R2 and earlier (documented: KB 2801679).', name),
		);
	}
	if (b.ctlIdentifier) {
		facts.push(
			l10n.t('{0} has a Ctl Identifier "{1}": a CTL that limits the trusted issuers to a subset of those the machine trusts (documented: netsh http add sslcert, sslctlidentifier; HTTP_SERVICE_CONFIG_SSL_PARAM). CTL-based trusted issuer management is not supported from Windows Server 2012 on (documented: "What\'s new in TLS/SSL (Schannel SSP)"), so what Windows Server 2012 and later do with it is unknown.', name, b.ctlIdentifier),
		);
	}
	if (b.negotiateClientCertificate === false) {
		facts.push(
			l10n.t('{0} has "Negotiate Client Certificate: Disabled": the server does not ask for a client certificate in the first handshake. IIS asks for it later by TLS renegotiation inside the encrypted session (secondary source: Microsoft "How it works on the wire: IIS HTTP client certificate authentication"), so a capture without the session keys shows no CertificateRequest for this binding even when the server did ask (inferred). Setting clientcertnegotiation=enable moves the request into the first handshake (documented: "HttpSys client certificate renegotiation disabled by default").', name),
		);
	} else if (b.negotiateClientCertificate === true) {
		facts.push(
			l10n.t('{0} has "Negotiate Client Certificate: Enabled": the client certificate is requested in the first handshake (documented: "HttpSys client certificate renegotiation disabled by default"), so a TLS 1.2 capture shows the CertificateRequest and its CA list in clear text; under TLS 1.3 it is encrypted (documented: RFC 8446).', name),
		);
	} else {
		facts.push(l10n.t('{0} has no "Negotiate Client Certificate" line, so whether the server asks for the certificate in the first handshake or by renegotiation is unknown.', name));
	}
	if (!b.certificateStoreName) {
		facts.push(l10n.t('{0} shows Certificate Store Name "(null)": HTTP.sys reads the server certificate from the MY store (documented: HTTP_SERVICE_CONFIG_SSL_PARAM, pSslCertStoreName).', name));
	}
	return facts;
}

function bindingLabel(kind: SslCertBinding['kind']): string {
	return kind === 'ip' ? l10n.t('Binding IP:port') : kind === 'hostname' ? l10n.t('Binding Hostname:port') : l10n.t('Central Certificate Store binding on port');
}
