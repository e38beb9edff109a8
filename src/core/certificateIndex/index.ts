/** The workspace certificate index's pure part: summaries and lookups (the vscode side lives in src/index). */
export { isClientAuthCapable, nameTitle, summarizeCertificate, validityAt, type IndexedCertificate } from './certificateSummary';
export { CertificateLookup, type PathStart } from './certificateLookup';
export { knownClientCertificates, type KnownClient } from './knownClients';
export { certificateStates, groupCertificates, STATE_WORDS, trustedRootSet, type CertificateGroupFile, type CertificateGroupMachine, type CertificateGroupStore, type CertificateState, type UnreadFile } from './certificateGroups';
