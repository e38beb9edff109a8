/** The case model: the machine(s) under diagnosis and their artefacts (issue 10). */
export * from './types';
export { buildCase, buildMachine, storeRoleFromName, windowsIn, type BuildCaseOptions } from './build';
export { CASE_FILE, CASE_FOLDER_DEPTH, isCaseFileName, planFolder, type FolderEntry, type FolderPlan } from './folders';
export { parseManifest, type MachineManifest } from './manifest';
export { bindingFacts, decodeText, parseNetshSslCert, type SslCertBinding } from './netsh';
