/**
 * A webview that says `ready` after much of its document was read gets what the document holds in slices, with a
 * yield between them. One message with every row stalled the extension host's thread: 2,774 connections of a
 * 21 MB capture are 10 MB of JSON (issue 13: no heavy work on the host's thread).
 */
const SLICE = 250;

/** Yields to the host's event loop: setImmediate in Node hosts; the web extension host (a Web Worker) has only setTimeout. */
const yieldToHost = () => new Promise<void>((r) => (typeof setImmediate === 'function' ? setImmediate(r) : setTimeout(r, 0)));

export interface CatchUpPosts<T> {
	/** Starts over with the first rows (the current header with them). */
	reset(first: readonly T[]): void;
	append(more: readonly T[]): void;
	/** Sent last, with the header as it is then. */
	header(): void;
	/** Called in the same turn as the last post: from then on the panel gets the document's own appends. */
	ready(): void;
}

/**
 * Sends `rows()` (the document's live array: replaced when it reads the file again, which starts the catch-up
 * over) until the panel has all of them; stops when `alive()` turns false.
 */
export async function catchUp<T>(rows: () => readonly T[], posts: CatchUpPosts<T>, alive: () => boolean): Promise<void> {
	let list = rows();
	let sent = Math.min(SLICE, list.length);
	posts.reset(list.slice(0, sent));
	for (;;) {
		if (!alive()) return;
		const now = rows();
		if (now !== list) {
			list = now;
			sent = Math.min(SLICE, list.length);
			posts.reset(list.slice(0, sent));
		} else if (sent >= list.length) {
			posts.header();
			return posts.ready();
		} else {
			posts.append(list.slice(sent, sent + SLICE));
			sent = Math.min(sent + SLICE, list.length);
		}
		await yieldToHost();
	}
}
