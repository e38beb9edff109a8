/**
 * Windows's chain (CAPI2 event 11) beside the chain Schannel Lens builds from the workspace's certificates:
 * element by element, the certificates and the `CERT_TRUST_*` error flags, and where they differ, in words.
 */
import * as l10n from '@vscode/l10n';
import type { ChainResult } from '../chain/types';
import { trustFlagInfo } from '../chain/trustStatus';
import { TRUST_ERROR_FLAGS, trustFlagNames, type Capi2Chain } from './capi2';

/** One depth of the comparison (0 = the leaf). */
export interface ChainComparisonRow {
	depth: number;
	windows: { thumbprint: string; subject: string; errorStatus: number; errors: string[] } | null;
	ours: { thumbprint: string; subject: string; errorStatus: number; errors: string[] } | null;
	/** Same certificate and same error flags. */
	same: boolean;
	/** What differs, in words ('' when nothing). */
	difference: string;
}

export interface ChainComparison {
	agree: boolean;
	/** One sentence. */
	summary: string;
	rows: ChainComparisonRow[];
}

/** Flags Windows sets from network lookups Schannel Lens never makes (it works offline). */
const ONLINE_ONLY = new Set(['CERT_TRUST_REVOCATION_STATUS_UNKNOWN', 'CERT_TRUST_IS_OFFLINE_REVOCATION', 'CERT_TRUST_IS_REVOKED']);

/**
 * Compares Windows's chain with the best chain of `result`.
 * @example compareWithWindows(capi2Chain(event)!, chainResult).agree
 */
export function compareWithWindows(windows: Capi2Chain, result: ChainResult): ChainComparison {
	const best = result.chains[0];
	const nodes = new Map(result.nodes.map((n) => [n.id, n]));
	const ours = (best?.elements ?? []).map((el) => {
		const node = nodes.get(el.node);
		const errors = el.status.filter((s) => s.severity === 'error' || s.severity === 'warning').flatMap((s) => (trustFlagInfo(s.flag).kind === 'error' ? [trustFlagInfo(s.flag)] : []));
		let status = 0;
		for (const e of errors) status |= e.value;
		return { thumbprint: node?.sha1.toUpperCase() ?? '', subject: node?.subjectWindows ?? '', errorStatus: status >>> 0, errors: errors.map((e) => e.windows) };
	});
	const rows: ChainComparisonRow[] = [];
	const depth = Math.max(windows.elements.length, ours.length);
	for (let d = 0; d < depth; d++) {
		const w = windows.elements[d];
		const o = ours[d];
		const wv = w ? { thumbprint: w.thumbprint, subject: w.subject, errorStatus: w.errorStatus, errors: trustFlagNames(w.errorStatus, TRUST_ERROR_FLAGS) } : null;
		let difference = '';
		if (!wv) difference = l10n.t('Schannel Lens\'s chain goes one level further ({0}) than Windows\'s.', o!.subject);
		else if (!o) difference = l10n.t('Windows\'s chain has {0} here; Schannel Lens\'s chain ends before it (the certificate is not in the workspace, or not an anchor there).', w!.subject);
		else if (wv.thumbprint !== o.thumbprint) difference = l10n.t('Different certificates: Windows used {0} ({1}), Schannel Lens {2} ({3}).', wv.thumbprint, wv.subject, o.thumbprint, o.subject);
		else {
			const onlyWindows = wv.errors.filter((f) => !o.errors.includes(f));
			const onlyOurs = o.errors.filter((f) => !wv.errors.includes(f));
			const parts: string[] = [];
			if (onlyWindows.length) parts.push(l10n.t('Windows reports {0}{1}', onlyWindows.join(', '), onlyWindows.every((f) => ONLINE_ONLY.has(f)) ? l10n.t(' (from its revocation lookup; Schannel Lens never goes online)') : ''));
			if (onlyOurs.length) parts.push(l10n.t('Schannel Lens reports {0}{1}', onlyOurs.join(', '), onlyOurs.includes('CERT_TRUST_IS_UNTRUSTED_ROOT') ? l10n.t(' (the root is not among the trust anchors chosen here; Windows trusted it from its Root store)') : ''));
			if (parts.length) difference = `${parts.join('; ')}.`;
		}
		rows.push({ depth: d, windows: wv, ours: o ?? null, same: difference === '', difference });
	}
	const differing = rows.filter((r) => !r.same);
	const agree = differing.length === 0;
	const summary = agree
		? l10n.t('Windows and Schannel Lens agree: the same {0} certificate(s) with the same error flags.', rows.length)
		: l10n.t('Windows and Schannel Lens differ at {0} of {1} level(s): {2}.', differing.length, rows.length, differing.map((r) => l10n.t('level {0} ({1})', r.depth, r.windows?.subject ?? r.ours?.subject ?? '?')).join(', '));
	return { agree, summary, rows };
}

