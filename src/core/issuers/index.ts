export * from './types';
export { computeIssuerList, cutUnder, registryOrder, type IssuerListOptions } from './compute';
export { judgeClients, type ClientCertificate, type ClientVerdict } from './clients';
