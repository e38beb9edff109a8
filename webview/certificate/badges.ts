/** State badges that read without colour: a symbol and a word, with a class for the theme colour. */
import type { CertificateView, ValidityState } from '../../src/protocol/certificateView';
import { el } from '../shared/dom';
import * as l10n from '@vscode/l10n';

const VALIDITY: Readonly<Record<ValidityState, { icon: string; text: () => string }>> = {
	valid: { icon: '✓', text: () => l10n.t('Valid') },
	expired: { icon: '⚠', text: () => l10n.t('Expired') },
	notYetValid: { icon: '◷', text: () => l10n.t('Not yet valid') },
};

/** One badge. */
export function badge(kind: string, icon: string, text: string, title = text): HTMLElement {
	return el('span', { class: `badge badge-${kind}`, title }, el('span', { class: 'badge-icon', 'aria-hidden': 'true' }, icon), text);
}

/** The validity badge. */
export function validityBadge(state: ValidityState, title?: string): HTMLElement {
	const v = VALIDITY[state];
	return badge(state, v.icon, v.text(), title ?? v.text());
}

/** Validity, CA, client authentication, self-signed and private key badges of a certificate. */
export function stateBadges(c: CertificateView): HTMLElement {
	const row = el('span', { class: 'badges' }, validityBadge(c.validity, c.validityText));
	if (c.isCa) row.append(badge('ca', '◆', l10n.t('CA'), l10n.t('Certification authority (Basic Constraints: CA)')));
	if (c.clientAuth) row.append(badge('client', '⇄', l10n.t('Client auth'), l10n.t('Usable for TLS client authentication (EKU and key usage allow it)')));
	if (c.selfSigned) row.append(badge('self', '↻', l10n.t('Self-signed'), l10n.t('Subject and issuer are the same name')));
	if (c.hasPrivateKey) row.append(badge('key', '✱', l10n.t('Private key'), l10n.t('The file holds the matching private key')));
	return row;
}
