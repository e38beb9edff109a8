/** Chain engine for Schannel Lens: build every candidate chain, validate each element, rank like CryptoAPI, explain in CERT_TRUST terms. */
export { TRUST_FLAGS, trustFlagInfo, trustStatusValue, type TrustFlag, type TrustFlagInfo, type TrustInfoFlag } from './trustStatus';
export type { ChainEdge, ChainElement, ChainNode, ChainPath, ChainProfile, ChainPurpose, ChainResult, PeerName, ChainSeverity, ChainVerdict, ChainVerdictKind, EdgeMatch, ElementStatus, MissingIssuer, SignatureStatus } from './types';
export { CertificatePool, type PoolEntry } from './pool';
export { findPaths, issuerCandidates, matchKind, type PathEnd, type PathLimits, type RawPath } from './build';
export { SignatureChecker, type ChainAlgorithm, type ChainCrypto, type SignatureCheck } from './signature';
export { decodePssParams, ecdsaDerToP1363, signedParts, subjectPublicKeyInfo, type PssParams, type SignedParts } from './signedParts';
export { checkNameConstraints, constraintSyntax, ipBytes, NAME_CHECK_MAX, type NameCheckBudget, type NameConstraintFinding } from './nameConstraints';
export { CHAIN_PROFILES, isStrict, lenient } from './profile';
export { br, canonicalIp, webpkiRules, type WebPkiContext } from './webpki';
export { parsePublicSuffixList, type PublicSuffixList } from './publicSuffix';
export { isDnsName, isMailbox, profileRules, type Role } from './rfc5280';
export { checkPeerName, dnsNameMatches, parsePeerName } from './peerName';
export { checkRevocation, crlProfileNotes, parseCrls, type Crl, type RevocationCheck } from './crl';
export { compareRank, rankKey } from './rank';
export { PURPOSE_EKU } from './checks';
export type { RevocationMode } from './validate';
export { buildChains, MAX_SIGNATURES, type ChainOptions, type ChainVerifier } from './engine';
