/** Serialized store elements: `.sst` files (CERT_STORE_SAVE_AS_STORE) and registry `Blob` values. */
import * as l10n from '@vscode/l10n';
import { errorAt, warningAt, type X509Problem, type X509Result } from './problems';
import { decodePropertyValue, propertyName, type PropertyValue } from './storeProperties';

/** One property entry {propId, encodingType, length, value}. */
export interface StoreProperty {
	readonly id: number;
	/** E.g. `FRIENDLY_NAME`. */
	readonly name: string;
	/** Byte offset of the 12-byte entry header. */
	readonly offset: number;
	readonly value: Uint8Array;
	readonly decoded: PropertyValue;
}

/** One store element: its properties plus the encoded certificate, CRL or CTL (entry 32/33/34). */
export interface SerializedElement {
	readonly kind: 'certificate' | 'crl' | 'ctl';
	/** Offset of the element's first entry. */
	readonly offset: number;
	/** Offset of the encoded context bytes (after the 12-byte header of entry 32/33/34). */
	readonly contextOffset: number;
	readonly encoded: Uint8Array;
	readonly properties: readonly StoreProperty[];
}

const KINDS: Record<number, SerializedElement['kind']> = { 32: 'certificate', 33: 'crl', 34: 'ctl' };

/** True when the bytes start with the serialized-store header `00000000 'CERT'`. */
export function looksLikeSst(bytes: Uint8Array): boolean {
	return bytes.length >= 8 && bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0 && bytes[3] === 0 && bytes[4] === 0x43 && bytes[5] === 0x45 && bytes[6] === 0x52 && bytes[7] === 0x54;
}

/** True when the bytes start like a serialized element: a property ID 1…0xFFFF and encoding type 1. */
export function looksLikeBlob(bytes: Uint8Array): boolean {
	if (bytes.length < 12) return false;
	const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const id = dv.getUint32(0, true);
	return id >= 1 && id <= 0xffff && dv.getUint32(4, true) === 1;
}

interface Entry {
	id: number;
	offset: number;
	value: Uint8Array;
}

/** Reads 12-byte-header entries from `start` until the end, a zero ID, or a broken header. */
function readEntries(bytes: Uint8Array, start: number, problems: X509Problem[]): { entries: Entry[]; terminated: boolean } {
	const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const entries: Entry[] = [];
	let o = start;
	while (o < bytes.length) {
		if (o + 12 > bytes.length) {
			if (bytes.subarray(o).some((b) => b !== 0)) problems.push(errorAt(o, l10n.t('truncated entry header: {0} bytes left, 12 needed', bytes.length - o)));
			return { entries, terminated: false };
		}
		const id = dv.getUint32(o, true);
		const enc = dv.getUint32(o + 4, true);
		const len = dv.getUint32(o + 8, true);
		if (id === 0) return { entries, terminated: true };
		if (len > bytes.length - o - 12) {
			problems.push(errorAt(o + 8, l10n.t('entry {0} claims {1} bytes but only {2} remain', propertyName(id), len, bytes.length - o - 12)));
			return { entries, terminated: false };
		}
		if (enc !== 1) problems.push(warningAt(o + 4, l10n.t('entry {0} has encoding type {1}, expected 1 (X509_ASN_ENCODING); Wine rejects it', propertyName(id), enc)));
		if (id > 0xffff) problems.push(warningAt(o, l10n.t('property ID {0} is above 0xFFFF', id)));
		entries.push({ id, offset: o, value: bytes.subarray(o + 12, o + 12 + len) });
		o += 12 + len;
	}
	return { entries, terminated: false };
}

function toProperty(e: Entry): StoreProperty {
	return { id: e.id, name: propertyName(e.id), offset: e.offset, value: e.value, decoded: decodePropertyValue(e.id, e.value) };
}

/** Groups entries into elements: properties first, then the context entry that closes the element. */
function groupElements(entries: Entry[], problems: X509Problem[], anyOrder: boolean): SerializedElement[] {
	const elements: SerializedElement[] = [];
	let pending: Entry[] = [];
	for (const e of entries) {
		const kind = KINDS[e.id];
		if (!kind) {
			pending.push(e);
			continue;
		}
		if (anyOrder && elements.length > 0) {
			problems.push(warningAt(e.offset, l10n.t('more than one context entry in a single Blob: only the first is used')));
			continue;
		}
		elements.push({ kind, offset: pending[0]?.offset ?? e.offset, contextOffset: e.offset + 12, encoded: e.value, properties: pending.map(toProperty) });
		pending = [];
	}
	if (pending.length > 0) {
		if (anyOrder && elements.length === 1) {
			const el = elements[0]!;
			elements[0] = { ...el, properties: [...el.properties, ...pending.map(toProperty)] };
		} else problems.push(warningAt(pending[0]!.offset, l10n.t('{0} property entries are not followed by a certificate/CRL/CTL entry', pending.length)));
	}
	return elements;
}

/**
 * Parses a serialized store (`.sst`): header `00000000 'CERT'`, elements, then a zero terminator.
 * @example parseSerializedStore(sstBytes).value.filter((e) => e.kind === 'certificate').length
 */
export function parseSerializedStore(bytes: Uint8Array): X509Result<SerializedElement[]> {
	const problems: X509Problem[] = [];
	if (!looksLikeSst(bytes)) {
		problems.push(errorAt(0, l10n.t('not a serialized store: the file does not start with 00 00 00 00 43 45 52 54 ("CERT")')));
		return { value: [], problems };
	}
	const { entries, terminated } = readEntries(bytes, 8, problems);
	if (!terminated && !problems.some((p) => p.severity === 'error')) problems.push(warningAt(bytes.length, l10n.t('serialized store has no zero terminator entry')));
	return { value: groupElements(entries, problems, false), problems };
}

/**
 * Parses one registry `Blob` value (a single serialized element; Wine accepts the context entry anywhere).
 * @example parseSerializedElement(blob).value?.encoded // the certificate DER
 */
export function parseSerializedElement(bytes: Uint8Array): X509Result<SerializedElement | undefined> {
	const problems: X509Problem[] = [];
	if (bytes.length === 0) return { value: undefined, problems: [errorAt(0, l10n.t('empty Blob'))] };
	const { entries } = readEntries(bytes, 0, problems);
	const elements = groupElements(entries, problems, true);
	if (elements.length === 0 && !problems.some((p) => p.severity === 'error')) problems.push(errorAt(0, l10n.t('Blob has no certificate entry (property 32)')));
	return { value: elements[0], problems };
}
