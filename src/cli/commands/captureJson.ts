/**
 * `capture --json`, one handshake at a time, written without building the intermediate object of
 * {@link handshakeJson}: the same text as `JSON.stringify(handshakeJson(h))` (a unit test holds them equal on
 * every fixture capture), with the text of certificates that repeat across handshakes made once.
 */
import type { CertificateSummary, DistinguishedNameEntry, HandshakeResult } from '../../core/capture';

/** The JSON of one handshake: `head + JSON.stringify(names) + tail` when it has a CertificateRequest, else `head`. */
export interface HandshakeJsonParts {
	readonly head: string;
	/** The CA list (the same array object for the same list, see DecodeCache), or null without a CertificateRequest. */
	readonly names: readonly DistinguishedNameEntry[] | null;
	readonly tail: string;
}

const str = JSON.stringify as (s: string | null) => string;
const certText = new WeakMap<CertificateSummary, string>();

function cert(c: CertificateSummary): string {
	let t = certText.get(c);
	if (t === undefined) {
		t = `{"sha1":${str(c.sha1)},"sha256":${str(c.sha256)},"subject":${str(c.subject)},"issuer":${str(c.issuer)}}`;
		certText.set(c, t);
	}
	return t;
}

function certs(list: readonly CertificateSummary[]): string {
	if (list.length === 0) return '[]';
	let s = '[' + cert(list[0]!);
	for (let i = 1; i < list.length; i++) s += ',' + cert(list[i]!);
	return s + ']';
}

// Frame numbers, stream indexes and lengths are non-negative integers: `${n}` is what JSON.stringify writes for them.

/** The JSON text of one handshake in parts (see {@link HandshakeJsonParts}). */
export function handshakeJsonParts(h: HandshakeResult): HandshakeJsonParts {
	let head = `{"stream":${h.stream},"client":${str(h.client)},"server":${str(h.server)},"firstFrame":${h.firstFrame},"sni":${str(h.sni)},"alpn":${JSON.stringify(h.alpn)},"versions":{"offered":${JSON.stringify(h.versions.offered)},"selected":${str(h.versions.selected)}},"cipherSuite":${str(h.cipherSuite)},"encryptedHandshake":${h.encryptedHandshake},"decrypted":${h.decrypted},"renegotiation":${h.renegotiation},"complete":${h.complete},"end":${str(h.end)},"certificateRequest":`;
	const cr = h.certificateRequest;
	let tail = '';
	if (cr) {
		head += `{"frame":${cr.frame},"certificateTypes":${JSON.stringify(cr.certificateTypes)},"signatureAlgorithms":${JSON.stringify(cr.signatureAlgorithms)},"distinguishedNames":`;
		tail = `,"listBytes":${cr.listBytes},"records":${cr.records},"messageBytes":${cr.messageBytes}}`;
	} else head += 'null';
	let rest = `,"serverCertificates":${certs(h.serverCertificates)},"clientCertificates":${h.clientCertificates ? certs(h.clientCertificates) : 'null'},"alerts":[`;
	for (let i = 0; i < h.alerts.length; i++) {
		const a = h.alerts[i]!;
		rest += `${i ? ',' : ''}{"frame":${a.frame},"from":${str(a.from)},"level":${str(a.level)},"description":${a.description},"name":${str(a.name)},"encrypted":${a.encrypted},"decrypted":${a.encrypted && a.description !== null}}`;
	}
	const v = h.verdict;
	rest += `],"verdict":{"kind":${str(v.kind)},"severity":${str(v.severity)},"code":${str(v.code)},"message":${str(v.message)}${v.missing ? `,"missing":${str(v.missing)}` : ''}}}`;
	return cr ? { head, names: cr.distinguishedNames, tail: tail + rest } : { head: head + rest, names: null, tail: '' };
}
