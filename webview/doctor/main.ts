/** The doctor page (issue 10): the answer first, then per client, the issuer list, findings, fixes, what to collect. */
import type { DoctorReport, DoctorState, FromDoctor, ToDoctor } from '../../src/protocol/doctor';
import * as l10n from '@vscode/l10n';
import { el } from '../shared/dom';
import { configureL10n } from '../shared/l10n';
import { vscodeApi } from '../shared/vscodeApi';
import { clientsSection, collectSection, findingsSection, machinesSection, plansSection, serversSection } from './sections';

configureL10n();
const api = vscodeApi<FromDoctor, DoctorState>();
const root = document.getElementById('root')!;
let state: DoctorState = api.getState() ?? { folders: [], scrollY: 0 };
const post = (m: FromDoctor): void => api.postMessage(m);

function header(title: string, busy: boolean): HTMLElement {
	const again = el('button', { type: 'button', class: 'secondary' }, busy ? l10n.t('Reading…') : l10n.t('Run again'));
	again.disabled = busy;
	again.addEventListener('click', () => post({ type: 'refresh' }));
	return el('header', {}, el('p', { class: 'title' }, title), again);
}

/** The headline's colour: red when someone cannot log on, amber when something is unknown, else green. */
function tone(r: DoctorReport): string {
	if (r.findings.some((f) => f.severity === 'error')) return 'error';
	if (r.clients.some((c) => c.outcome === 'unknown') || r.servers.some((s) => s.verdict === 'unknown')) return 'warning';
	return 'ok';
}

function render(m: ToDoctor): void {
	switch (m.type) {
		case 'busy':
			if (root.childElementCount === 0) root.replaceChildren(header(m.title, true), el('p', { class: 'note', role: 'status' }, l10n.t('Reading the folders and diagnosing…')));
			else root.querySelector('header button')?.setAttribute('disabled', '');
			return;
		case 'error':
			state = { ...state, folders: m.folders };
			api.setState(state);
			root.replaceChildren(header(m.title, false), el('h1', { class: 'headline warning' }, l10n.t('Nothing to diagnose')), el('p', { role: 'alert' }, l10n.t('Schannel Lens: {0}.', m.message)));
			return;
		case 'report': {
			state = { ...state, folders: m.folders };
			api.setState(state);
			const r = m.report;
			root.replaceChildren(
				header(m.title, false),
				el('h1', { class: `headline ${tone(r)}` }, r.headline),
				clientsSection(r, post),
				serversSection(r, post),
				findingsSection(r, post),
				plansSection(r, post),
				collectSection(r, post),
				machinesSection(r, post),
			);
			window.scrollTo(0, state.scrollY);
			return;
		}
		default: {
			const never: never = m;
			return never;
		}
	}
}

window.addEventListener('message', (event: MessageEvent<ToDoctor>) => {
	// Only the extension host talks to this page.
	if (event.origin !== window.origin && !event.origin.startsWith('vscode-webview://')) return;
	const type = event.data?.type;
	if (type === 'report' || type === 'busy' || type === 'error') render(event.data);
});
window.addEventListener('scroll', () => {
	state = { ...state, scrollY: window.scrollY };
	api.setState(state);
});
post({ type: 'ready' });
