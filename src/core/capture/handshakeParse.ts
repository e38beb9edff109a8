/** Parsers for the TLS handshake messages the verdicts need (RFC 5246 §7.4, RFC 8446 §4). Never throw. */
import * as l10n from '@vscode/l10n';
import { toHexLower } from '../crypto/hex';

/** ClientHello facts. */
export interface ClientHelloInfo {
	legacyVersion: number;
	random: Uint8Array;
	/** supported_versions, or [legacyVersion] without it. */
	versions: number[];
	sni: string | null;
	alpn: string[];
	cipherSuites: number[];
	signatureAlgorithms: number[];
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

const HRR_RANDOM = 'cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c';

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

/** Parses a ClientHello body (after the 4-byte handshake header). */
export function parseClientHello(body: Uint8Array): ClientHelloInfo | undefined {
	const c = new Cursor(body, 0, body.length);
	const legacyVersion = c.u16();
	const random = c.bytes(32);
	c.bytes(c.u8());
	const suites = u16List(c.bytes(c.u16()));
	c.bytes(c.u8());
	if (c.bad) return undefined;
	const info: ClientHelloInfo = { legacyVersion, random: random.slice(), versions: [legacyVersion], sni: null, alpn: [], cipherSuites: suites, signatureAlgorithms: [] };
	if (c.p + 2 > c.end) return info;
	const extEnd = Math.min(c.end, c.p + 2 + c.u16());
	while (c.p + 4 <= extEnd) {
		const type = c.u16(), len = c.u16();
		const data = c.bytes(len);
		if (c.bad) break;
		if (type === 0 && data.length > 5 && data[2] === 0) {
			const n = (data[3]! << 8) | data[4]!;
			info.sni = latin1(data.subarray(5, 5 + n));
		} else if (type === 43 && data.length > 0) {
			info.versions = u16List(data.subarray(1, 1 + data[0]!)).filter((v) => (v & 0x0f0f) !== 0x0a0a);
		} else if (type === 16 && data.length > 2) {
			for (let i = 2; i < data.length; ) {
				const n = data[i]!;
				info.alpn.push(latin1(data.subarray(i + 1, i + 1 + n)));
				i += 1 + n;
			}
		} else if (type === 13 && data.length > 2) {
			info.signatureAlgorithms = u16List(data.subarray(2, 2 + ((data[0]! << 8) | data[1]!)));
		}
	}
	return info;
}

/** Parses an SSLv2-compatible ClientHello (RFC 5246 appendix E.2), message type byte included. */
export function parseSslv2ClientHello(msg: Uint8Array): ClientHelloInfo | undefined {
	if (msg.length < 9 || msg[0] !== 1) return undefined;
	const version = (msg[1]! << 8) | msg[2]!;
	const specLen = (msg[3]! << 8) | msg[4]!, sidLen = (msg[5]! << 8) | msg[6]!, chLen = (msg[7]! << 8) | msg[8]!;
	if (9 + specLen + sidLen + chLen > msg.length) return undefined;
	const suites: number[] = [];
	for (let i = 9; i + 2 < 9 + specLen; i += 3) if (msg[i] === 0) suites.push((msg[i + 1]! << 8) | msg[i + 2]!);
	const challenge = msg.subarray(9 + specLen + sidLen, 9 + specLen + sidLen + chLen);
	const random = new Uint8Array(32);
	random.set(challenge.subarray(Math.max(0, challenge.length - 32)), 32 - Math.min(32, challenge.length));
	return { legacyVersion: version, random, versions: [version], sni: null, alpn: [], cipherSuites: suites, signatureAlgorithms: [] };
}

/** Parses a ServerHello (or HelloRetryRequest) body. */
export function parseServerHello(body: Uint8Array): ServerHelloInfo | undefined {
	const c = new Cursor(body, 0, body.length);
	let version = c.u16();
	const random = c.bytes(32);
	c.bytes(c.u8());
	const cipherSuite = c.u16();
	c.u8();
	if (c.bad) return undefined;
	let encryptThenMac = false, extendedMasterSecret = false;
	if (c.p + 2 <= c.end) {
		const extEnd = Math.min(c.end, c.p + 2 + c.u16());
		while (c.p + 4 <= extEnd) {
			const type = c.u16(), data = c.bytes(c.u16());
			if (type === 43 && data.length === 2) version = (data[0]! << 8) | data[1]!;
			else if (type === 22) encryptThenMac = true;
			else if (type === 23) extendedMasterSecret = true;
		}
	}
	const hrr = hexOf(random) === HRR_RANDOM;
	return { version, random: random.slice(), cipherSuite, helloRetryRequest: hrr, encryptThenMac, extendedMasterSecret };
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

function latin1(b: Uint8Array): string {
	let s = '';
	for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]!);
	return s;
}

const hexOf = toHexLower;
