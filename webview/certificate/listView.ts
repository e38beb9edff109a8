/** The filterable list shown first for files holding many certificates. */
import type { CertificateFileModel, CertificateView } from '../../src/protocol/certificateView';
import { el } from '../shared/dom';
import * as l10n from '@vscode/l10n';
import { stateBadges } from './badges';

/** What the list needs from the page. */
export interface ListHost {
	readonly filter: string;
	setFilter(filter: string): void;
	open(index: number): void;
}

function matches(c: CertificateView, words: string[]): boolean {
	const hay = `${c.subject}\n${c.issuer}\n${c.sha1}\n${c.serial}\n${c.friendlyName ?? ''}\n${c.validity}${c.isCa ? ' ca' : ''}${c.clientAuth ? ' client' : ''}`.toLowerCase();
	return words.every((w) => hay.includes(w));
}

function row(c: CertificateView, host: ListHost): HTMLElement {
	const tr = el(
		'tr',
		{ class: 'cert-row', tabindex: '0', 'data-index': String(c.index), 'aria-label': `${c.title}, ${c.validityText}` },
		el('td', { class: 'num' }, String(c.index + 1)),
		el('td', {}, el('div', { class: 'row-title' }, c.title), el('div', { class: 'row-sub' }, c.subject)),
		el('td', {}, c.issuer),
		el('td', { class: 'nowrap' }, c.notAfter.slice(0, 10)),
		el('td', {}, stateBadges(c)),
	);
	tr.addEventListener('click', () => host.open(c.index));
	tr.addEventListener('keydown', (e) => {
		if (e.key === 'Enter' || e.key === ' ') {
			e.preventDefault();
			host.open(c.index);
		} else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
			e.preventDefault();
			const next = (e.key === 'ArrowDown' ? tr.nextElementSibling : tr.previousElementSibling) as HTMLElement | null;
			next?.focus();
		}
	});
	return tr;
}

/** The list: a filter box, a count and a table of rows (Enter or click opens one). Filtering redraws only the rows. */
export function listView(model: CertificateFileModel, host: ListHost): HTMLElement {
	const input = el('input', { type: 'search', class: 'filter', placeholder: l10n.t('Filter by subject, issuer, thumbprint, "expired", "ca"…'), 'aria-label': l10n.t('Filter certificates'), value: host.filter });
	const count = el('span', { class: 'count', role: 'status' });
	const body = el('tbody');
	const update = (): void => {
		const words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
		const shown = model.certificates.filter((c) => matches(c, words));
		count.textContent = words.length ? l10n.t('{0} of {1} certificates', shown.length, model.certificates.length) : l10n.t('{0} certificates', model.certificates.length);
		body.replaceChildren(...shown.map((c) => row(c, host)));
	};
	input.addEventListener('input', () => {
		host.setFilter(input.value);
		update();
	});
	input.addEventListener('keydown', (e) => {
		if (e.key === 'ArrowDown') {
			e.preventDefault();
			(body.firstElementChild as HTMLElement | null)?.focus();
		}
	});
	update();
	const head = el('thead', {}, el('tr', {}, el('th', { class: 'num' }, '#'), el('th', {}, l10n.t('Subject')), el('th', {}, l10n.t('Issuer')), el('th', {}, l10n.t('Expires')), el('th', {}, l10n.t('State'))));
	return el('section', { class: 'cert-list', 'aria-label': l10n.t('Certificates in this file') }, el('div', { class: 'list-bar' }, input, count), el('table', { class: 'cert-table' }, head, body));
}
