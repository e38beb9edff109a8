import type { ChainPurpose, ChainResult } from '../core/chain/types';

export type { ChainResult, ChainPurpose };

/** Host → webview: the chains to draw, and what they were built from. */
/** What the host needs to draw a chain panel again after a reload (kept in the webview's state). */
export interface ChainRestore {
	/** The leaf: a file URI and the certificate's index in it, or certificates as sent (base64 DER, leaf first). */
	readonly leaf: { readonly uri: string; readonly index: number } | { readonly label: string; readonly der: readonly string[] };
	readonly purpose: ChainPurpose;
	readonly at?: string;
	/** Anchor files the user chose with "Trust anchors…" (URIs). */
	readonly anchors?: readonly string[];
}

export type ToChainView = { readonly type: 'chains'; readonly result: ChainResult; readonly anchorsNote: string; readonly leafLabel: string; readonly restore: ChainRestore };

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
	/** Set once the host sent a chain: the serializer rebuilds the panel from it after a reload. */
	readonly restore?: ChainRestore;
}
