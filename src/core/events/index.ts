/** Windows event logs (`.evtx`) and Event Viewer exports (XML, CSV, TXT): read as a stream, explained. */
export * from './types';
export { EvtxReader, readEvtx, isEvtx, eventFromXml, type EvtxSummary, type EvtxHeaderInfo, type EvtxReaderOptions } from './evtx';
export { XmlExportReader, DelimitedExportReader, exportTime, type ExportReaderOptions } from './exports';
export { crc32 } from './crc32';
export { capi2Chain, capi2Hex, capi2StatusAttributeNames, findNode, hresultText, trustFlagNames, TRUST_ERROR_FLAGS, TRUST_INFO_FLAGS, type Capi2Chain, type Capi2ChainElement } from './capi2';
export { alertCode, eventDataValues, eventKnowledge, explainEvent, knownProvider, EVENT_KNOWLEDGE, type EventExplanation, type EventKnowledge, type Evidence, type ExplainedField } from './knowledge';
export { summarizeSchannelEvidence, type SchannelEvidence, type TimedCount } from './evidence';
export { detectEventFormat, createEventReader, readEventFile, type EventStreamReader } from './read';
export { compareWithWindows, type ChainComparison, type ChainComparisonRow } from './compare';
