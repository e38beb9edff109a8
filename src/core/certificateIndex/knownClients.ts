import { fromHex } from '../crypto/hex';
import type { CertificateLookup } from './certificateLookup';

/** What a capture verdict needs of a workspace client certificate (see capture/verdict.ts). */
export interface KnownClient {
	readonly label: string;
	/** DER of its issuer and of every CA above it the index knows. */
	readonly chainNames: readonly Uint8Array[];
}

/**
 * The workspace's client certificates (end-entity certificates allowed for client authentication),
 * each with the issuer names of its chain as far as the index knows them; one per SHA-1.
 */
export function knownClientCertificates(lookup: CertificateLookup): KnownClient[] {
	const seen = new Set<string>();
	const out: KnownClient[] = [];
	for (const file of lookup.files()) {
		for (const c of lookup.inFile(file)) {
			if (c.isCa || !c.clientAuth || seen.has(c.sha1)) continue;
			seen.add(c.sha1);
			const names = [c.issuerDerHex, ...lookup.issuerPath(c).flatMap((p) => (p && !p.selfIssued ? [p.issuerDerHex] : []))];
			out.push({ label: c.subjectRfc4514, chainNames: names.map((h) => fromHex(h) ?? new Uint8Array(0)) });
		}
	}
	return out;
}
