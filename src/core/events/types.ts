/** Windows event log records as plain data: what the `.evtx` reader and the Event Viewer export readers produce. */

/** One element of an event's XML (EventData, UserData and their children), as a small tree. */
export interface EventNode {
	name: string;
	attributes: Record<string, string>;
	children: EventNode[];
	/** The element's own text (concatenated), '' when none. */
	text: string;
}

/** One event, whatever file it came from. */
export interface EventRecord {
	/** EventRecordID (the record number the log gave it). */
	record: number;
	/** TimeCreated as ISO 8601 UTC (`2017-05-19T02:02:36.046Z`), '' when the file does not say. */
	time: string;
	/** Provider name (`Schannel`, `Microsoft-Windows-CAPI2`), '' when unknown. */
	provider: string;
	/** Event id (without qualifiers). */
	id: number;
	/** Level: 1 critical, 2 error, 3 warning, 4 information, 0 log always, 5 verbose. */
	level: number;
	channel: string;
	computer: string;
	/** EventData or UserData as a tree (EventData's `<Data Name=…>` children), null when the event has neither. */
	data: EventNode | null;
	/** The Event Viewer's rendered message when the file carries one (exports), else undefined. */
	message?: string;
}

/** Damage or something unreadable, with where it is. */
export interface EventProblem {
	/** Byte offset in the file (for text exports: the byte offset of the line or element), null when not known. */
	offset: number | null;
	/** The record number when the problem belongs to one record. */
	record?: number;
	message: string;
}

/** The format a file was read as. */
export type EventFileFormat = 'evtx' | 'xml' | 'csv' | 'txt' | 'unknown';

/** What a whole file gave. */
export interface EventFileReport {
	format: EventFileFormat;
	events: EventRecord[];
	problems: EventProblem[];
	/** Records read (equals `events.length` unless a caller drops events on the way). */
	records: number;
}
