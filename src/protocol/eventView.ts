/** Messages and view model of the event log editor webview (types only: the host builds, the webview renders). */
import type { Capi2Chain, EventExplanation } from '../core/events';

export type { Capi2Chain, EventExplanation };

/** One row of the table (small: the details are sent on selection). */
export interface EventRowView {
	/** Position in the file's order (stable while reading: rows are only appended). */
	readonly index: number;
	readonly record: number;
	readonly time: string;
	readonly provider: string;
	readonly id: number;
	readonly level: number;
	/** `Error`, `Warning`, … */
	readonly levelName: string;
	/** `schannel`, `capi2` or '' (Schannel and CAPI2 events are listed first by default). */
	readonly family: 'schannel' | 'capi2' | '';
	/** The knowledge base's title, else ''. */
	readonly title: string;
	/** Decoded fields in one line (alert names, chain subjects), or the first data values. */
	readonly summary: string;
	/** A CAPI2 event 11 with a chain ("Show as chain"). */
	readonly hasChain: boolean;
}

export type EventStatus = 'parsing' | 'done' | 'cancelled' | 'error';

export interface EventHeaderView {
	readonly fileName: string;
	readonly format: string;
	readonly status: EventStatus;
	readonly summaryText: string;
	/** The first problems (damage with offsets). */
	readonly problems: readonly string[];
}

/** What the webview shows for the selected event. */
export interface EventDetailView {
	readonly row: EventRowView;
	readonly channel: string;
	readonly computer: string;
	readonly explanation: Omit<EventExplanation, 'provider' | 'id'> | null;
	readonly chain: Capi2Chain | null;
	/** EventData/UserData as indented XML-like lines. */
	readonly dataLines: readonly string[];
	readonly message: string;
}

export interface EventModel {
	readonly header: EventHeaderView;
	readonly rows: readonly EventRowView[];
}

/** Host → webview. */
export type ToEventView =
	| { readonly type: 'reset'; readonly model: EventModel }
	| { readonly type: 'append'; readonly rows: readonly EventRowView[] }
	| { readonly type: 'header'; readonly header: EventHeaderView }
	| { readonly type: 'details'; readonly detail: EventDetailView };

/** Webview → host. */
export type FromEventView =
	| { readonly type: 'ready' }
	| { readonly type: 'select'; readonly index: number }
	| { readonly type: 'showChain'; readonly index: number }
	| { readonly type: 'reopenAsText' };

/** What the webview keeps when hidden. */
export interface EventViewState {
	readonly filter: { readonly provider: string; readonly id: string; readonly level: string; readonly text: string; readonly knownFirst: boolean };
	readonly selected: number | null;
	readonly scrollTop: number;
}
