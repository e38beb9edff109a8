import type { Evidence, Range, Severity } from '../reg/types';

/** One text edit of a quick fix (core ranges; the editor converts them). */
export interface TextEditData {
	readonly range: Range;
	readonly newText: string;
}

/** A quick fix that edits the `.reg` text; the user reviews and saves it. */
export interface FixData {
	readonly title: string;
	readonly edits: readonly TextEditData[];
}

/** A finding of the Schannel rules, with the fact it rests on. */
export interface SchannelFinding {
	/** Stable rule code (docs/rules.md), e.g. `sch.wrong-type`. */
	readonly code: string;
	readonly severity: Severity;
	/** States the effect on the target Windows, not just the symptom. */
	readonly message: string;
	readonly range: Range;
	/** Whether the fact behind the rule is documented by Microsoft or inferred. */
	readonly evidence: Evidence;
	/** Where the fact is documented. */
	readonly docs: string;
	readonly fixes: readonly FixData[];
}
