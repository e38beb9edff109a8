/** Scanning plain text (logs, .reg strings, PEM files) for DNs, thumbprints and PEM blocks; hover data. */
export { MAX_SCAN_WINDOW, scanWindow, type LineSource, type LineSpan } from './spans';
export { findDnAt, findDns } from './dnScan';
export { findThumbprintAt, type ThumbprintSpan } from './thumbprintScan';
export { CERTIFICATE_LABELS, listPemBlocks, pemBlockAt, pemBlockText, type PemLines } from './pemScan';
export { dnInfo, pemInfo, thumbprintInfo, type DnInfo, type PemCertificateSummary, type RdnRow } from './hoverInfo';
export { eventTimeText, isoUtc, isoUtcWithLocal, localText } from './time';
