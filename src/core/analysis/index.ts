export { analyzeReg, type RegAnalysisOptions, type RegFileAnalysis } from './regAnalysis';
