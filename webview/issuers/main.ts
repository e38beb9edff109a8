import type { FromIssuerReport, IssuerReport, IssuerReportState, PlanDocument, ToIssuerReport } from '../../src/protocol/issuerReport';
import { el } from '../shared/dom';
import { vscodeApi } from '../shared/vscodeApi';

const api = vscodeApi<FromIssuerReport, IssuerReportState>();
const root = document.getElementById('root')!;
let state: IssuerReportState = api.getState() ?? { scrollY: 0, showOnlyCut: false };
let current: ToIssuerReport | undefined;

const n = (x: number) => x.toLocaleString('en-US');

const VERDICT: Record<IssuerReport['verdict'], { icon: string; text: string; cls: string }> = {
	over: { icon: '✖', text: 'Over the limit: Schannel cuts the list', cls: 'error' },
	'at-risk': { icon: '⚠', text: 'At risk: over the limit with the 2-byte prefixes', cls: 'warning' },
	fits: { icon: '✔', text: 'Fits within the limit', cls: 'ok' },
	'not-sent': { icon: 'ℹ', text: 'No list is sent', cls: 'info' },
	unknown: { icon: '?', text: 'Unknown', cls: 'warning' },
};

function button(label: string, doc: PlanDocument, enabled = true): HTMLButtonElement {
	const b = el('button', { type: 'button' }, label);
	b.disabled = !enabled;
	b.addEventListener('click', () => api.postMessage({ type: 'open', document: doc }));
	return b;
}

function summary(r: IssuerReport): HTMLElement {
	const v = VERDICT[r.verdict];
	const cut = r.entries.filter((e) => e.cut).length;
	const a = r.answer;
	const cutText = a?.cutConfidence === 'observed' ? `: ${cut} of ${r.entries.length} names were cut (the capture shows ${a.sentNames} sent)` : cut ? `: about ${cut} of ${r.entries.length} names would be cut (estimate)` : '';
	const obs = a?.observed;
	return el(
		'section',
		{ class: 'summary', 'aria-label': 'Summary' },
		...(a ? [el('p', { class: 'headline' }, a.headline)] : []),
		el('p', { class: `verdict ${v.cls}`, role: 'status' }, `${v.icon} ${v.text}${a?.unknown ? `: ${a.unknown.because}. Add ${a.unknown.decide}.` : cutText}`),
		...(obs ? [el('p', {}, `Capture ${obs.file}, frame ${obs.frame}: ${n(obs.names)} names (${n(obs.bytes)} bytes) sent, ${n(obs.missing)} of the store's names missing. The estimated order predicted ${n(obs.predictedRight)} of ${n(obs.predictedOf)} right.`)] : []),
		el('p', {}, `Target: ${r.targetOs}. ${r.source.reason}`),
		el(
			'dl',
			{},
			el('dt', {}, 'CA names'),
			el('dd', {}, String(r.entries.length)),
			el('dt', {}, 'DER names only'),
			el('dd', {}, `${n(r.totals.names)} bytes`),
			el('dt', {}, 'With 2-byte prefixes'),
			el('dd', {}, `${n(r.totals.vectorBody)} bytes`),
			el('dt', {}, 'With the list length'),
			el('dd', {}, `${n(r.totals.withLength)} bytes`),
			el('dt', {}, 'Limit'),
			el('dd', {}, `${n(r.limit)} bytes (${r.limitEvidence})`),
		),
		...r.notes.map((t) => el('p', { class: 'note' }, t)),
	);
}

function table(r: IssuerReport): HTMLElement {
	const body = el('tbody');
	let cutShown = false;
	r.entries.forEach((e, i) => {
		if (e.cut && !cutShown) {
			cutShown = true;
			body.append(el('tr', { class: 'cut-line' }, el('td', { colspan: '5' }, r.answer?.cutConfidence === 'observed' ? `✂ Names below are missing from the list the capture shows` : `✂ Schannel stops here: ${n(r.limit)} bytes (estimated order)`)));
		}
		if (state.showOnlyCut && !e.cut) return;
		body.append(el('tr', { class: e.cut ? 'cut' : '' }, el('td', { class: 'num' }, String(i + 1)), el('td', {}, e.subject), el('td', { class: 'num' }, String(e.bytes)), el('td', { class: 'num' }, n(e.cumulativeBytes)), el('td', {}, e.cut ? '✂ cut' : 'sent')));
	});
	const toggle = el('input', { type: 'checkbox', id: 'only-cut' });
	toggle.checked = state.showOnlyCut;
	toggle.addEventListener('change', () => {
		state = { ...state, showOnlyCut: toggle.checked };
		api.setState(state);
		render();
	});
	return el(
		'section',
		{ 'aria-label': 'List in send order' },
		el('h2', {}, 'The list in send order'),
		el('p', { class: 'note' }, r.estimate.note),
		el('label', { for: 'only-cut' }, toggle, ' Show only the names that are cut'),
		el('table', {}, el('thead', {}, el('tr', {}, el('th', {}, '#'), el('th', {}, 'Subject'), el('th', {}, 'Bytes'), el('th', {}, 'Running total'), el('th', {}, 'Sent?'))), body),
	);
}

function clients(r: IssuerReport): HTMLElement {
	if (r.clients.length === 0) return el('section', {}, el('h2', {}, 'Clients'), el('p', { class: 'note' }, 'No client certificates were given.'));
	return el('section', { 'aria-label': 'Clients' }, el('h2', {}, 'Clients'), el('ul', {}, ...r.clients.map((c) => el('li', { class: c.offered ? 'ok' : 'error' }, `${c.offered ? '✔ offers its certificate' : c.incomplete ? '? unknown' : '✖ offers no certificate'} — ${c.subject}: ${c.reason}`))));
}

function plans(r: IssuerReport): HTMLElement {
	const [a, , c] = r.plans;
	return el(
		'section',
		{ 'aria-label': 'Fix plans' },
		el('h2', {}, 'Fix plans (KB 2464556)'),
		el('p', {}, a.blockedBy ? `(a) Remove roots: not offered. ${a.blockedBy}` : `(a) Remove ${a.remove.length} root(s): the list goes from ${n(a.before + 2)} to ${n(a.after + 2)} bytes with its length${a.fits ? '' : ' (still over)'}; keeps ${a.keptRequired.length} required by Windows and ${a.keptNeeded.length} the clients need.`),
		el('div', { class: 'buttons' }, button('Open plan (a) as .reg', 'remove-roots', a.remove.length > 0), button('Open plan (a) as PowerShell', 'remove-roots-ps1', a.remove.length > 0)),
		el('p', {}, '(b) SendTrustedIssuerList=0: no list is sent; clients may offer any certificate.'),
		el('div', { class: 'buttons' }, button('Open plan (b)', 'no-list')),
		el('p', {}, c.reg ? '(c) ClientAuthTrustMode=2 with a ClientAuthIssuer store of only the CAs the clients need.' : `(c) ${c.note ?? 'Not available.'}`),
		el('div', { class: 'buttons' }, button('Open plan (c)', 'client-auth-issuer', c.reg !== null), button('Export the DN list as text', 'dn-list')),
	);
}

function render(): void {
	if (!current) return;
	const r = current.report;
	root.replaceChildren(el('h1', {}, current.title), summary(r), plans(r), clients(r), table(r));
	window.scrollTo(0, state.scrollY);
}

window.addEventListener('message', (event: MessageEvent<ToIssuerReport>) => {
	// Only the host: messages come from this page's own origin (vscode-webview://<this webview's id>), no other.
	if (event.origin !== window.origin) return;
	if (event.data?.type !== 'report') return;
	current = event.data;
	if (current.restore) {
		state = { ...state, restore: current.restore };
		api.setState(state);
	}
	render();
});
window.addEventListener('scroll', () => {
	state = { ...state, scrollY: window.scrollY };
	api.setState(state);
});
api.postMessage({ type: 'ready' });
