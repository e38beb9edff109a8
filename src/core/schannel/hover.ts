import { rangeContains } from '../reg/lineScanner';
import { describeValue } from '../reg/outline';
import type { Position, Range, RegDocument, RegKey, RegValue } from '../reg/types';
import { effectiveConfiguration, type EffectiveEntry } from './effective';
import {
	ALGORITHM_VALUES,
	CIPHER_SUITE_POLICY_VALUES,
	DOTNET_VALUES,
	findSpec,
	KEY_LENGTH_VALUES,
	MESSAGING_VALUES,
	PROTOCOL_VALUES,
	SCHANNEL_VALUES,
	WINHTTP_VALUES,
	type ValueSpec,
} from './knowledge';
import type { WindowsVersion } from './os';
import { classify, type SchannelPlace } from './paths';

/** Markdown for a hover, and the range it belongs to. */
export interface HoverInfo {
	readonly range: Range;
	readonly markdown: string;
}

const EVIDENCE_WORDS = { documented: 'documented by Microsoft', inferred: 'inferred, not documented', wine: 'from Wine\'s implementation', unknown: 'unknown: no source documents it' } as const;

/** Which specs apply under a key. */
function specsFor(place: SchannelPlace): readonly ValueSpec[] {
	switch (place.kind) {
		case 'schannel':
			return SCHANNEL_VALUES;
		case 'cipherSuitePolicy':
			return CIPHER_SUITE_POLICY_VALUES;
		case 'dotnet':
			return DOTNET_VALUES;
		case 'winhttp':
			return WINHTTP_VALUES;
		case 'fipsPolicy':
			return [];
		case 'below': {
			const top = place.parts[0]!.toLowerCase();
			if (top === 'protocols' && place.parts.length === 3) return PROTOCOL_VALUES;
			if (top === 'messaging') return MESSAGING_VALUES;
			if ((top === 'ciphers' || top === 'hashes' || top === 'keyexchangealgorithms') && place.parts.length === 2) return [...ALGORITHM_VALUES, ...(KEY_LENGTH_VALUES[place.parts[1]!.toLowerCase()] ?? [])];
			return [];
		}
	}
}

/** The effective-configuration row a key describes (protocol role or algorithm), if any. */
function entryFor(place: SchannelPlace, entries: EffectiveEntry[]): EffectiveEntry | undefined {
	if (place.kind !== 'below') return undefined;
	const [top, name, role] = place.parts.map((p) => p.toLowerCase());
	const group = top === 'protocols' ? 'protocol' : top === 'ciphers' ? 'cipher' : top === 'hashes' ? 'hash' : top === 'keyexchangealgorithms' ? 'keyExchange' : undefined;
	if (!group || !name) return undefined;
	return entries.find((e) => e.group === group && e.name.toLowerCase() === name && (group !== 'protocol' || e.role === role));
}

function stateWords(s: string): string {
	return s === 'disabledByDefault' ? 'disabled by default' : s === 'notSupported' ? 'not supported' : s;
}

function effectiveLine(entry: EffectiveEntry, os: WindowsVersion): string {
	const who = entry.role === 'both' ? '' : ` (${entry.role})`;
	const by = entry.decidedBy.length ? `decided by line ${entry.decidedBy.map((d) => d.line + 1).join(' and ')}` : 'OS default';
	return `**${entry.name}${who} on ${os.name}: ${stateWords(entry.state)}** — ${by}; OS default ${stateWords(entry.osDefault)}.`;
}

/** Hover text for a key or value line of a `.reg` file, for the target OS. */
export function hoverForPosition(doc: RegDocument, position: Position, os: WindowsVersion): HoverInfo | undefined {
	for (const key of doc.keys) {
		if (position.line < key.range.start.line || position.line > Math.max(key.endLine, key.range.end.line)) continue;
		const place = classify(key.root, key.subPath);
		if (!place) return undefined;
		if (rangeContains(key.range, position)) return keyHover(doc, key, place, os);
		const value = key.values.find((v) => rangeContains(v.range, position));
		if (value) return valueHover(doc, value, place, os);
	}
	return undefined;
}

function keyHover(doc: RegDocument, key: RegKey, place: SchannelPlace, os: WindowsVersion): HoverInfo | undefined {
	const entry = entryFor(place, effectiveConfiguration(doc, os));
	const lines = [`\`${key.path}\``];
	if (key.op === 'delete') lines.push('', 'Deletes this key and everything below it; the OS defaults apply again.');
	if (entry) lines.push('', effectiveLine(entry, os));
	if (place.kind === 'schannel') lines.push('', `Schannel's settings. On ${os.name}, SendTrustedIssuerList defaults to ${os.sendTrustedIssuerListDefault ? '1 (the trusted issuer list is sent)' : '0 (no list)'}.`);
	return { range: key.range, markdown: lines.join('\n') };
}

function valueHover(doc: RegDocument, value: RegValue, place: SchannelPlace, os: WindowsVersion): HoverInfo | undefined {
	const spec = findSpec(specsFor(place), value.name);
	const lines = [`**${value.name || '(Default)'}** — ${describeValue(value)}`];
	if (!spec) {
		lines.push('', 'Schannel Lens knows no documented meaning for this value here.');
		return { range: value.range, markdown: lines.join('\n') };
	}
	lines.push('', spec.meaning, '', `Default on ${os.name}: ${spec.defaultText(os)}.`);
	const entry = entryFor(place, effectiveConfiguration(doc, os));
	if (entry) lines.push('', effectiveLine(entry, os));
	if (spec.note) lines.push('', spec.note);
	lines.push('', `Evidence: ${EVIDENCE_WORDS[spec.evidence]}. [Source](${spec.docs})`);
	return { range: value.range, markdown: lines.join('\n') };
}
