/**
 * The connections table: only the visible rows in the DOM (a spacer keeps the scroll height). Columns size to
 * their content (issue 15): each is as wide as its widest text up to a cap but never narrower than its longest
 * unbreakable token (so "localhost" never breaks mid-word), the verdict takes the rest and wraps. Text breaks at
 * spaces, and after ':' '.' '_' '/' (a <wbr>); a token wider than its column breaks anywhere only when the
 * editor is too narrow for the tokens. Each row is as tall as its own text needs. Header edges drag to resize.
 */
import * as l10n from '@vscode/l10n';
import type { ConnectionView } from '../../src/protocol/captureView';
import { el } from '../shared/dom';
import { pieces } from './breaks';

export const ROW_HEIGHT = 24;
const LINE_HEIGHT = 18;
const OVERSCAN = 8;
/** Widest a column grows before its text wraps (px); the verdict column takes what is left. */
const CAPS: Readonly<Record<string, number>> = { 'Client → Server': 250, SNI: 180, 'Cipher suite': 230, 'Client certificate': 220, Alerts: 200 };
const VERDICT_MIN = 220;
/** Narrowest a wrapping column gets when the editor is narrow (px). */
const FLOOR = 64;
const PADDING = 14;
/** Rows measured for widths (the rest follow the same columns; every row's height is its own). */
const SAMPLE = 2000;
/** Safety margin for canvas vs DOM text widths (px). */
const SLACK = 2;



/**
 * Column id (English: the CAPS key), its title in the display language, and the cell text of one connection. Made
 * once, when first needed (after configureL10n: module code runs before it), so no row looks up a word again.
 */
let COLUMNS: readonly [string, string, (c: ConnectionView) => string][] = [];

function makeColumns(): void {
	if (COLUMNS.length) return;
	const w = { requested: l10n.t('requested'), no: l10n.t('no') };
	COLUMNS = [
		['#', '#', (c) => String(c.id + 1)],
		['Client → Server', l10n.t('Client → Server'), (c) => `${c.client} → ${c.server}`],
		['Verdict', l10n.t('Verdict'), (c) => c.verdictMessage],
		['SNI', 'SNI', (c) => c.sni || '—'],
		['Version', l10n.t('Version'), (c) => c.version],
		['Cipher suite', l10n.t('Cipher suite'), (c) => c.cipherSuite || '—'],
		['Client auth', l10n.t('Client auth'), (c) => (c.clientAuthRequested ? w.requested : w.no)],
		['CAs', l10n.t('CAs'), (c) => (c.clientAuthRequested ? String(c.caCount) : '—')],
		['CA bytes', l10n.t('CA bytes'), (c) => (c.clientAuthRequested ? c.caBytes.toLocaleString('en-US') : '—')],
		['Client certificate', l10n.t('Client certificate'), (c) => c.clientCertificateText],
		['Alerts', l10n.t('Alerts'), (c) => c.alertText || '—'],
	];
}

/** The verdict column's index in COLUMNS (it takes the room the others leave). */
const VERDICT_COLUMN = 2;
const SYMBOL: Record<ConnectionView['severity'], string> = { ok: '✓', info: 'ℹ', warning: '⚠', error: '✗' };

/** Text a filter matches against (every text field of the row, plus the DN names). */
const haystacks = new WeakMap<ConnectionView, string>();
export function matches(c: ConnectionView, filter: string): boolean {
	if (!filter) return true;
	let text = haystacks.get(c);
	if (text === undefined) {
		makeColumns();
		text = [...COLUMNS.map(([, , cell]) => cell(c)), c.verdictCode, c.severity, ...c.dnList.map((d) => d.text), ...c.serverCertificates.map((s) => s.subject)].join('\n').toLowerCase();
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

	/** Top of each row and, last, the total height (px). */
	private _offsets: number[] = [0];
	private _widths: number[] = [];
	private readonly _widthCache = new Map<string, number>();
	private readonly _linesCache = new Map<string, number>();
	/** Widths the user dragged, by column; they win over the measured ones. */
	private readonly _userWidths = new Map<number, number>();
	private _canvas: CanvasRenderingContext2D | null | undefined;
	private _font = '';

	constructor(private readonly _host: TableHost) {
		makeColumns();
		// The header is row 1 of the grid: aria-rowcount counts it, data rows start at aria-rowindex 2.
		const header = el('div', { class: 'row header', role: 'row', 'aria-rowindex': '1' }, ...COLUMNS.map(([, title], i) => {
			const cell = el('div', { class: 'cell', role: 'columnheader' }, title);
			if (i !== VERDICT_COLUMN) cell.append(this._resizer(i));
			return cell;
		}));
		this._spacer = el('div', { class: 'spacer' });
		this._body = el('div', { class: 'table-body', role: 'rowgroup' }, this._spacer);
		this.element = el('div', { class: 'table', role: 'grid', 'aria-label': l10n.t('TLS connections'), 'aria-rowcount': '1' }, header, this._body);
		this._body.addEventListener('scroll', () => {
			this._paint();
			this._host.scrolled(this._body.scrollTop);
		});
		this._body.addEventListener('keydown', (e) => this._onKey(e));
		new ResizeObserver(() => this._paint()).observe(this._body);
		// A wider or narrower editor gives the verdict column more or less room: size again.
		let lastWidth = 0;
		new ResizeObserver(() => {
			const w = this.element.clientWidth;
			if (w === lastWidth) return;
			lastWidth = w;
			this.update(this._rows, this._selected);
		}).observe(this.element);
	}

	/** Shows `rows` (already filtered); keeps the scroll position. */
	update(rows: readonly ConnectionView[], selected: number | undefined): void {
		const previous = this._rows;
		this._rows = rows;
		this._selected = selected;
		this.element.setAttribute('aria-rowcount', String(rows.length + 1));
		this._size(previous);
		this._spacer.style.height = `${this._offsets[rows.length]}px`;
		// Up to 12 rows tall: a capture with one connection leaves the room to its details.
		// Tall wrapped rows: at most about 40 % of the window, the rest stays for the details.
		const firstRow = (this._offsets[1] ?? ROW_HEIGHT) - (this._offsets[0] ?? 0);
		const cap = Math.max(3 * ROW_HEIGHT, firstRow, Math.floor(window.innerHeight * 0.4));
		this._body.style.height = `${Math.min(cap, Math.max(3 * ROW_HEIGHT, this._offsets[Math.min(rows.length, 12)]!)) + 2}px`;
		this._paint();
	}

	private _measure(text: string): number {
		const known = this._widthCache.get(text);
		if (known !== undefined) return known;
		if (this._canvas === undefined) this._canvas = document.createElement('canvas').getContext('2d');
		// Without a canvas (never in VS Code's webviews): a generous 8 px per character.
		const width = this._canvas ? this._canvas.measureText(text).width : text.length * 8;
		this._widthCache.set(text, width);
		return width;
	}

	/** Measures with the cells' font (read each time: the table may be sized before it is in the page, or the theme's font changes). */
	private _useFont(): void {
		const style = getComputedStyle(this._body.isConnected ? this._body : document.body);
		const font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
		if (font === this._font) return;
		this._font = font;
		this._widthCache.clear();
		this._linesCache.clear();
		if (this._canvas === undefined) this._canvas = document.createElement('canvas').getContext('2d');
		if (this._canvas) this._canvas.font = font;
	}

	/** The widest piece no break opportunity splits (px). */
	private _longestToken(text: string): number {
		let widest = 0;
		for (const word of text.split(' ')) for (const p of pieces(word)) widest = Math.max(widest, this._measure(p));
		return widest;
	}

	/** Lines the text takes in a column of `width` px, wrapped as the cell wraps it (greedy, at spaces and after separators). */
	private _lines(text: string, width: number): number {
		const key = `${width}\u0000${text}`;
		const known = this._linesCache.get(key);
		if (known !== undefined) return known;
		const avail = Math.max(1, width - PADDING - SLACK);
		const space = this._measure(' ');
		let lines = 1;
		let x = 0;
		for (const word of text.split(' ')) {
			pieces(word).forEach((p, k) => {
				const w = this._measure(p);
				const lead = k === 0 && x > 0 ? space : 0;
				if (x + lead + w <= avail) return void (x += lead + w);
				if (x > 0) lines++;
				// A piece wider than the column breaks anywhere (overflow-wrap), filling whole lines.
				const whole = Math.max(0, Math.ceil(w / avail) - 1);
				lines += whole;
				x = w - whole * avail;
			});
		}
		this._linesCache.set(key, lines);
		return lines;
	}

	private _cellText(c: ConnectionView, i: number): string {
		const text = COLUMNS[i]![2](c);
		return i === VERDICT_COLUMN ? `${SYMBOL[c.severity]} ${text}` : text;
	}

	/**
	 * Column widths from the content, the verdict column's share, and each row's height for its wrapped text.
	 * `previous` are the rows shown before: when the widths are the same and the new rows only add to them (a capture
	 * still being read appends its connections), only the new rows are measured. Measuring every row again on each
	 * append froze the webview for half a minute on a 21 MB capture (thousands of connections).
	 */
	private _size(previous: readonly ConnectionView[] = []): void {
		const oldWidths = this._widths.join(',');
		const oldFont = this._font;
		this._useFont();
		const sample = this._rows.slice(0, SAMPLE);
		const available = Math.max(0, (this.element.clientWidth || document.documentElement.clientWidth) - 2);
		// Header titles wrap at spaces: their longest word counts (bold: a little wider).
		const headerWord = (title: string) => Math.max(...title.split(' ').map((w) => this._measure(w) * 1.15));
		const tokens = COLUMNS.map((_, i) => Math.max(0, ...sample.map((c) => this._longestToken(this._cellText(c, i)))));
		this._widths = COLUMNS.map(([id, title], i) => {
			if (i === VERDICT_COLUMN) return 0;
			const user = this._userWidths.get(i);
			if (user !== undefined) return user;
			let widest = headerWord(title);
			for (const c of sample) widest = Math.max(widest, this._measure(this._cellText(c, i)));
			return Math.ceil(Math.max(Math.min(widest, CAPS[id] ?? Infinity), tokens[i]!) + PADDING + SLACK);
		});
		// Too wide for the editor: the capped (wrapping) columns give up room, first down to their longest token
		// (no word breaks), then, only when that is not enough, down to FLOOR (long tokens break), so that nothing
		// needed sits behind a horizontal scroll bar.
		let verdictMin = VERDICT_MIN;
		const shrink = (floor: (i: number) => number) => {
			const excess = this._widths.reduce((a, b) => a + b, 0) + verdictMin - available;
			const shrinkable = COLUMNS.map(([id], i) => (CAPS[id] !== undefined && !this._userWidths.has(i) ? Math.max(0, this._widths[i]! - floor(i)) : 0));
			const room = shrinkable.reduce((a, b) => a + b, 0);
			if (excess <= 0 || room <= 0) return;
			const share = Math.min(1, excess / room);
			this._widths = this._widths.map((w, i) => Math.floor(w - shrinkable[i]! * share));
		};
		const headerFloor = (i: number) => Math.max(FLOOR, Math.ceil(headerWord(COLUMNS[i]![1]) + PADDING));
		shrink((i) => Math.max(headerFloor(i), Math.ceil(tokens[i]! + PADDING + SLACK)));
		// Still too wide: the verdict gives up room next, down to its own longest token, before any token breaks.
		const over = this._widths.reduce((a, b) => a + b, 0) + verdictMin - available;
		if (over > 0) verdictMin = Math.max(FLOOR, Math.ceil(tokens[VERDICT_COLUMN]! + PADDING + SLACK), verdictMin - over);
		shrink(headerFloor);
		const fixed = this._widths.reduce((a, b) => a + b, 0);
		this._widths[VERDICT_COLUMN] = Math.max(verdictMin, available - fixed);
		this.element.style.setProperty('--columns', this._widths.map((w) => `${w}px`).join(' '));
		this.element.style.setProperty('--table-width', `${this._widths.reduce((a, b) => a + b, 0)}px`);
		const rows = this._rows;
		const grows = this._font === oldFont && this._widths.join(',') === oldWidths && previous.length > 0 && previous.length <= rows.length && this._offsets.length === previous.length + 1 && rows[0] === previous[0] && rows[previous.length - 1] === previous[previous.length - 1];
		if (!grows) this._offsets = [0];
		for (let r = this._offsets.length - 1; r < rows.length; r++) {
			const c = rows[r]!;
			let lines = 1;
			for (let i = 0; i < COLUMNS.length; i++) lines = Math.max(lines, this._lines(this._cellText(c, i), this._widths[i]!));
			this._offsets.push(this._offsets[this._offsets.length - 1]! + Math.max(ROW_HEIGHT, lines * LINE_HEIGHT + 6));
		}
	}

	/** The index of the row at `y` px (binary search over the row tops). */
	private _rowAt(y: number): number {
		let lo = 0;
		let hi = this._rows.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (this._offsets[mid + 1]! <= y) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	}

	/** A drag handle on a header cell's right edge; double-click gives the column back to its content. */
	private _resizer(index: number): HTMLElement {
		const handle = el('div', { class: 'col-resizer', role: 'separator', 'aria-orientation': 'vertical', 'aria-label': l10n.t('Resize column {0}', COLUMNS[index]![1]), tabindex: '-1' });
		handle.addEventListener('pointerdown', (e) => {
			e.preventDefault();
			const startX = e.clientX;
			const start = this._widths[index] ?? 80;
			handle.setPointerCapture(e.pointerId);
			const move = (m: PointerEvent) => {
				this._userWidths.set(index, Math.max(32, Math.round(start + m.clientX - startX)));
				this.update(this._rows, this._selected);
			};
			const up = () => {
				handle.removeEventListener('pointermove', move);
				handle.removeEventListener('pointerup', up);
			};
			handle.addEventListener('pointermove', move);
			handle.addEventListener('pointerup', up);
		});
		handle.addEventListener('dblclick', () => {
			this._userWidths.delete(index);
			this.update(this._rows, this._selected);
		});
		return handle;
	}

	set scrollTop(value: number) {
		this._body.scrollTop = value;
	}

	/** Focuses the selected row (scrolling it into view). */
	focusSelected(): void {
		const index = this._rows.findIndex((r) => r.id === this._selected);
		if (index < 0) return;
		const top = this._offsets[index]!;
		const bottom = this._offsets[index + 1]!;
		if (top < this._body.scrollTop) this._body.scrollTop = top;
		else if (bottom > this._body.scrollTop + this._body.clientHeight) this._body.scrollTop = bottom - this._body.clientHeight;
		this._paint();
		(this._body.querySelector('.row.selected') as HTMLElement | null)?.focus();
	}

	private _paint(): void {
		const height = this._body.clientHeight || 400;
		const first = Math.max(0, this._rowAt(this._body.scrollTop) - OVERSCAN);
		const last = Math.min(this._rows.length, this._rowAt(this._body.scrollTop + height) + 1 + OVERSCAN);
		const nodes: HTMLElement[] = [];
		for (let i = first; i < last; i++) nodes.push(this._row(this._rows[i]!, i));
		this._body.replaceChildren(this._spacer, ...nodes);
	}

	private _row(c: ConnectionView, index: number): HTMLElement {
		const selected = c.id === this._selected;
		const cells = COLUMNS.map(([, title], i) => {
			const verdict = i === VERDICT_COLUMN;
			const text = this._cellText(c, i);
			return el('div', { class: `cell${verdict ? ` verdict sev-${c.severity}` : ''}`, role: 'gridcell', title: `${title}: ${text}` }, ...withBreaks(text));
		});
		const row = el('div', { class: `row sev-${c.severity}${selected ? ' selected' : ''}`, role: 'row', tabindex: selected || (this._selected === undefined && index === 0) ? '0' : '-1', 'aria-selected': String(selected), 'aria-rowindex': String(index + 2), 'data-id': String(c.id) }, ...cells);
		row.style.top = `${this._offsets[index]}px`;
		row.style.height = `${this._offsets[index + 1]! - this._offsets[index]!}px`;
		row.addEventListener('click', () => this._host.select(c.id, true));
		row.addEventListener('dblclick', () => this._host.openDetails());
		return row;
	}

	private _onKey(e: KeyboardEvent): void {
		if (this._rows.length === 0) return;
		const index = Math.max(0, this._rows.findIndex((r) => r.id === this._selected));
		const page = Math.max(1, this._rowAt(this._offsets[index]! + this._body.clientHeight) - index - 1);
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

/** The cell's text with a <wbr> after each separator inside a word: breaks there before breaking mid-word. */
function withBreaks(text: string): (string | Node)[] {
	const out: (string | Node)[] = [];
	text.split(' ').forEach((word, w) => {
		const parts = pieces(word);
		parts.forEach((p, k) => {
			out.push(w > 0 && k === 0 ? ` ${p}` : p);
			if (k < parts.length - 1) out.push(document.createElement('wbr'));
		});
	});
	return out;
}
