import * as l10n from '@vscode/l10n';
import type { WindowsVersion } from '../schannel/os';
import { cutLine } from './cutLine';
import { ROOT_PHYSICAL_ORDER, type IssuerListEntry, type IssuerListResult, type OrderEstimate, type StoreCertificate } from './types';

/** Settings of the server that decide what is sent. */
export interface IssuerListOptions {
	readonly os: WindowsVersion;
	/** `SendTrustedIssuerList`; undefined takes the OS default (1 up to 2008 R2, 0 from 2012 on). */
	readonly sendTrustedIssuerList?: number;
	/** `ClientAuthTrustMode` (2012 and later). */
	readonly clientAuthTrustMode?: number;
	/** `MessageLimitClient` of the clients (default 0x8000). */
	readonly messageLimitClient?: number;
}

const RECORD_PLAINTEXT = 16384;

/** Which store feeds the list (reference §2.3). */
function chooseSource(certs: readonly StoreCertificate[], options: IssuerListOptions): IssuerListResult['source'] {
	const os = options.os;
	const stil = options.sendTrustedIssuerList ?? (os.sendTrustedIssuerListDefault ? 1 : 0);
	if (stil === 0) {
		const why = options.sendTrustedIssuerList === undefined ? l10n.t('SendTrustedIssuerList is absent and defaults to 0 on {0}', os.name) : 'SendTrustedIssuerList=0';
		return { store: 'none', reason: l10n.t('{0}: the server sends an empty list, and clients may offer any certificate.', why), evidence: 'documented' };
	}
	if (!os.storeBasedIssuerList) return { store: 'Root', reason: l10n.t('{0} builds the list from the local machine\'s Trusted Root Certification Authorities store (all its physical stores, AuthRoot included).', os.name), evidence: 'documented' };
	if (certs.some((c) => c.store === 'Site')) return { store: 'Site', reason: l10n.t('An application or site store is configured: it feeds the list.'), evidence: 'documented' };
	if (certs.some((c) => c.store === 'ClientAuthIssuer')) return { store: 'ClientAuthIssuer', reason: l10n.t('No site store; the Client Authentication Issuers store holds certificates, so it feeds the list.'), evidence: 'documented' };
	return { store: 'Root', reason: l10n.t('No site store and an empty Client Authentication Issuers store: the Trusted Root store feeds the list.'), evidence: 'documented' };
}

function inSource(c: StoreCertificate, store: string): boolean {
	// AuthRoot is the .AuthRoot physical store of the logical Root store.
	return store === 'Root' ? c.store === 'Root' || c.store === 'AuthRoot' : c.store === store;
}

function physicalRank(c: StoreCertificate): number {
	const p = c.physical ?? (c.store === 'AuthRoot' ? '.AuthRoot' : '.Default');
	return ROOT_PHYSICAL_ORDER.indexOf(p);
}

/** One certificate sits once in a physical store, however many exports (v5, REGEDIT4, .sst) hold it. */
function unique(certs: readonly StoreCertificate[]): StoreCertificate[] {
	const seen = new Set<string>();
	return certs.filter((c) => {
		const key = `${c.store}|${c.physical ?? ''}|${c.sha1}`;
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}

/** Registry order (estimate): physical stores in sibling order, then subkeys sorted by thumbprint. */
export function registryOrder(certs: readonly StoreCertificate[]): StoreCertificate[] {
	return [...certs].sort((a, b) => physicalRank(a) - physicalRank(b) || (a.sha1 < b.sha1 ? -1 : a.sha1 > b.sha1 ? 1 : 0));
}

function fileOrder(certs: readonly StoreCertificate[]): StoreCertificate[] {
	return [...certs].sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : a.sourceIndex - b.sourceIndex));
}

/** SHA-1s of the entries past the limit when sent in `order` (truncation stops at the first that does not fit, an assumption). */
export function cutUnder(order: readonly StoreCertificate[], limit: number): string[] {
	const { cutFrom } = cutLine(order.map((c) => c.subjectDer.length), limit);
	return order.slice(cutFrom).map((c) => c.sha1);
}

/**
 * Computes the trusted issuer list a Schannel server sends: source store, entries in the
 * estimated send order with running totals, the three byte counts, the OS limit, and the cut.
 */
export function computeIssuerList(certs: readonly StoreCertificate[], options: IssuerListOptions): IssuerListResult {
	const os = options.os;
	const source = chooseSource(certs, options);
	const limit = { ...os.issuerListLimit, os: os.name };
	const candidates = source.store === 'none' ? [] : unique(certs).filter((c) => inSource(c, source.store));
	const excluded = candidates.filter((c) => !c.clientAuthAllowed).map((certificate) => ({ certificate, reason: l10n.t('its enhanced key usage excludes client authentication') }));
	const qualifying = candidates.filter((c) => c.clientAuthAllowed);
	const orders: OrderEstimate[] = [
		{ id: 'registry', label: l10n.t('registry order: physical stores .Default, .AuthRoot, .GroupPolicy, .Enterprise, .SmartCard; thumbprints ascending in each (inferred)'), cut: cutUnder(registryOrder(qualifying), limit.bytes) },
		{ id: 'file', label: l10n.t('order of the exported files (as given)'), cut: cutUnder(fileOrder(qualifying), limit.bytes) },
	];
	const primaryCut = new Set(orders[0]!.cut);
	let cumulative = 0;
	const entries: IssuerListEntry[] = registryOrder(qualifying).map((certificate) => {
		const bytes = 2 + certificate.subjectDer.length;
		cumulative += bytes;
		return { certificate, derBytes: certificate.subjectDer.length, bytes, cumulativeBytes: cumulative, cut: primaryCut.has(certificate.sha1) };
	});
	const names = entries.reduce((n, e) => n + e.derBytes, 0);
	const totals = { names, vectorBody: cumulative, withLength: cumulative + 2 };
	const verdict = source.store === 'none' ? 'not-sent' : names > limit.bytes ? 'over' : totals.withLength > limit.bytes ? 'at-risk' : 'fits';
	return { source, entries, excluded, totals, limit, verdict, orders, notes: notes(totals.withLength, verdict, options) };
}

function notes(withLength: number, verdict: IssuerListResult['verdict'], options: IssuerListOptions): string[] {
	const out: string[] = [];
	if (verdict === 'not-sent') return out;
	if (verdict !== 'fits') out.push(l10n.t('Schannel truncates the list silently and logs warning event 36885; which names survive depends on the certificate enumeration order, which Microsoft does not document — the cut shown is an estimate.'));
	if (verdict === 'at-risk') out.push(l10n.t('The DER names alone fit, but with their 2-byte length prefixes the list exceeds the limit; Microsoft does not say which count the limit applies to.'));
	// CertificateRequest = 4-byte handshake header + types + signature algorithms + the list.
	const message = withLength + 4 + 1 + 4 + 2 + 40;
	if (withLength > RECORD_PLAINTEXT) out.push(l10n.t('An untruncated list of {0} bytes does not fit one TLS record (16,384 bytes of plaintext): the CertificateRequest spans {1} records.', withLength.toLocaleString('en-US'), Math.ceil(message / RECORD_PLAINTEXT)));
	const messageLimit = options.messageLimitClient ?? 0x8000;
	if (message > messageLimit) out.push(l10n.t('A Windows client rejects handshake messages over MessageLimitClient ({0} bytes{1}); a server that sent this list untruncated would fail with every Windows client.', messageLimit.toLocaleString('en-US'), options.messageLimitClient === undefined ? l10n.t(', the default') : ''));
	return out;
}
