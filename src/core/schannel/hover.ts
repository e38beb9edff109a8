import * as l10n from '@vscode/l10n';
import { rangeContains } from '../reg/lineScanner';
import { describeValue } from '../reg/outline';
import type { Position, Range, RegDocument, RegKey, RegValue } from '../reg/types';
import { effectiveConfiguration, type EffectiveEntry } from './effective';
import { stateWords } from './stateWords';
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

const evidenceWords = (e: 'documented' | 'inferred' | 'wine' | 'unknown'): string =>
	e === 'documented' ? l10n.t('documented by Microsoft') : e === 'inferred' ? l10n.t('inferred, not documented') : e === 'wine' ? l10n.t('from Wine\'s implementation') : l10n.t('unknown: no source documents it');

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


function effectiveLine(entry: EffectiveEntry, os: WindowsVersion): string {
	const who = entry.role === 'both' ? '' : entry.role === 'client' ? l10n.t(' (client)') : l10n.t(' (server)');
	const by = entry.decidedBy.length ? l10n.t('decided by line {0}', entry.decidedBy.map((d) => d.line + 1).join(l10n.t(' and '))) : l10n.t('OS default');
	return l10n.t('**{0}{1} on {2}: {3}** — {4}; OS default {5}.', entry.name, who, os.name, stateWords(entry.state), by, stateWords(entry.osDefault));
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
	if (key.op === 'delete') lines.push('', l10n.t('Deletes this key and everything below it; the OS defaults apply again.'));
	if (entry) lines.push('', effectiveLine(entry, os));
	if (place.kind === 'schannel') lines.push('', l10n.t('Schannel\'s settings. On {0}, SendTrustedIssuerList defaults to {1}.', os.name, os.sendTrustedIssuerListDefault ? l10n.t('1 (the trusted issuer list is sent)') : l10n.t('0 (no list)')));
	return { range: key.range, markdown: lines.join('\n') };
}

function valueHover(doc: RegDocument, value: RegValue, place: SchannelPlace, os: WindowsVersion): HoverInfo | undefined {
	const spec = findSpec(specsFor(place), value.name);
	const lines = [`**${value.name || '(Default)'}** — ${describeValue(value)}`];
	if (!spec) {
		lines.push('', l10n.t('Schannel Lens knows no documented meaning for this value here.'));
		return { range: value.range, markdown: lines.join('\n') };
	}
	lines.push('', spec.meaning, '', l10n.t('Default on {0}: {1}.', os.name, spec.defaultText(os)));
	const entry = entryFor(place, effectiveConfiguration(doc, os));
	if (entry) lines.push('', effectiveLine(entry, os));
	if (spec.note) lines.push('', spec.note);
	lines.push('', l10n.t('Evidence: {0}. [Source]({1})', evidenceWords(spec.evidence), spec.docs));
	return { range: value.range, markdown: lines.join('\n') };
}
