/** In-memory lookups over indexed certificates: by SHA-1, by subject DER, by normalized subject text. */
import type { IndexedCertificate } from './certificateSummary';

/** A file holding just this certificate (DER `.cer`, then PEM) is the copy to open; others follow. */
const containerRank = (c: IndexedCertificate): number => (c.container === 'der' || c.container === 'certificate-der' ? 0 : c.container === 'pem' ? 1 : 2);

/**
 * The order of the copies of one certificate or subject: by {@link containerRank}, then file, then position in it.
 * Whatever order the workspace's files were read in, every surface (hovers, "Show as chain", the editor's links)
 * picks the same copy.
 */
export function copyOrder(a: IndexedCertificate, b: IndexedCertificate): number {
	return containerRank(a) - containerRank(b) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.index - b.index;
}

function push<K>(map: Map<K, IndexedCertificate[]>, key: K, value: IndexedCertificate): void {
	const list = map.get(key);
	if (!list) return void map.set(key, [value]);
	let at = list.length;
	while (at > 0 && copyOrder(list[at - 1]!, value) > 0) at--;
	list.splice(at, 0, value);
}

function drop<K, V>(map: Map<K, V[]>, key: K, value: V): void {
	const list = map.get(key);
	if (!list) return;
	const rest = list.filter((v) => v !== value);
	if (rest.length) map.set(key, rest);
	else map.delete(key);
}

/** What {@link CertificateLookup.issuerPath} needs of the certificate it starts from. */
export type PathStart = Pick<IndexedCertificate, 'sha1' | 'selfIssued' | 'issuerDerHex' | 'authorityKeyId'>;

/**
 * The lookup structure of the workspace certificate index. Files are replaced as a whole, so an update is
 * "remove the old entries of that file, add the new ones".
 * @example lookup.setFile('file:///a.cer', [summary]); lookup.bySha1('EBEF…')
 */
export class CertificateLookup {
	private readonly _byFile = new Map<string, readonly IndexedCertificate[]>();
	private readonly _bySha1 = new Map<string, IndexedCertificate[]>();
	private readonly _bySubjectDer = new Map<string, IndexedCertificate[]>();
	private readonly _bySubjectKey = new Map<string, IndexedCertificate[]>();
	private _count = 0;

	/** Replaces the certificates of `file` (an empty list forgets the file). */
	setFile(file: string, certificates: readonly IndexedCertificate[]): void {
		this.removeFile(file);
		if (certificates.length === 0) return;
		this._byFile.set(file, certificates);
		for (const c of certificates) {
			push(this._bySha1, c.sha1, c);
			push(this._bySubjectDer, c.subjectDerHex, c);
			push(this._bySubjectKey, c.subjectKey, c);
		}
		this._count += certificates.length;
	}

	removeFile(file: string): void {
		const old = this._byFile.get(file);
		if (!old) return;
		this._byFile.delete(file);
		for (const c of old) {
			drop(this._bySha1, c.sha1, c);
			drop(this._bySubjectDer, c.subjectDerHex, c);
			drop(this._bySubjectKey, c.subjectKey, c);
		}
		this._count -= old.length;
	}

	clear(): void {
		for (const file of [...this._byFile.keys()]) this.removeFile(file);
	}

	/** Number of certificate entries (a certificate present in two files counts twice). */
	get count(): number {
		return this._count;
	}

	files(): string[] {
		return [...this._byFile.keys()];
	}

	inFile(file: string): readonly IndexedCertificate[] {
		return this._byFile.get(file) ?? [];
	}

	/** Entries with this thumbprint (any case, separators allowed), in {@link copyOrder}. */
	bySha1(sha1: string): readonly IndexedCertificate[] {
		return this._bySha1.get(sha1.replace(/[\s:]/g, '').toUpperCase()) ?? [];
	}

	/** Entries whose subject DER (uppercase hex) is exactly this, in {@link copyOrder}. */
	bySubjectDer(derHex: string): readonly IndexedCertificate[] {
		return this._bySubjectDer.get(derHex) ?? [];
	}

	/** Entries whose normalized subject equals `key` (see normalizedNameKey), in {@link copyOrder}. */
	bySubjectKey(key: string): readonly IndexedCertificate[] {
		return this._bySubjectKey.get(key) ?? [];
	}

	/**
	 * The issuer chain of `cert` as far as the index knows it: the issuer is a certificate whose subject DER equals the
	 * issuer DER (byte-exact, as CryptoAPI matches), preferring one whose SKI equals the AKI. Stops at a self-issued
	 * certificate, a loop or 10 steps. The last element is `undefined` when an issuer is missing.
	 */
	issuerPath(cert: PathStart): (IndexedCertificate | undefined)[] {
		const path: (IndexedCertificate | undefined)[] = [];
		const seen = new Set<string>([cert.sha1]);
		let current: PathStart = cert;
		while (!current.selfIssued && path.length < 10) {
			const candidates = this.bySubjectDer(current.issuerDerHex);
			const aki = current.authorityKeyId;
			const issuer = candidates.find((c) => aki !== undefined && c.subjectKeyId === aki) ?? candidates[0];
			if (!issuer) {
				path.push(undefined);
				break;
			}
			if (seen.has(issuer.sha1)) break;
			seen.add(issuer.sha1);
			path.push(issuer);
			current = issuer;
		}
		return path;
	}
}
