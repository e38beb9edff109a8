/** Decodes CA lists and certificates once: a list or certificate that repeats across handshakes is reused. */
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

function same(a: Uint8Array, b: Uint8Array): boolean {
	if (a.length !== b.length) return false;
	let i = 0;
	if ((a.byteOffset & 3) === 0 && (b.byteOffset & 3) === 0) {
		const n = a.length >> 2;
		const wa = new Int32Array(a.buffer, a.byteOffset, n), wb = new Int32Array(b.buffer, b.byteOffset, n);
		for (let k = 0; k < n; k++) if (wa[k] !== wb[k]) return false;
		i = n << 2;
	}
	for (; i < a.length; i++) if (a[i] !== b[i]) return false;
	return true;
}

/** A bounded map from byte strings to decoded values. */
class BytesCache<T> {
	private readonly map = new Map<number, Entry<T>[]>();
	private bytes = 0;
	constructor(private readonly maxBytes: number) {}

	get(b: Uint8Array, make: () => T): T {
		const key = sampleHash(b);
		const list = this.map.get(key);
		if (list) for (const e of list) if (same(e.bytes, b)) return e.value;
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

/** Caches for one capture (or shared by several). */
export class DecodeCache {
	private readonly lists = new BytesCache<readonly DistinguishedNameEntry[]>(8 << 20);
	private readonly certs = new BytesCache<CertificateSummary>(16 << 20);

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
	const text = r.value ? formatRfc4514(r.value) : `(not a valid DER Name: ${r.problems[0]?.message ?? 'undecodable'})`;
	return { der: toHex(der).toLowerCase(), text };
}

function certSummary(der: Uint8Array): CertificateSummary {
	const r = decodeCertificate(der);
	const c = r.value;
	if (c) return { sha1: c.sha1, sha256: c.sha256, subject: formatRfc4514(c.subject), issuer: formatRfc4514(c.issuer), der: der.slice() };
	return { sha1: toHex(sha1(der)), sha256: toHex(sha256(der)), subject: '', issuer: '', der: der.slice() };
}
