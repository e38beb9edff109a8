/** Certificate editor webview: renders the host's model; keeps only view state (selection, tab, filter, scroll). */
import type { CertificateFileModel, CertificateTab, CertificateViewState, FromWebview, ToWebview } from '../../src/protocol/certificateView';
import { el } from '../shared/dom';
import * as l10n from '@vscode/l10n';
import { configureL10n } from '../shared/l10n';
import { vscodeApi } from '../shared/vscodeApi';
import { detailView } from './detailView';
import { listView } from './listView';

configureL10n();
const api = vscodeApi<FromWebview, CertificateViewState>();
const root = document.getElementById('root')!;
let model: CertificateFileModel | undefined;
let state: CertificateViewState = api.getState() ?? { tab: 'general', filter: '', scrollTop: 0, listScrollTop: 0 };
const rawHex = new Map<number, string>();

function save(patch: Partial<CertificateViewState>): void {
	state = { ...state, ...patch };
	api.setState(state);
}

function post(message: FromWebview): void {
	if (message.type === 'requestRaw' && rawHex.has(message.index)) {
		rawHex.delete(message.index);
		render();
		return;
	}
	api.postMessage(message);
}

function toolbar(m: CertificateFileModel): HTMLElement {
	const reopen = el('button', { type: 'button', class: 'link' }, l10n.t('Reopen as text'));
	reopen.addEventListener('click', () => post({ type: 'reopenAsText' }));
	const bar = el('header', { class: 'file-bar' }, el('span', { class: 'file-name' }, m.fileName), el('span', { class: 'file-kind' }, m.containerText), reopen);
	if (selectedIndex(m) !== undefined && m.certificates.length > 1) {
		const back = el('button', { type: 'button', class: 'secondary back' }, l10n.t('← All {0} certificates', m.certificates.length));
		back.addEventListener('click', () => select(undefined));
		bar.prepend(back);
	}
	return bar;
}

/** A locked PFX: the host asks for the password in VS Code's own password box (never typed into the webview). */
function passwordForm(m: CertificateFileModel): HTMLElement {
	const ask = el('button', { type: 'button', class: 'primary', id: 'pfx-password-button', 'aria-describedby': 'pfx-message' }, l10n.t('Enter password…'));
	ask.addEventListener('click', () => post({ type: 'askPassword' }));
	queueMicrotask(() => ask.focus());
	return el('section', { class: 'password' }, el('p', { id: 'pfx-message', class: 'message', role: 'alert' }, m.message ?? l10n.t('Password required.')), el('div', { class: 'password-row' }, ask));
}

function errorView(m: CertificateFileModel): HTMLElement {
	return el('section', { class: 'error', role: 'alert' }, el('h2', {}, l10n.t('⚠ Nothing to show')), el('p', { class: 'message' }, m.message ?? l10n.t('No certificate in this file.')));
}

function fileProblems(m: CertificateFileModel): HTMLElement | undefined {
	if (m.problems.length === 0) return undefined;
	const items = m.problems.map((p) => el('li', { class: `problem-${p.severity}` }, `${p.severity === 'error' ? '✗' : p.severity === 'warning' ? '⚠' : 'ℹ'} ${p.message} (byte ${p.offset})`));
	const box = el('details', { class: 'file-problems' }, el('summary', {}, `${m.problems.length} problem${m.problems.length === 1 ? '' : 's'} reading this file`), el('ul', {}, ...items));
	if (m.status !== 'ok') box.setAttribute('open', '');
	return box;
}

function selectedIndex(m: CertificateFileModel): number | undefined {
	if (m.certificates.length === 1) return m.certificates[0]!.index;
	return state.selected !== undefined && m.certificates.some((c) => c.index === state.selected) ? state.selected : undefined;
}

function select(index: number | undefined): void {
	save({ selected: index, scrollTop: 0 });
	render();
	(document.querySelector(index === undefined ? `.cert-row[data-index]` : '[role=tab][aria-selected=true]') as HTMLElement | null)?.focus();
}

function setTab(tab: CertificateTab): void {
	save({ tab });
	render();
}

function render(): void {
	if (!model) return;
	const m = model;
	const parts: (HTMLElement | undefined)[] = [toolbar(m)];
	const index = selectedIndex(m);
	if (m.status === 'needsPassword') parts.push(passwordForm(m));
	else if (m.status === 'error') parts.push(errorView(m));
	else if (index === undefined) parts.push(listView(m, { filter: state.filter, setFilter: (filter) => save({ filter }), open: (i) => select(i) }));
	else {
		const c = m.certificates.find((x) => x.index === index)!;
		parts.push(detailView(c, { tab: state.tab, rawHex: rawHex.get(c.index), setTab, post }, m.indexText, setTab));
	}
	parts.push(fileProblems(m));
	root.replaceChildren(...parts.filter((p): p is HTMLElement => p !== undefined));
	document.body.dataset.status = m.status;
	window.scrollTo(0, index === undefined ? state.listScrollTop : state.scrollTop);
}

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
	// Only the host (same origin as this page) talks to us.
	if (event.origin !== window.origin) return;
	const message = event.data;
	switch (message.type) {
		case 'model':
			model = message.model;
			rawHex.clear();
			if (model.initialSelection !== undefined) save({ selected: model.initialSelection });
			render();
			break;
		case 'raw':
			rawHex.set(message.index, message.hex);
			render();
			break;
		case 'select':
			select(message.index);
			break;
	}
});

let scrollTimer: ReturnType<typeof setTimeout> | undefined;
window.addEventListener('scroll', () => {
	clearTimeout(scrollTimer);
	scrollTimer = setTimeout(() => save(model && selectedIndex(model) === undefined ? { listScrollTop: window.scrollY } : { scrollTop: window.scrollY }), 150);
});

api.postMessage({ type: 'ready' });
