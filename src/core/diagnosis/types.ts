/** What the diagnosis engine answers about a case: findings, per-client outcomes and fix plans (issue 10). */
import type { Place } from '../case/types';
import type { RemovalReason } from '../issuers/planner';
import type { IssuerListResult } from '../issuers/types';

/** How sure a finding is: seen in a capture, stated by Microsoft, reasoned from documented facts, or estimated. */
export type Confidence = 'observed' | 'documented' | 'inferred' | 'estimate';

export type FindingSeverity = 'error' | 'warning' | 'info';

/** One finding of the engine. `code` is stable (docs/doctor.md lists them). */
export interface Finding {
	readonly code: string;
	readonly severity: FindingSeverity;
	readonly confidence: Confidence;
	/** The machine it is about, by name. */
	readonly machine?: string;
	readonly message: string;
	/** The artefacts and places it rests on. */
	readonly evidence: readonly Place[];
	/** When the answer is unknown: the artefact that would decide it. */
	readonly decide?: string;
}

/** The trusted issuer list of one server, as far as the case can tell. */
export interface IssuerAnswer {
	readonly machine: string;
	readonly windows?: string;
	/** Whether the server sends a list at all. */
	readonly sent: 'yes' | 'no' | 'unknown';
	/** Which store feeds it. */
	readonly store: string;
	/** 'unknown' when an input the verdict needs is missing, damaged or cut. */
	readonly verdict: 'over' | 'at-risk' | 'fits' | 'not-sent' | 'unknown';
	readonly confidence: Confidence;
	/** Names in the list computed from the store exports (before the cut). */
	readonly names: number;
	/** Bytes with 2-byte prefixes (what is compared with the limit), and with the list's own length. */
	readonly bytes: number;
	readonly withLength: number;
	/** True when a store export is cut: `names` and `bytes` are lower bounds. */
	readonly lowerBound: boolean;
	readonly limit?: number;
	/** Names cut: from the capture when it holds the list (observed), else the estimate. */
	readonly cut: { readonly count: number; readonly confidence: Confidence; readonly sha1s: readonly string[] };
	/** Names the server sends after the cut. */
	readonly sentNames: number;
	/** The list a capture shows the server sent: the ground truth. */
	readonly observed?: ObservedList;
	/** Why the verdict is unknown, and what would decide it. */
	readonly unknown?: { readonly because: string; readonly decide: string };
	/** The computed list (entries in estimated order), for reports. */
	readonly list?: IssuerListResult;
}

/** The CertificateRequest list a capture holds. */
export interface ObservedList {
	readonly file: string;
	readonly frame: number;
	readonly names: number;
	readonly bytes: number;
	/** Computed names missing from it (cut by the server). */
	readonly missing: readonly { readonly subject: string; readonly sha1: string }[];
	/** Names it holds that the store exports do not (the exports are not what the server used). */
	readonly extra: number;
	/** Entries whose sent/cut status the estimated order predicted right, of all entries. */
	readonly predictedRight: number;
	readonly predictedOf: number;
}

/** What one client certificate will do against one server. */
export interface ClientOutcome {
	readonly subject: string;
	readonly sha1: string;
	readonly file: string;
	readonly server: string;
	readonly outcome: 'offers' | 'no-certificate' | 'unknown';
	/** Stable reason code: listed, no-list, ca-cut, wrong-ca, chain-unknown, list-unknown, order-unknown. */
	readonly reasonCode: string;
	readonly reason: string;
	readonly confidence: Confidence;
	/** The CA name that was listed (offers) or cut (ca-cut). */
	readonly ca?: string;
	readonly expired?: string;
	/** When unknown: the certificate or artefact that would decide it. */
	readonly missing?: string;
}

/** One fix, as a document for review. */
export interface FixPlan {
	readonly id: 'no-list' | 'client-auth-issuer' | 'remove-roots';
	readonly machine: string;
	readonly title: string;
	readonly risk: 'low' | 'medium' | 'high';
	/** False when the plan cannot be offered; `blockedBy` says why and what to add. */
	readonly available: boolean;
	readonly blockedBy?: string;
	readonly mayBreak: readonly string[];
	readonly summary: string;
	readonly reg?: string;
	readonly powershell?: string;
	/** Plan (a): the roots it removes and the ones it keeps. */
	readonly remove?: readonly { readonly subject: string; readonly sha1: string; readonly bytes: number; readonly reasons: readonly RemovalReason[] }[];
	readonly keptNeeded?: readonly string[];
	readonly keptRequired?: readonly string[];
	readonly after?: number;
}

/** The engine's whole answer. */
export interface Diagnosis {
	/** One or two sentences: the answer first. */
	readonly headline: string;
	readonly findings: readonly Finding[];
	readonly servers: readonly IssuerAnswer[];
	readonly clients: readonly ClientOutcome[];
	readonly plans: readonly FixPlan[];
	/** What to collect next, from every unknown. */
	readonly collectNext: readonly string[];
}
