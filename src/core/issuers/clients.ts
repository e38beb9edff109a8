import * as l10n from '@vscode/l10n';
import { toHexLower } from '../crypto/hex';
import type { IssuerListResult, StoreCertificate } from './types';

/** A client certificate to judge: who it is and who issued it. */
export interface ClientCertificate {
	readonly sha1: string;
	readonly subject: string;
	readonly subjectDer: Uint8Array;
	readonly issuerDer: Uint8Array;
	readonly source: string;
}

/** The verdict for one client. */
export interface ClientVerdict {
	readonly client: ClientCertificate;
	/** Whether Schannel/.NET on the client would offer this certificate. */
	readonly offered: boolean;
	/** The subject of the chain element that matched a listed name, if any. */
	readonly matchedIssuer?: string;
	/** The chain element whose name was listed but cut. */
	readonly cutIssuer?: string;
	/** The chain could not be followed to a root: an issuer certificate is missing from the inputs. */
	readonly incomplete?: boolean;
	readonly reason: string;
}

const hexCache = new WeakMap<Uint8Array, string>();

/** Hex of a DER name, cached per byte array (names are compared by exact bytes). */
function hex(bytes: Uint8Array): string {
	let s = hexCache.get(bytes);
	if (s !== undefined) return s;
	s = toHexLower(bytes);
	hexCache.set(bytes, s);
	return s;
}

/**
 * Judges clients by the client-side rule Schannel and .NET apply: a certificate is offered only
 * if an issuer in its chain (walked by issuer name over the known certificates) is in the list
 * the server sent; an empty list offers every certificate.
 */
export function judgeClients(clients: readonly ClientCertificate[], list: IssuerListResult, known: readonly StoreCertificate[]): ClientVerdict[] {
	const sent = new Set(list.entries.filter((e) => !e.cut).map((e) => hex(e.certificate.subjectDer)));
	const cut = new Map(list.entries.filter((e) => e.cut).map((e) => [hex(e.certificate.subjectDer), e.certificate.subject]));
	const bySubject = new Map<string, StoreCertificate>();
	for (const c of known) if (!bySubject.has(hex(c.subjectDer))) bySubject.set(hex(c.subjectDer), c);
	return clients.map((client) => {
		if (list.source.store === 'none' || sent.size === 0) return { client, offered: true, reason: l10n.t('The server sends an empty list, so the client may offer any certificate.') };
		const seen = new Set<string>();
		let issuer = hex(client.issuerDer);
		let firstCut: string | undefined;
		let missing = false;
		while (issuer && !seen.has(issuer)) {
			seen.add(issuer);
			const parent = bySubject.get(issuer);
			if (sent.has(issuer)) return { client, offered: true, matchedIssuer: parent?.subject ?? issuer, reason: l10n.t('Its issuer chain reaches {0}, which is in the list.', parent?.subject ?? l10n.t('a listed CA')) };
			if (!firstCut && cut.has(issuer)) firstCut = cut.get(issuer);
			if (!parent) {
				missing = !cut.has(issuer);
				break;
			}
			if (!parent.issuerDer || hex(parent.issuerDer) === issuer) break;
			issuer = hex(parent.issuerDer);
		}
		if (firstCut) return { client, offered: false, cutIssuer: firstCut, reason: l10n.t('Its CA {0} was cut from the list: the client offers no certificate and the handshake fails (KB 2464556).', firstCut) };
		if (missing) return { client, offered: false, incomplete: true, reason: l10n.t('The certificate of the CA that issued it is not among the given certificates, so whether its chain reaches a listed CA is unknown. Add that CA certificate (an intermediate, or the root if a root issued it directly): a .pfx exported with its chain, or the CA\'s .cer beside the client certificates.') };
		return { client, offered: false, reason: l10n.t('No CA in its chain is in the list: the client offers no certificate.') };
	});
}

/**
 * For each client, its issuer's name and the names of every CA above it that `known` holds: what
 * a CA list must contain for the client to offer the certificate (capture verdicts use it).
 */
export function clientChainNames(clients: readonly ClientCertificate[], known: readonly StoreCertificate[]): { label: string; chainNames: Uint8Array[] }[] {
	const bySubject = new Map(known.map((c) => [hex(c.subjectDer), c]));
	return clients.map((client) => {
		const chainNames: Uint8Array[] = [client.issuerDer];
		const seen = new Set([hex(client.issuerDer)]);
		for (let parent = bySubject.get(hex(client.issuerDer)); parent?.issuerDer && !seen.has(hex(parent.issuerDer)); parent = bySubject.get(hex(parent.issuerDer))) {
			seen.add(hex(parent.issuerDer));
			chainNames.push(parent.issuerDer);
		}
		return { label: client.subject, chainNames };
	});
}
