import * as l10n from '@vscode/l10n';
/** The diagnosis engine: one answer about a case, which every surface (editor, reports, doctor, CLI) prints. */
import type { Case, Machine, Place } from '../case/types';
import { bindingFacts } from '../case/netsh';
import { capi2Chain, summarizeSchannelEvidence, TRUST_ERROR_FLAGS, trustFlagNames } from '../events';
import { checkKb2416849, findVersions } from '../hotfix';
import { checkSchannel } from '../schannel/check';
import { clientOutcomes } from './clientOutcomes';
import { COLLECT, issuerAnswer } from './issuerAnswer';
import { fixPlans } from './plans';
import type { ClientOutcome, Diagnosis, Finding, IssuerAnswer } from './types';

export interface DiagnoseOptions {
	readonly now?: Date;
}

const n = (x: number): string => x.toLocaleString('en-US');
const cn = (subject: string): string => /(?:^|,)CN=((?:\\.|[^,\\])*)/.exec(subject)?.[1]?.replace(/\\(.)/g, '$1') ?? subject;

function artefactFindings(m: Machine): Finding[] {
	const out: Finding[] = [];
	for (const a of m.artefacts) {
		if (a.damaged) out.push({ code: 'case.artefact-damaged', severity: 'warning', confidence: 'observed', machine: m.name, message: l10n.t('{0} is damaged: {1}. What it holds before the damage is used; conclusions that need the rest are unknown.', a.file, a.damaged.message), evidence: [a.damaged.place], decide: l10n.t('a complete copy of {0}', a.file) });
		if (a.error) out.push({ code: 'case.artefact-unreadable', severity: 'warning', confidence: 'observed', machine: m.name, message: `${a.file}: ${a.error}.`, evidence: [{ file: a.file }] });
		if (a.kind === 'certificates' && a.roles.includes('unknown') && m.role === 'server') out.push({ code: 'case.role-unknown', severity: 'info', confidence: 'observed', machine: m.name, message: l10n.t('{0} holds certificates, but its name does not say which store they come from, so it is not counted as a store. Name it Root.sst, CA.sst, ClientAuthIssuer.sst…, or map it in schannel-lens.json ("files": {1}).', a.file, `{ "${a.file.split(/[\\/]/).pop()}": "Root" }`), evidence: [{ file: a.file }] });
	}
	return out;
}

function issuerFindings(m: Machine, a: IssuerAnswer): Finding[] {
	const out: Finding[] = [];
	const ev: Place[] = [];
	const settingsLine = m.settings?.sendTrustedIssuerList;
	if (m.settings) ev.push({ file: m.settings.file, ...(settingsLine ? { line: settingsLine.line } : {}) });
	for (const art of m.artefacts) if (art.roles.some((r) => r === 'Root' || r === 'AuthRoot' || r === 'ClientAuthIssuer')) ev.push({ file: art.file });
	if (a.observed) ev.push({ file: a.observed.file, frame: a.observed.frame });
	const limitText = a.limit !== undefined ? l10n.t('{0} bytes', n(a.limit)) : l10n.t('its limit');
	const win = a.windows ?? l10n.t('this server');
	switch (a.verdict) {
		case 'over':
			out.push({ code: 'issuers.over-limit', severity: 'error', confidence: a.cut.confidence === 'observed' ? 'observed' : a.confidence, machine: m.name, evidence: ev, message: a.cut.confidence === 'observed'
				? l10n.t('{0} sends a truncated trusted issuer list: its {1} store gives {2} CA names ({3} bytes), {4} sends at most {5}, and the capture shows {6} names sent — {7} were cut. Clients whose certificate chains to a cut CA offer no certificate (KB 2464556).', m.name, a.store, n(a.names), n(a.withLength), win, limitText, n(a.sentNames), n(a.cut.count))
				: a.lowerBound
					? l10n.t('{0} sends its trusted issuer list and it is too long: {1} CA names in {2} (at least: an export is cut) → {3} bytes; {4} sends at most {5}: about {6} names are cut (which ones is an estimate). Clients whose CA is cut offer no certificate (KB 2464556).', m.name, n(a.names), a.store, n(a.withLength), win, limitText, n(a.cut.count))
					: l10n.t('{0} sends its trusted issuer list and it is too long: {1} CA names in {2} → {3} bytes; {4} sends at most {5}: about {6} names are cut (which ones is an estimate). Clients whose CA is cut offer no certificate (KB 2464556).', m.name, n(a.names), a.store, n(a.withLength), win, limitText, n(a.cut.count)) });
			break;
		case 'at-risk':
			out.push({ code: 'issuers.at-risk', severity: 'warning', confidence: 'inferred', machine: m.name, evidence: ev, message: l10n.t('{0}\'s list of {1} CA names is {2} bytes with its length prefixes, over {3}, while the names alone fit; Microsoft does not say which count the limit applies to.', m.name, n(a.names), n(a.withLength), limitText) });
			break;
		case 'fits':
			out.push({ code: 'issuers.fits', severity: 'info', confidence: a.confidence, machine: m.name, evidence: ev, message: a.observed ? l10n.t('{0}\'s trusted issuer list fits: {1} CA names from {2}, {3} bytes of {4}; the capture shows every name sent.', m.name, n(a.names), a.store, n(a.withLength), limitText) : l10n.t('{0}\'s trusted issuer list fits: {1} CA names from {2}, {3} bytes of {4}.', m.name, n(a.names), a.store, n(a.withLength), limitText) });
			break;
		case 'not-sent':
			out.push({ code: 'issuers.not-sent', severity: 'info', confidence: a.confidence, machine: m.name, evidence: ev, message: a.observed ? l10n.t('{0} sends no trusted issuer list (the capture shows an empty list): nothing can be cut, and clients may offer any certificate.', m.name) : l10n.t('{0} sends no trusted issuer list (SendTrustedIssuerList=0 or its default): nothing can be cut, and clients may offer any certificate.', m.name) });
			break;
		case 'unknown':
			out.push({ code: 'issuers.unknown', severity: 'warning', confidence: 'inferred', machine: m.name, evidence: ev, message: l10n.t('Whether {0}\'s trusted issuer list fits is unknown: {1}.', m.name, a.unknown?.because ?? l10n.t('an input is missing')), ...(a.unknown ? { decide: a.unknown.decide } : {}) });
			break;
	}
	if (a.observed && a.list && m.storesPresent.has('Root') && !a.lowerBound) {
		const o = a.observed;
		out.push({ code: 'issuers.order-check', severity: 'info', confidence: 'observed', machine: m.name, evidence: [{ file: o.file, frame: o.frame }], message: l10n.t('Estimated enumeration order against the capture: {0} of {1} names predicted right (sent or cut).', n(o.predictedRight), n(o.predictedOf)) });
		if (o.extra > 0) out.push({ code: 'issuers.exports-mismatch', severity: 'warning', confidence: 'observed', machine: m.name, evidence: [{ file: o.file, frame: o.frame }], message: o.extra === 1 ? l10n.t('The capture\'s list holds 1 name that the store exports do not: the exports are not what the server used when the capture was taken (another store, or a later change).') : l10n.t('The capture\'s list holds {0} names that the store exports do not: the exports are not what the server used when the capture was taken (another store, or a later change).', n(o.extra)) });
	}
	return out;
}

function captureFindings(m: Machine): Finding[] {
	const out: Finding[] = [];
	for (const cap of m.captures) {
		const art = m.artefacts.find((x) => x.file === cap.file);
		const cut = art?.damaged;
		for (const h of cap.handshakes) {
			if (h.certificateRequest) continue;
			const done = h.facts.serverFinished || h.facts.applicationData;
			// The capture core says when a verdict rests on a part the capture does not hold (issue 14).
			const incomplete = h.verdict.kind === 'incomplete' || (cut !== undefined && !done);
			if (!incomplete) continue;
			const missing = h.verdict.missing ?? l10n.t('the end of the server\'s part of the handshake');
			out.push({ code: 'capture.incomplete', severity: 'warning', confidence: 'observed', machine: m.name, evidence: [{ file: cap.file, frame: h.firstFrame }, ...(cut ? [cut.place] : [])], message: cut ? l10n.t('Whether the server asked for a client certificate in the handshake at frame {0} is unknown: the capture does not hold {1} ({2}).', h.firstFrame, missing, cut.message) : l10n.t('Whether the server asked for a client certificate in the handshake at frame {0} is unknown: the capture does not hold {1}.', h.firstFrame, missing), decide: l10n.t('a complete copy of {0}', cap.file) });
		}
		if (cut && cap.handshakes.length === 0) out.push({ code: 'capture.incomplete', severity: 'warning', confidence: 'observed', machine: m.name, evidence: [cut.place], message: l10n.t('{0} holds no complete TLS handshake and is damaged ({1}): it decides nothing.', cap.file, cut.message), decide: l10n.t('a complete copy of {0}', cap.file) });
	}
	const netsh = m.artefacts.find((x) => x.kind === 'netsh')?.file ?? 'netsh-sslcert.txt';
	for (const b of m.bindings) {
		for (const fact of bindingFacts(b)) {
			const code = /renegotiation inside the encrypted session/.test(fact) ? 'binding.renegotiation' : /names its own CTL store/.test(fact) ? 'binding.ctl-store' : /Ctl Identifier/.test(fact) ? 'binding.ctl-identifier' : 'binding.info';
			const store = code === 'binding.ctl-store' && b.ctlStoreName;
			out.push({ code, severity: store ? 'warning' : 'info', confidence: 'inferred', machine: m.name, evidence: [{ file: netsh, line: b.line }], message: fact, ...(store ? { decide: l10n.t('an export of the store {0} (Export-Certificate -Type SST from Cert:\\LocalMachine\\{0})', b.ctlStoreName!) } : {}) });
		}
	}
	return out;
}

const day = (t: string) => t.slice(0, 19).replace('T', ' ') + (t ? ' UTC' : '');

/** Events as evidence (issue 11): 36885, the Root store's growth, the fatal alerts against the captures. */
function eventFindings(m: Machine, a: IssuerAnswer | undefined): Finding[] {
	const out: Finding[] = [];
	for (const log of m.events) {
		const ev = summarizeSchannelEvidence(log.events);
		const t = ev.issuerListTruncated;
		if (t) {
			const contradicts = a && (a.verdict === 'fits' || a.verdict === 'not-sent');
			out.push({ code: 'events.issuer-list-truncated', severity: 'error', confidence: 'observed', machine: m.name, evidence: t.records.slice(0, 5).map((record) => ({ file: log.file, record })), message: `${t.count === 1 ? l10n.t('{0} holds 1 Schannel event 36885 ("this list has thus been truncated"), {1} to {2}: Schannel did cut the trusted issuer list (KB 2464556).', log.file, day(t.first), day(t.last)) : l10n.t('{0} holds {1} Schannel events 36885 ("this list has thus been truncated"), {2} to {3}: Schannel did cut the trusted issuer list (KB 2464556).', log.file, n(t.count), day(t.first), day(t.last))}${contradicts ? ` ${a!.verdict === 'fits' ? l10n.t('The store exports say it fits: they are not what the server used when it logged these events.') : l10n.t('The store exports say it is not sent: they are not what the server used when it logged these events.')}` : ''}` });
		}
		if (ev.rootUpdates.count) out.push({ code: 'events.root-updates', severity: 'info', confidence: 'observed', machine: m.name, evidence: [{ file: log.file }], message: ev.rootUpdates.count === 1 ? l10n.t('1 root certificate was added by automatic root update between {0} and {1} (CAPI2 4097): each one makes the trusted issuer list longer (KB 2464556, KB 2801679).', day(ev.rootUpdates.first), day(ev.rootUpdates.last)) : l10n.t('{0} root certificates were added by automatic root update between {1} and {2} (CAPI2 4097): each one makes the trusted issuer list longer (KB 2464556, KB 2801679).', n(ev.rootUpdates.count), day(ev.rootUpdates.first), day(ev.rootUpdates.last)) });
		const byCode = new Map<string, { count: number; records: number[] }>();
		for (const al of ev.alerts) {
			const key = `${al.id}|${al.code ?? '?'}|${al.name ?? ''}`;
			const v = byCode.get(key) ?? { count: 0, records: [] };
			v.count++;
			v.records.push(al.record);
			byCode.set(key, v);
		}
		for (const [key, v] of byCode) {
			const [id, code, name] = key.split('|');
			const sent = id === '36888';
			const wire = m.captures.flatMap((cap) => cap.handshakes.flatMap((h) => h.alerts.filter((x) => x.description !== null && String(x.description) === code && x.from === (sent === (m.role === 'server') ? 'server' : 'client')).map((x) => ({ file: cap.file, frame: x.frame }))));
			out.push({ code: 'events.alerts', severity: 'info', confidence: wire.length ? 'inferred' : 'observed', machine: m.name, evidence: [...v.records.slice(0, 5).map((record) => ({ file: log.file, record })), ...wire.slice(0, 3)], message: `${sent ? l10n.t('Schannel event {0} (fatal alert generated and sent) {1}×: alert {2}.', id!, n(v.count), name ? `${code} ${name}` : code!) : l10n.t('Schannel event {0} (fatal alert received) {1}×: alert {2}.', id!, n(v.count), name ? `${code} ${name}` : code!)}${wire.length ? ` ${l10n.t('The capture shows the same alert at {0} (matched by alert code; inferred).', wire.slice(0, 3).map((w) => l10n.t('frame {0}', w.frame)).join(', '))}` : ''}` });
		}
	}
	return out;
}

/** CAPI2 event 11 chains built for the case's client certificates: how Windows itself judged them. */
function windowsChains(c: Case): Map<string, { file: string; record: number; text: string }> {
	const out = new Map<string, { file: string; record: number; text: string }>();
	for (const m of c.machines) for (const log of m.events) for (const e of log.events) {
		const chain = e.id === 11 ? capi2Chain(e) : undefined;
		const leaf = chain?.elements[0];
		if (!chain || !leaf?.thumbprint) continue;
		const flags = trustFlagNames(chain.errorStatus, TRUST_ERROR_FLAGS);
		out.set(leaf.thumbprint.toUpperCase(), { file: log.file, record: e.record, text: flags.length ? l10n.t('Windows built its chain with {0}', flags.join(', ')) : l10n.t('Windows built its chain with no error') });
	}
	return out;
}

function hotfixFindings(m: Machine): Finding[] {
	return m.schannelVersions.flatMap((v) => findVersions(v.text).map((fv) => {
		const r = checkKb2416849(fv);
		const severity = r.status === 'not-fixed' ? 'warning' : 'info';
		const verdict = r.status === 'not-fixed' ? l10n.t('does not carry the KB 2416849 fix (WCF mutual authentication can fail now and then with "chain building failed" because lsass deletes the root)') : r.status === 'fixed' ? l10n.t('carries the KB 2416849 fix') : r.status === 'not-applicable' ? l10n.t('KB 2416849 does not apply to this version') : l10n.t('whether it carries the KB 2416849 fix is unknown');
		return { code: 'hotfix.kb2416849', severity, confidence: r.evidence === 'documented' ? 'documented' : 'inferred', machine: m.name, evidence: [v.place], message: l10n.t('Schannel.dll {0}: {1}. {2}', fv.text, verdict, r.reasoning[0] ?? '') } satisfies Finding;
	}));
}

function settingsFindings(m: Machine): Finding[] {
	if (!m.settings || !m.windows) return [];
	return checkSchannel(m.settings.doc, { os: m.windows.version }).filter((f) => f.code !== 'sch.issuer-list-sent' && (f.severity === 'error' || f.severity === 'warning')).map((f) => ({ code: f.code, severity: f.severity === 'error' ? 'error' : 'warning', confidence: f.evidence === 'documented' ? 'documented' : 'inferred', machine: m.name, evidence: [{ file: m.settings!.file, line: f.range.start.line + 1 }], message: f.message }));
}

const CLIENT_CODES: Record<string, { code: string; severity: Finding['severity'] }> = {
	'ca-cut': { code: 'client.ca-cut', severity: 'error' },
	'wrong-ca': { code: 'client.wrong-ca', severity: 'error' },
	'not-listed': { code: 'client.not-listed', severity: 'error' },
	'chain-unknown': { code: 'client.chain-unknown', severity: 'warning' },
	'list-unknown': { code: 'client.list-unknown', severity: 'warning' },
	'order-unknown': { code: 'client.order-unknown', severity: 'warning' },
	listed: { code: 'client.offers', severity: 'info' },
	'no-list': { code: 'client.offers', severity: 'info' },
};

function clientFindings(outcomes: readonly ClientOutcome[]): Finding[] {
	return outcomes.flatMap((o) => {
		const k = CLIENT_CODES[o.reasonCode] ?? { code: 'client.offers', severity: 'info' as const };
		const message = o.outcome === 'offers' ? l10n.t('{0} offers its certificate to {1}: {2}', cn(o.subject), o.server, o.reason) : o.outcome === 'no-certificate' ? l10n.t('{0} offers no certificate to {1}: {2}', cn(o.subject), o.server, o.reason) : l10n.t('{0} may or may not offer its certificate to {1} (unknown): {2}', cn(o.subject), o.server, o.reason);
		const f: Finding = { code: k.code, severity: k.severity, confidence: o.confidence, machine: o.server, evidence: [{ file: o.file, thumbprint: o.sha1 }], message, ...(o.missing && o.outcome === 'unknown' ? { decide: o.missing } : {}) };
		const expired = o.expired ? [{ code: 'client.expired', severity: 'error' as const, confidence: 'documented' as const, machine: o.server, evidence: [{ file: o.file, thumbprint: o.sha1 }], message: l10n.t('{0} expired on {1}: the server rejects it even when it is offered.', cn(o.subject), o.expired) }] : [];
		return [f, ...expired];
	});
}

function headline(servers: readonly IssuerAnswer[], outcomes: readonly ClientOutcome[], c: Case): string {
	if (!c.machines.some((m) => m.role === 'server')) return l10n.t('No server in the case: add the server\'s folder ({0}; {1}).', COLLECT.settings, COLLECT.root);
	const parts: string[] = [];
	const byServer = new Map<string, ClientOutcome[]>();
	for (const o of outcomes) byServer.set(o.server, [...(byServer.get(o.server) ?? []), o]);
	for (const a of servers) {
		const mine = byServer.get(a.machine) ?? [];
		const cut = mine.filter((o) => o.reasonCode === 'ca-cut');
		const wrong = mine.filter((o) => o.reasonCode === 'wrong-ca' || o.reasonCode === 'not-listed');
		const unknown = mine.filter((o) => o.outcome === 'unknown');
		const names = (os: readonly ClientOutcome[]) => os.map((o) => cn(o.subject)).join(', ').replace(/, ([^,]*)$/, l10n.t(' and {0}', '$1'));
		const notListed = mine.filter((o) => o.reasonCode === 'not-listed');
		const wrongCa = wrong.filter((o) => o.reasonCode === 'wrong-ca');
		if (a.verdict === 'unknown' && mine.length) parts.push(l10n.t('Whether {0}\'s trusted issuer list was cut is unknown: {1}.', a.machine, a.unknown?.because ?? ''));
		if (cut.length) {
			const observedCut = a.cut.confidence === 'observed';
			parts.push(cut.length === 1
				? observedCut ? l10n.t('{0} cannot log on to {1}: its root CA is among the {2} names Schannel cut from a {3}-byte list.', names(cut), a.machine, n(a.cut.count), n(a.withLength)) : l10n.t('{0} cannot log on to {1}: its root CA is among the {2} names Schannel would cut (estimate) from a {3}-byte list.', names(cut), a.machine, n(a.cut.count), n(a.withLength))
				: observedCut ? l10n.t('{0} cannot log on to {1}: their root CA is among the {2} names Schannel cut from a {3}-byte list.', names(cut), a.machine, n(a.cut.count), n(a.withLength)) : l10n.t('{0} cannot log on to {1}: their root CA is among the {2} names Schannel would cut (estimate) from a {3}-byte list.', names(cut), a.machine, n(a.cut.count), n(a.withLength)));
		}
		if (wrongCa.length) parts.push(cut.length
			? wrongCa.length === 1 ? l10n.t('{0} cannot log on to {1} either: the server does not trust its CA.', names(wrongCa), a.machine) : l10n.t('{0} cannot log on to {1} either: the server does not trust their CA.', names(wrongCa), a.machine)
			: wrongCa.length === 1 ? l10n.t('{0} cannot log on to {1}: the server does not trust its CA.', names(wrongCa), a.machine) : l10n.t('{0} cannot log on to {1}: the server does not trust their CA.', names(wrongCa), a.machine));
		if (notListed.length) {
			const either = cut.length > 0 || wrongCa.length > 0;
			const sentence = notListed.length === 1
				? either ? l10n.t('{0} cannot log on to {1} either: the list the capture shows holds none of its CAs', names(notListed), a.machine) : l10n.t('{0} cannot log on to {1}: the list the capture shows holds none of its CAs', names(notListed), a.machine)
				: either ? l10n.t('{0} cannot log on to {1} either: the list the capture shows holds none of their CAs', names(notListed), a.machine) : l10n.t('{0} cannot log on to {1}: the list the capture shows holds none of their CAs', names(notListed), a.machine);
			parts.push(a.verdict === 'unknown' ? l10n.t('{0}; whether they were cut or never trusted is unknown (add {1}).', sentence, a.unknown?.decide ?? '') : l10n.t('{0}.', sentence));
		}
		if (unknown.length) parts.push(l10n.t('For {0} the answer is unknown: add {1}.', names(unknown), unknown[0]!.missing ?? l10n.t('the missing input')));
		if (!mine.length) {
			if (a.verdict === 'unknown') parts.push(l10n.t('Whether {0}\'s trusted issuer list fits is unknown: {1}. Add {2}.', a.machine, a.unknown?.because ?? '', a.unknown?.decide ?? ''));
			else if (a.verdict === 'over') parts.push(l10n.t('{0}\'s trusted issuer list is over the limit: {1} bytes, about {2} names cut. Add the clients\' certificates to see who loses.', a.machine, n(a.withLength), n(a.cut.count)));
			else parts.push(a.verdict === 'not-sent' ? l10n.t('{0}\'s trusted issuer list is not sent; no client certificate is in the case.', a.machine) : l10n.t('{0}\'s trusted issuer list fits; no client certificate is in the case.', a.machine));
		} else if (!cut.length && !wrong.length && !unknown.length) parts.push(l10n.t('Every known client offers its certificate to {0}.', a.machine));
	}
	return parts.join(' ');
}

/** Diagnoses a case: every server's list, every client's outcome, the findings and the plans. */
export function diagnose(c: Case, options: DiagnoseOptions = {}): Diagnosis {
	const now = options.now ?? new Date();
	const findings: Finding[] = [];
	const servers: IssuerAnswer[] = [];
	const clients: ClientOutcome[] = [];
	const plans = [];
	for (const m of c.machines) findings.push(...artefactFindings(m));
	for (const m of c.machines.filter((x) => x.role === 'server')) {
		if (!m.windows) findings.push({ code: 'case.windows-unknown', severity: 'warning', confidence: 'observed', machine: m.name, evidence: [], message: l10n.t('{0}\'s Windows version is not known; conclusions that depend on it (the limit, defaults, which store feeds the list) are unknown unless every version agrees.', m.name), decide: COLLECT.windows });
		if (!m.settings) findings.push({ code: 'case.settings-missing', severity: 'warning', confidence: 'observed', machine: m.name, evidence: [], message: m.captures.some((x) => x.handshakes.some((h) => h.certificateRequest)) ? l10n.t('{0} has no SCHANNEL key export: whether SendTrustedIssuerList is set is unknown (the capture shows what was sent).', m.name) : l10n.t('{0} has no SCHANNEL key export: whether SendTrustedIssuerList is set is unknown.', m.name), decide: COLLECT.settings });
		if (!m.storesPresent.has('Root')) findings.push({ code: 'case.store-missing', severity: 'warning', confidence: 'observed', machine: m.name, evidence: [], message: l10n.t('{0} has no Root store export: the trusted issuer list cannot be computed.', m.name), decide: COLLECT.root });
		const a = issuerAnswer(m);
		servers.push(a);
		findings.push(...issuerFindings(m, a), ...captureFindings(m), ...hotfixFindings(m), ...settingsFindings(m), ...eventFindings(m, a));
		const chains = windowsChains(c);
		const outcomes = clientOutcomes(c, m, a, now).map((o) => {
			const w = chains.get(o.sha1);
			return w ? { ...o, reason: l10n.t('{0} {1} (CAPI2 event 11, {2} record {3}).', o.reason, w.text, w.file, w.record) } : o;
		});
		clients.push(...outcomes);
		plans.push(...fixPlans(c, m, a, outcomes, now));
	}
	for (const m of c.machines.filter((x) => x.role !== 'server')) findings.push(...hotfixFindings(m), ...eventFindings(m, undefined));
	findings.push(...clientFindings(clients));
	const rank = { error: 0, warning: 1, info: 2 } as const;
	findings.sort((x, y) => rank[x.severity] - rank[y.severity]);
	const collectNext = [...new Set([...findings.flatMap((f) => (f.decide ? [f.decide] : [])), ...clients.flatMap((o) => (o.outcome === 'unknown' && o.missing ? [o.missing] : []))])];
	return { headline: headline(servers, clients, c), findings, servers, clients, plans, collectNext };
}

const LIST_CODES = new Set(['issuers.over-limit', 'issuers.at-risk', 'issuers.fits', 'issuers.not-sent', 'issuers.unknown']);

/** The issuer-list finding of one machine, as the `.reg` diagnostic on its SendTrustedIssuerList line shows it. */
export function issuerLineAnswer(d: Diagnosis, machine: string): { severity: Finding['severity']; message: string } | null {
	const f = d.findings.find((x) => x.machine === machine && LIST_CODES.has(x.code));
	return f ? { severity: f.severity, message: f.decide ? l10n.t('{0} Add {1}.', f.message, f.decide) : f.message } : null;
}
