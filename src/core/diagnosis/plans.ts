/** Fix plans that cannot hurt: each says what it may break, and plan (a) is blocked while a client's chain is unknown. */
import * as l10n from '@vscode/l10n';
import type { Case, Machine } from '../case/types';
import { clientAuthIssuerReg, noListReg, rootRemovalPowerShell, rootRemovalReg } from '../issuers/documents';
import { storeCertificatesFrom } from '../issuers/fromCertificates';
import { planRootRemoval } from '../issuers/planner';
import type { StoreCertificate } from '../issuers/types';
import { DEFAULT_TARGET_OS } from '../schannel/os';
import type { ClientOutcome, FixPlan, IssuerAnswer } from './types';

/** Every certificate of the case as a store entry, to follow client chains. */
function knownStoreCertificates(c: Case): StoreCertificate[] {
	return c.machines.flatMap((m) => [...m.stores, ...m.certificates.filter((x) => x.loaded.certificate.basicConstraints?.ca).flatMap((x) => storeCertificatesFrom([x.loaded], 'CA', x.file))]);
}

const mayBreakRemove = (): string[] => [
	l10n.t('Any client that is not in this case and whose certificate chains to a removed root: it then offers no certificate, or fails chain validation on the server.'),
	l10n.t('Other programs on the server that trust a removed root (code signing, S/MIME, outbound TLS to sites using it).'),
	l10n.t('Roots distributed by Group Policy or automatic root update come back unless removed at their source.'),
];

/** The three plans for one server, ranked by risk (lowest first). */
export function fixPlans(c: Case, server: Machine, answer: IssuerAnswer, outcomes: readonly ClientOutcome[], now: Date): FixPlan[] {
	if (answer.verdict === 'fits' || answer.verdict === 'not-sent') return [];
	const os = server.windows?.version;
	const osText = os ? os.name : l10n.t('the server (Windows version unknown)');
	const plans: FixPlan[] = [];
	plans.push({
		id: 'no-list',
		machine: server.name,
		title: l10n.t('(b) Send no list: SendTrustedIssuerList=0'),
		risk: 'low',
		available: true,
		summary: os && !os.sendTrustedIssuerListDefault ? l10n.t('The server sends an empty list of CAs, so nothing can be cut; the server still validates the certificate it receives. This is already the default on {0}.', os.name) : l10n.t('The server sends an empty list of CAs, so nothing can be cut; the server still validates the certificate it receives. This is the default from Windows Server 2012 on.'),
		mayBreak: [
			l10n.t('Clients choose among all their client-authentication certificates without the server\'s hint: a client with several may offer one from another CA, or prompt the user (inferred from the TLS rule that an empty list means any CA).'),
			...(os && os.rank >= 60 ? [l10n.t('On Windows Server 2012 the limit may still affect trust evaluation with SendTrustedIssuerList=0 (KB 2880390; the mechanism is undocumented).')] : []),
		],
		reg: noListReg(os ?? DEFAULT_TARGET_OS),
	});
	// The CAs the known clients chain to: what a ClientAuthIssuer store must hold.
	const needed = answer.list ? planRootRemoval(answer.list, c.machines.flatMap((m) => m.clients), knownStoreCertificates(c), now).keptNeeded : [];
	const caiReg = os ? clientAuthIssuerReg(os, needed) : undefined;
	plans.push({
		id: 'client-auth-issuer',
		machine: server.name,
		title: l10n.t('(c) ClientAuthTrustMode=2 with a ClientAuthIssuer store of the clients\' CAs'),
		risk: 'medium',
		available: !!caiReg,
		...(caiReg ? {} : { blockedBy: os ? l10n.t('Not available on {0}: ClientAuthTrustMode and the ClientAuthIssuer store came with Windows Server 2012.', os.name) : l10n.t('Needs Windows Server 2012 or later; the server\'s Windows version is unknown.') }),
		summary: l10n.t('A short list from a dedicated store, holding only the CAs the clients need.'),
		mayBreak: [l10n.t('Clients whose CA is not put into the ClientAuthIssuer store: with ClientAuthTrustMode=2 the server accepts only certificates that chain to a CA in that store (documented).')],
		...(caiReg ? { reg: caiReg } : {}),
	});
	plans.push(removeRootsPlan(c, server, answer, outcomes, now, osText));
	return plans;
}

function removeRootsPlan(c: Case, server: Machine, answer: IssuerAnswer, outcomes: readonly ClientOutcome[], now: Date, osText: string): FixPlan {
	const base = { id: 'remove-roots' as const, machine: server.name, title: l10n.t('(a) Remove roots so the whole list fits'), risk: 'high' as const, mayBreak: mayBreakRemove() };
	const unknownChains = outcomes.filter((o) => o.server === server.name && o.reasonCode === 'chain-unknown');
	if (!answer.list || answer.verdict === 'unknown' || answer.lowerBound) {
		return { ...base, available: false, blockedBy: l10n.t('The server\'s full Root store is not known ({0}): no root can be chosen for removal. Add {1}.', answer.unknown?.because ?? l10n.t('a store export is cut'), answer.unknown?.decide ?? l10n.t('the complete Root store export')), summary: l10n.t('Not planned.') };
	}
	if (unknownChains.length > 0) {
		return { ...base, available: false, blockedBy: l10n.t('The chain of {0} is unknown, so any root could be the one it needs. Add {1} to decide.', unknownChains.map((o) => o.subject).join(', '), unknownChains[0]!.missing ?? l10n.t('its issuing CA certificate')), summary: l10n.t('Not planned: removing roots while a client\'s chain is unknown could remove the root it needs.') };
	}
	const clients = c.machines.flatMap((m) => m.clients);
	const plan = planRootRemoval(answer.list, clients, knownStoreCertificates(c), now);
	const os = server.windows?.version ?? DEFAULT_TARGET_OS;
	return {
		...base,
		available: plan.fits && plan.remove.length > 0,
		...(plan.fits ? {} : { blockedBy: l10n.t('Even removing every root that no known client needs does not make the list fit.') }),
		summary: l10n.t('Remove {0}: the list goes from {1} to {2} bytes (limit {3} on {4}). Keeps {5} the known clients chain to ({6}) and {7} Windows requires.', plan.remove.length === 1 ? l10n.t('1 root') : l10n.t('{0} roots', plan.remove.length), (plan.before + 2).toLocaleString('en-US'), (plan.after + 2).toLocaleString('en-US'), plan.limit.toLocaleString('en-US'), osText, plan.keptNeeded.length === 1 ? l10n.t('1 CA') : l10n.t('{0} CAs', plan.keptNeeded.length), plan.keptNeeded.map((k) => k.subject).join('; ') || l10n.t('none'), plan.keptRequired.length === 1 ? l10n.t('1 root') : l10n.t('{0} roots', plan.keptRequired.length)),
		reg: rootRemovalReg(plan, os),
		powershell: rootRemovalPowerShell(plan),
		remove: plan.remove.map((r) => ({ subject: r.certificate.subject, sha1: r.certificate.sha1, bytes: r.bytes, reasons: r.reasons })),
		keptNeeded: plan.keptNeeded.map((k) => k.sha1),
		keptRequired: plan.keptRequired.map((k) => k.sha1),
		after: plan.after,
	};
}
