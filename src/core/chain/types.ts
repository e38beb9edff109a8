/** The plain-JSON result of chain building: nodes, edges, candidate chains with per-element statuses, a verdict. */
import type { TrustFlag, TrustInfoFlag } from './trustStatus';

/** What the chain is checked for: TLS client authentication, TLS server authentication, or any use. */
export type ChainPurpose = 'client' | 'server' | 'any';

/**
 * Which rules decide: `windows` (default) is what CryptoAPI does, with every RFC 5280 rule it does not enforce still
 * reported as a warning; `rfc5280` is strict RFC 5280 path validation, where those warnings are errors; `webpki` is
 * `rfc5280` plus the CA/Browser Forum Baseline Requirements rules for TLS server certificates (webpki.ts).
 */
export type ChainProfile = 'windows' | 'rfc5280' | 'webpki';

/** The peer name a server certificate must carry: a DNS host name or an IP address (text as given). */
export interface PeerName {
	readonly kind: 'dns' | 'ip';
	readonly value: string;
}

/** How bad one status entry is: `error` rejects the chain, `warning` and `info` do not. */
export type ChainSeverity = 'error' | 'warning' | 'info';

/** One finding on one chain element, mapped to a Windows flag. */
export interface ElementStatus {
	/** An error flag, or (severity `info` only) an info flag such as HAS_NAME_MATCH_ISSUER. */
	readonly flag: TrustFlag | TrustInfoFlag;
	readonly severity: ChainSeverity;
	/** One plain sentence about this certificate, e.g. "Expired on 2022-01-01T00:00:00Z (checked at …)". */
	readonly message: string;
	/**
	 * The rule's section where it has one, e.g. `RFC 5280 §4.2.1.1` or `RFC 6125 §6.4.3`; for a CA/Browser Forum
	 * Baseline Requirements rule `CA/B BR §7.1.2.7.10`, followed by `; RFC …` where an RFC section also applies.
	 */
	readonly rfc?: string;
}

/** How an issuer candidate was matched to the certificate it may have issued. */
export type EdgeMatch =
	/** Issuer name bytes equal the candidate's subject and the AKI key ID equals its SKI. */
	| 'nameAndKeyId'
	/** Names equal and the AKI's issuer + serial point at the candidate. */
	| 'nameAndIssuerSerial'
	/** Names equal; the certificate has no AKI key ID (or the candidate no SKI) to compare. */
	| 'name'
	/** Names equal but the AKI key ID differs from the candidate's SKI (usually a re-keyed CA: the wrong one). */
	| 'nameKeyIdMismatch';

/** Outcome of checking one signature. */
export type SignatureStatus = 'valid' | 'invalid' | 'unsupported';

/** One certificate that appears in at least one chain. */
export interface ChainNode {
	/** SHA-256 thumbprint (uppercase hex): the node id. */
	readonly id: string;
	readonly sha1: string;
	/** RFC 4514 and Windows (CN first, ", ") forms. */
	readonly subject: string;
	readonly subjectWindows: string;
	readonly issuer: string;
	readonly issuerWindows: string;
	readonly serial: string;
	readonly notBefore: string;
	readonly notAfter: string;
	readonly isCa: boolean;
	readonly selfIssued: boolean;
	/** In the trust anchors (the chosen Root store export or bundle). */
	readonly trustAnchor: boolean;
	/** Labels of the sources that hold it (file names, "workspace", "leaf file"). */
	readonly sources: readonly string[];
	readonly signatureAlgorithm: string;
	/** e.g. `rsaEncryption 2048`, `ecPublicKey prime256v1`. */
	readonly publicKey: string;
	/** Revocation pointers, shown, never fetched. */
	readonly crlDistributionPoints: readonly string[];
	readonly ocsp: readonly string[];
	readonly caIssuers: readonly string[];
}

/** A subject → issuer link that was considered. */
export interface ChainEdge {
	/** Node id of the issued certificate. */
	readonly from: string;
	/** Node id of the issuer candidate. */
	readonly to: string;
	readonly match: EdgeMatch;
	readonly signature: SignatureStatus;
	/** e.g. `sha256WithRSAEncryption` or `unsupported signature algorithm md5WithRSAEncryption`. */
	readonly signatureDetail: string;
}

/** One certificate in one chain; depth 0 is the leaf. */
export interface ChainElement {
	readonly depth: number;
	readonly node: string;
	/** Index into {@link ChainResult.edges} of the link to the next element; null at the top. */
	readonly edge: number | null;
	readonly status: readonly ElementStatus[];
}

/** A chain's overall state: `trusted` means complete, anchored and without error-level findings. */
export type ChainVerdictKind = 'trusted' | 'untrustedRoot' | 'partial' | 'invalid';

/** One candidate chain, leaf first. */
export interface ChainPath {
	readonly elements: readonly ChainElement[];
	readonly verdict: ChainVerdictKind;
	readonly trusted: boolean;
	/** Union of the error-level flags of every element. */
	readonly errorFlags: readonly TrustFlag[];
	/** Union of the warning-level flags. */
	readonly warningFlags: readonly TrustFlag[];
	/** `dwErrorStatus` of the error-level flags (what CertGetCertificateChain would put in TrustStatus). */
	readonly errorStatus: number;
	/** Depths with an error-level finding, ascending. */
	readonly failingDepths: readonly number[];
	/** The preference key (see rank.ts), for display: higher wins, compared left to right. */
	readonly rankKey: readonly number[];
}

/** A partial chain's missing link: the issuer DN to find, and where to fetch it by hand. */
export interface MissingIssuer {
	/** Node id of the certificate whose issuer is missing. */
	readonly node: string;
	readonly issuer: string;
	readonly issuerWindows: string;
	readonly authorityKeyId: string | null;
	/** AIA caIssuers URLs of that certificate: download the CA certificate there (by hand; this tool never goes online). */
	readonly caIssuers: readonly string[];
	/** Certificates that almost match: same text but different name bytes, or the right key ID under another name. */
	readonly nearMisses: readonly { readonly node: string; readonly subject: string; readonly reason: string }[];
}

/** The overall answer. */
export interface ChainVerdict {
	readonly trusted: boolean;
	readonly kind: ChainVerdictKind;
	/** One plain sentence. */
	readonly summary: string;
	/** Error flags of the best chain. */
	readonly flags: readonly TrustFlag[];
	readonly failingDepths: readonly number[];
}

/** Everything a chain view needs, as plain JSON. */
export interface ChainResult {
	readonly schemaVersion: 1;
	/** Node id of the leaf. */
	readonly leaf: string;
	readonly purpose: ChainPurpose;
	/** The rule set the verdict follows. */
	readonly profile: ChainProfile;
	/** The host name or IP address the leaf was checked against, when one was given. */
	readonly peerName?: PeerName;
	/** The relying party's limit on intermediate CAs (self-issued ones not counted), when one was given. */
	readonly maxChainDepth?: number;
	/** The Public Suffix List file the `webpki` wildcard rule used, when one was given. */
	readonly publicSuffixList?: string;
	/** ISO 8601 time the chains were validated at. */
	readonly at: string;
	readonly verdict: ChainVerdict;
	readonly nodes: readonly ChainNode[];
	readonly edges: readonly ChainEdge[];
	/** Best first (index 0 is the chain Windows would pick, by the documented preference rule); the rest are alternatives. */
	readonly chains: readonly ChainPath[];
	readonly missingIssuers: readonly MissingIssuer[];
	/** True when the search stopped at a limit (depth or number of chains). */
	readonly truncated: boolean;
	/** Work limits that were hit (candidate issuers, signature checks, name-constraint comparisons, time), in words. */
	readonly limitsHit: readonly string[];
}
