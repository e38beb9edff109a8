export * from './types';
export { computeIssuerList, cutUnder, registryOrder, type IssuerListOptions } from './compute';
export { judgeClients, type ClientCertificate, type ClientVerdict } from './clients';
export { clientCertificatesFrom, storeCertificatesFrom } from './fromCertificates';
export { clientsAfterRemoval, planRootRemoval, type RemovalCandidate, type RemovalReason, type RootRemovalPlan } from './planner';
export { isRequiredRoot, REQUIRED_ROOTS, REQUIRED_ROOTS_SOURCE } from './required';
export { certificateBlob, clientAuthIssuerReg, noListReg, registryKeyOf, rootRemovalPowerShell, rootRemovalReg } from './documents';
export { diffSnapshots, type SnapshotEntry, type SnapshotDiff } from './diff';
