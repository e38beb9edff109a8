import * as l10n from '@vscode/l10n';
import type { FromIssuerReport, IssuerReport, IssuerReportState, PlanDocument, ToIssuerReport } from '../../src/protocol/issuerReport';
import { el } from '../shared/dom';
import { configureL10n } from '../shared/l10n';
import { vscodeApi } from '../shared/vscodeApi';

configureL10n();
const api = vscodeApi<FromIssuerReport, IssuerReportState>();
const root = document.getElementById('root')!;
let state: IssuerReportState = api.getState() ?? { scrollY: 0, showOnlyCut: false };
let current: ToIssuerReport | undefined;

const n = (x: number) => x.toLocaleString('en-US');

const VERDICT: Record<IssuerReport['verdict'], { icon: string; text: () => string; cls: string }> = {
	over: { icon: '✖', text: () => l10n.t('Over the limit: Schannel cuts the list'), cls: 'error' },
	'at-risk': { icon: '⚠', text: () => l10n.t('At risk: over the limit with the 2-byte prefixes'), cls: 'warning' },
	fits: { icon: '✔', text: () => l10n.t('Fits within the limit'), cls: 'ok' },
	'not-sent': { icon: 'ℹ', text: () => l10n.t('No list is sent'), cls: 'info' },
	unknown: { icon: '?', text: () => l10n.t('Unknown'), cls: 'warning' },
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
	const cutText = a?.cutConfidence === 'observed' ? `: ${l10n.t('{0} of {1} names were cut (the capture shows {2} sent)', cut, r.entries.length, a.sentNames)}` : cut ? `: ${l10n.t('about {0} of {1} names would be cut (estimate)', cut, r.entries.length)}` : '';
	const obs = a?.observed;
	return el(
		'section',
		{ class: 'summary', 'aria-label': l10n.t('Summary') },
		...(a ? [el('p', { class: 'headline' }, a.headline)] : []),
		el('p', { class: `verdict ${v.cls}`, role: 'status' }, `${v.icon} ${v.text()}${a?.unknown ? `: ${l10n.t('{0}. Add {1}.', a.unknown.because, a.unknown.decide)}` : cutText}`),
		...(obs ? [el('p', {}, l10n.t("Capture {0}, frame {1}: {2} names ({3} bytes) sent, {4} of the store's names missing. The estimated order predicted {5} of {6} right.", obs.file, obs.frame, n(obs.names), n(obs.bytes), n(obs.missing), n(obs.predictedRight), n(obs.predictedOf)))] : []),
		el('p', {}, `${l10n.t('Target: {0}.', r.targetOs)} ${r.source.reason}`),
		el(
			'dl',
			{},
			el('dt', {}, l10n.t('CA names')),
			el('dd', {}, String(r.entries.length)),
			el('dt', {}, l10n.t('DER names only')),
			el('dd', {}, l10n.t('{0} bytes', n(r.totals.names))),
			el('dt', {}, l10n.t('With 2-byte prefixes')),
			el('dd', {}, l10n.t('{0} bytes', n(r.totals.vectorBody))),
			el('dt', {}, l10n.t('With the list length')),
			el('dd', {}, l10n.t('{0} bytes', n(r.totals.withLength))),
			el('dt', {}, l10n.t('Limit')),
			el('dd', {}, l10n.t('{0} bytes ({1})', n(r.limit), evidenceWord(r.limitEvidence))),
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
			body.append(el('tr', { class: 'cut-line' }, el('td', { colspan: '5' }, r.answer?.cutConfidence === 'observed' ? `✂ ${l10n.t('Names below are missing from the list the capture shows')}` : `✂ ${l10n.t('Schannel stops here: {0} bytes (estimated order)', n(r.limit))}`)));
		}
		if (state.showOnlyCut && !e.cut) return;
		body.append(el('tr', { class: e.cut ? 'cut' : '' }, el('td', { class: 'num' }, String(i + 1)), el('td', {}, e.subject), el('td', { class: 'num' }, String(e.bytes)), el('td', { class: 'num' }, n(e.cumulativeBytes)), el('td', {}, e.cut ? `✂ ${l10n.t('cut')}` : l10n.t('sent'))));
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
		{ 'aria-label': l10n.t('List in send order') },
		el('h2', {}, l10n.t('The list in send order')),
		el('p', { class: 'note' }, r.estimate.note),
		el('label', { for: 'only-cut' }, toggle, ` ${l10n.t('Show only the names that are cut')}`),
		el('table', {}, el('thead', {}, el('tr', {}, el('th', {}, '#'), el('th', {}, l10n.t('Subject')), el('th', {}, l10n.t('Bytes')), el('th', {}, l10n.t('Running total')), el('th', {}, l10n.t('Sent?')))), body),
	);
}

function clients(r: IssuerReport): HTMLElement {
	if (r.clients.length === 0) return el('section', {}, el('h2', {}, l10n.t('Clients')), el('p', { class: 'note' }, l10n.t('No client certificates were given.')));
	return el('section', { 'aria-label': l10n.t('Clients') }, el('h2', {}, l10n.t('Clients')), el('ul', {}, ...r.clients.map((c) => el('li', { class: c.offered ? 'ok' : 'error' }, `${c.offered ? `✔ ${l10n.t('offers its certificate')}` : c.incomplete ? `? ${l10n.t('unknown')}` : `✖ ${l10n.t('offers no certificate')}`} — ${c.subject}: ${c.reason}`))));
}

function plans(r: IssuerReport): HTMLElement {
	const [a, , c] = r.plans;
	return el(
		'section',
		{ 'aria-label': l10n.t('Fix plans') },
		el('h2', {}, l10n.t('Fix plans (KB 2464556)')),
		el('p', {}, a.blockedBy ? l10n.t('(a) Remove roots: not offered. {0}', a.blockedBy) : a.fits ? l10n.t('(a) Remove {0} root(s): the list goes from {1} to {2} bytes with its length; keeps {3} required by Windows and {4} the clients need.', a.remove.length, n(a.before + 2), n(a.after + 2), a.keptRequired.length, a.keptNeeded.length) : l10n.t('(a) Remove {0} root(s): the list goes from {1} to {2} bytes with its length (still over); keeps {3} required by Windows and {4} the clients need.', a.remove.length, n(a.before + 2), n(a.after + 2), a.keptRequired.length, a.keptNeeded.length)),
		el('div', { class: 'buttons' }, button(l10n.t('Open plan (a) as .reg'), 'remove-roots', a.remove.length > 0), button(l10n.t('Open plan (a) as PowerShell'), 'remove-roots-ps1', a.remove.length > 0)),
		el('p', {}, l10n.t('(b) SendTrustedIssuerList=0: no list is sent; clients may offer any certificate.')),
		el('div', { class: 'buttons' }, button(l10n.t('Open plan (b)'), 'no-list')),
		el('p', {}, c.reg ? l10n.t('(c) ClientAuthTrustMode=2 with a ClientAuthIssuer store of only the CAs the clients need.') : `(c) ${c.note ?? l10n.t('Not available.')}`),
		el('div', { class: 'buttons' }, button(l10n.t('Open plan (c)'), 'client-auth-issuer', c.reg !== null), button(l10n.t('Export the DN list as text'), 'dn-list')),
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

/** How a number is known (documented, inferred, unknown) in the display language: evidenceWords of src/core/schannel/stateWords.ts, which a webview may not import. */
function evidenceWord(evidence: string): string {
	switch (evidence) {
		case 'documented':
			return l10n.t('documented');
		case 'inferred':
			return l10n.t('inferred');
		case 'unknown':
			return l10n.t('unknown');
		default:
			return evidence;
	}
}
