/** The case model: the machine(s) under diagnosis and their artefacts (issue 10). */
export * from './types';
export { buildCase, buildMachine, storeRoleFromName, windowsIn, type BuildCaseOptions } from './build';
export { parseManifest, type MachineManifest } from './manifest';
export { bindingFacts, decodeText, parseNetshSslCert, type SslCertBinding } from './netsh';
