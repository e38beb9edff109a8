/**
 * Does a server certificate name the host the client connected to? SAN dNSName with RFC 6125 wildcards, SAN
 * iPAddress by bytes, and the subject CN only where Windows falls back to it.
 */
import * as l10n from '@vscode/l10n';
import { formatRfc4514, nameValue, type Certificate } from '../x509';
import { ipBytes } from './nameConstraints';
import { lenient } from './profile';
import type { ChainProfile, ElementStatus, PeerName } from './types';

/**
 * Parses `--host` / `--ip` text: an IP address (IPv4 dotted quad, IPv6 with `::`) or a DNS host name.
 * @example parsePeerName('dns', 'www.example.com') // { kind: 'dns', value: 'www.example.com' }
 */
export function parsePeerName(kind: PeerName['kind'], text: string): PeerName | string {
	if (kind === 'ip') return ipBytes(text) ? { kind, value: text } : l10n.t('"{0}" is not an IPv4 or IPv6 address', text);
	const host = text.replace(/\.$/, '').toLowerCase();
	if (!/^[a-z0-9-]{1,63}(\.[a-z0-9-]{1,63})*$/.test(host)) return l10n.t('"{0}" is not a DNS host name (use --ip for addresses)', text);
	return { kind, value: host };
}

/**
 * RFC 6125 §6.4.3 as browsers and CryptoAPI apply it: case-insensitive; a `*` only as the whole left-most label,
 * matching exactly one label, and never directly under a one-label name (`*.com`).
 */
export function dnsNameMatches(pattern: string, host: string): boolean {
	const p = pattern.toLowerCase().replace(/\.$/, '');
	const h = host.toLowerCase();
	if (!p.includes('*')) return p === h;
	const labels = p.split('.');
	if (labels[0] !== '*' || labels.slice(1).some((l) => l.includes('*')) || labels.length < 3) return false;
	const hostLabels = h.split('.');
	return hostLabels.length === labels.length && hostLabels.slice(1).join('.') === labels.slice(1).join('.') && hostLabels[0] !== '';
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
	return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Findings about the leaf's names against `peer` (empty when it matches). */
export function checkPeerName(leaf: Certificate, peer: PeerName, profile: ChainProfile): ElementStatus[] {
	const san = leaf.subjectAltName ?? [];
	const mismatch = (message: string, rfc: string): ElementStatus[] => [{ flag: 'NAME_MISMATCH', severity: 'error', message, rfc }];
	if (peer.kind === 'ip') {
		const want = ipBytes(peer.value)!;
		if (san.some((gn) => gn.type === 'IP' && sameBytes(ipBytes(gn.value) ?? new Uint8Array(0), want))) return [];
		const ips = san.filter((g) => g.type === 'IP').map((g) => g.value);
		return mismatch(l10n.t('The certificate does not name the IP address {0}{1}; an address is matched only against SAN iPAddress entries.', peer.value, ips.length ? l10n.t(' (its SAN addresses: {0})', ips.join(', ')) : l10n.t(' (it has no SAN iPAddress)')), 'RFC 6125 §6.2.1');
	}
	const dns = san.filter((g) => g.type === 'DNS').map((g) => g.value);
	if (dns.some((d) => dnsNameMatches(d, peer.value))) return [];
	if (dns.length > 0) return mismatch(l10n.t('The certificate does not name {0}: its SAN DNS names are {1}.', peer.value, dns.join(', ')), 'RFC 6125 §6.4');
	// No SAN dNSName: Windows falls back to the subject CN (inferred from Wine's crypt32, which mirrors it); RFC 9525 does not.
	const cn = nameValue(leaf.subject, '2.5.4.3');
	if (cn !== undefined && dnsNameMatches(cn, peer.value)) {
		return profile === 'windows'
			? [lenient('windows', 'RFC 9525 §6.3', l10n.t('The host {0} matches only the subject CN "{1}"; the certificate has no SAN DNS name. Windows falls back to the CN.', peer.value, cn))]
			: mismatch(l10n.t('The certificate has no SAN DNS name; the subject CN "{0}" is not used for host names (RFC 9525; browsers and Go ignore it).', cn), 'RFC 9525 §6.3');
	}
	return mismatch(l10n.t('The certificate does not name {0}: it has no SAN DNS name{1}.', peer.value, cn !== undefined ? l10n.t(' and its CN is "{0}"', cn) : l10n.t(' and no CN (subject {0})', formatRfc4514(leaf.subject))), 'RFC 6125 §6.4');
}
