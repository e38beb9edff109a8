import * as l10n from '@vscode/l10n';
/** One server's trusted issuer list, as far as its artefacts tell: computed, observed in a capture, or unknown. */
import type { CertificateRequestInfo } from '../capture/types';
import type { Machine } from '../case/types';
import { toHexLower } from '../crypto/hex';
import { computeIssuerList } from '../issuers/compute';
import type { IssuerListResult } from '../issuers/types';
import { WINDOWS_VERSIONS, type WindowsVersion } from '../schannel/os';
import type { Confidence, IssuerAnswer, ObservedList } from './types';

/** The reg export or .sst that settles each missing input. */
// Getters: each read is in the display language the host configured (English when none is).
export const COLLECT = {
	get root() {
		return l10n.t('the server\'s Root store export (reg export HKLM\\SOFTWARE\\Microsoft\\SystemCertificates\\ROOT root-store.reg, or Root.sst from the collection script)');
	},
	get clientAuthIssuer() {
		return l10n.t('the server\'s ClientAuthIssuer store export (ClientAuthIssuer.sst, or reg export of HKLM\\SOFTWARE\\Microsoft\\SystemCertificates\\ClientAuthIssuer)');
	},
	get settings() {
		return l10n.t('the server\'s SCHANNEL key export (reg export HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL schannel-settings.reg)');
	},
	get windows() {
		return l10n.t('the server\'s Windows version: "windows" in schannel-lens.json, a "; target:" line in the SCHANNEL export, or windows-version.txt from the collection script');
	},
	get capture() {
		return l10n.t('a capture of a failed logon on the server (its CertificateRequest shows the list actually sent)');
	},
};

const hexCache = new WeakMap<Uint8Array, string>();
export function nameHex(der: Uint8Array): string {
	let s = hexCache.get(der);
	if (s === undefined) {
		s = toHexLower(der);
		hexCache.set(der, s);
	}
	return s;
}

/** The last CertificateRequest with a list in the machine's captures: what the server really sent. */
export function observedRequest(m: Machine): { file: string; request: CertificateRequestInfo } | undefined {
	let found: { file: string; request: CertificateRequestInfo } | undefined;
	for (const cap of m.captures) for (const h of cap.handshakes) if (h.certificateRequest) found = { file: cap.file, request: h.certificateRequest };
	return found;
}

interface Evaluated {
	readonly os: WindowsVersion;
	readonly list: IssuerListResult;
	readonly sent: 'yes' | 'no' | 'unknown';
}

function evaluate(m: Machine, os: WindowsVersion): Evaluated {
	const s = m.settings;
	const stil = s?.sendTrustedIssuerList?.value;
	const catm = s?.clientAuthTrustMode?.value;
	const mlc = s?.messageLimitClient?.value;
	const list = computeIssuerList(m.stores, { os, ...(stil !== undefined ? { sendTrustedIssuerList: stil } : {}), ...(catm !== undefined ? { clientAuthTrustMode: catm } : {}), ...(mlc !== undefined ? { messageLimitClient: mlc } : {}) });
	// Without the SCHANNEL export, whether the value is set (and so whether the list is sent) is unknown.
	const sent = !s ? 'unknown' : list.source.store === 'none' ? 'no' : 'yes';
	return { os, list, sent };
}

function storesNeeded(os: WindowsVersion, m: Machine): { store: string; decide: string } | undefined {
	if (!m.storesPresent.has('Root')) return { store: 'Root', decide: COLLECT.root };
	if (os.storeBasedIssuerList && !m.storesPresent.has('ClientAuthIssuer')) return { store: 'ClientAuthIssuer', decide: COLLECT.clientAuthIssuer };
	return undefined;
}

function observe(m: Machine, list: IssuerListResult | undefined): ObservedList | undefined {
	const seen = observedRequest(m);
	if (!seen) return undefined;
	const req = seen.request;
	const onWire = new Set(req.distinguishedNames.map((d) => d.der.toLowerCase()));
	const entries = list?.entries ?? [];
	const computed = new Set(entries.map((e) => nameHex(e.certificate.subjectDer)));
	const missing = entries.filter((e) => !onWire.has(nameHex(e.certificate.subjectDer))).map((e) => ({ subject: e.certificate.subject, sha1: e.certificate.sha1 }));
	const predictedRight = entries.filter((e) => e.cut === !onWire.has(nameHex(e.certificate.subjectDer))).length;
	return { file: seen.file, frame: req.frame, names: req.distinguishedNames.length, bytes: req.listBytes, missing, extra: [...onWire].filter((d) => !computed.has(d)).length, predictedRight, predictedOf: entries.length };
}

/**
 * The trusted issuer list of a server machine. Every input it needs that is missing or damaged
 * turns the verdict into "unknown" naming what would decide it; a capture's list is the ground truth.
 */
export function issuerAnswer(m: Machine): IssuerAnswer {
	const candidates = m.windows ? [m.windows.version] : [...WINDOWS_VERSIONS];
	const evaluated = candidates.map((os) => evaluate(m, os));
	const primary = evaluated.find((e) => e.os.id === '2008r2') ?? evaluated[0]!;
	const { list } = primary;
	const observed = observe(m, list);
	const lowerBound = [...m.storesDamaged].some((s) => s === 'Root' || s === 'AuthRoot' || s === 'ClientAuthIssuer');
	const base = {
		machine: m.name,
		...(m.windows ? { windows: m.windows.version.name } : {}),
		names: list.entries.length,
		bytes: list.totals.vectorBody,
		withLength: list.totals.withLength,
		lowerBound,
		list,
	};
	const estimateCut = { count: list.entries.filter((e) => e.cut).length, confidence: 'estimate' as Confidence, sha1s: list.entries.filter((e) => e.cut).map((e) => e.certificate.sha1) };
	// Ground truth: the capture shows the list the server sent.
	if (observed) {
		// Names on the wire that the exports lack: the exports are not what the server used then, so nothing is concluded from them.
		const mismatch = observed.extra > 0 && m.storesPresent.has('Root');
		const cutFromCapture = observed.missing.length > 0 && !lowerBound && m.storesPresent.has('Root') && !mismatch;
		const sentNothing = observed.names === 0;
		const cut = cutFromCapture ? { count: observed.missing.length, confidence: 'observed' as Confidence, sha1s: observed.missing.map((x) => x.sha1) } : { count: 0, confidence: 'observed' as Confidence, sha1s: [] };
		const verdict: IssuerAnswer['verdict'] = sentNothing ? 'not-sent' : cutFromCapture ? 'over' : !m.storesPresent.has('Root') || lowerBound || mismatch ? 'unknown' : 'fits';
		return {
			...base,
			sent: sentNothing ? 'no' : 'yes',
			store: list.source.store === 'none' ? 'Root' : list.source.store,
			verdict,
			confidence: 'observed',
			cut,
			sentNames: observed.names,
			observed,
			...(m.windows ? { limit: m.windows.version.issuerListLimit.bytes } : {}),
			...(verdict === 'unknown' ? { unknown: mismatch ? { because: observed.extra === 1 ? l10n.t('the capture\'s list holds 1 name that the store exports do not, so the exports are not what the server used when the capture was taken') : l10n.t('the capture\'s list holds {0} names that the store exports do not, so the exports are not what the server used when the capture was taken', observed.extra), decide: l10n.t('store exports taken at the time of the capture (or a new capture)') } : { because: lowerBound ? l10n.t('the capture shows {0} names sent, but the store export is cut, so which names were cut is unknown', observed.names) : l10n.t('the capture shows {0} names sent, but the Root store export is missing, so which names were cut is unknown', observed.names), decide: COLLECT.root } } : {}),
		};
	}
	// A binding with its own CTL store: that store feeds its list (2012 on, documented; HTTP.sys passing it, inferred).
	const ctl = m.bindings.find((b) => b.ctlStoreName && !m.storesPresent.has(b.ctlStoreName));
	if (ctl && (!m.windows || m.windows.version.storeBasedIssuerList)) {
		return { ...base, sent: 'unknown', store: ctl.ctlStoreName!, verdict: 'unknown', confidence: 'inferred', cut: { count: 0, confidence: 'estimate', sha1s: [] }, sentNames: 0, unknown: { because: l10n.t('the binding {0} names its own CTL store "{1}", which feeds its list, and that store was not exported', ctl.binding, ctl.ctlStoreName!), decide: l10n.t('an export of the store {0} (Export-Certificate -Type SST from Cert:\\LocalMachine\\{0})', ctl.ctlStoreName!) } };
	}
	const verdicts = new Set(evaluated.map((e) => e.list.verdict));
	const sents = new Set(evaluated.map((e) => e.sent));
	const missingStore = storesNeeded(primary.os, m);
	const unknown = (because: string, decide: string): IssuerAnswer => ({ ...base, sent: sents.size === 1 ? primary.sent : 'unknown', store: missingStore ? 'unknown' : list.source.store, verdict: 'unknown', confidence: 'inferred', cut: { count: 0, confidence: 'estimate', sha1s: [] }, sentNames: 0, unknown: { because, decide } });
	if (!m.windows && (verdicts.size > 1 || sents.size > 1)) return unknown(l10n.t('the Windows version is not known, and the answer differs between versions (limit, default of SendTrustedIssuerList, which store feeds the list)'), COLLECT.windows);
	if (primary.sent === 'unknown') {
		if (primary.list.source.store !== 'none' || !m.settings) return unknown(l10n.t('without the SCHANNEL key export it is unknown whether SendTrustedIssuerList is set, and so whether the list is sent'), COLLECT.settings);
	}
	if (primary.sent === 'no') return { ...base, sent: 'no', store: 'none', verdict: 'not-sent', confidence: 'documented', cut: { count: 0, confidence: 'documented', sha1s: [] }, sentNames: 0, ...(m.windows ? { limit: primary.os.issuerListLimit.bytes } : {}) };
	if (missingStore) return unknown(l10n.t('the {0} store export is missing, so the list\'s size is unknown', missingStore.store), missingStore.decide);
	const limit = primary.os.issuerListLimit.bytes;
	if (lowerBound) {
		if (list.totals.names > limit) return { ...base, sent: 'yes', store: list.source.store, verdict: 'over', confidence: 'documented', cut: { ...estimateCut, count: estimateCut.count }, sentNames: list.entries.length - estimateCut.count, limit };
		return unknown(l10n.t('a store export is cut: its readable part already gives {0} names ({1} bytes), and the rest is missing', list.entries.length, list.totals.vectorBody.toLocaleString('en-US')), COLLECT.root);
	}
	const confidence: Confidence = primary.os.issuerListLimit.evidence === 'documented' ? 'documented' : 'inferred';
	return { ...base, sent: 'yes', store: list.source.store, verdict: list.verdict, confidence, cut: estimateCut, sentNames: list.entries.length - estimateCut.count, limit };
}
