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
		if (a.damaged) out.push({ code: 'case.artefact-damaged', severity: 'warning', confidence: 'observed', machine: m.name, message: `${a.file} is damaged: ${a.damaged.message}. What it holds before the damage is used; conclusions that need the rest are unknown.`, evidence: [a.damaged.place], decide: `a complete copy of ${a.file}` });
		if (a.error) out.push({ code: 'case.artefact-unreadable', severity: 'warning', confidence: 'observed', machine: m.name, message: `${a.file}: ${a.error}.`, evidence: [{ file: a.file }] });
		if (a.kind === 'certificates' && a.roles.includes('unknown') && m.role === 'server') out.push({ code: 'case.role-unknown', severity: 'info', confidence: 'observed', machine: m.name, message: `${a.file} holds certificates, but its name does not say which store they come from, so it is not counted as a store. Name it Root.sst, CA.sst, ClientAuthIssuer.sst…, or map it in schannel-lens.json ("files": { "${a.file.split(/[\\/]/).pop()}": "Root" }).`, evidence: [{ file: a.file }] });
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
	const limitText = a.limit !== undefined ? `${n(a.limit)} bytes` : 'its limit';
	const win = a.windows ?? 'this server';
	switch (a.verdict) {
		case 'over':
			out.push({ code: 'issuers.over-limit', severity: 'error', confidence: a.cut.confidence === 'observed' ? 'observed' : a.confidence, machine: m.name, evidence: ev, message: a.cut.confidence === 'observed'
				? `${m.name} sends a truncated trusted issuer list: its ${a.store} store gives ${n(a.names)} CA names (${n(a.withLength)} bytes), ${win} sends at most ${limitText}, and the capture shows ${n(a.sentNames)} names sent — ${n(a.cut.count)} were cut. Clients whose certificate chains to a cut CA offer no certificate (KB 2464556).`
				: `${m.name} sends its trusted issuer list and it is too long: ${n(a.names)} CA names in ${a.store}${a.lowerBound ? ' (at least: an export is cut)' : ''} → ${n(a.withLength)} bytes; ${win} sends at most ${limitText}: about ${n(a.cut.count)} names are cut (which ones is an estimate). Clients whose CA is cut offer no certificate (KB 2464556).` });
			break;
		case 'at-risk':
			out.push({ code: 'issuers.at-risk', severity: 'warning', confidence: 'inferred', machine: m.name, evidence: ev, message: `${m.name}'s list of ${n(a.names)} CA names is ${n(a.withLength)} bytes with its length prefixes, over ${limitText}, while the names alone fit; Microsoft does not say which count the limit applies to.` });
			break;
		case 'fits':
			out.push({ code: 'issuers.fits', severity: 'info', confidence: a.confidence, machine: m.name, evidence: ev, message: `${m.name}'s trusted issuer list fits: ${n(a.names)} CA names from ${a.store}, ${n(a.withLength)} bytes of ${limitText}${a.observed ? '; the capture shows every name sent' : ''}.` });
			break;
		case 'not-sent':
			out.push({ code: 'issuers.not-sent', severity: 'info', confidence: a.confidence, machine: m.name, evidence: ev, message: `${m.name} sends no trusted issuer list${a.observed ? ' (the capture shows an empty list)' : ' (SendTrustedIssuerList=0 or its default)'}: nothing can be cut, and clients may offer any certificate.` });
			break;
		case 'unknown':
			out.push({ code: 'issuers.unknown', severity: 'warning', confidence: 'inferred', machine: m.name, evidence: ev, message: `Whether ${m.name}'s trusted issuer list fits is unknown: ${a.unknown?.because ?? 'an input is missing'}.`, ...(a.unknown ? { decide: a.unknown.decide } : {}) });
			break;
	}
	if (a.observed && a.list && m.storesPresent.has('Root') && !a.lowerBound) {
		const o = a.observed;
		out.push({ code: 'issuers.order-check', severity: 'info', confidence: 'observed', machine: m.name, evidence: [{ file: o.file, frame: o.frame }], message: `Estimated enumeration order against the capture: ${n(o.predictedRight)} of ${n(o.predictedOf)} names predicted right (sent or cut).` });
		if (o.extra > 0) out.push({ code: 'issuers.exports-mismatch', severity: 'warning', confidence: 'observed', machine: m.name, evidence: [{ file: o.file, frame: o.frame }], message: `The capture's list holds ${n(o.extra)} name${o.extra === 1 ? '' : 's'} that the store exports do not: the exports are not what the server used when the capture was taken (another store, or a later change).` });
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
			const missing = h.verdict.missing ?? 'the end of the server\'s part of the handshake';
			out.push({ code: 'capture.incomplete', severity: 'warning', confidence: 'observed', machine: m.name, evidence: [{ file: cap.file, frame: h.firstFrame }, ...(cut ? [cut.place] : [])], message: `Whether the server asked for a client certificate in the handshake at frame ${h.firstFrame} is unknown: the capture does not hold ${missing}${cut ? ` (${cut.message})` : ''}.`, decide: `a complete copy of ${cap.file}` });
		}
		if (cut && cap.handshakes.length === 0) out.push({ code: 'capture.incomplete', severity: 'warning', confidence: 'observed', machine: m.name, evidence: [cut.place], message: `${cap.file} holds no complete TLS handshake and is damaged (${cut.message}): it decides nothing.`, decide: `a complete copy of ${cap.file}` });
	}
	const netsh = m.artefacts.find((x) => x.kind === 'netsh')?.file ?? 'netsh-sslcert.txt';
	for (const b of m.bindings) {
		for (const fact of bindingFacts(b)) {
			const code = /renegotiation inside the encrypted session/.test(fact) ? 'binding.renegotiation' : /names its own CTL store/.test(fact) ? 'binding.ctl-store' : /Ctl Identifier/.test(fact) ? 'binding.ctl-identifier' : 'binding.info';
			const store = code === 'binding.ctl-store' && b.ctlStoreName;
			out.push({ code, severity: store ? 'warning' : 'info', confidence: 'inferred', machine: m.name, evidence: [{ file: netsh, line: b.line }], message: fact, ...(store ? { decide: `an export of the store ${b.ctlStoreName} (Export-Certificate -Type SST from Cert:\\LocalMachine\\${b.ctlStoreName})` } : {}) });
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
			out.push({ code: 'events.issuer-list-truncated', severity: 'error', confidence: 'observed', machine: m.name, evidence: t.records.slice(0, 5).map((record) => ({ file: log.file, record })), message: `${log.file} holds ${n(t.count)} Schannel event${t.count === 1 ? '' : 's'} 36885 ("this list has thus been truncated"), ${day(t.first)} to ${day(t.last)}: Schannel did cut the trusted issuer list (KB 2464556).${contradicts ? ` The store exports say it ${a!.verdict === 'fits' ? 'fits' : 'is not sent'}: they are not what the server used when it logged these events.` : ''}` });
		}
		if (ev.rootUpdates.count) out.push({ code: 'events.root-updates', severity: 'info', confidence: 'observed', machine: m.name, evidence: [{ file: log.file }], message: `${n(ev.rootUpdates.count)} root certificate${ev.rootUpdates.count === 1 ? ' was' : 's were'} added by automatic root update between ${day(ev.rootUpdates.first)} and ${day(ev.rootUpdates.last)} (CAPI2 4097): each one makes the trusted issuer list longer (KB 2464556, KB 2801679).` });
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
			out.push({ code: 'events.alerts', severity: 'info', confidence: wire.length ? 'inferred' : 'observed', machine: m.name, evidence: [...v.records.slice(0, 5).map((record) => ({ file: log.file, record })), ...wire.slice(0, 3)], message: `Schannel event ${id} (fatal alert ${sent ? 'generated and sent' : 'received'}) ${n(v.count)}×: alert ${code}${name ? ` ${name}` : ''}.${wire.length ? ` The capture shows the same alert at ${wire.slice(0, 3).map((w) => `frame ${w.frame}`).join(', ')} (matched by alert code; inferred).` : ''}` });
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
		out.set(leaf.thumbprint.toUpperCase(), { file: log.file, record: e.record, text: flags.length ? `Windows built its chain with ${flags.join(', ')}` : 'Windows built its chain with no error' });
	}
	return out;
}

function hotfixFindings(m: Machine): Finding[] {
	return m.schannelVersions.flatMap((v) => findVersions(v.text).map((fv) => {
		const r = checkKb2416849(fv);
		const severity = r.status === 'not-fixed' ? 'warning' : 'info';
		return { code: 'hotfix.kb2416849', severity, confidence: r.evidence === 'documented' ? 'documented' : 'inferred', machine: m.name, evidence: [v.place], message: `Schannel.dll ${fv.text}: ${r.status === 'not-fixed' ? 'does not carry the KB 2416849 fix (WCF mutual authentication can fail now and then with "chain building failed" because lsass deletes the root)' : r.status === 'fixed' ? 'carries the KB 2416849 fix' : r.status === 'not-applicable' ? 'KB 2416849 does not apply to this version' : 'whether it carries the KB 2416849 fix is unknown'}. ${r.reasoning[0] ?? ''}` } satisfies Finding;
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
		const what = o.outcome === 'offers' ? 'offers its certificate' : o.outcome === 'no-certificate' ? 'offers no certificate' : 'may or may not offer its certificate (unknown)';
		const f: Finding = { code: k.code, severity: k.severity, confidence: o.confidence, machine: o.server, evidence: [{ file: o.file, thumbprint: o.sha1 }], message: `${cn(o.subject)} ${what} to ${o.server}: ${o.reason}`, ...(o.missing && o.outcome === 'unknown' ? { decide: o.missing } : {}) };
		const expired = o.expired ? [{ code: 'client.expired', severity: 'error' as const, confidence: 'documented' as const, machine: o.server, evidence: [{ file: o.file, thumbprint: o.sha1 }], message: `${cn(o.subject)} expired on ${o.expired}: the server rejects it even when it is offered.` }] : [];
		return [f, ...expired];
	});
}

function headline(servers: readonly IssuerAnswer[], outcomes: readonly ClientOutcome[], c: Case): string {
	if (!c.machines.some((m) => m.role === 'server')) return `No server in the case: add the server's folder (${COLLECT.settings}; ${COLLECT.root}).`;
	const parts: string[] = [];
	const byServer = new Map<string, ClientOutcome[]>();
	for (const o of outcomes) byServer.set(o.server, [...(byServer.get(o.server) ?? []), o]);
	for (const a of servers) {
		const mine = byServer.get(a.machine) ?? [];
		const cut = mine.filter((o) => o.reasonCode === 'ca-cut');
		const wrong = mine.filter((o) => o.reasonCode === 'wrong-ca' || o.reasonCode === 'not-listed');
		const unknown = mine.filter((o) => o.outcome === 'unknown');
		const names = (os: readonly ClientOutcome[]) => os.map((o) => cn(o.subject)).join(', ').replace(/, ([^,]*)$/, ' and $1');
		const notListed = mine.filter((o) => o.reasonCode === 'not-listed');
		const wrongCa = wrong.filter((o) => o.reasonCode === 'wrong-ca');
		if (a.verdict === 'unknown' && mine.length) parts.push(`Whether ${a.machine}'s trusted issuer list was cut is unknown: ${a.unknown?.because}.`);
		if (cut.length) parts.push(`${names(cut)} cannot log on to ${a.machine}: ${cut.length === 1 ? 'its' : 'their'} root CA is among the ${n(a.cut.count)} names Schannel ${a.cut.confidence === 'observed' ? 'cut' : 'would cut (estimate)'} from a ${n(a.withLength)}-byte list.`);
		if (wrongCa.length) parts.push(`${names(wrongCa)} cannot log on to ${a.machine}${cut.length ? ' either' : ''}: the server does not trust ${wrongCa.length === 1 ? 'its' : 'their'} CA.`);
		if (notListed.length) parts.push(`${names(notListed)} cannot log on to ${a.machine}${cut.length || wrongCa.length ? ' either' : ''}: the list the capture shows holds none of ${notListed.length === 1 ? 'its' : 'their'} CAs${a.verdict === 'unknown' ? `; whether they were cut or never trusted is unknown (add ${a.unknown?.decide})` : ''}.`);
		if (unknown.length) parts.push(`For ${names(unknown)} the answer is unknown: add ${unknown[0]!.missing ?? 'the missing input'}.`);
		if (!mine.length) {
			if (a.verdict === 'unknown') parts.push(`Whether ${a.machine}'s trusted issuer list fits is unknown: ${a.unknown?.because}. Add ${a.unknown?.decide}.`);
			else if (a.verdict === 'over') parts.push(`${a.machine}'s trusted issuer list is over the limit: ${n(a.withLength)} bytes, about ${n(a.cut.count)} names cut. Add the clients' certificates to see who loses.`);
			else parts.push(`${a.machine}'s trusted issuer list ${a.verdict === 'not-sent' ? 'is not sent' : 'fits'}; no client certificate is in the case.`);
		} else if (!cut.length && !wrong.length && !unknown.length) parts.push(`Every known client offers its certificate to ${a.machine}.`);
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
		if (!m.windows) findings.push({ code: 'case.windows-unknown', severity: 'warning', confidence: 'observed', machine: m.name, evidence: [], message: `${m.name}'s Windows version is not known; conclusions that depend on it (the limit, defaults, which store feeds the list) are unknown unless every version agrees.`, decide: COLLECT.windows });
		if (!m.settings) findings.push({ code: 'case.settings-missing', severity: 'warning', confidence: 'observed', machine: m.name, evidence: [], message: `${m.name} has no SCHANNEL key export: whether SendTrustedIssuerList is set is unknown${m.captures.some((x) => x.handshakes.some((h) => h.certificateRequest)) ? ' (the capture shows what was sent)' : ''}.`, decide: COLLECT.settings });
		if (!m.storesPresent.has('Root')) findings.push({ code: 'case.store-missing', severity: 'warning', confidence: 'observed', machine: m.name, evidence: [], message: `${m.name} has no Root store export: the trusted issuer list cannot be computed.`, decide: COLLECT.root });
		const a = issuerAnswer(m);
		servers.push(a);
		findings.push(...issuerFindings(m, a), ...captureFindings(m), ...hotfixFindings(m), ...settingsFindings(m), ...eventFindings(m, a));
		const chains = windowsChains(c);
		const outcomes = clientOutcomes(c, m, a, now).map((o) => {
			const w = chains.get(o.sha1);
			return w ? { ...o, reason: `${o.reason} ${w.text} (CAPI2 event 11, ${w.file} record ${w.record}).` } : o;
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
	return f ? { severity: f.severity, message: f.decide ? `${f.message} Add ${f.decide}.` : f.message } : null;
}
