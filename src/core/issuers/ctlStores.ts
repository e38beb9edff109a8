import * as l10n from '@vscode/l10n';
import type { CertificateTrustList } from '../x509/ctl';
import type { StoreCertificate } from './types';

const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';

/** What the AuthRoot CTL says about one root: its purposes and whether it is disallowed. */
export interface CtlVerdict {
	readonly clientAuthAllowed: boolean;
	/** ISO date from DISALLOWED_FILETIME (104), when the root is disallowed from then on. */
	readonly disallowedFrom?: string;
}

/** Index of CTL entries by SHA-1. */
export function ctlIndex(ctls: readonly CertificateTrustList[]): Map<string, CtlVerdict> {
	const out = new Map<string, CtlVerdict>();
	for (const ctl of ctls) {
		for (const e of ctl.entries) {
			const eku = e.properties.find((p) => p.id === 9);
			const disallowed = e.properties.find((p) => p.id === 104);
			out.set(e.sha1, {
				clientAuthAllowed: !eku || (eku.decoded.kind === 'oids' && eku.decoded.oids.some((o) => o.oid === CLIENT_AUTH)),
				...(disallowed?.decoded.kind === 'date' ? { disallowedFrom: disallowed.decoded.iso } : {}),
			});
		}
	}
	return out;
}

/**
 * Certificates named by the AuthRoot CTL become entries of the AuthRoot physical store, with the
 * purposes the CTL allows (its EKU property); the rest stay where they were given.
 */
export function applyCtl(stores: readonly StoreCertificate[], index: ReadonlyMap<string, CtlVerdict>): { stores: StoreCertificate[]; disallowed: { certificate: StoreCertificate; reason: string }[] } {
	const disallowed: { certificate: StoreCertificate; reason: string }[] = [];
	const out: StoreCertificate[] = [];
	const now = Date.now();
	for (const c of stores) {
		const v = index.get(c.sha1);
		if (!v) {
			out.push(c);
			continue;
		}
		const moved: StoreCertificate = { ...c, store: 'AuthRoot', physical: '.AuthRoot', clientAuthAllowed: c.clientAuthAllowed && v.clientAuthAllowed };
		if (v.disallowedFrom && Date.parse(v.disallowedFrom) <= now) disallowed.push({ certificate: moved, reason: l10n.t('the AuthRoot CTL disallows it since {0}', v.disallowedFrom.slice(0, 10)) });
		else out.push(moved);
	}
	return { stores: out, disallowed };
}
