/**
 * Schannel evidence a "doctor" can weigh, from events of one machine: the truncated issuer list (36885), the Root
 * store's growth through automatic root updates (CAPI2 4097) and the fatal alerts (36887/36888). Pure; no joining.
 */
import { alertName } from '../capture/tlsNames';
import { alertCode, knownProvider } from './knowledge';
import type { EventRecord } from './types';

/** A count with its first and last time. */
export interface TimedCount {
	count: number;
	/** Earliest `time` ('' when the events carry none). */
	first: string;
	last: string;
}

export interface SchannelEvidence {
	/** Schannel 36885 (KB 2464556), undefined when there is none. */
	issuerListTruncated: (TimedCount & { records: number[] }) | undefined;
	/** Roots added by the automatic root certificate update (CAPI2 4097 in the Application log). */
	rootUpdates: TimedCount;
	/** Fatal alerts received (36887) and sent (36888), in time order. */
	alerts: { time: string; id: number; code: number | null; name: string | null; record: number }[];
}

function span(events: EventRecord[]): TimedCount {
	const times = events.map((e) => e.time).filter((t) => t !== '').sort();
	return { count: events.length, first: times[0] ?? '', last: times[times.length - 1] ?? '' };
}

/**
 * Sums up the Schannel evidence of a set of events (any mix of logs and exports of one machine).
 * @example summarizeSchannelEvidence(events).issuerListTruncated?.count
 */
export function summarizeSchannelEvidence(events: Iterable<EventRecord>): SchannelEvidence {
	const truncated: EventRecord[] = [];
	const roots: EventRecord[] = [];
	const alerts: SchannelEvidence['alerts'] = [];
	for (const e of events) {
		const p = knownProvider(e.provider);
		if (p === 'Schannel') {
			if (e.id === 36885) truncated.push(e);
			else if (e.id === 36887 || e.id === 36888) {
				const code = alertCode(e);
				alerts.push({ time: e.time, id: e.id, code: code ?? null, name: code === undefined ? null : alertName(code), record: e.record });
			}
		} else if (p === 'CAPI2' && e.id === 4097) roots.push(e);
	}
	alerts.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : a.record - b.record));
	return {
		issuerListTruncated: truncated.length ? { ...span(truncated), records: truncated.map((e) => e.record).sort((a, b) => a - b) } : undefined,
		rootUpdates: span(roots),
		alerts,
	};
}
