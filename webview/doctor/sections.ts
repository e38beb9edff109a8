/** The doctor page's sections, answer first. DOM nodes only: every text from files goes through textContent. */
import type { DoctorReport, FixPlan, FromDoctor, Place } from '../../src/protocol/doctor';
import * as l10n from '@vscode/l10n';
import { el } from '../shared/dom';

type Post = (message: FromDoctor) => void;
type Server = DoctorReport['servers'][number];
type Client = DoctorReport['clients'][number];
type Finding = DoctorReport['findings'][number];

const n = (x: number): string => x.toLocaleString('en-US');
/** The CN of a DN, for labels (the full DN stays beside it). */
export const cn = (subject: string): string => /(?:^|,)CN=((?:\\.|[^,\\])*)/.exec(subject)?.[1]?.replace(/\\(.)/g, '$1') ?? subject;

/** A link that opens an evidence place (a real <a href> so it is in the tab order and read as a link). */
export function placeLink(place: Place, post: Post, label?: string): HTMLAnchorElement {
	const parts = [place.file, place.line !== undefined ? l10n.t('line {0}', place.line) : '', place.frame !== undefined ? l10n.t('frame {0}', place.frame) : '', place.record !== undefined ? l10n.t('record {0}', place.record) : '', place.thumbprint ? l10n.t('SHA-1 {0}', place.thumbprint) : ''];
	const a = el('a', { href: '#', class: 'place' }, label ?? parts.filter(Boolean).join(', '));
	a.addEventListener('click', (e) => {
		e.preventDefault();
		post({ type: 'open', place });
	});
	return a;
}

/** A DN that may break after each RDN (never inside a name). */
function dn(subject: string): HTMLElement {
	const span = el('span', { class: 'dn' });
	subject.split(/(?<=[^\\],)/).forEach((part, i) => {
		if (i > 0) span.append(el('wbr'));
		span.append(part);
	});
	return span;
}

const OUTCOME: Record<Client['outcome'], { icon: string; word: () => string; cls: string }> = {
	offers: { icon: '✔', word: () => l10n.t('Offers its certificate'), cls: 'ok' },
	'no-certificate': { icon: '✖', word: () => l10n.t('No certificate'), cls: 'error' },
	unknown: { icon: '?', word: () => l10n.t('Unknown'), cls: 'warning' },
};

/** Per client: what it will do and why; "Add …" when the answer is unknown. */
export function clientsSection(r: DoctorReport, post: Post): HTMLElement {
	const section = el('section', { 'aria-labelledby': 'h-clients' }, el('h2', { id: 'h-clients' }, l10n.t('Clients')));
	if (r.clients.length === 0) {
		section.append(el('p', { class: 'note' }, l10n.t('No client certificate is in the case: add the clients\' .cer or .pfx files (a folder of their own) to see who can log on.')));
		return section;
	}
	const rows = r.clients.map((c) => {
		const o = OUTCOME[c.outcome];
		const reason = el('td', { class: 'reason' }, c.reason);
		if (c.outcome === 'unknown' && c.missing) reason.append(el('p', { class: 'add' }, el('strong', {}, l10n.t('Add: ')), c.missing));
		return el(
			'tr',
			{ class: o.cls },
			el('td', { class: `outcome ${o.cls}` }, el('span', { class: 'word' }, el('span', { class: 'icon', 'aria-hidden': 'true' }, o.icon), o.word()), ...(c.expired ? [el('span', { class: 'badge expired' }, l10n.t('expired {0}', c.expired))] : [])),
			el('th', { scope: 'row', class: 'subject' }, el('span', { class: 'cn' }, cn(c.subject)), dn(c.subject), placeLink({ file: c.file, thumbprint: c.sha1 }, post, c.file), el('span', { class: 'sha1' }, el('span', { class: 'sr-only' }, l10n.t('SHA-1 ')), c.sha1)),
			el('td', {}, c.server),
			reason,
		);
	});
	section.append(el('table', { class: 'clients' }, el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, l10n.t('Outcome')), el('th', { scope: 'col' }, l10n.t('Client certificate')), el('th', { scope: 'col' }, l10n.t('Server')), el('th', { scope: 'col' }, l10n.t('Why')))), el('tbody', {}, ...rows)));
	return section;
}

const VERDICT: Record<Server['verdict'], { icon: string; text: () => string; cls: string }> = {
	over: { icon: '✖', text: () => l10n.t('Over the limit: Schannel cuts the list'), cls: 'error' },
	'at-risk': { icon: '⚠', text: () => l10n.t('At risk: over the limit with the 2-byte prefixes'), cls: 'warning' },
	fits: { icon: '✔', text: () => l10n.t('Fits within the limit'), cls: 'ok' },
	'not-sent': { icon: 'ℹ', text: () => l10n.t('No list is sent'), cls: 'info' },
	unknown: { icon: '?', text: () => l10n.t('Unknown'), cls: 'warning' },
};

function row(term: string, ...value: (Node | string)[]): Node[] {
	return [el('dt', {}, term), el('dd', {}, ...value)];
}

/** One server's trusted issuer list in numbers. */
function serverBlock(s: Server, post: Post): HTMLElement {
	const v = VERDICT[s.verdict];
	const atLeast = (text: string) => (s.lowerBound ? l10n.t('at least {0}', text) : text);
	// With no store export to count, the list is unknown: never show it as empty.
	const counted = !(s.verdict === 'unknown' && s.names === 0);
	const dl = el(
		'dl',
		{},
		...row('Windows', s.windows ?? l10n.t('unknown')),
		...row(l10n.t('Sends a list'), s.sent),
		...row(l10n.t('Store that feeds it'), s.store),
		...row(l10n.t('CA names'), counted ? atLeast(n(s.names)) : l10n.t('unknown (no store export to count)')),
		...row(l10n.t('Bytes'), counted ? l10n.t('{0} with the list length ({1} with 2-byte prefixes)', atLeast(n(s.withLength)), n(s.bytes)) : l10n.t('unknown')),
		...row(l10n.t('Limit'), s.limit !== undefined ? l10n.t('{0} bytes', n(s.limit)) : l10n.t('unknown')),
		...row(l10n.t('Cut'), s.verdict === 'unknown' ? l10n.t('unknown') : l10n.t('{0} names ({1})', n(s.cut.count), s.cut.confidence)),
	);
	if (s.observed) {
		const o = s.observed;
		dl.append(...row(l10n.t('Observed in the capture'), l10n.t('{0} names, {1} bytes — ', n(o.names), n(o.bytes)), placeLink({ file: o.file, frame: o.frame }, post)));
		if (o.predictedOf > 0) dl.append(...row(l10n.t('Estimated order'), l10n.t('predicted right for {0} of {1} names', n(o.predictedRight), n(o.predictedOf))));
		if (o.extra > 0 && counted) dl.append(...row(l10n.t('Not in the exports'), l10n.t('{0} names the capture holds', n(o.extra))));
	}
	const block = el('div', { class: 'server' }, el('h3', {}, s.machine), el('p', { class: `verdict ${v.cls}`, role: 'status' }, el('span', { 'aria-hidden': 'true' }, `${v.icon} `), v.text()), dl);
	if (s.unknown) block.append(el('p', { class: 'add' }, l10n.t('Unknown because {0}. ', s.unknown.because), el('strong', {}, l10n.t('Add: ')), s.unknown.decide));
	return block;
}

export function serversSection(r: DoctorReport, post: Post): HTMLElement {
	const section = el('section', { 'aria-labelledby': 'h-servers' }, el('h2', { id: 'h-servers' }, l10n.t('Trusted issuer list (KB 2464556)')));
	if (r.servers.length === 0) section.append(el('p', { class: 'note' }, l10n.t('No server in the case.')));
	for (const s of r.servers) section.append(serverBlock(s, post));
	return section;
}

const SEVERITY: { key: Finding['severity']; title: () => string; icon: string }[] = [
	{ key: 'error', title: () => l10n.t('Errors'), icon: '✖' },
	{ key: 'warning', title: () => l10n.t('Warnings'), icon: '⚠' },
	{ key: 'info', title: () => l10n.t('Information'), icon: 'ℹ' },
];

function findingItem(f: Finding, post: Post): HTMLElement {
	const li = el('li', { class: `finding ${f.severity}` }, el('p', { class: 'message' }, f.message), el('p', { class: 'meta' }, el('code', {}, f.code), ` · ${f.confidence}${f.machine ? ` · ${f.machine}` : ''}`));
	if (f.evidence.length) li.append(el('ul', { class: 'evidence', 'aria-label': l10n.t('Evidence') }, ...f.evidence.map((p) => el('li', {}, placeLink(p, post)))));
	if (f.decide) li.append(el('p', { class: 'add' }, el('strong', {}, l10n.t('To decide, add: ')), f.decide));
	return li;
}

/** Findings grouped by severity, each with its evidence as links. */
export function findingsSection(r: DoctorReport, post: Post): HTMLElement {
	const section = el('section', { 'aria-labelledby': 'h-findings' }, el('h2', { id: 'h-findings' }, l10n.t('Findings')));
	for (const s of SEVERITY) {
		const mine = r.findings.filter((f) => f.severity === s.key);
		if (!mine.length) continue;
		section.append(el('h3', { class: s.key }, el('span', { 'aria-hidden': 'true' }, `${s.icon} `), l10n.t('{0} ({1})', s.title(), mine.length)), el('ul', { class: 'findings' }, ...mine.map((f) => findingItem(f, post))));
	}
	return section;
}

const RISK: Record<FixPlan['risk'], number> = { low: 0, medium: 1, high: 2 };

function planItem(p: FixPlan, post: Post): HTMLElement {
	const li = el('li', { class: `plan ${p.available ? '' : 'blocked'}` }, el('h3', {}, p.title, el('span', { class: `badge risk-${p.risk}` }, l10n.t('risk {0}', p.risk)), ...(p.available ? [] : [el('span', { class: 'badge' }, l10n.t('not available'))])));
	li.append(el('p', {}, p.available ? p.summary : p.blockedBy ?? l10n.t('Not available.')));
	if (p.mayBreak.length) li.append(el('p', { class: 'may-break-title' }, l10n.t('May break:')), el('ul', { class: 'may-break' }, ...p.mayBreak.map((b) => el('li', {}, b))));
	if (p.available && (p.reg || p.powershell)) {
		const b = el('button', { type: 'button' }, l10n.t('Open as new document'));
		b.setAttribute('aria-label', l10n.t('Open {0} as new document', p.title));
		b.addEventListener('click', () => post({ type: 'openPlan', plan: p.id, machine: p.machine }));
		li.append(el('div', { class: 'buttons' }, b, el('span', { class: 'note' }, p.powershell ? l10n.t('A .reg and a PowerShell script, unsaved, for review: nothing is run or written.') : l10n.t('A .reg, unsaved, for review: nothing is run or written.'))));
	}
	return li;
}

/** The fixes, lowest risk first; unavailable ones say what blocks them. */
export function plansSection(r: DoctorReport, post: Post): HTMLElement {
	const section = el('section', { 'aria-labelledby': 'h-plans' }, el('h2', { id: 'h-plans' }, l10n.t('Fixes, lowest risk first')));
	if (!r.plans.length) section.append(el('p', { class: 'note' }, l10n.t('No fix is needed or none can be offered from what the case holds.')));
	else section.append(el('ol', { class: 'plans' }, ...[...r.plans].sort((a, b) => RISK[a.risk] - RISK[b.risk]).map((p) => planItem(p, post))));
	return section;
}

/** What to collect next, and the collection script. */
export function collectSection(r: DoctorReport, post: Post): HTMLElement {
	const section = el('section', { 'aria-labelledby': 'h-collect' }, el('h2', { id: 'h-collect' }, l10n.t('Collect next')));
	section.append(r.collectNext.length ? el('ul', {}, ...r.collectNext.map((c) => el('li', {}, c))) : el('p', { class: 'note' }, l10n.t('Nothing: every answer above rests on the files of the case.')));
	const b = el('button', { type: 'button', class: 'secondary' }, l10n.t('Create collection script'));
	b.addEventListener('click', () => post({ type: 'collect' }));
	section.append(el('div', { class: 'buttons' }, b, el('span', { class: 'note' }, l10n.t('A read-only PowerShell script to run on the Windows machine; it exports what the doctor reads.'))));
	return section;
}

/** The machines and their files (damaged ones marked). */
export function machinesSection(r: DoctorReport, post: Post): HTMLElement {
	const details = el('details', { class: 'machines' }, el('summary', {}, l10n.t('Machines and files ({0} machines, {1} files)', r.machines.length, r.machines.reduce((s, m) => s + m.artefacts.length, 0))));
	for (const m of r.machines) {
		details.append(el('h3', {}, m.windows ? l10n.t('{0} — {1}, {2} (from {3})', m.name, m.role, m.windows.name, m.windows.from) : l10n.t('{0} — {1}, Windows version unknown', m.name, m.role)));
		details.append(el('ul', {}, ...m.artefacts.map((a) => el('li', { class: a.damaged || a.error ? 'damaged' : '' }, placeLink({ file: a.file }, post), ` — ${a.kind}, ${a.role}`, ...(a.damaged ? [el('strong', {}, ` ${l10n.t('damaged: {0}', a.damaged)}`)] : []), ...(a.error ? [el('strong', {}, ` ${a.error}`)] : [])))));
	}
	return details;
}
