/** The certificates chain building may use: candidates from every source, some of them trust anchors. */
import { toHex } from '../crypto/hex';
import type { Certificate } from '../x509';

/** One certificate in the pool, with where it came from. */
export interface PoolEntry {
	readonly certificate: Certificate;
	/** Labels of the sources that hold it (a certificate in two files is one entry). */
	readonly sources: string[];
	/** In the trust anchors (a Root store export or bundle). */
	anchor: boolean;
}

function push<V>(map: Map<string, V[]>, key: string, value: V): void {
	const list = map.get(key);
	if (list) list.push(value);
	else map.set(key, [value]);
}

/**
 * Candidate issuers indexed by subject DER and by subject key identifier. Build it once per set of sources
 * and reuse it for many leaves.
 * @example const pool = new CertificatePool(); pool.addAll(intermediates, 'store.p7b'); pool.addAll(roots, 'Root.sst', { anchor: true });
 */
export class CertificatePool {
	private readonly _bySha256 = new Map<string, PoolEntry>();
	private readonly _bySubject = new Map<string, PoolEntry[]>();
	private readonly _bySki = new Map<string, PoolEntry[]>();
	private readonly _nameHex = new WeakMap<Uint8Array, string>();

	/** Adds one certificate from `source`; a duplicate (same SHA-256) only gains the source label (and anchor status). */
	add(certificate: Certificate, source: string, options: { anchor?: boolean } = {}): PoolEntry {
		const existing = this._bySha256.get(certificate.sha256);
		if (existing) {
			if (!existing.sources.includes(source)) existing.sources.push(source);
			existing.anchor ||= options.anchor === true;
			return existing;
		}
		const entry: PoolEntry = { certificate, sources: [source], anchor: options.anchor === true };
		this._bySha256.set(certificate.sha256, entry);
		push(this._bySubject, this.nameKey(certificate.subject.der), entry);
		if (certificate.subjectKeyIdentifier) push(this._bySki, certificate.subjectKeyIdentifier, entry);
		return entry;
	}

	/** Adds every certificate of one source. */
	addAll(certificates: Iterable<Certificate>, source: string, options: { anchor?: boolean } = {}): void {
		for (const c of certificates) this.add(c, source, options);
	}

	/** The entry of a certificate (by SHA-256), if pooled. */
	get(certificate: Certificate): PoolEntry | undefined {
		return this._bySha256.get(certificate.sha256);
	}

	/** Entries whose subject DER equals `nameDer` byte for byte (how CryptoAPI matches issuer names). */
	bySubject(nameDer: Uint8Array): readonly PoolEntry[] {
		return this._bySubject.get(this.nameKey(nameDer)) ?? [];
	}

	/** Entries whose subject key identifier is `ski` (uppercase hex). */
	bySki(ski: string): readonly PoolEntry[] {
		return this._bySki.get(ski) ?? [];
	}

	/** Every entry, in insertion order. */
	entries(): IterableIterator<PoolEntry> {
		return this._bySha256.values();
	}

	get size(): number {
		return this._bySha256.size;
	}

	private nameKey(der: Uint8Array): string {
		let key = this._nameHex.get(der);
		if (key === undefined) {
			key = toHex(der);
			this._nameHex.set(der, key);
		}
		return key;
	}
}
