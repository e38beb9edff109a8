/** Decodes CA lists and certificates once: a list or certificate that repeats across handshakes is reused. */
import * as l10n from '@vscode/l10n';
import { copyOf, sha1, sha256, toHex } from '../crypto';
import { decodeCertificate, decodeName, formatRfc4514 } from '../x509';
import { splitNames } from './handshakeParse';
import type { CertificateSummary, DistinguishedNameEntry } from './types';

interface Entry<T> {
	bytes: Uint8Array;
	value: T;
}

/** FNV-1a over the length and up to ~160 sampled bytes (collisions are settled by comparing all bytes). */
function sampleHash(b: Uint8Array): number {
	let h = Math.imul(0x811c9dc5 ^ b.length, 0x01000193);
	const step = b.length > 256 ? Math.floor(b.length / 96) : 1;
	for (let i = 0; i < b.length; i += step) h = Math.imul(h ^ b[i]!, 0x01000193);
	for (let i = Math.max(0, b.length - 32); i < b.length; i++) h = Math.imul(h ^ b[i]!, 0x01000193);
	return h >>> 0;
}

let scratch = new Uint8Array(1 << 16);

/** 4-byte-aligned bytes equal to `b` (a copy into a reused buffer when `b` is not aligned). */
function aligned(b: Uint8Array): Uint8Array {
	if ((b.byteOffset & 3) === 0) return b;
	if (scratch.length < b.length) scratch = new Uint8Array(b.length * 2);
	scratch.set(b);
	return scratch.subarray(0, b.length);
}

/**
 * Byte-exact equality of a cached key (a fresh copy, so 4-byte aligned) and `b`. CA lists arrive at any offset in
 * the read buffer; comparing 32-bit words against an aligned copy of `b` (a native memcpy) is several times faster
 * than a byte loop over a 38 KB list.
 */
function same(cached: Uint8Array, b: Uint8Array): boolean {
	if (cached.length !== b.length) return false;
	if ((cached.byteOffset & 3) !== 0) {
		for (let i = 0; i < b.length; i++) if (cached[i] !== b[i]) return false;
		return true;
	}
	const y = aligned(b);
	const n = b.length >> 2;
	const wa = new Int32Array(cached.buffer, cached.byteOffset, n);
	const wb = new Int32Array(y.buffer, y.byteOffset, n);
	for (let k = 0; k < n; k++) if (wa[k] !== wb[k]) return false;
	for (let i = n << 2; i < b.length; i++) if (cached[i] !== y[i]) return false;
	return true;
}

/** Byte-exact equality of two byte strings. */
export type BytesEqual = (a: Uint8Array, b: Uint8Array) => boolean;

/** A bounded map from byte strings to decoded values. */
class BytesCache<T> {
	private readonly map = new Map<number, Entry<T>[]>();
	private bytes = 0;
	constructor(private readonly maxBytes: number, private readonly equal: BytesEqual) {}

	get(b: Uint8Array, make: () => T): T {
		const key = sampleHash(b);
		const list = this.map.get(key);
		if (list) for (const e of list) if (e.bytes.length === b.length && this.equal(e.bytes, b)) return e.value;
		const value = make();
		if (this.bytes + b.length > this.maxBytes) {
			this.map.clear();
			this.bytes = 0;
		}
		const entry = { bytes: copyOf(b), value };
		if (list) list.push(entry);
		else this.map.set(key, [entry]);
		this.bytes += b.length;
		return value;
	}
}

/** Options of a {@link DecodeCache}. */
export interface DecodeCacheOptions {
	/**
	 * The host's native byte comparison (Node: `Buffer.compare`), for the cache hits that compare a repeated
	 * 38 KB CA list byte for byte; the pure-TypeScript word loop by default.
	 */
	readonly equal?: BytesEqual;
}

/** Caches for one capture (or shared by several). */
export class DecodeCache {
	private readonly lists: BytesCache<readonly DistinguishedNameEntry[]>;
	private readonly certs: BytesCache<CertificateSummary>;

	constructor(options: DecodeCacheOptions = {}) {
		const equal = options.equal ?? same;
		this.lists = new BytesCache(8 << 20, equal);
		this.certs = new BytesCache(16 << 20, equal);
	}

	/** The DNs of a certificate_authorities vector body; the same array object for the same bytes. */
	names(list: Uint8Array): readonly DistinguishedNameEntry[] {
		return this.lists.get(list, () => splitNames(list).names.map(dnEntry));
	}

	/** Thumbprints and names of a DER certificate. */
	certificate(der: Uint8Array): CertificateSummary {
		return this.certs.get(der, () => certSummary(der));
	}
}

/** One DN as `{ der, text }`. */
export function dnEntry(der: Uint8Array): DistinguishedNameEntry {
	const r = decodeName(der);
	const text = r.value ? formatRfc4514(r.value) : l10n.t('(not a valid DER Name: {0})', r.problems[0]?.message ?? 'undecodable');
	return { der: toHex(der).toLowerCase(), text };
}

function certSummary(der: Uint8Array): CertificateSummary {
	const r = decodeCertificate(der);
	const c = r.value;
	if (c) return { sha1: c.sha1, sha256: c.sha256, subject: formatRfc4514(c.subject), issuer: formatRfc4514(c.issuer), der: der.slice() };
	return { sha1: toHex(sha1(der)), sha256: toHex(sha256(der)), subject: '', issuer: '', der: der.slice() };
}
