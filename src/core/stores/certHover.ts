import * as l10n from '@vscode/l10n';
import { rangeContains } from '../reg/lineScanner';
import type { Position } from '../reg/types';
import { formatWindows, type RegCertificate } from '../x509';

/** The store certificate whose key line or Blob value is at `position`. */
export function regCertificateAt(certs: readonly RegCertificate[], position: Position): RegCertificate | undefined {
	return certs.find((c) => rangeContains(c.keyRange, position) || rangeContains(c.valueRange, position));
}

/** Markdown for a certificate Blob: who it is, validity on `now`, thumbprint check, store. */
export function regCertificateHover(rc: RegCertificate, now: Date): string {
	const c = rc.certificate;
	if (!c) return l10n.t('**Undecodable certificate Blob** in {0}: {1}', rc.storeName, rc.problems[0]?.message ?? l10n.t('no certificate element'));
	const state = now < c.notBefore ? l10n.t('not yet valid') : now > c.notAfter ? l10n.t('**expired**') : l10n.t('valid');
	const lines = [
		`**${formatWindows(c.subject)}**`,
		'',
		l10n.t('Issued by: {0}{1}', formatWindows(c.issuer), c.isSelfIssued ? l10n.t(' (self-issued)') : ''),
		'',
		l10n.t('Valid {0} → {1}: {2}', c.notBeforeIso, c.notAfterIso, state),
		'',
		l10n.t('Store: {0} ({1}){2}', rc.storeName, rc.storeLocation, rc.friendlyName ? l10n.t(' · Friendly name: {0}', rc.friendlyName) : ''),
		'',
		`SHA-1 ${c.sha1} ${rc.sha1MatchesKey ? l10n.t('= key name') : l10n.t('≠ key name {0}', rc.thumbprintKey)}`,
	];
	if (c.extendedKeyUsage) lines.push('', l10n.t('Intended purposes: {0}', c.extendedKeyUsage.map((e) => e.name).join(', ')));
	return lines.join('\n');
}
