/** The doctor page's sections, answer first. DOM nodes only: every text from files goes through textContent. */
import type { DoctorReport, FixPlan, FromDoctor, Place } from '../../src/protocol/doctor';
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
	const parts = [place.file, place.line !== undefined ? `line ${place.line}` : '', place.frame !== undefined ? `frame ${place.frame}` : '', place.record !== undefined ? `record ${place.record}` : '', place.thumbprint ? `SHA-1 ${place.thumbprint}` : ''];
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

const OUTCOME: Record<Client['outcome'], { icon: string; word: string; cls: string }> = {
	offers: { icon: '✔', word: 'Offers its certificate', cls: 'ok' },
	'no-certificate': { icon: '✖', word: 'No certificate', cls: 'error' },
	unknown: { icon: '?', word: 'Unknown', cls: 'warning' },
};

/** Per client: what it will do and why; "Add …" when the answer is unknown. */
export function clientsSection(r: DoctorReport, post: Post): HTMLElement {
	const section = el('section', { 'aria-labelledby': 'h-clients' }, el('h2', { id: 'h-clients' }, 'Clients'));
	if (r.clients.length === 0) {
		section.append(el('p', { class: 'note' }, 'No client certificate is in the case: add the clients\' .cer or .pfx files (a folder of their own) to see who can log on.'));
		return section;
	}
	const rows = r.clients.map((c) => {
		const o = OUTCOME[c.outcome];
		const reason = el('td', { class: 'reason' }, c.reason);
		if (c.outcome === 'unknown' && c.missing) reason.append(el('p', { class: 'add' }, el('strong', {}, 'Add: '), c.missing));
		return el(
			'tr',
			{ class: o.cls },
			el('td', { class: `outcome ${o.cls}` }, el('span', { class: 'word' }, el('span', { class: 'icon', 'aria-hidden': 'true' }, o.icon), o.word), ...(c.expired ? [el('span', { class: 'badge expired' }, `expired ${c.expired}`)] : [])),
			el('th', { scope: 'row', class: 'subject' }, el('span', { class: 'cn' }, cn(c.subject)), dn(c.subject), placeLink({ file: c.file, thumbprint: c.sha1 }, post, c.file), el('span', { class: 'sha1' }, el('span', { class: 'sr-only' }, 'SHA-1 '), c.sha1)),
			el('td', {}, c.server),
			reason,
		);
	});
	section.append(el('table', { class: 'clients' }, el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Outcome'), el('th', { scope: 'col' }, 'Client certificate'), el('th', { scope: 'col' }, 'Server'), el('th', { scope: 'col' }, 'Why'))), el('tbody', {}, ...rows)));
	return section;
}

const VERDICT: Record<Server['verdict'], { icon: string; text: string; cls: string }> = {
	over: { icon: '✖', text: 'Over the limit: Schannel cuts the list', cls: 'error' },
	'at-risk': { icon: '⚠', text: 'At risk: over the limit with the 2-byte prefixes', cls: 'warning' },
	fits: { icon: '✔', text: 'Fits within the limit', cls: 'ok' },
	'not-sent': { icon: 'ℹ', text: 'No list is sent', cls: 'info' },
	unknown: { icon: '?', text: 'Unknown', cls: 'warning' },
};

function row(term: string, ...value: (Node | string)[]): Node[] {
	return [el('dt', {}, term), el('dd', {}, ...value)];
}

/** One server's trusted issuer list in numbers. */
function serverBlock(s: Server, post: Post): HTMLElement {
	const v = VERDICT[s.verdict];
	const at = s.lowerBound ? 'at least ' : '';
	// With no store export to count, the list is unknown: never show it as empty.
	const counted = !(s.verdict === 'unknown' && s.names === 0);
	const dl = el(
		'dl',
		{},
		...row('Windows', s.windows ?? 'unknown'),
		...row('Sends a list', s.sent),
		...row('Store that feeds it', s.store),
		...row('CA names', counted ? `${at}${n(s.names)}` : 'unknown (no store export to count)'),
		...row('Bytes', counted ? `${at}${n(s.withLength)} with the list length (${n(s.bytes)} with 2-byte prefixes)` : 'unknown'),
		...row('Limit', s.limit !== undefined ? `${n(s.limit)} bytes` : 'unknown'),
		...row('Cut', s.verdict === 'unknown' ? 'unknown' : `${n(s.cut.count)} names (${s.cut.confidence})`),
	);
	if (s.observed) {
		const o = s.observed;
		dl.append(...row('Observed in the capture', `${n(o.names)} names, ${n(o.bytes)} bytes — `, placeLink({ file: o.file, frame: o.frame }, post)));
		if (o.predictedOf > 0) dl.append(...row('Estimated order', `predicted right for ${n(o.predictedRight)} of ${n(o.predictedOf)} names`));
		if (o.extra > 0 && counted) dl.append(...row('Not in the exports', `${n(o.extra)} names the capture holds`));
	}
	const block = el('div', { class: 'server' }, el('h3', {}, s.machine), el('p', { class: `verdict ${v.cls}`, role: 'status' }, el('span', { 'aria-hidden': 'true' }, `${v.icon} `), v.text), dl);
	if (s.unknown) block.append(el('p', { class: 'add' }, `Unknown because ${s.unknown.because}. `, el('strong', {}, 'Add: '), s.unknown.decide));
	return block;
}

export function serversSection(r: DoctorReport, post: Post): HTMLElement {
	const section = el('section', { 'aria-labelledby': 'h-servers' }, el('h2', { id: 'h-servers' }, 'Trusted issuer list (KB 2464556)'));
	if (r.servers.length === 0) section.append(el('p', { class: 'note' }, 'No server in the case.'));
	for (const s of r.servers) section.append(serverBlock(s, post));
	return section;
}

const SEVERITY: { key: Finding['severity']; title: string; icon: string }[] = [
	{ key: 'error', title: 'Errors', icon: '✖' },
	{ key: 'warning', title: 'Warnings', icon: '⚠' },
	{ key: 'info', title: 'Information', icon: 'ℹ' },
];

function findingItem(f: Finding, post: Post): HTMLElement {
	const li = el('li', { class: `finding ${f.severity}` }, el('p', { class: 'message' }, f.message), el('p', { class: 'meta' }, el('code', {}, f.code), ` · ${f.confidence}${f.machine ? ` · ${f.machine}` : ''}`));
	if (f.evidence.length) li.append(el('ul', { class: 'evidence', 'aria-label': 'Evidence' }, ...f.evidence.map((p) => el('li', {}, placeLink(p, post)))));
	if (f.decide) li.append(el('p', { class: 'add' }, el('strong', {}, 'To decide, add: '), f.decide));
	return li;
}

/** Findings grouped by severity, each with its evidence as links. */
export function findingsSection(r: DoctorReport, post: Post): HTMLElement {
	const section = el('section', { 'aria-labelledby': 'h-findings' }, el('h2', { id: 'h-findings' }, 'Findings'));
	for (const s of SEVERITY) {
		const mine = r.findings.filter((f) => f.severity === s.key);
		if (!mine.length) continue;
		section.append(el('h3', { class: s.key }, el('span', { 'aria-hidden': 'true' }, `${s.icon} `), `${s.title} (${mine.length})`), el('ul', { class: 'findings' }, ...mine.map((f) => findingItem(f, post))));
	}
	return section;
}

const RISK: Record<FixPlan['risk'], number> = { low: 0, medium: 1, high: 2 };

function planItem(p: FixPlan, post: Post): HTMLElement {
	const li = el('li', { class: `plan ${p.available ? '' : 'blocked'}` }, el('h3', {}, p.title, el('span', { class: `badge risk-${p.risk}` }, `risk ${p.risk}`), ...(p.available ? [] : [el('span', { class: 'badge' }, 'not available')])));
	li.append(el('p', {}, p.available ? p.summary : p.blockedBy ?? 'Not available.'));
	if (p.mayBreak.length) li.append(el('p', { class: 'may-break-title' }, 'May break:'), el('ul', { class: 'may-break' }, ...p.mayBreak.map((b) => el('li', {}, b))));
	if (p.available && (p.reg || p.powershell)) {
		const b = el('button', { type: 'button' }, 'Open as new document');
		b.setAttribute('aria-label', `Open ${p.title} as new document`);
		b.addEventListener('click', () => post({ type: 'openPlan', plan: p.id, machine: p.machine }));
		li.append(el('div', { class: 'buttons' }, b, el('span', { class: 'note' }, p.powershell ? 'A .reg and a PowerShell script, unsaved, for review: nothing is run or written.' : 'A .reg, unsaved, for review: nothing is run or written.')));
	}
	return li;
}

/** The fixes, lowest risk first; unavailable ones say what blocks them. */
export function plansSection(r: DoctorReport, post: Post): HTMLElement {
	const section = el('section', { 'aria-labelledby': 'h-plans' }, el('h2', { id: 'h-plans' }, 'Fixes, lowest risk first'));
	if (!r.plans.length) section.append(el('p', { class: 'note' }, 'No fix is needed or none can be offered from what the case holds.'));
	else section.append(el('ol', { class: 'plans' }, ...[...r.plans].sort((a, b) => RISK[a.risk] - RISK[b.risk]).map((p) => planItem(p, post))));
	return section;
}

/** What to collect next, and the collection script. */
export function collectSection(r: DoctorReport, post: Post): HTMLElement {
	const section = el('section', { 'aria-labelledby': 'h-collect' }, el('h2', { id: 'h-collect' }, 'Collect next'));
	section.append(r.collectNext.length ? el('ul', {}, ...r.collectNext.map((c) => el('li', {}, c))) : el('p', { class: 'note' }, 'Nothing: every answer above rests on the files of the case.'));
	const b = el('button', { type: 'button', class: 'secondary' }, 'Create collection script');
	b.addEventListener('click', () => post({ type: 'collect' }));
	section.append(el('div', { class: 'buttons' }, b, el('span', { class: 'note' }, 'A read-only PowerShell script to run on the Windows machine; it exports what the doctor reads.')));
	return section;
}

/** The machines and their files (damaged ones marked). */
export function machinesSection(r: DoctorReport, post: Post): HTMLElement {
	const details = el('details', { class: 'machines' }, el('summary', {}, `Machines and files (${r.machines.length} machines, ${r.machines.reduce((s, m) => s + m.artefacts.length, 0)} files)`));
	for (const m of r.machines) {
		details.append(el('h3', {}, `${m.name} — ${m.role}, ${m.windows ? `${m.windows.name} (from ${m.windows.from})` : 'Windows version unknown'}`));
		details.append(el('ul', {}, ...m.artefacts.map((a) => el('li', { class: a.damaged || a.error ? 'damaged' : '' }, placeLink({ file: a.file }, post), ` — ${a.kind}, ${a.role}`, ...(a.damaged ? [el('strong', {}, ` damaged: ${a.damaged}`)] : []), ...(a.error ? [el('strong', {}, ` ${a.error}`)] : [])))));
	}
	return details;
}
