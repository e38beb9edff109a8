import type { ChainProfile, ChainPurpose, ChainResult } from '../core/chain/types';
import type { Capi2Chain, ChainComparison } from '../core/events';

export type { ChainResult, ChainProfile, ChainPurpose };

/** Windows's own chain for the same certificate (a CAPI2 event 11), compared with the one drawn. */
export interface WindowsChainView {
	/** Where it comes from, e.g. `CAPI2.evtx · record 88412`. */
	readonly label: string;
	readonly chain: Capi2Chain;
	readonly comparison: ChainComparison;
}

/** What the host needs to draw a chain panel again after a reload (kept in the webview's state). */
export interface ChainRestore {
	/** The leaf: a file URI and the certificate's index in it, or certificates as sent (base64 DER, leaf first). */
	readonly leaf: { readonly uri: string; readonly index: number } | { readonly label: string; readonly der: readonly string[] };
	readonly purpose: ChainPurpose;
	readonly at?: string;
	/** Anchor files the user chose with "Trust anchors…" (URIs). */
	readonly anchors?: readonly string[];
	/** The rule set and the host name checked (issue 12). */
	readonly profile?: ChainProfile;
	readonly host?: string;
	readonly hostSource?: string;
}

/**
 * Host → webview: the chains to draw, and what they were built from. `hostNote` says where the checked host name
 * came from (e.g. the capture's SNI), or that none was checked; `windows` is Windows's chain beside it; `restore`
 * is what the panel needs after a reload.
 */
export type ToChainView = { readonly type: 'chains'; readonly result: ChainResult; readonly anchorsNote: string; readonly leafLabel: string; readonly hostNote: string; readonly windows?: WindowsChainView; readonly restore: ChainRestore };

/** Webview → host. */
export type FromChainView =
	| { readonly type: 'ready' }
	| { readonly type: 'openCertificate'; readonly node: string }
	/** Build again with these settings; `host` is a DNS name or IP address to check the leaf against ('' for none). */
	| { readonly type: 'revalidate'; readonly purpose: ChainPurpose; readonly at: string; readonly profile: ChainProfile; readonly host: string }
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
