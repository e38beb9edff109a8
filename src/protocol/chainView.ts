import type { ChainPurpose, ChainResult } from '../core/chain/types';

export type { ChainResult, ChainPurpose };

/** Host → webview: the chains to draw, and what they were built from. */
export type ToChainView = { readonly type: 'chains'; readonly result: ChainResult; readonly anchorsNote: string; readonly leafLabel: string };

/** Webview → host. */
export type FromChainView =
	| { readonly type: 'ready' }
	| { readonly type: 'openCertificate'; readonly node: string }
	| { readonly type: 'revalidate'; readonly purpose: ChainPurpose; readonly at: string }
	| { readonly type: 'exportSvg'; readonly svg: string }
	/** Pick the files whose certificates are the trust anchors (a Root store export or bundle). */
	| { readonly type: 'chooseAnchors' };

/** What the chain view keeps when hidden. */
export interface ChainViewState {
	readonly scrollX: number;
	readonly scrollY: number;
}
