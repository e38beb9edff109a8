/** One certificate in a store snapshot. */
export interface SnapshotEntry {
	readonly store: string;
	readonly sha1: string;
	readonly subject: string;
	/** A digest of the store properties (friendly name, EKU, …), to see changes to the same certificate. */
	readonly properties: string;
	readonly isCa: boolean;
	readonly hasPrivateKey?: boolean;
}

/** Before/after comparison of two exports of the same stores (issue 6 part 5). */
export interface SnapshotDiff {
	/** Removed, most telling first: roots, then client certificates (My), then the rest. */
	readonly removed: readonly SnapshotEntry[];
	readonly added: readonly SnapshotEntry[];
	readonly changed: readonly { readonly before: SnapshotEntry; readonly after: SnapshotEntry }[];
	readonly unchanged: number;
}

function key(e: SnapshotEntry): string {
	return `${e.store.toLowerCase()}\\${e.sha1}`;
}

function rank(e: SnapshotEntry): number {
	const s = e.store.toLowerCase();
	if (s === 'root' || s === 'authroot') return 0;
	if (s === 'my') return 1;
	return 2;
}

/**
 * Compares two snapshots. Removed roots and removed client certificates come first: KB 2416849's
 * symptom is a root (or the client certificate) that disappears from the store.
 */
export function diffSnapshots(before: readonly SnapshotEntry[], after: readonly SnapshotEntry[]): SnapshotDiff {
	const a = new Map(after.map((e) => [key(e), e]));
	const b = new Map(before.map((e) => [key(e), e]));
	const removed = before.filter((e) => !a.has(key(e))).sort((x, y) => rank(x) - rank(y) || x.subject.localeCompare(y.subject));
	const added = after.filter((e) => !b.has(key(e))).sort((x, y) => rank(x) - rank(y) || x.subject.localeCompare(y.subject));
	const changed = before.flatMap((e) => {
		const other = a.get(key(e));
		return other && other.properties !== e.properties ? [{ before: e, after: other }] : [];
	});
	const unchanged = before.filter((e) => a.get(key(e))?.properties === e.properties).length;
	return { removed, added, changed, unchanged };
}
