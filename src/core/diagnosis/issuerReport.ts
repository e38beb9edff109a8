/** The issuer-list report (schema 1) made from a case: the same numbers and outcomes as the doctor. */
import * as l10n from '@vscode/l10n';
import type { Case } from '../case/types';
import { toHexLower } from '../crypto/hex';
import { clientAuthIssuerReg, noListReg } from '../issuers/documents';
import type { IssuerReport } from '../issuers/report';
import { DEFAULT_TARGET_OS } from '../schannel/os';
import type { Diagnosis } from './types';

/** The report for one server machine of a diagnosed case; undefined when the machine is not in it. */
export function issuerReportFromCase(c: Case, d: Diagnosis, machine: string): IssuerReport | undefined {
	const m = c.machines.find((x) => x.name === machine);
	const a = d.servers.find((x) => x.machine === machine);
	if (!m || !a) return undefined;
	const list = a.list!;
	const cut = new Set(a.cut.sha1s);
	const os = m.windows?.version ?? DEFAULT_TARGET_OS;
	const plan = d.plans.find((p) => p.machine === machine && p.id === 'remove-roots');
	const planC = d.plans.find((p) => p.machine === machine && p.id === 'client-auth-issuer');
	const entries = list.entries.map((e) => ({ subject: e.certificate.subject, sha1: e.certificate.sha1, der: toHexLower(e.certificate.subjectDer), bytes: e.bytes, cumulativeBytes: e.cumulativeBytes, cut: a.verdict === 'unknown' ? false : cut.has(e.certificate.sha1), source: e.certificate.source }));
	return {
		schemaVersion: 1,
		command: 'issuers',
		targetOs: m.windows ? m.windows.version.name : l10n.t('{0} (assumed: the Windows version is unknown)', os.name),
		store: a.store,
		source: list.source,
		entries,
		excluded: list.excluded.map((x) => ({ subject: x.certificate.subject, sha1: x.certificate.sha1, reason: x.reason })),
		totals: list.totals,
		limit: a.limit ?? os.issuerListLimit.bytes,
		limitEvidence: os.issuerListLimit.evidence,
		truncated: a.verdict === 'over' || a.verdict === 'at-risk',
		verdict: a.verdict,
		answer: {
			headline: d.headline,
			confidence: a.confidence,
			cutCount: a.cut.count,
			cutConfidence: a.cut.confidence,
			sentNames: a.sentNames,
			...(a.observed ? { observed: { file: a.observed.file, frame: a.observed.frame, names: a.observed.names, bytes: a.observed.bytes, missing: a.observed.missing.length, predictedRight: a.observed.predictedRight, predictedOf: a.observed.predictedOf } } : {}),
			...(a.unknown ? { unknown: a.unknown } : {}),
			...(m.artefacts.some((x) => x.damaged) ? { damaged: m.artefacts.flatMap((x) => (x.damaged ? [`${x.file}: ${x.damaged.message}`] : [])) } : {}),
		},
		estimate: { note: a.cut.confidence === 'observed' ? l10n.t('The capture {0} (frame {1}) shows the list the server sent: the names marked cut are the ones missing from it.', String(a.observed?.file), String(a.observed?.frame)) : l10n.t('The enumeration order Schannel uses is not documented: the cut is an estimate.'), orders: list.orders.map((o) => ({ id: o.id, label: o.label, cut: o.cut.length })) },
		// A capture's list is no estimate: the note that says the cut is one would contradict it.
		notes: a.cut.confidence === 'observed' ? list.notes.map((t) => t.replace(/; which names survive depends on .*$/, l10n.t('; the capture shows which names were cut ({0}).', a.cut.count))) : list.notes,
		clients: d.clients.filter((o) => o.server === machine).map((o) => ({ subject: o.subject, sha1: o.sha1, offered: o.outcome === 'offers', incomplete: o.outcome === 'unknown', reason: o.outcome === 'unknown' && o.missing ? `${o.reason} Add ${o.missing}.` : o.reason, outcome: o.outcome })),
		plans: [
			{ id: 'remove-roots', fits: plan?.available ?? false, before: a.bytes, after: plan?.after ?? a.bytes, remove: plan?.available ? [...(plan.remove ?? [])] : [], keptRequired: [...(plan?.keptRequired ?? [])], keptNeeded: [...(plan?.keptNeeded ?? [])], reg: plan?.available ? plan.reg ?? '' : '', powershell: plan?.available ? plan.powershell ?? '' : '', ...(plan && !plan.available && plan.blockedBy ? { blockedBy: plan.blockedBy } : !plan ? { blockedBy: a.verdict === 'fits' || a.verdict === 'not-sent' ? l10n.t('Nothing to remove: the list is not cut.') : l10n.t('Not planned.') } : {}) },
			{ id: 'no-list', reg: noListReg(os) },
			{ id: 'client-auth-issuer', reg: planC?.available ? planC.reg ?? null : clientAuthIssuerReg(os, []) ?? null, ...(os.storeBasedIssuerList ? {} : { note: l10n.t('Not available on {0}: ClientAuthTrustMode and the ClientAuthIssuer store came with Windows Server 2012.', os.name) }) },
		],
	};
}
