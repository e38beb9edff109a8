/** Parsers for the TLS handshake messages the verdicts need (RFC 5246 §7.4, RFC 8446 §4). Never throw. */
import * as l10n from '@vscode/l10n';

/** ClientHello facts. */
export interface ClientHelloInfo {
	legacyVersion: number;
	random: Uint8Array;
	/** supported_versions, or [legacyVersion] without it. */
	versions: number[];
	sni: string | null;
	alpn: string[];
}

/** ServerHello facts. */
export interface ServerHelloInfo {
	version: number;
	random: Uint8Array;
	cipherSuite: number;
	helloRetryRequest: boolean;
	/** encrypt_then_mac (RFC 7366) was negotiated: CBC records carry the MAC after the ciphertext. */
	encryptThenMac: boolean;
	/** extended_master_secret (RFC 7627) was negotiated. */
	extendedMasterSecret: boolean;
}

/** CertificateRequest facts (all TLS versions). */
export interface CertificateRequestFields {
	certificateTypes: number[];
	signatureAlgorithms: number[];
	/** The certificate_authorities vector body (without its 2-byte length); a view into the message. */
	list: Uint8Array;
	listBytes: number;
	problem?: string;
}

/** The random of a HelloRetryRequest (RFC 8446 §4.1.3). */
const HRR_RANDOM = Uint8Array.from('cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c'.match(/../g)!, (h) => parseInt(h, 16));

/** A bounds-checked cursor; reads past the end yield -1 / empty and set `bad`. */
class Cursor {
	bad = false;
	constructor(readonly b: Uint8Array, public p: number, readonly end: number) {}
	u8(): number {
		if (this.p + 1 > this.end) return this.fail();
		return this.b[this.p++]!;
	}
	u16(): number {
		if (this.p + 2 > this.end) return this.fail();
		const v = (this.b[this.p]! << 8) | this.b[this.p + 1]!;
		this.p += 2;
		return v;
	}
	u24(): number {
		if (this.p + 3 > this.end) return this.fail();
		const v = (this.b[this.p]! << 16) | (this.b[this.p + 1]! << 8) | this.b[this.p + 2]!;
		this.p += 3;
		return v;
	}
	bytes(n: number): Uint8Array {
		if (n < 0 || this.p + n > this.end) {
			this.fail();
			return new Uint8Array(0);
		}
		const v = this.b.subarray(this.p, this.p + n);
		this.p += n;
		return v;
	}
	private fail(): number {
		this.bad = true;
		this.p = this.end;
		return -1;
	}
}

function u16List(b: Uint8Array): number[] {
	const out: number[] = [];
	for (let i = 0; i + 1 < b.length; i += 2) out.push((b[i]! << 8) | b[i + 1]!);
	return out;
}

/**
 * Parses a ClientHello body (after the 4-byte handshake header). Straight reads with explicit bounds (no cursor
 * object, no copies but the random): it runs once per connection, so it is one of the hottest parsers.
 */
export function parseClientHello(b: Uint8Array): ClientHelloInfo | undefined {
	const end = b.length;
	// legacy_version (2), random (32), session_id length (1)
	if (end < 35) return undefined;
	const legacyVersion = (b[0]! << 8) | b[1]!;
	const suitesAt = 35 + b[34]!;
	if (suitesAt + 2 > end) return undefined;
	const compressionAt = suitesAt + 2 + ((b[suitesAt]! << 8) | b[suitesAt + 1]!);
	if (compressionAt + 1 > end) return undefined;
	const extAt = compressionAt + 1 + b[compressionAt]!;
	if (extAt > end) return undefined;
	const info: ClientHelloInfo = { legacyVersion, random: b.slice(2, 34), versions: [legacyVersion], sni: null, alpn: [] };
	if (extAt + 2 > end) return info;
	const extEnd = Math.min(end, extAt + 2 + ((b[extAt]! << 8) | b[extAt + 1]!));
	let p = extAt + 2;
	while (p + 4 <= extEnd) {
		const type = (b[p]! << 8) | b[p + 1]!, len = (b[p + 2]! << 8) | b[p + 3]!;
		p += 4;
		if (p + len > end) break;
		const dataEnd = p + len;
		if (type === 0 && len > 5 && b[p + 2] === 0) {
			info.sni = latin1(b, p + 5, Math.min(dataEnd, p + 5 + ((b[p + 3]! << 8) | b[p + 4]!)));
		} else if (type === 43 && len > 0) {
			const versions: number[] = [];
			const listEnd = Math.min(dataEnd, p + 1 + b[p]!);
			for (let i = p + 1; i + 1 < listEnd; i += 2) {
				const v = (b[i]! << 8) | b[i + 1]!;
				if ((v & 0x0f0f) !== 0x0a0a) versions.push(v);
			}
			info.versions = versions;
		} else if (type === 16 && len > 2) {
			for (let i = p + 2; i < dataEnd; ) {
				const n = b[i]!;
				info.alpn.push(latin1(b, i + 1, Math.min(dataEnd, i + 1 + n)));
				i += 1 + n;
			}
		}
		p = dataEnd;
	}
	return info;
}

/** Parses an SSLv2-compatible ClientHello (RFC 5246 appendix E.2), message type byte included. */
export function parseSslv2ClientHello(msg: Uint8Array): ClientHelloInfo | undefined {
	if (msg.length < 9 || msg[0] !== 1) return undefined;
	const version = (msg[1]! << 8) | msg[2]!;
	const specLen = (msg[3]! << 8) | msg[4]!, sidLen = (msg[5]! << 8) | msg[6]!, chLen = (msg[7]! << 8) | msg[8]!;
	if (9 + specLen + sidLen + chLen > msg.length) return undefined;
	const challenge = msg.subarray(9 + specLen + sidLen, 9 + specLen + sidLen + chLen);
	const random = new Uint8Array(32);
	random.set(challenge.subarray(Math.max(0, challenge.length - 32)), 32 - Math.min(32, challenge.length));
	return { legacyVersion: version, random, versions: [version], sni: null, alpn: [] };
}

/** Parses a ServerHello (or HelloRetryRequest) body (straight reads, as {@link parseClientHello}). */
export function parseServerHello(b: Uint8Array): ServerHelloInfo | undefined {
	const end = b.length;
	if (end < 35) return undefined;
	let version = (b[0]! << 8) | b[1]!;
	const suiteAt = 35 + b[34]!;
	// cipher_suite (2), legacy_compression_method (1)
	if (suiteAt + 3 > end) return undefined;
	const cipherSuite = (b[suiteAt]! << 8) | b[suiteAt + 1]!;
	let p = suiteAt + 3;
	let encryptThenMac = false, extendedMasterSecret = false;
	if (p + 2 <= end) {
		const extEnd = Math.min(end, p + 2 + ((b[p]! << 8) | b[p + 1]!));
		p += 2;
		while (p + 4 <= extEnd) {
			const type = (b[p]! << 8) | b[p + 1]!, len = (b[p + 2]! << 8) | b[p + 3]!;
			p += 4;
			// An extension longer than the message: its data reads as empty and the list ends there.
			const whole = p + len <= end;
			if (type === 43 && whole && len === 2) version = (b[p]! << 8) | b[p + 1]!;
			else if (type === 22) encryptThenMac = true;
			else if (type === 23) extendedMasterSecret = true;
			p = whole ? p + len : end;
		}
	}
	let hrr = true;
	for (let i = 0; i < 32; i++) {
		if (b[2 + i] !== HRR_RANDOM[i]) {
			hrr = false;
			break;
		}
	}
	return { version, random: b.slice(2, 34), cipherSuite, helloRetryRequest: hrr, encryptThenMac, extendedMasterSecret };
}

/** Parses a CertificateRequest body for TLS 1.0/1.1 (`sigAlgs` false), 1.2 (true) or 1.3 (`tls13`). */
export function parseCertificateRequest(body: Uint8Array, version: number): CertificateRequestFields {
	const c = new Cursor(body, 0, body.length);
	if (version >= 0x0304) return parseTls13Request(c);
	const certificateTypes = Array.from(c.bytes(c.u8()));
	const signatureAlgorithms = version >= 0x0303 ? u16List(c.bytes(c.u16())) : [];
	const listBytes = c.u16();
	const list = c.bytes(listBytes);
	const out: CertificateRequestFields = { certificateTypes, signatureAlgorithms, list, listBytes: Math.max(0, listBytes) };
	if (c.bad) out.problem = l10n.t('CertificateRequest is shorter than its length fields say');
	else if (c.p !== c.end) out.problem = l10n.t('{0} bytes after the certificate_authorities list', c.end - c.p);
	return out;
}

function parseTls13Request(c: Cursor): CertificateRequestFields {
	c.bytes(c.u8());
	const extEnd = Math.min(c.end, c.p + 2 + c.u16());
	const out: CertificateRequestFields = { certificateTypes: [], signatureAlgorithms: [], list: new Uint8Array(0), listBytes: 0 };
	while (c.p + 4 <= extEnd) {
		const type = c.u16(), data = c.bytes(c.u16());
		if (type === 13 && data.length >= 2) out.signatureAlgorithms = u16List(data.subarray(2, 2 + ((data[0]! << 8) | data[1]!)));
		else if (type === 47 && data.length >= 2) {
			out.listBytes = (data[0]! << 8) | data[1]!;
			out.list = data.subarray(2, 2 + out.listBytes);
			if (out.list.length !== out.listBytes) out.problem = l10n.t('certificate_authorities extension is shorter than its list length');
		}
	}
	if (c.bad) out.problem = l10n.t('CertificateRequest is shorter than its length fields say');
	return out;
}

/** Splits a certificate_authorities vector body into DER names; `rest` counts trailing bytes that do not form a name. */
export function splitNames(list: Uint8Array): { names: Uint8Array[]; rest: number } {
	const names: Uint8Array[] = [];
	let p = 0;
	while (p + 2 <= list.length) {
		const n = (list[p]! << 8) | list[p + 1]!;
		if (p + 2 + n > list.length) break;
		names.push(list.subarray(p + 2, p + 2 + n));
		p += 2 + n;
	}
	return { names, rest: list.length - p };
}

/** Parses a Certificate message body: the DER certificates, end-entity first. */
export function parseCertificateList(body: Uint8Array, tls13: boolean): { certificates: Uint8Array[]; problem?: string } {
	const c = new Cursor(body, 0, body.length);
	if (tls13) c.bytes(c.u8());
	const listLen = c.u24();
	const end = Math.min(c.end, c.p + Math.max(0, listLen));
	const certificates: Uint8Array[] = [];
	while (c.p + 3 <= end) {
		const der = c.bytes(c.u24());
		if (c.bad) break;
		certificates.push(der);
		if (tls13) c.bytes(c.u16());
	}
	return c.bad || listLen > body.length ? { certificates, problem: l10n.t('Certificate message is shorter than its length fields say') } : { certificates };
}

/** Bytes `from` to `to` of `b`, one character per byte. */
function latin1(b: Uint8Array, from: number, to: number): string {
	let s = '';
	for (let i = from; i < to; i++) s += String.fromCharCode(b[i]!);
	return s;
}
