/** Chain building and validation for one leaf: discover every path, check every link, rank, explain. */
import * as l10n from '@vscode/l10n';
import { formatRfc4514, formatWindows, isoDate, normalizedNameKey, type Certificate } from '../x509';
import { findPaths, type RawPath } from './build';
import { checkRevocation, type Crl, type RevocationCheck } from './crl';
import { describeVerdict, toNode } from './describe';
import type { CertificatePool, PoolEntry } from './pool';
import { compareRank, rankKey } from './rank';
import { SignatureChecker, type ChainCrypto, type SignatureCheck } from './signature';
import { trustStatusValue, type TrustFlag } from './trustStatus';
import { NAME_CHECK_MAX } from './nameConstraints';
import type { PublicSuffixList } from './publicSuffix';
import type { ChainEdge, ChainPath, ChainProfile, ChainPurpose, ChainResult, ChainVerdictKind, ElementStatus, MissingIssuer, PeerName } from './types';
import { elementStatuses, type JudgeContext, type PathFacts, type RevocationMode } from './validate';

/** Options of {@link buildChains}. */
export interface ChainOptions {
	/** What the leaf must be good for (default `client`: Schannel client authentication). */
	readonly purpose?: ChainPurpose;
	/** Validation time (default now). */
	readonly at?: Date;
	/** CRLs found in the workspace; nothing is ever fetched. */
	readonly crls?: readonly Crl[];
	/** Default `ifAvailable`: CRLs are checked where present, an unknown status is only reported. */
	readonly revocation?: RevocationMode;
	/** Most certificates in one searched path (default 12): a search bound, not a verdict rule. */
	readonly maxDepth?: number;
	readonly maxChains?: number;
	/** Source label of the leaf when it is not in the pool (default `leaf`). */
	readonly leafSource?: string;
	/** The rule set (default `windows`). */
	readonly profile?: ChainProfile;
	/** The host name or IP address the leaf must name (server certificates). */
	readonly peer?: PeerName;
	/** Most intermediate CAs allowed between leaf and trust anchor, self-issued ones not counted (RFC 5280 §6.1.2 (k)). */
	readonly maxChainDepth?: number;
	/** The Public Suffix List for the `webpki` wildcard rule (CA/B BR §3.2.2.6); loaded by the caller from a file, never shipped. */
	readonly publicSuffixes?: PublicSuffixList;
	/** Work limits: issuer candidates tried, signatures verified, name-constraint comparisons, milliseconds of search. */
	readonly limits?: { readonly candidates?: number; readonly signatures?: number; readonly nameChecks?: number; readonly millis?: number };
}

/** Default most signatures verified in one build. */
export const MAX_SIGNATURES = 2000;

/** WebCrypto or a {@link SignatureChecker} that already caches keys and results (reuse one across calls). */
export type ChainVerifier = ChainCrypto | SignatureChecker;

/**
 * Builds every candidate chain from `leaf` over `pool` toward the pool's trust anchors, validates each element,
 * and ranks the chains the way CryptoAPI prefers (rank.ts). Never throws on bad input.
 * @example const result = await buildChains(leaf, pool, globalThis.crypto.subtle, { purpose: 'client' }); result.verdict.trusted
 */
export async function buildChains(leaf: Certificate, pool: CertificatePool, verifier: ChainVerifier, options: ChainOptions = {}): Promise<ChainResult> {
	const at = options.at ?? new Date();
	const purpose = options.purpose ?? 'client';
	const mode = options.revocation ?? 'ifAvailable';
	const checker = verifier instanceof SignatureChecker ? verifier : new SignatureChecker(verifier);
	const profile = options.profile ?? 'windows';
	const limits = options.limits ?? {};
	const leafEntry: PoolEntry = pool.get(leaf) ?? { certificate: leaf, sources: [options.leafSource ?? 'leaf'], anchor: false };
	const found = findPaths(leafEntry, pool, { at, profile, ...(options.maxDepth ? { maxDepth: options.maxDepth } : {}), ...(options.maxChains ? { maxPaths: options.maxChains } : {}), ...(limits.candidates ? { maxCandidates: limits.candidates } : {}), ...(limits.millis ? { maxMillis: limits.millis } : {}) });
	const { paths, truncated } = found;
	const limitsHit = [...found.limitsHit];

	const signatures = new Map<string, Promise<SignatureCheck>>();
	const revocations = new Map<string, Promise<RevocationCheck>>();
	const maxSignatures = limits.signatures ?? MAX_SIGNATURES;
	const sig = (s: Certificate, i: Certificate): Promise<SignatureCheck> =>
		memo(signatures, `${s.sha256}>${i.sha256}`, () => {
			if (signatures.size <= maxSignatures) return checker.check(s, i);
			if (!limitsHit.some((l) => l.startsWith('signature'))) limitsHit.push(l10n.t('signature checks stopped at {0}', maxSignatures));
			return Promise.resolve({ status: 'unsupported', detail: l10n.t('not checked: the limit of {0} signature checks per build was reached', maxSignatures) });
		});
	const rev = (s: Certificate, i: Certificate): Promise<RevocationCheck> => memo(revocations, `${s.sha256}>${i.sha256}`, () => checkRevocation(s, i, options.crls ?? [], at, checker, profile));
	const facts = await Promise.all(paths.map((p) => gatherFacts(p, sig, rev, mode)));

	const edges: ChainEdge[] = [];
	const edgeIndex = new Map<string, number>();
	const nameBudget = { remaining: limits.nameChecks ?? NAME_CHECK_MAX, exhausted: false };
	const ctx: JudgeContext = { purpose, at, revocation: mode, profile, nameBudget, ...(options.publicSuffixes ? { publicSuffixes: options.publicSuffixes } : {}), ...(options.peer ? { peer: options.peer } : {}), ...(options.maxChainDepth !== undefined ? { maxChainDepth: options.maxChainDepth } : {}) };
	const judged = facts.map((f) => judge(f, ctx, edges, edgeIndex));
	if (nameBudget.exhausted) limitsHit.push(l10n.t('name-constraint checks stopped at {0} comparisons', limits.nameChecks ?? NAME_CHECK_MAX));
	judged.sort((a, b) => compareRank(a.rankKey, b.rankKey));
	const nodes = new Map<string, PoolEntry>();
	for (const p of paths) for (const e of p.entries) nodes.set(e.certificate.sha256, e);
	nodes.set(leaf.sha256, leafEntry);
	const missingIssuers = missing(paths, pool);
	return {
		schemaVersion: 1,
		leaf: leaf.sha256,
		purpose,
		profile,
		...(options.peer ? { peerName: options.peer } : {}),
		...(options.maxChainDepth !== undefined ? { maxChainDepth: options.maxChainDepth } : {}),
		...(options.publicSuffixes ? { publicSuffixList: options.publicSuffixes.source } : {}),
		at: isoDate(at),
		verdict: describeVerdict(judged[0], judged[0]?.facts.path, leaf, purpose),
		nodes: [...nodes.values()].map(toNode),
		edges,
		chains: judged.map(({ facts: _facts, ...chain }) => chain),
		missingIssuers,
		truncated,
		limitsHit,
	};
}

function memo<T>(map: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
	let p = map.get(key);
	if (!p) map.set(key, (p = make()));
	return p;
}

async function gatherFacts(path: RawPath, sig: (s: Certificate, i: Certificate) => Promise<SignatureCheck>, rev: (s: Certificate, i: Certificate) => Promise<RevocationCheck>, mode: RevocationMode): Promise<PathFacts> {
	const chain = path.entries.map((e) => e.certificate);
	const top = chain[chain.length - 1]!;
	const [signatures, selfSignature, revocation] = await Promise.all([
		Promise.all(chain.slice(0, -1).map((c, i) => sig(c, chain[i + 1]!))),
		top.isSelfIssued ? sig(top, top) : Promise.resolve(undefined),
		Promise.all(chain.map((c, i) => (mode === 'none' ? undefined : i < chain.length - 1 ? rev(c, chain[i + 1]!) : top.isSelfIssued ? undefined : Promise.resolve(unknownIssuer(c))))),
	]);
	return { path, signatures, selfSignature, revocation };
}

function unknownIssuer(c: Certificate): RevocationCheck {
	return { state: 'unknown', message: l10n.t('Revocation cannot be checked without the issuer "{0}".', formatRfc4514(c.issuer)) };
}

function judge(facts: PathFacts, ctx: JudgeContext, edges: ChainEdge[], edgeIndex: Map<string, number>): ChainPath & { facts: PathFacts } {
	const { path } = facts;
	const chain = path.entries.map((e) => e.certificate);
	const statuses = elementStatuses(facts, ctx);
	const elements = chain.map((c, d) => {
		let edge: number | null = null;
		if (d < chain.length - 1) {
			const key = `${c.sha256}>${chain[d + 1]!.sha256}`;
			edge = edgeIndex.get(key) ?? null;
			if (edge === null) {
				const s = facts.signatures[d]!;
				edge = edges.push({ from: c.sha256, to: chain[d + 1]!.sha256, match: path.matches[d]!, signature: s.status, signatureDetail: s.detail }) - 1;
				edgeIndex.set(key, edge);
			}
		}
		return { depth: d, node: c.sha256, edge, status: statuses[d]! };
	});
	const flagsOf = (sev: ElementStatus['severity']): TrustFlag[] => [...new Set(statuses.flat().filter((s) => s.severity === sev).map((s) => s.flag as TrustFlag))];
	const errorFlags = flagsOf('error');
	const failingDepths = elements.filter((e) => e.status.some((s) => s.severity === 'error')).map((e) => e.depth);
	return { elements, verdict: verdictKind(path, errorFlags), trusted: path.end === 'anchor' && errorFlags.length === 0, errorFlags, warningFlags: flagsOf('warning'), errorStatus: trustStatusValue(errorFlags), failingDepths, rankKey: rankKey(statuses, chain), facts };
}

function verdictKind(path: RawPath, errors: readonly TrustFlag[]): ChainVerdictKind {
	if (path.end === 'noIssuer' || path.end === 'cycle' || path.end === 'depthLimit' || path.end === 'workLimit') return 'partial';
	if (errors.some((f) => f !== 'IS_UNTRUSTED_ROOT')) return 'invalid';
	return path.end === 'untrustedRoot' ? 'untrustedRoot' : 'trusted';
}

/** For each path that breaks off: the issuer it needs, where to fetch it, and certificates that almost match. */
function missing(paths: readonly RawPath[], pool: CertificatePool): MissingIssuer[] {
	const out = new Map<string, MissingIssuer>();
	for (const p of paths.filter((x) => x.end === 'noIssuer')) {
		const c = p.entries[p.entries.length - 1]!.certificate;
		if (out.has(c.sha256)) continue;
		const nearMisses: MissingIssuer['nearMisses'][number][] = [];
		const keyId = c.authorityKeyIdentifier?.keyIdentifier;
		for (const e of keyId ? pool.bySki(keyId) : []) {
			nearMisses.push({ node: e.certificate.sha256, subject: formatRfc4514(e.certificate.subject), reason: l10n.t('has the key identifier the certificate names, but a different subject name (CryptoAPI and OpenSSL need the name bytes to match)') });
		}
		const wanted = normalizedNameKey(c.issuer);
		for (const e of pool.entries()) {
			if (nearMisses.some((n) => n.node === e.certificate.sha256)) continue;
			if (normalizedNameKey(e.certificate.subject) === wanted) nearMisses.push({ node: e.certificate.sha256, subject: formatRfc4514(e.certificate.subject), reason: l10n.t('reads the same as the issuer name but is encoded differently (string type, case or spacing); Windows compares the bytes') });
		}
		out.set(c.sha256, { node: c.sha256, issuer: formatRfc4514(c.issuer), issuerWindows: formatWindows(c.issuer), authorityKeyId: keyId ?? null, caIssuers: c.authorityInfoAccess?.caIssuers ?? [], nearMisses });
	}
	return [...out.values()];
}
