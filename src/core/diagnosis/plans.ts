/** Fix plans that cannot hurt: each says what it may break, and plan (a) is blocked while a client's chain is unknown. */
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

const MAY_BREAK_REMOVE = [
	'Any client that is not in this case and whose certificate chains to a removed root: it then offers no certificate, or fails chain validation on the server.',
	'Other programs on the server that trust a removed root (code signing, S/MIME, outbound TLS to sites using it).',
	'Roots distributed by Group Policy or automatic root update come back unless removed at their source.',
];

/** The three plans for one server, ranked by risk (lowest first). */
export function fixPlans(c: Case, server: Machine, answer: IssuerAnswer, outcomes: readonly ClientOutcome[], now: Date): FixPlan[] {
	if (answer.verdict === 'fits' || answer.verdict === 'not-sent') return [];
	const os = server.windows?.version;
	const osText = os ? os.name : 'the server (Windows version unknown)';
	const plans: FixPlan[] = [];
	plans.push({
		id: 'no-list',
		machine: server.name,
		title: '(b) Send no list: SendTrustedIssuerList=0',
		risk: 'low',
		available: true,
		summary: `The server sends an empty list of CAs, so nothing can be cut; the server still validates the certificate it receives. ${os && !os.sendTrustedIssuerListDefault ? `This is already the default on ${os.name}.` : 'This is the default from Windows Server 2012 on.'}`,
		mayBreak: [
			'Clients choose among all their client-authentication certificates without the server\'s hint: a client with several may offer one from another CA, or prompt the user (inferred from the TLS rule that an empty list means any CA).',
			...(os && os.rank >= 60 ? ['On Windows Server 2012 the limit may still affect trust evaluation with SendTrustedIssuerList=0 (KB 2880390; the mechanism is undocumented).'] : []),
		],
		reg: noListReg(os ?? DEFAULT_TARGET_OS),
	});
	// The CAs the known clients chain to: what a ClientAuthIssuer store must hold.
	const needed = answer.list ? planRootRemoval(answer.list, c.machines.flatMap((m) => m.clients), knownStoreCertificates(c), now).keptNeeded : [];
	const caiReg = os ? clientAuthIssuerReg(os, needed) : undefined;
	plans.push({
		id: 'client-auth-issuer',
		machine: server.name,
		title: '(c) ClientAuthTrustMode=2 with a ClientAuthIssuer store of the clients\' CAs',
		risk: 'medium',
		available: !!caiReg,
		...(caiReg ? {} : { blockedBy: os ? `Not available on ${os.name}: ClientAuthTrustMode and the ClientAuthIssuer store came with Windows Server 2012.` : `Needs Windows Server 2012 or later; the server's Windows version is unknown.` }),
		summary: 'A short list from a dedicated store, holding only the CAs the clients need.',
		mayBreak: ['Clients whose CA is not put into the ClientAuthIssuer store: with ClientAuthTrustMode=2 the server accepts only certificates that chain to a CA in that store (documented).'],
		...(caiReg ? { reg: caiReg } : {}),
	});
	plans.push(removeRootsPlan(c, server, answer, outcomes, now, osText));
	return plans;
}

function removeRootsPlan(c: Case, server: Machine, answer: IssuerAnswer, outcomes: readonly ClientOutcome[], now: Date, osText: string): FixPlan {
	const base = { id: 'remove-roots' as const, machine: server.name, title: '(a) Remove roots so the whole list fits', risk: 'high' as const, mayBreak: MAY_BREAK_REMOVE };
	const unknownChains = outcomes.filter((o) => o.server === server.name && o.reasonCode === 'chain-unknown');
	if (!answer.list || answer.verdict === 'unknown' || answer.lowerBound) {
		return { ...base, available: false, blockedBy: `The server's full Root store is not known (${answer.unknown?.because ?? 'a store export is cut'}): no root can be chosen for removal. Add ${answer.unknown?.decide ?? 'the complete Root store export'}.`, summary: 'Not planned.' };
	}
	if (unknownChains.length > 0) {
		return { ...base, available: false, blockedBy: `The chain of ${unknownChains.map((o) => o.subject).join(', ')} is unknown, so any root could be the one it needs. Add ${unknownChains[0]!.missing ?? 'its issuing CA certificate'} to decide.`, summary: 'Not planned: removing roots while a client\'s chain is unknown could remove the root it needs.' };
	}
	const clients = c.machines.flatMap((m) => m.clients);
	const plan = planRootRemoval(answer.list, clients, knownStoreCertificates(c), now);
	const os = server.windows?.version ?? DEFAULT_TARGET_OS;
	return {
		...base,
		available: plan.fits && plan.remove.length > 0,
		...(plan.fits ? {} : { blockedBy: 'Even removing every root that no known client needs does not make the list fit.' }),
		summary: `Remove ${plan.remove.length} root${plan.remove.length === 1 ? '' : 's'}: the list goes from ${(plan.before + 2).toLocaleString('en-US')} to ${(plan.after + 2).toLocaleString('en-US')} bytes (limit ${plan.limit.toLocaleString('en-US')} on ${osText}). Keeps ${plan.keptNeeded.length} CA${plan.keptNeeded.length === 1 ? '' : 's'} the known clients chain to (${plan.keptNeeded.map((k) => k.subject).join('; ') || 'none'}) and ${plan.keptRequired.length} root${plan.keptRequired.length === 1 ? '' : 's'} Windows requires.`,
		reg: rootRemovalReg(plan, os),
		powershell: rootRemovalPowerShell(plan),
		remove: plan.remove.map((r) => ({ subject: r.certificate.subject, sha1: r.certificate.sha1, bytes: r.bytes, reasons: r.reasons })),
		keptNeeded: plan.keptNeeded.map((k) => k.sha1),
		keptRequired: plan.keptRequired.map((k) => k.sha1),
		after: plan.after,
	};
}
