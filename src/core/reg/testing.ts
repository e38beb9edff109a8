/** Internals exposed to tests only. */
export { parseRegBytes } from './parser';
export { splitLines } from './lineScanner';
