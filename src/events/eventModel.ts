/** Event records → the rows and details the event log editor's webview draws (words via @vscode/l10n, as the core's). */
import * as l10n from '@vscode/l10n';
import { capi2Chain, eventDataValues, explainEvent, knownProvider, type EventNode, type EventRecord } from '../core/events';
import type { EventDetailView, EventRowView } from '../protocol/eventView';
import { eventTimeText } from '../core/text/time';

/** Level names as Event Viewer shows them, in the display language. */
function levelName(level: number): string {
	switch (level) {
		case 0:
			return 'LogAlways';
		case 1:
			return l10n.t('Critical');
		case 2:
			return l10n.t('Error');
		case 3:
			return l10n.t('Warning');
		case 4:
			return l10n.t('Information');
		case 5:
			return l10n.t('Verbose');
		default:
			return l10n.t('Level {0}', level);
	}
}

/** The table row of an event. */
export function eventRow(e: EventRecord, index: number): EventRowView {
	const x = explainEvent(e);
	const chain = capi2Chain(e);
	const p = knownProvider(e.provider);
	let summary: string;
	if (chain) summary = chain.elements.map((el) => el.subject).join(' ← ');
	else if (x && x.fields.length) summary = x.fields.map((f) => `${f.name} ${f.text}`).join('; ');
	else summary = eventDataValues(e.data).map((v) => v.value).filter((v) => v !== '').slice(0, 4).join(' · ') || (e.message ?? '').slice(0, 160);
	return {
		index,
		record: e.record,
		time: eventTimeText(e.time),
		provider: e.provider,
		id: e.id,
		level: e.level,
		levelName: levelName(e.level),
		family: p === 'Schannel' ? 'schannel' : p === 'CAPI2' ? 'capi2' : '',
		title: x?.title ?? '',
		summary: summary.length > 300 ? `${summary.slice(0, 299)}…` : summary,
		hasChain: chain !== undefined,
	};
}

function xmlLines(n: EventNode, depth: number, out: string[]): void {
	if (out.length > 2000) return;
	const pad = '  '.repeat(depth);
	const attrs = Object.entries(n.attributes).map(([k, v]) => ` ${k}="${v}"`).join('');
	const text = n.text.trim();
	if (n.children.length === 0) out.push(text ? `${pad}<${n.name}${attrs}>${text}</${n.name}>` : `${pad}<${n.name}${attrs}/>`);
	else {
		out.push(`${pad}<${n.name}${attrs}>${text}`);
		for (const c of n.children) xmlLines(c, depth + 1, out);
		out.push(`${pad}</${n.name}>`);
	}
}

/** The details of an event: explanation, chain, data as XML-like lines. */
export function eventDetail(e: EventRecord, index: number): EventDetailView {
	const x = explainEvent(e);
	const lines: string[] = [];
	if (e.data) xmlLines(e.data, 0, lines);
	let explanation: EventDetailView['explanation'] = null;
	if (x) {
		const { provider: _p, id: _i, ...rest } = x;
		explanation = rest;
	}
	return { row: eventRow(e, index), channel: e.channel, computer: e.computer, explanation, chain: capi2Chain(e) ?? null, dataLines: lines, message: e.message ?? '' };
}
