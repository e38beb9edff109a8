/** The connections table: fixed-height rows, only the visible ones in the DOM (a spacer keeps the scroll height). */
import type { ConnectionView } from '../../src/protocol/captureView';
import { el } from '../shared/dom';

export const ROW_HEIGHT = 24;
const OVERSCAN = 8;

/** Column title and cell text of one connection. */
const COLUMNS: readonly [string, (c: ConnectionView) => string][] = [
	['#', (c) => String(c.id + 1)],
	['Client → Server', (c) => `${c.client} → ${c.server}`],
	['Verdict', (c) => c.verdictMessage],
	['SNI', (c) => c.sni || '—'],
	['Version', (c) => c.version],
	['Cipher suite', (c) => c.cipherSuite || '—'],
	['Client auth', (c) => (c.clientAuthRequested ? 'requested' : 'no')],
	['CAs', (c) => (c.clientAuthRequested ? String(c.caCount) : '—')],
	['CA bytes', (c) => (c.clientAuthRequested ? c.caBytes.toLocaleString('en-US') : '—')],
	['Client certificate', (c) => c.clientCertificateText],
	['Alerts', (c) => c.alertText || '—'],
];

const VERDICT_COLUMN = COLUMNS.findIndex(([title]) => title === 'Verdict');
const SYMBOL: Record<ConnectionView['severity'], string> = { ok: '✓', info: 'ℹ', warning: '⚠', error: '✗' };

/** Text a filter matches against (every text field of the row, plus the DN names). */
const haystacks = new WeakMap<ConnectionView, string>();
export function matches(c: ConnectionView, filter: string): boolean {
	if (!filter) return true;
	let text = haystacks.get(c);
	if (text === undefined) {
		text = [...COLUMNS.map(([, cell]) => cell(c)), c.verdictCode, c.severity, ...c.dnList.map((d) => d.text), ...c.serverCertificates.map((s) => s.subject)].join('\n').toLowerCase();
		haystacks.set(c, text);
	}
	return filter
		.toLowerCase()
		.split(/\s+/)
		.filter(Boolean)
		.every((word) => text.includes(word));
}

/** Callbacks of the table. */
export interface TableHost {
	select(id: number, focus: boolean): void;
	openDetails(): void;
	scrolled(scrollTop: number): void;
}

export class ConnectionTable {
	readonly element: HTMLElement;
	private readonly _body: HTMLElement;
	private readonly _spacer: HTMLElement;
	private _rows: readonly ConnectionView[] = [];
	private _selected: number | undefined;

	constructor(private readonly _host: TableHost) {
		// The header is row 1 of the grid: aria-rowcount counts it, data rows start at aria-rowindex 2.
		const header = el('div', { class: 'row header', role: 'row', 'aria-rowindex': '1' }, ...COLUMNS.map(([title]) => el('div', { class: 'cell', role: 'columnheader' }, title)));
		this._spacer = el('div', { class: 'spacer' });
		this._body = el('div', { class: 'table-body', role: 'rowgroup' }, this._spacer);
		this.element = el('div', { class: 'table', role: 'grid', 'aria-label': 'TLS connections', 'aria-rowcount': '1' }, header, this._body);
		this._body.addEventListener('scroll', () => {
			this._paint();
			this._host.scrolled(this._body.scrollTop);
		});
		this._body.addEventListener('keydown', (e) => this._onKey(e));
		new ResizeObserver(() => this._paint()).observe(this._body);
	}

	/** Shows `rows` (already filtered); keeps the scroll position. */
	update(rows: readonly ConnectionView[], selected: number | undefined): void {
		this._rows = rows;
		this._selected = selected;
		this.element.setAttribute('aria-rowcount', String(rows.length + 1));
		this._spacer.style.height = `${rows.length * ROW_HEIGHT}px`;
		// Up to 12 rows tall: a capture with one connection leaves the room to its details.
		this._body.style.height = `${Math.max(3, Math.min(rows.length, 12)) * ROW_HEIGHT + 2}px`;
		this._paint();
	}

	set scrollTop(value: number) {
		this._body.scrollTop = value;
	}

	/** Focuses the selected row (scrolling it into view). */
	focusSelected(): void {
		const index = this._rows.findIndex((r) => r.id === this._selected);
		if (index < 0) return;
		const top = index * ROW_HEIGHT;
		if (top < this._body.scrollTop) this._body.scrollTop = top;
		else if (top + ROW_HEIGHT > this._body.scrollTop + this._body.clientHeight) this._body.scrollTop = top + ROW_HEIGHT - this._body.clientHeight;
		this._paint();
		(this._body.querySelector('.row.selected') as HTMLElement | null)?.focus();
	}

	private _paint(): void {
		const height = this._body.clientHeight || 400;
		const first = Math.max(0, Math.floor(this._body.scrollTop / ROW_HEIGHT) - OVERSCAN);
		const last = Math.min(this._rows.length, Math.ceil((this._body.scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
		const nodes: HTMLElement[] = [];
		for (let i = first; i < last; i++) nodes.push(this._row(this._rows[i]!, i));
		this._body.replaceChildren(this._spacer, ...nodes);
	}

	private _row(c: ConnectionView, index: number): HTMLElement {
		const selected = c.id === this._selected;
		const cells = COLUMNS.map(([title, cell], i) => {
			const verdict = i === VERDICT_COLUMN;
			const text = verdict ? `${SYMBOL[c.severity]} ${cell(c)}` : cell(c);
			return el('div', { class: `cell${verdict ? ` verdict sev-${c.severity}` : ''}`, role: 'gridcell', title: `${title}: ${text}` }, text);
		});
		const row = el('div', { class: `row sev-${c.severity}${selected ? ' selected' : ''}`, role: 'row', tabindex: selected || (this._selected === undefined && index === 0) ? '0' : '-1', 'aria-selected': String(selected), 'aria-rowindex': String(index + 2), 'data-id': String(c.id) }, ...cells);
		row.style.top = `${index * ROW_HEIGHT}px`;
		row.addEventListener('click', () => this._host.select(c.id, true));
		row.addEventListener('dblclick', () => this._host.openDetails());
		return row;
	}

	private _onKey(e: KeyboardEvent): void {
		if (this._rows.length === 0) return;
		const index = Math.max(0, this._rows.findIndex((r) => r.id === this._selected));
		const page = Math.max(1, Math.floor(this._body.clientHeight / ROW_HEIGHT) - 1);
		const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, PageDown: index + page, PageUp: index - page, Home: 0, End: this._rows.length - 1 };
		if (e.key === 'Enter') {
			e.preventDefault();
			if (this._selected === undefined) this._host.select(this._rows[0]!.id, false);
			this._host.openDetails();
			return;
		}
		const target = moves[e.key];
		if (target === undefined) return;
		e.preventDefault();
		this._host.select(this._rows[Math.max(0, Math.min(this._rows.length - 1, target))]!.id, true);
	}
}
