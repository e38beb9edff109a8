/**
 * Dates and times as Schannel Lens shows them (issue 15): ISO 8601 in UTC, `2026-03-02T08:15:04Z`, with the
 * viewer's local time beside where it helps. A time whose zone the input does not say (Event Viewer's CSV and text
 * exports write the exporting machine's local time) is never passed off as UTC: it is marked as local.
 */
import * as l10n from '@vscode/l10n';

const p2 = (n: number): string => String(Math.trunc(n)).padStart(2, '0');

/** `2026-03-02T08:15:04Z` (seconds); `2026-03-02T08:15:04.046Z` with `ms`. An invalid date gives ''. */
export function isoUtc(d: Date, options: { readonly ms?: boolean } = {}): string {
	if (Number.isNaN(d.getTime())) return '';
	const iso = d.toISOString();
	return options.ms ? iso : iso.replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The same instant on the viewer's clock: `2026-03-02 09:15 local (UTC+01:00)`. `offsetMinutes` east of UTC
 * (a test passes it; by default the environment's zone for that date). An invalid date gives ''.
 */
export function localText(d: Date, offsetMinutes = -d.getTimezoneOffset()): string {
	if (Number.isNaN(d.getTime())) return '';
	const t = new Date(d.getTime() + offsetMinutes * 60_000);
	const sign = offsetMinutes < 0 ? '-' : '+';
	const off = Math.abs(offsetMinutes);
	return l10n.t('{0} local (UTC{1})', `${t.getUTCFullYear()}-${p2(t.getUTCMonth() + 1)}-${p2(t.getUTCDate())} ${p2(t.getUTCHours())}:${p2(t.getUTCMinutes())}`, `${sign}${p2(off / 60)}:${p2(off % 60)}`);
}

/** `2026-03-02T08:15:04Z (2026-03-02 09:15 local (UTC+01:00))`; the local part is left out when the zone is UTC. */
export function isoUtcWithLocal(d: Date, offsetMinutes = -d.getTimezoneOffset()): string {
	const utc = isoUtc(d);
	if (!utc || offsetMinutes === 0) return utc;
	return `${utc} (${localText(d, offsetMinutes)})`;
}

/**
 * An event's TimeCreated for display: a UTC time (`…Z`, as .evtx and Event Viewer XML give it, 7 fraction digits)
 * as ISO 8601 UTC to the millisecond; a time without a zone (CSV/text exports) as `2026-03-02T08:15:04 (local
 * time of the export)`, because its zone is unknown. '' stays ''.
 */
export function eventTimeText(time: string): string {
	if (time === '') return '';
	const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})?$/.exec(time.trim());
	if (!m) return time;
	const fraction = m[3] ? `.${m[3].slice(0, 3).padEnd(3, '0')}` : '';
	if (!m[4]) return l10n.t('{0} (local time of the export)', `${m[1]}T${m[2]}${fraction}`);
	const d = new Date(`${m[1]}T${m[2]}${fraction}${m[4]}`);
	return isoUtc(d, { ms: fraction !== '' });
}
