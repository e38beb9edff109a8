/** State badges that read without colour: a symbol and a word, with a class for the theme colour. */
import type { CertificateView, ValidityState } from '../../src/protocol/certificateView';
import { el } from '../shared/dom';

const VALIDITY: Readonly<Record<ValidityState, { icon: string; text: string }>> = {
	valid: { icon: '✓', text: 'Valid' },
	expired: { icon: '⚠', text: 'Expired' },
	notYetValid: { icon: '◷', text: 'Not yet valid' },
};

/** One badge. */
export function badge(kind: string, icon: string, text: string, title = text): HTMLElement {
	return el('span', { class: `badge badge-${kind}`, title }, el('span', { class: 'badge-icon', 'aria-hidden': 'true' }, icon), text);
}

/** The validity badge. */
export function validityBadge(state: ValidityState, title?: string): HTMLElement {
	const v = VALIDITY[state];
	return badge(state, v.icon, v.text, title ?? v.text);
}

/** Validity, CA, client authentication, self-signed and private key badges of a certificate. */
export function stateBadges(c: CertificateView): HTMLElement {
	const row = el('span', { class: 'badges' }, validityBadge(c.validity, c.validityText));
	if (c.isCa) row.append(badge('ca', '◆', 'CA', 'Certification authority (Basic Constraints: CA)'));
	if (c.clientAuth) row.append(badge('client', '⇄', 'Client auth', 'Usable for TLS client authentication (EKU and key usage allow it)'));
	if (c.selfSigned) row.append(badge('self', '↻', 'Self-signed', 'Subject and issuer are the same name'));
	if (c.hasPrivateKey) row.append(badge('key', '✱', 'Private key', 'The file holds the matching private key'));
	return row;
}
