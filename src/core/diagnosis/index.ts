/** The diagnosis engine: one answer about a case for every surface (issue 10). */
export * from './types';
export { diagnose, issuerLineAnswer, type DiagnoseOptions } from './engine';
export { COLLECT, issuerAnswer, observedRequest } from './issuerAnswer';
export { clientOutcomes, chainNames, knownCas } from './clientOutcomes';
export { fixPlans } from './plans';
export { issuerReportFromCase } from './issuerReport';
