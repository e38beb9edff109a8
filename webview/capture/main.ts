/** Capture editor webview: the connections table, a filter, and the selected connection's details. */
import * as l10n from '@vscode/l10n';
import type { CaptureHeaderView, CaptureViewState, ConnectionView, FromWebview, ToWebview } from '../../src/protocol/captureView';
import { el } from '../shared/dom';
import { configureL10n } from '../shared/l10n';
import { vscodeApi } from '../shared/vscodeApi';
import { detailsView, dnNote } from './details';
import { ConnectionTable, matches } from './table';

configureL10n();
const api = vscodeApi<FromWebview, CaptureViewState>();
const root = document.getElementById('root')!;
let state: CaptureViewState = api.getState() ?? { filter: '', scrollTop: 0 };
let header: CaptureHeaderView | undefined;
let connections: ConnectionView[] = [];
let shownDetails: number | undefined;

function save(patch: Partial<CaptureViewState>): void {
	state = { ...state, ...patch };
	api.setState(state);
}

const post = (m: FromWebview) => api.postMessage(m);
const fileName = el('span', { class: 'file-name' });
const summary = el('span', { class: 'summary', 'data-field': 'summary' });
const reopen = el('button', { type: 'button', class: 'link' }, l10n.t('Reopen as text'));
reopen.addEventListener('click', () => post({ type: 'reopenAsText' }));
const keyLog = el('button', { type: 'button', class: 'link', 'data-field': 'keyLog' }, l10n.t('Key log…'));
keyLog.addEventListener('click', () => post({ type: 'pickKeyLog' }));
const filter = el('input', { type: 'search', class: 'filter', placeholder: l10n.t('Filter connections (any text: address, SNI, alert, verdict, CA name…)'), 'aria-label': l10n.t('Filter connections') });
filter.value = state.filter;
const count = el('span', { class: 'count', 'aria-live': 'polite' });
const problems = el('details', { class: 'problems' });
const details = el('section', { class: 'details', tabindex: '-1', 'aria-label': l10n.t('Connection details') });
const table = new ConnectionTable({
	select: (id, focus) => select(id, focus),
	openDetails: () => details.focus(),
	scrolled: (scrollTop) => save({ scrollTop }),
});

function visible(): ConnectionView[] {
	return connections.filter((c) => matches(c, state.filter));
}

function select(id: number, focus: boolean): void {
	save({ selected: id });
	refresh();
	if (focus) table.focusSelected();
}

function renderHeader(): void {
	if (!header) return;
	fileName.textContent = header.fileName;
	const status = header.status === 'parsing' ? l10n.t('Reading… {0} connections so far', connections.length) : header.summaryText;
	const limit = header.limitBytes.toLocaleString('en-US');
	summary.textContent = `${status} · ${l10n.t('cut line for {0}: {1} bytes', header.targetOs, limit)}${header.keyLog ? ` · ${l10n.t('decrypting with {0}', header.keyLog)}` : ''}`;
	keyLog.textContent = header.keyLog ? l10n.t('Other key log…') : l10n.t('Key log…');
	document.body.dataset.status = header.status;
	problems.replaceChildren();
	problems.hidden = header.problems.length === 0;
	if (header.problems.length) problems.append(el('summary', {}, l10n.t('{0} problem(s) reading the capture', header.problems.length)), el('ul', {}, ...header.problems.map((p) => el('li', {}, p))));
}

/** Redraws the table, the count and (if the selection changed) the details. */
function refresh(): void {
	renderHeader();
	const rows = visible();
	const selected = state.selected !== undefined && connections[state.selected] ? state.selected : rows[0]?.id;
	table.update(rows, selected);
	count.textContent = state.filter ? l10n.t('{0} of {1} connections', rows.length, connections.length) : connections.length === 1 ? l10n.t('1 connection') : l10n.t('{0} connections', connections.length);
	if (selected === undefined) {
		shownDetails = undefined;
		details.replaceChildren(el('p', { class: 'note' }, header?.status === 'parsing' ? l10n.t('Reading the capture…') : connections.length ? l10n.t('No connection matches the filter.') : l10n.t('No TLS handshake found in this capture.')));
	} else if (selected !== shownDetails && header) {
		shownDetails = selected;
		details.replaceChildren(detailsView(connections[selected]!, header, post));
		details.scrollTop = 0;
	}
}

filter.addEventListener('input', () => {
	save({ filter: filter.value });
	refresh();
});
filter.addEventListener('keydown', (e) => {
	if (e.key === 'ArrowDown') {
		e.preventDefault();
		table.focusSelected();
	}
});

root.replaceChildren(el('header', { class: 'file-bar' }, fileName, summary, keyLog, reopen), el('div', { class: 'filter-bar' }, filter, count), problems, table.element, details);

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
	// Only the host (same origin as this page) talks to us.
	if (event.origin !== window.origin) return;
	const message = event.data;
	switch (message.type) {
		case 'reset':
			header = message.model.header;
			connections = [...message.model.connections];
			shownDetails = undefined;
			refresh();
			table.scrollTop = state.scrollTop;
			break;
		case 'append':
			// Appends posted before our reset are already in it: keep ids dense and in order.
			for (const c of message.connections) if (c.id === connections.length) connections.push(c);
			refresh();
			break;
		case 'header':
			// The details show the cut line and the case's comparison: draw them again only if those changed (keeps their scroll).
			if (header?.targetOs !== message.header.targetOs || header.limitBytes !== message.header.limitBytes) shownDetails = undefined;
			header = message.header;
			refresh();
			// The case's answer arrives after the details are drawn: change only the sentence, keep the scroll.
			if (shownDetails !== undefined && connections[shownDetails]) {
				const note = details.querySelector('.dn-note');
				if (note) note.textContent = dnNote(connections[shownDetails]!, header);
			}
			break;
	}
});

post({ type: 'ready' });
