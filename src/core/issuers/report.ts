import * as l10n from '@vscode/l10n';
import { toHexLower as hex } from '../crypto/hex';
import { parseRegText } from '../reg';
import type { WindowsVersion } from '../schannel/os';
import { dwordOf, SchannelState } from '../schannel/state';
import { judgeClients } from './clients';
import { computeIssuerList } from './compute';
import { clientAuthIssuerReg, noListReg, rootRemovalPowerShell, rootRemovalReg } from './documents';
import { planRootRemoval, type RemovalReason } from './planner';
import { applyCtl, ctlIndex } from './ctlStores';
import { clientsFromSources, type SourceFile } from './sources';
import type { IssuerListResult } from './types';

/** The issuer-list report: the CLI's `issuers --json` (schema 1) and the report webview's model. */
export interface IssuerReport {
	readonly schemaVersion: 1;
	readonly command: 'issuers';
	readonly targetOs: string;
	readonly store: string;
	readonly source: IssuerListResult['source'];
	readonly entries: { subject: string; sha1: string; der: string; bytes: number; cumulativeBytes: number; cut: boolean; source: string }[];
	readonly excluded: { subject: string; sha1: string; reason: string }[];
	readonly totals: IssuerListResult['totals'];
	readonly limit: number;
	readonly limitEvidence: string;
	readonly truncated: boolean;
	/** 'unknown' when the case lacks an input the verdict needs (issue 10). */
	readonly verdict: IssuerListResult['verdict'] | 'unknown';
	/** The diagnosis engine's answer, when the report was made from a case (the doctor's numbers). */
	readonly answer?: {
		readonly headline: string;
		readonly confidence: string;
		readonly cutCount: number;
		readonly cutConfidence: string;
		readonly sentNames: number;
		readonly observed?: { readonly file: string; readonly frame: number; readonly names: number; readonly bytes: number; readonly missing: number; readonly predictedRight: number; readonly predictedOf: number };
		readonly unknown?: { readonly because: string; readonly decide: string };
		/** Damaged inputs, one sentence each (file and place). */
		readonly damaged?: readonly string[];
	};
	readonly estimate: { note: string; orders: { id: string; label: string; cut: number }[] };
	readonly notes: readonly string[];
	readonly clients: { subject: string; sha1: string; offered: boolean; incomplete: boolean; reason: string; outcome?: 'offers' | 'no-certificate' | 'unknown' }[];
	readonly plans: [
		{ id: 'remove-roots'; fits: boolean; before: number; after: number; remove: { subject: string; sha1: string; bytes: number; reasons: readonly RemovalReason[] }[]; keptRequired: string[]; keptNeeded: string[]; reg: string; powershell: string; blockedBy?: string },
		{ id: 'no-list'; reg: string },
		{ id: 'client-auth-issuer'; reg: string | null; note?: string },
	];
}

export interface IssuerReportOptions {
	readonly os: WindowsVersion;
	/** Options win over the SCHANNEL values of `.reg` sources, which win over the OS default. */
	readonly sendTrustedIssuerList?: number;
	readonly clientAuthTrustMode?: number;
	readonly now?: Date;
}

function fromRegs(sources: readonly SourceFile[], name: string): number | undefined {
	for (const s of sources) {
		if (s.regText === undefined) continue;
		const v = dwordOf(SchannelState.fromDocument(parseRegText(s.regText)).get('', name));
		if (v !== undefined) return v;
	}
	return undefined;
}

/** Computes the list, the clients' verdicts and the three plans from loaded sources. */
export function issuerReport(sources: readonly SourceFile[], clientSources: readonly SourceFile[], options: IssuerReportOptions): IssuerReport {
	const { os } = options;
	const ctls = sources.flatMap((s) => (s.ctl ? [s.ctl] : []));
	const applied = applyCtl(sources.flatMap((s) => s.stores), ctlIndex(ctls));
	const stores = applied.stores;
	const stil = options.sendTrustedIssuerList ?? fromRegs(sources, 'SendTrustedIssuerList');
	const catm = options.clientAuthTrustMode ?? fromRegs(sources, 'ClientAuthTrustMode');
	const result = computeIssuerList(stores, { os, ...(stil !== undefined ? { sendTrustedIssuerList: stil } : {}), ...(catm !== undefined ? { clientAuthTrustMode: catm } : {}) });
	const { clients, known: clientCas } = clientsFromSources(clientSources);
	const known = [...stores, ...clientCas];
	const verdicts = judgeClients(clients, result, known);
	const plan = planRootRemoval(result, clients, known, options.now ?? new Date());
	const needed = plan.keptNeeded;
	return {
		schemaVersion: 1,
		command: 'issuers',
		targetOs: os.name,
		store: result.source.store,
		source: result.source,
		entries: result.entries.map((e) => ({ subject: e.certificate.subject, sha1: e.certificate.sha1, der: hex(e.certificate.subjectDer), bytes: e.bytes, cumulativeBytes: e.cumulativeBytes, cut: e.cut, source: e.certificate.source })),
		excluded: [...result.excluded, ...applied.disallowed].map((x) => ({ subject: x.certificate.subject, sha1: x.certificate.sha1, reason: x.reason })),
		totals: result.totals,
		limit: result.limit.bytes,
		limitEvidence: result.limit.evidence,
		truncated: result.verdict === 'over' || result.verdict === 'at-risk',
		verdict: result.verdict,
		estimate: { note: l10n.t('The enumeration order Schannel uses is not documented: the cut is an estimate.'), orders: result.orders.map((o) => ({ id: o.id, label: o.label, cut: o.cut.length })) },
		notes: result.notes,
		clients: verdicts.map((v) => ({ subject: v.client.subject, sha1: v.client.sha1, offered: v.offered, incomplete: v.incomplete === true, reason: v.reason })),
		plans: [
			{ id: 'remove-roots', fits: plan.fits, before: plan.before, after: plan.after, remove: plan.remove.map((r) => ({ subject: r.certificate.subject, sha1: r.certificate.sha1, bytes: r.bytes, reasons: r.reasons })), keptRequired: plan.keptRequired.map((c) => c.sha1), keptNeeded: plan.keptNeeded.map((c) => c.sha1), reg: rootRemovalReg(plan, os), powershell: rootRemovalPowerShell(plan) },
			{ id: 'no-list', reg: noListReg(os) },
			{ id: 'client-auth-issuer', reg: clientAuthIssuerReg(os, needed) ?? null, ...(os.storeBasedIssuerList ? {} : { note: l10n.t('Not available on {0}: ClientAuthTrustMode and the ClientAuthIssuer store came with Windows Server 2012.', os.name) }) },
		],
	};
}
