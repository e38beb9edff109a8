import type { IssuerReport } from '../core/issuers/report';

export type { IssuerReport };

/** Documents the report can open: plan (a) as .reg or PowerShell, plan (b), plan (c), or the DN list as text. */
export type PlanDocument = 'remove-roots' | 'remove-roots-ps1' | 'no-list' | 'client-auth-issuer' | 'dn-list';

/** What a report was made from, kept by the webview so the panel is made again after a reload (URIs as strings). */
export type IssuerReportRestore =
	/** Exactly these store and client files (tests, scripted use). */
	| { readonly kind: 'files'; readonly sources: readonly string[]; readonly clients: readonly string[]; readonly targetOs?: string }
	/** A server of the case: the file it was asked for (its folder is the machine), else the workspace's case. */
	| { readonly kind: 'machine'; readonly machine: string; readonly file?: string };

/** Host → webview. */
export type ToIssuerReport = { readonly type: 'report'; readonly title: string; readonly report: IssuerReport; readonly restore?: IssuerReportRestore };

/** Webview → host. */
export type FromIssuerReport = { readonly type: 'ready' } | { readonly type: 'open'; readonly document: PlanDocument };

/** What the webview keeps when hidden. */
export interface IssuerReportState {
	readonly scrollY: number;
	readonly showOnlyCut: boolean;
	/** The subject, for the panel serializer. */
	readonly restore?: IssuerReportRestore;
}
