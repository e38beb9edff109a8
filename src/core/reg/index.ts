export * from './types';
export { decodeRegBytes, looksBinary } from './encoding';
export { parseRegBytes, parseRegText } from './parser';
export { buildOutline, describeValue, typeName, type OutlineNode } from './outline';
export { ROOT_KEYS, ROOT_ABBREVIATIONS, splitRoot } from './roots';
export { escapeRegString, hexData, toWriteValue, writeReg, type WriteKey, type WriteValue } from './writer';
