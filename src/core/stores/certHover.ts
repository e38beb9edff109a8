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
	if (!c) return `**Undecodable certificate Blob** in ${rc.storeName}: ${rc.problems[0]?.message ?? 'no certificate element'}`;
	const state = now < c.notBefore ? 'not yet valid' : now > c.notAfter ? '**expired**' : 'valid';
	const lines = [
		`**${formatWindows(c.subject)}**`,
		'',
		`Issued by: ${formatWindows(c.issuer)}${c.isSelfIssued ? ' (self-issued)' : ''}`,
		'',
		`Valid ${c.notBeforeIso} → ${c.notAfterIso}: ${state}`,
		'',
		`Store: ${rc.storeName} (${rc.storeLocation})${rc.friendlyName ? ` · Friendly name: ${rc.friendlyName}` : ''}`,
		'',
		`SHA-1 ${c.sha1} ${rc.sha1MatchesKey ? '= key name' : `≠ key name ${rc.thumbprintKey}`}`,
	];
	if (c.extendedKeyUsage) lines.push('', `Intended purposes: ${c.extendedKeyUsage.map((e) => e.name).join(', ')}`);
	return lines.join('\n');
}
