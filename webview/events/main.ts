/** The event log editor: header, filter (provider, id, level, text), a virtualized table, details with the explanation. */
import * as l10n from '@vscode/l10n';
import type { EventDetailView, EventHeaderView, EventRowView, EventViewState, FromEventView, ToEventView } from '../../src/protocol/eventView';
import { el } from '../shared/dom';
import { configureL10n } from '../shared/l10n';
import { vscodeApi } from '../shared/vscodeApi';

configureL10n();
const api = vscodeApi<FromEventView, EventViewState>();
const root = document.getElementById('root')!;
const ROW_HEIGHT = 24;
const OVERSCAN = 10;
const SYMBOL: Record<number, string> = { 1: '✖', 2: '✖', 3: '⚠', 4: 'ℹ', 5: '·', 0: 'ℹ' };

let header: EventHeaderView | undefined;
let rows: EventRowView[] = [];
let shown: EventRowView[] = [];
let detail: EventDetailView | undefined;
const saved = api.getState();
let filter = saved?.filter ?? { provider: '', id: '', level: '', text: '', knownFirst: true };
let selected: number | null = saved?.selected ?? null;

// Static parts, built once; the table body and details are redrawn.
const fileName = el('span', { class: 'file-name' });
const summary = el('span', { class: 'summary', role: 'status' });
const reopen = el('a', { href: '#', class: 'link' }, l10n.t('Reopen as text'));
reopen.addEventListener('click', (e) => {
	e.preventDefault();
	api.postMessage({ type: 'reopenAsText' });
});
const problems = el('details', { class: 'problems' });
const providerSelect = el('select', { id: 'provider', 'aria-label': l10n.t('Provider') });
const idInput = el('input', { id: 'event-id', type: 'text', placeholder: l10n.t('Event id'), 'aria-label': l10n.t('Event id'), size: '8' });
const levelSelect = el('select', { id: 'level', 'aria-label': l10n.t('Level') }, ...[['', l10n.t('Any level')], ['2', l10n.t('Error and worse')], ['3', l10n.t('Warning and worse')], ['4', l10n.t('Information and worse')]].map(([v, t]) => el('option', { value: v }, t)));
const textInput = el('input', { id: 'text', type: 'search', class: 'filter', placeholder: l10n.t('Filter: words in the title, summary, provider, time…'), 'aria-label': l10n.t('Filter text') });
const knownFirst = el('input', { id: 'known-first', type: 'checkbox' });
const count = el('span', { class: 'count' });
const spacer = el('div', { class: 'spacer' });
const body = el('div', { class: 'table-body', role: 'rowgroup', tabindex: '0' }, spacer);
const COLUMNS = [l10n.t('Level'), l10n.t('Time'), l10n.t('Provider'), l10n.t('Id'), l10n.t('Record'), l10n.t('Event'), l10n.t('Details')];
const table = el('div', { class: 'table', role: 'grid', 'aria-label': l10n.t('Events') }, el('div', { class: 'row header', role: 'row' }, ...COLUMNS.map((c) => el('div', { class: 'cell', role: 'columnheader' }, c))), body);
const details = el('section', { class: 'details', 'aria-label': l10n.t('Event details') });

idInput.value = filter.id;
levelSelect.value = filter.level;
textInput.value = filter.text;
knownFirst.checked = filter.knownFirst;
root.replaceChildren(
	el('div', { class: 'file-bar' }, fileName, summary, reopen),
	problems,
	el('div', { class: 'filter-bar' }, providerSelect, idInput, levelSelect, textInput, el('label', { for: 'known-first' }, knownFirst, ` ${l10n.t('Schannel and CAPI2 first')}`), count),
	table,
	details,
);

function saveState(): void {
	api.setState({ filter, selected, scrollTop: body.scrollTop });
}

function onFilter(): void {
	filter = { provider: providerSelect.value, id: idInput.value.trim(), level: levelSelect.value, text: textInput.value.trim().toLowerCase(), knownFirst: knownFirst.checked };
	saveState();
	applyFilter();
}
for (const input of [providerSelect, levelSelect, knownFirst]) input.addEventListener('change', onFilter);
for (const input of [idInput, textInput]) input.addEventListener('input', onFilter);

function matches(r: EventRowView): boolean {
	if (filter.provider && r.provider !== filter.provider) return false;
	if (filter.id && !filter.id.split(/[\s,]+/).filter(Boolean).includes(String(r.id))) return false;
	if (filter.level && !(r.level >= 1 && r.level <= Number(filter.level))) return false;
	if (filter.text) {
		const hay = `${r.title} ${r.summary} ${r.provider} ${r.time} ${r.levelName} ${r.id} ${r.record}`.toLowerCase();
		if (!filter.text.split(/\s+/).every((w) => hay.includes(w))) return false;
	}
	return true;
}

function applyFilter(): void {
	shown = rows.filter(matches);
	// Schannel first, then CAPI2, then the rest, each in file order (the sort is stable).
	if (filter.knownFirst) shown.sort((a, b) => rank(a) - rank(b));
	count.textContent = l10n.t('{0} of {1} events', shown.length.toLocaleString('en-US'), rows.length.toLocaleString('en-US'));
	table.setAttribute('aria-rowcount', String(shown.length));
	spacer.style.height = `${shown.length * ROW_HEIGHT}px`;
	paint();
}

function rank(r: EventRowView): number {
	return r.family === 'schannel' ? 0 : r.family === 'capi2' ? 1 : 2;
}

function updateProviders(): void {
	const names = [...new Set(rows.map((r) => r.provider))].sort((a, b) => a.localeCompare(b));
	if (providerSelect.options.length === names.length + 1) return;
	providerSelect.replaceChildren(el('option', { value: '' }, l10n.t('Any provider')), ...names.map((n) => el('option', { value: n }, n)));
	providerSelect.value = names.includes(filter.provider) ? filter.provider : '';
}

function paint(): void {
	const height = body.clientHeight || 400;
	const first = Math.max(0, Math.floor(body.scrollTop / ROW_HEIGHT) - OVERSCAN);
	const last = Math.min(shown.length, Math.ceil((body.scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
	const nodes: HTMLElement[] = [];
	for (let i = first; i < last; i++) nodes.push(rowElement(shown[i]!, i));
	body.replaceChildren(spacer, ...nodes);
}

function rowElement(r: EventRowView, position: number): HTMLElement {
	const isSelected = r.index === selected;
	const cells = [`${SYMBOL[r.level] ?? ''} ${r.levelName}`, r.time, r.provider, String(r.id), String(r.record), r.title || '—', r.summary];
	const row = el('div', { class: `row lvl-${r.level} fam-${r.family || 'other'}${isSelected ? ' selected' : ''}`, role: 'row', 'aria-selected': String(isSelected), 'aria-rowindex': String(position + 1), 'data-index': String(r.index) }, ...cells.map((c, i) => el('div', { class: 'cell', role: 'gridcell', title: `${COLUMNS[i]}: ${c}` }, c)));
	row.style.top = `${position * ROW_HEIGHT}px`;
	row.addEventListener('click', () => select(r.index));
	return row;
}

function select(index: number): void {
	selected = index;
	saveState();
	paint();
	api.postMessage({ type: 'select', index });
}

body.addEventListener('scroll', () => {
	paint();
	saveState();
});
body.addEventListener('keydown', (e) => {
	if (shown.length === 0) return;
	const at = Math.max(0, shown.findIndex((r) => r.index === selected));
	const page = Math.max(1, Math.floor(body.clientHeight / ROW_HEIGHT) - 1);
	const moves: Record<string, number> = { ArrowDown: at + 1, ArrowUp: at - 1, PageDown: at + page, PageUp: at - page, Home: 0, End: shown.length - 1 };
	const target = moves[e.key];
	if (target === undefined) return;
	e.preventDefault();
	const next = Math.max(0, Math.min(shown.length - 1, target));
	const top = next * ROW_HEIGHT;
	if (top < body.scrollTop) body.scrollTop = top;
	else if (top + ROW_HEIGHT > body.scrollTop + body.clientHeight) body.scrollTop = top + ROW_HEIGHT - body.clientHeight;
	select(shown[next]!.index);
});
new ResizeObserver(() => paint()).observe(body);

function renderHeader(): void {
	if (!header) return;
	document.body.dataset.status = header.status;
	fileName.textContent = header.fileName;
	summary.textContent = header.status === 'parsing' ? l10n.t('Reading… {0} events so far', rows.length.toLocaleString('en-US')) : header.summaryText;
	problems.hidden = header.problems.length === 0;
	problems.replaceChildren(el('summary', {}, `⚠ ${l10n.t('{0} problem(s) in the file (damage is skipped, reading goes on)', header.problems.length)}`), el('ul', {}, ...header.problems.map((p) => el('li', {}, p))));
}

function renderDetails(): void {
	if (!detail || detail.row.index !== selected) {
		details.replaceChildren(el('p', { class: 'note' }, l10n.t('Select an event to see what it means.')));
		return;
	}
	const d = detail;
	const x = d.explanation;
	const parts: HTMLElement[] = [el('h2', {}, `${d.row.provider} ${d.row.id}${x ? `: ${x.title}` : ''}`), el('p', { class: 'meta' }, `${l10n.t('Record {0}', d.row.record)} · ${d.row.time || l10n.t('no time')} · ${d.row.levelName}${d.channel ? ` · ${d.channel}` : ''}${d.computer ? ` · ${d.computer}` : ''}`)];
	if (x) {
		parts.push(el('p', { class: 'meaning' }, x.meaning), el('p', { class: `evidence ${x.evidence}` }, `${x.evidence === 'documented' ? l10n.t('Documented') : l10n.t('Inferred')}: ${x.source}${x.kb ? ` · ${x.kb}` : ''}`));
		if (x.fields.length) parts.push(el('dl', { class: 'fields' }, ...x.fields.flatMap((f) => [el('dt', {}, f.name), el('dd', {}, `${f.text}${f.evidence === 'inferred' ? ` ${l10n.t('(inferred)')}` : ''}`)])));
		if (x.check.length) parts.push(el('h3', {}, l10n.t('What to check')), el('ul', {}, ...x.check.map((c) => el('li', {}, c))));
		if (x.hints.length) parts.push(el('h3', {}, l10n.t('Hints (inferred)')), el('ul', {}, ...x.hints.map((h) => el('li', {}, h))));
	} else parts.push(el('p', { class: 'note' }, l10n.t('Schannel Lens has no knowledge of this event; its data is below.')));
	if (d.chain) {
		const button = el('button', { type: 'button', class: 'show-chain' }, l10n.t('Show as chain'));
		button.addEventListener('click', () => api.postMessage({ type: 'showChain', index: d.row.index }));
		parts.push(
			el('h3', {}, l10n.t('Chain as Windows built it (ErrorStatus 0x{0}, InfoStatus 0x{1})', d.chain.errorStatus.toString(16), d.chain.infoStatus.toString(16))),
			el('ol', { class: 'chain' }, ...d.chain.elements.map((c) => el('li', { class: c.errorStatus ? 'bad' : 'good' }, `${c.errorStatus ? '✖' : '✔'} ${c.subject} `, el('span', { class: 'thumb' }, c.thumbprint), el('div', { class: 'flags' }, c.flags.join(', ') || l10n.t('no flags')), ...(c.revocation && c.revocation.result !== 0 ? [el('div', { class: 'flags' }, l10n.t('Revocation: {0}', c.revocation.text))] : [])))),
			button,
		);
	}
	if (d.message) parts.push(el('h3', {}, l10n.t('Message')), el('p', { class: 'message' }, d.message));
	if (d.dataLines.length) parts.push(el('h3', {}, l10n.t('Event data')), el('pre', { class: 'data' }, d.dataLines.join('\n')));
	details.replaceChildren(...parts);
}

window.addEventListener('message', (event: MessageEvent<ToEventView>) => {
	const m = event.data;
	switch (m?.type) {
		case 'reset':
			header = m.model.header;
			rows = [...m.model.rows];
			detail = undefined;
			updateProviders();
			applyFilter();
			renderHeader();
			renderDetails();
			if (saved && rows.length) body.scrollTop = saved.scrollTop;
			if (selected !== null && selected < rows.length) api.postMessage({ type: 'select', index: selected });
			return;
		case 'append':
			rows.push(...m.rows);
			updateProviders();
			applyFilter();
			renderHeader();
			return;
		case 'header':
			header = m.header;
			renderHeader();
			return;
		case 'details':
			detail = m.detail;
			renderDetails();
			return;
		default:
			return;
	}
});
renderDetails();
api.postMessage({ type: 'ready' });
