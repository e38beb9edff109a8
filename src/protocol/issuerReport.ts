import type { IssuerReport } from '../core/issuers/report';

export type { IssuerReport };

/** Documents the report can open: plan (a) as .reg or PowerShell, plan (b), plan (c), or the DN list as text. */
export type PlanDocument = 'remove-roots' | 'remove-roots-ps1' | 'no-list' | 'client-auth-issuer' | 'dn-list';

/** Host → webview. */
export type ToIssuerReport = { readonly type: 'report'; readonly title: string; readonly report: IssuerReport };

/** Webview → host. */
export type FromIssuerReport = { readonly type: 'ready' } | { readonly type: 'open'; readonly document: PlanDocument };

/** What the webview keeps when hidden. */
export interface IssuerReportState {
	readonly scrollY: number;
	readonly showOnlyCut: boolean;
}
