import { toHexLower as hex } from '../crypto/hex';
import { judgeClients, type ClientCertificate } from './clients';
import { isRequiredRoot } from './required';
import type { IssuerListResult, StoreCertificate } from './types';

/** Why a root is a good candidate to remove (ranked: earlier reasons weigh more). */
export type RemovalReason = 'expired' | 'duplicate' | 'not-self-signed' | 'no-known-client';

export interface RemovalCandidate {
	readonly certificate: StoreCertificate;
	/** What it adds to the list (2 + DER length). */
	readonly bytes: number;
	readonly reasons: readonly RemovalReason[];
}

/** Plan (a): the smallest set of roots to remove so the whole list fits under the limit. */
export interface RootRemovalPlan {
	readonly remove: readonly RemovalCandidate[];
	/** Kept because KB 293781 lists them as required by Windows. */
	readonly keptRequired: readonly StoreCertificate[];
	/** Kept because a given client certificate chains through them. */
	readonly keptNeeded: readonly StoreCertificate[];
	readonly before: number;
	readonly after: number;
	readonly limit: number;
	/** False when even removing every other root does not fit. */
	readonly fits: boolean;
}

const WEIGHT: Record<RemovalReason, number> = { expired: 8, duplicate: 4, 'not-self-signed': 2, 'no-known-client': 1 };

/** Entries a client needs: every listed CA on the issuer chain of some client. */
function neededBy(list: IssuerListResult, clients: readonly ClientCertificate[], known: readonly StoreCertificate[]): Set<string> {
	const bySubject = new Map(known.map((c) => [hex(c.subjectDer), c]));
	const listed = new Set(list.entries.map((e) => hex(e.certificate.subjectDer)));
	const needed = new Set<string>();
	for (const client of clients) {
		let issuer = hex(client.issuerDer);
		const seen = new Set<string>();
		while (issuer && !seen.has(issuer)) {
			seen.add(issuer);
			if (listed.has(issuer)) needed.add(issuer);
			const parent = bySubject.get(issuer);
			if (!parent?.issuerDer) break;
			issuer = hex(parent.issuerDer);
		}
	}
	return needed;
}

function reasonsFor(c: StoreCertificate, now: Date, duplicateNames: Set<string>, needed: Set<string>, clientsGiven: boolean): RemovalReason[] {
	const reasons: RemovalReason[] = [];
	if (c.notAfter && c.notAfter.getTime() < now.getTime()) reasons.push('expired');
	if (duplicateNames.has(hex(c.subjectDer))) reasons.push('duplicate');
	if (!c.selfSigned) reasons.push('not-self-signed');
	if (clientsGiven && !needed.has(hex(c.subjectDer))) reasons.push('no-known-client');
	return reasons;
}

const score = (r: readonly RemovalReason[]) => r.reduce((n, x) => n + WEIGHT[x], 0);

/**
 * Chooses the fewest roots to remove so the list fits: the count is the minimum (largest names
 * first), and among sets of that size the best-ranked candidates are preferred (expired,
 * duplicate, not self-signed, unused by any given client), keeping required and needed roots.
 */
export function planRootRemoval(list: IssuerListResult, clients: readonly ClientCertificate[], known: readonly StoreCertificate[], now: Date): RootRemovalPlan {
	const limit = list.limit.bytes;
	const before = list.totals.vectorBody;
	const needed = neededBy(list, clients, known);
	const names = list.entries.map((e) => hex(e.certificate.subjectDer));
	const duplicateNames = new Set(names.filter((n, i) => names.indexOf(n) !== i));
	const keptRequired: StoreCertificate[] = [];
	const keptNeeded: StoreCertificate[] = [];
	const removable: RemovalCandidate[] = [];
	for (const e of list.entries) {
		if (isRequiredRoot(e.certificate)) keptRequired.push(e.certificate);
		else if (needed.has(hex(e.certificate.subjectDer))) keptNeeded.push(e.certificate);
		else removable.push({ certificate: e.certificate, bytes: e.bytes, reasons: reasonsFor(e.certificate, now, duplicateNames, needed, clients.length > 0) });
	}
	const excess = before - limit;
	if (excess <= 0) return { remove: [], keptRequired, keptNeeded, before, after: before, limit, fits: true };
	const bySize = [...removable].sort((a, b) => b.bytes - a.bytes);
	let k = 0;
	for (let sum = 0; k < bySize.length && sum < excess; k++) sum += bySize[k]!.bytes;
	const reachable = bySize.slice(0, k).reduce((n, c) => n + c.bytes, 0);
	if (reachable < excess) return { remove: bySize, keptRequired, keptNeeded, before, after: before - reachable, limit, fits: false };
	const chosen = chooseK(removable, k, excess);
	const removed = chosen.reduce((n, c) => n + c.bytes, 0);
	return { remove: chosen, keptRequired, keptNeeded, before, after: before - removed, limit, fits: true };
}

/** Picks `k` candidates whose bytes reach `excess`, preferring better-ranked ones (greedy with a feasibility check). */
function chooseK(candidates: readonly RemovalCandidate[], k: number, excess: number): RemovalCandidate[] {
	const order = [...candidates].sort((a, b) => score(b.reasons) - score(a.reasons) || b.bytes - a.bytes);
	const chosen: RemovalCandidate[] = [];
	let need = excess;
	const undecided = new Set(order);
	for (const c of order) {
		if (chosen.length === k) break;
		undecided.delete(c);
		const slots = k - chosen.length - 1;
		const rest = [...undecided].map((x) => x.bytes).sort((a, b) => b - a).slice(0, slots).reduce((n, b) => n + b, 0);
		if (c.bytes + rest >= need) {
			chosen.push(c);
			need -= c.bytes;
		}
	}
	return chosen;
}

/** After plan (a), which clients are offered (recomputed on the reduced list, no cut). */
export function clientsAfterRemoval(list: IssuerListResult, plan: RootRemovalPlan, clients: readonly ClientCertificate[], known: readonly StoreCertificate[]) {
	const gone = new Set(plan.remove.map((r) => r.certificate.sha1));
	const entries = list.entries.filter((e) => !gone.has(e.certificate.sha1)).map((e) => ({ ...e, cut: false }));
	return judgeClients(clients, { ...list, entries }, known);
}
