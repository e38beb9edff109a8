/** What each client certificate does against a server's list: offers, offers none, or unknown (and what decides). */
import * as l10n from '@vscode/l10n';
import type { Case, Machine } from '../case/types';
import { formatRfc4514 } from '../x509';
import { COLLECT, nameHex, observedRequest } from './issuerAnswer';
import type { ClientOutcome, Confidence, IssuerAnswer } from './types';

interface Known {
	readonly subject: string;
	readonly issuerHex: string;
	readonly issuer: string;
	readonly selfIssued: boolean;
}

/** Every CA certificate the case holds, by subject name bytes (chains are followed by name, as Schannel's client does). */
export function knownCas(c: Case): Map<string, Known> {
	const out = new Map<string, Known>();
	for (const m of c.machines) {
		for (const cc of m.certificates) {
			const cert = cc.loaded.certificate;
			const key = nameHex(cert.subject.der);
			if (out.has(key)) continue;
			out.set(key, { subject: formatRfc4514(cert.subject), issuerHex: nameHex(cert.issuer.der), issuer: formatRfc4514(cert.issuer), selfIssued: cert.isSelfIssued });
		}
		for (const s of m.stores) {
			const key = nameHex(s.subjectDer);
			if (out.has(key) || !s.issuerDer) continue;
			out.set(key, { subject: s.subject, issuerHex: nameHex(s.issuerDer), issuer: s.subject, selfIssued: s.selfSigned });
		}
	}
	return out;
}

/** The issuer names above a certificate, nearest first, and whether the walk reached a self-issued root. */
export function chainNames(issuerDer: Uint8Array, known: Map<string, Known>): { names: string[]; complete: boolean; missingIssuer?: string } {
	const names: string[] = [];
	let issuer = nameHex(issuerDer);
	const seen = new Set<string>();
	while (!seen.has(issuer)) {
		seen.add(issuer);
		names.push(issuer);
		const parent = known.get(issuer);
		if (!parent) return { names, complete: false, missingIssuer: issuer };
		if (parent.selfIssued || parent.issuerHex === issuer) return { names, complete: true };
		issuer = parent.issuerHex;
	}
	return { names, complete: true };
}

function label(hex: string, known: Map<string, Known>, fallback: string): string {
	return known.get(hex)?.subject ?? fallback;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);

/** The outcome of every client certificate of the case against one server. */
export function clientOutcomes(c: Case, server: Machine, answer: IssuerAnswer, now: Date): ClientOutcome[] {
	const known = knownCas(c);
	const list = answer.list;
	const computed = new Map((list?.entries ?? []).map((e) => [nameHex(e.certificate.subjectDer), e]));
	const observed = observedRequest(server);
	const onWire = observed ? new Set(observed.request.distinguishedNames.map((d) => d.der.toLowerCase())) : undefined;
	const cutAll = new Set(answer.cut.sha1s);
	// Under each estimated order, the names cut (for "both orders agree" checks).
	const orderCuts = (list?.orders ?? []).map((o) => new Set(o.cut));
	const out: ClientOutcome[] = [];
	for (const m of c.machines) {
		for (const cl of m.clients) {
			const base = { subject: cl.subject, sha1: cl.sha1, file: cl.file, server: server.name, ...(cl.notAfter && cl.notAfter.getTime() < now.getTime() ? { expired: iso(cl.notAfter) } : {}) };
			const chain = chainNames(cl.issuerDer, known);
			const say = (outcome: ClientOutcome['outcome'], reasonCode: string, reason: string, confidence: Confidence, extra: Partial<ClientOutcome> = {}): void => {
				const expiry = base.expired ? l10n.t(' It also expired on {0}: even if offered, the server rejects it (CERT_TRUST_IS_NOT_TIME_VALID).', base.expired) : '';
				out.push({ ...base, outcome, reasonCode, reason: reason + expiry, confidence, ...extra });
			};
			if (answer.verdict === 'not-sent') {
				say('offers', 'no-list', l10n.t('The server sends no list of CAs, so the client may offer any client-authentication certificate.'), answer.confidence);
				continue;
			}
			if (onWire && onWire.size > 0) {
				const hit = chain.names.find((n) => onWire.has(n));
				if (hit) {
					say('offers', 'listed', l10n.t('Its chain reaches {0}, which is in the list the server sent ({1}, frame {2}).', label(hit, known, l10n.t('a CA')), observed!.file, observed!.request.frame), 'observed', { ca: label(hit, known, hit) });
					continue;
				}
				if (!chain.complete) {
					say('unknown', 'chain-unknown', l10n.t('None of the CAs known above it is in the list the server sent, but its chain stops at {0} whose certificate is not in the case: a CA above it could be listed.', issuerText(chain.missingIssuer!, cl, known)), 'inferred', { missing: missingText(chain.missingIssuer!, cl, known) });
					continue;
				}
				const cutHit = chain.names.find((n) => computed.has(n) && cutAll.has(computed.get(n)!.certificate.sha1));
				if (cutHit) {
					say('no-certificate', 'ca-cut', l10n.t('Its root CA {0} is among the {1} names Schannel cut from the {2}-byte list: it is in the server\'s store but not in the list the server sent ({3}, frame {4}), so the client offers no certificate (KB 2464556).', label(cutHit, known, ''), answer.cut.count, answer.withLength.toLocaleString('en-US'), observed!.file, observed!.request.frame), 'observed', { ca: label(cutHit, known, '') });
					continue;
				}
				const trusted = chain.names.some((n) => computed.has(n));
				const storeKnown = server.storesPresent.has('Root') && !answer.lowerBound;
				if (trusted || !storeKnown) say('no-certificate', 'not-listed', l10n.t('No CA of its chain is in the list the server sent ({0}, frame {1}), so the client offers no certificate.{2}', observed!.file, observed!.request.frame, storeKnown ? '' : l10n.t(' Whether the server trusts its CA at all is unknown: add {0}.', COLLECT.root)), 'observed');
				else say('no-certificate', 'wrong-ca', answer.store === 'unknown'
					? l10n.t('Its chain ends at {0}, which is not in the server\'s trusted store nor in the list it sent: the server does not trust its CA (wrong CA), so the client offers no certificate.', label(chain.names[chain.names.length - 1]!, known, l10n.t('a root')))
					: l10n.t('Its chain ends at {0}, which is not in the server\'s {1} store nor in the list it sent: the server does not trust its CA (wrong CA), so the client offers no certificate.', label(chain.names[chain.names.length - 1]!, known, l10n.t('a root')), answer.store), 'observed');
				continue;
			}
			if (answer.verdict === 'unknown' || !list) {
				say('unknown', 'list-unknown', l10n.t('The server\'s list is unknown: {0}.', answer.unknown?.because ?? l10n.t('an input is missing')), 'inferred', { missing: answer.unknown?.decide ?? COLLECT.root });
				continue;
			}
			const listedHit = chain.names.find((n) => computed.has(n));
			if (answer.lowerBound && (!listedHit || answer.verdict !== 'fits')) {
				say('unknown', 'list-unknown', l10n.t('The server\'s store export is cut, so {0} is unknown.', listedHit ? l10n.t('whether its CA is among the names cut') : l10n.t('whether its CA is in the list at all')), 'inferred', { missing: COLLECT.root });
				continue;
			}
			if (!listedHit) {
				if (!chain.complete) {
					say('unknown', 'chain-unknown', l10n.t('No CA known above it is in the server\'s list, but its chain stops at {0} whose certificate is not in the case.', issuerText(chain.missingIssuer!, cl, known)), 'inferred', { missing: missingText(chain.missingIssuer!, cl, known) });
				} else {
					say('no-certificate', 'wrong-ca', l10n.t('Its chain ends at {0}, which is not in the server\'s {1} store: the server does not list or trust its CA (wrong CA), so the client offers no certificate.', label(chain.names[chain.names.length - 1]!, known, l10n.t('a root')), answer.store), answer.confidence);
				}
				continue;
			}
			// The CA is in the computed list: sent unless cut, and the cut is an estimate.
			const sha1 = computed.get(listedHit)!.certificate.sha1;
			const sentSomewhere = chain.names.filter((n) => computed.has(n)).map((n) => computed.get(n)!.certificate.sha1);
			const cutUnderAll = orderCuts.length > 0 && orderCuts.every((cut) => sentSomewhere.every((s) => cut.has(s)));
			const cutUnderNone = orderCuts.every((cut) => sentSomewhere.every((s) => !cut.has(s)));
			if (answer.verdict === 'fits' || answer.verdict === 'at-risk' && cutUnderNone) say('offers', 'listed', l10n.t('Its chain reaches {0}, which is in the list{1}.', label(listedHit, known, ''), answer.verdict === 'fits' ? l10n.t(', and the whole list fits') : ''), answer.confidence, { ca: label(listedHit, known, '') });
			else if (cutUnderAll) say('no-certificate', 'ca-cut', l10n.t('Its CA {0} would be among the about {1} names cut from the {2}-byte list under every enumeration order Schannel Lens estimates, so the client offers no certificate (KB 2464556). The order is not documented: a capture of the CertificateRequest confirms it.', label(listedHit, known, ''), answer.cut.count, answer.withLength.toLocaleString('en-US')), 'estimate', { ca: label(listedHit, known, ''), missing: COLLECT.capture });
			else if (cutUnderNone) say('offers', 'listed', l10n.t('Its chain reaches {0}, which is sent under every estimated enumeration order (the order is not documented).', label(listedHit, known, '')), 'estimate', { ca: label(listedHit, known, '') });
			else say('unknown', 'order-unknown', l10n.t('Whether its CA {0} is sent depends on the order Schannel enumerates the store, which is not documented.', label(listedHit, known, '')), 'estimate', { missing: COLLECT.capture, ca: label(listedHit, known, '') });
			void sha1;
		}
	}
	return out;
}

/** What to add when a chain stops: the missing CA certificate, said as what it is to the client. */
function missingText(hex: string, cl: { issuerDer: Uint8Array; issuer: string }, known: Map<string, Known>): string {
	const direct = nameHex(cl.issuerDer) === hex;
	return l10n.t('the certificate of {0} ({1}: a .pfx with the chain, the CA\'s .cer, or the server\'s Root and CA store exports)', issuerText(hex, cl, known), direct ? l10n.t('its issuing CA') : l10n.t('a CA above its issuing CA'));
}

/** The DN of a missing issuer, from the certificate that names it. */
function issuerText(hex: string, cl: { issuerDer: Uint8Array; issuer: string }, known: Map<string, Known>): string {
	if (nameHex(cl.issuerDer) === hex) return `"${cl.issuer}"`;
	for (const k of known.values()) if (k.issuerHex === hex) return `"${k.issuer}"`;
	return l10n.t('the CA above it');
}
