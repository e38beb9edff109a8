/** Path discovery: every issuer path from a leaf through the pool, by exact name bytes, qualified by AKI/SKI. */
import * as l10n from '@vscode/l10n';
import type { Certificate } from '../x509';
import type { CertificatePool, PoolEntry } from './pool';
import type { ChainProfile, EdgeMatch } from './types';

/** Why a discovered path stops where it does. */
export type PathEnd =
	/** A self-issued certificate in the trust anchors. */
	| 'anchor'
	/** A self-issued certificate that is not a trust anchor. */
	| 'untrustedRoot'
	/** No certificate in any source has the issuer's name. */
	| 'noIssuer'
	/** Every issuer candidate is already in the path. */
	| 'cycle'
	/** The depth limit was reached. */
	| 'depthLimit'
	/** A work limit (candidates tried or time) stopped the search here. */
	| 'workLimit';

/** One discovered path, leaf first. */
export interface RawPath {
	readonly entries: readonly PoolEntry[];
	/** `matches[i]` links `entries[i]` to `entries[i + 1]`. */
	readonly matches: readonly EdgeMatch[];
	readonly end: PathEnd;
}

/** Limits of the search. */
export interface PathLimits {
	/** Most certificates in one path (default 12). */
	readonly maxDepth?: number;
	/** Most paths returned (default 32). */
	readonly maxPaths?: number;
	/** Time used to order candidates (valid ones first). */
	readonly at: Date;
	/** `rfc5280` and `webpki`: any trust anchor ends a path; `windows` (default): only a self-issued one does (CryptoAPI builds on to a self-signed root). */
	readonly profile?: ChainProfile;
	/** Most issuer candidates tried in one search (default 5,000). */
	readonly maxCandidates?: number;
	/** Wall-clock budget of the search in milliseconds (default 1,000). */
	readonly maxMillis?: number;
}

const MATCH_ORDER: Record<EdgeMatch, number> = { nameAndKeyId: 0, nameAndIssuerSerial: 0, name: 1, nameKeyIdMismatch: 2 };

/** Strips the sign-padding zeros of a hex INTEGER so `00A1` equals `A1`. */
function serialKey(hex: string): string {
	return hex.toUpperCase().replace(/^(00)+(?=..)/, '');
}

/** How `issuer` matches as the issuer of `subject` (names are already known to be equal). */
export function matchKind(subject: Certificate, issuer: Certificate): EdgeMatch {
	const aki = subject.authorityKeyIdentifier;
	if (aki?.keyIdentifier !== undefined && issuer.subjectKeyIdentifier !== undefined) {
		return aki.keyIdentifier === issuer.subjectKeyIdentifier ? 'nameAndKeyId' : 'nameKeyIdMismatch';
	}
	if (aki?.serialNumber !== undefined) {
		return serialKey(aki.serialNumber) === serialKey(issuer.serialHex) ? 'nameAndIssuerSerial' : 'nameKeyIdMismatch';
	}
	return 'name';
}

function timeValid(c: Certificate, at: Date): boolean {
	return c.notBefore.getTime() <= at.getTime() && at.getTime() <= c.notAfter.getTime();
}

/** Issuer candidates of `subject`, best first: key match, then valid at `at`, then newest notBefore. */
export function issuerCandidates(subject: Certificate, pool: CertificatePool, at: Date): { entry: PoolEntry; match: EdgeMatch }[] {
	return pool
		.bySubject(subject.issuer.der)
		.filter((e) => e.certificate.sha256 !== subject.sha256)
		.map((entry) => ({ entry, match: matchKind(subject, entry.certificate) }))
		.sort(
			(a, b) =>
				MATCH_ORDER[a.match] - MATCH_ORDER[b.match] ||
				Number(timeValid(b.entry.certificate, at)) - Number(timeValid(a.entry.certificate, at)) ||
				b.entry.certificate.notBefore.getTime() - a.entry.certificate.notBefore.getTime(),
		);
}

/**
 * Depth-first search of every path from `leaf` to a self-issued certificate (or to where it breaks off).
 * Loops are cut (a certificate appears at most once per path) and reported as `cycle`.
 */
export function findPaths(leaf: PoolEntry, pool: CertificatePool, limits: PathLimits): { paths: RawPath[]; truncated: boolean; limitsHit: string[] } {
	const maxDepth = limits.maxDepth ?? 12;
	const maxPaths = limits.maxPaths ?? 32;
	const maxCandidates = limits.maxCandidates ?? 5000;
	const deadline = Date.now() + (limits.maxMillis ?? 1000);
	const strict = limits.profile !== undefined && limits.profile !== 'windows';
	const paths: RawPath[] = [];
	const limitsHit: string[] = [];
	let truncated = false;
	let tried = 0;
	const entries: PoolEntry[] = [leaf];
	const matches: EdgeMatch[] = [];
	const inPath = new Set<string>([leaf.certificate.sha256]);

	const emit = (end: PathEnd): void => {
		if (paths.length >= maxPaths) truncated = true;
		else paths.push({ entries: [...entries], matches: [...matches], end });
	};
	const overWork = (): boolean => {
		if (tried < maxCandidates && (tried & 63 || Date.now() < deadline)) return false;
		if (!limitsHit.length) limitsHit.push(tried >= maxCandidates ? l10n.t('path building stopped after {0} issuer candidates', maxCandidates) : l10n.t('path building stopped after {0} ms', limits.maxMillis ?? 1000));
		truncated = true;
		return true;
	};
	const visit = (): void => {
		if (paths.length >= maxPaths) {
			truncated = true;
			return;
		}
		const top = entries[entries.length - 1]!;
		const c = top.certificate;
		if (top.anchor && (strict || c.isSelfIssued)) return emit('anchor');
		// A self-issued certificate that is not self-signed (a CA key rollover) is an intermediate: build on past it.
		if (c.isSelfIssued && c.isSelfSignedByName) return emit('untrustedRoot');
		if (entries.length >= maxDepth) {
			truncated = true;
			return emit('depthLimit');
		}
		if (overWork()) return emit('workLimit');
		const candidates = issuerCandidates(c, pool, limits.at);
		const open = candidates.filter((x) => !inPath.has(x.entry.certificate.sha256));
		if (candidates.length === 0) return emit('noIssuer');
		if (open.length === 0) return emit('cycle');
		for (const x of open) {
			if (paths.length >= maxPaths) {
				truncated = true;
				return;
			}
			if (++tried > maxCandidates) {
				overWork();
				return;
			}
			entries.push(x.entry);
			matches.push(x.match);
			inPath.add(x.entry.certificate.sha256);
			visit();
			inPath.delete(x.entry.certificate.sha256);
			matches.pop();
			entries.pop();
		}
	};
	visit();
	return { paths, truncated, limitsHit };
}
