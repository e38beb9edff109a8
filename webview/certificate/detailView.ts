/** One certificate: title and state, tabs General / Details / Path (roving focus), and the actions. */
import type { CertificateTab, CertificateView, FieldRow, FromWebview } from '../../src/protocol/certificateView';
import { el } from '../shared/dom';
import * as l10n from '@vscode/l10n';
import { stateBadges, validityBadge } from './badges';

/** What the detail view needs from the page. */
export interface DetailHost {
	readonly tab: CertificateTab;
	readonly rawHex: string | undefined;
	setTab(tab: CertificateTab): void;
	post(message: FromWebview): void;
}

const TABS: readonly { id: CertificateTab; label: () => string }[] = [
	{ id: 'general', label: () => l10n.t('General') },
	{ id: 'details', label: () => l10n.t('Details') },
	{ id: 'path', label: () => l10n.t('Certification Path') },
];

function field(label: string, value: string | Node, extra: Record<string, string> = {}): HTMLElement {
	return el('div', { class: 'field', ...extra }, el('dt', {}, label), el('dd', {}, value));
}

function general(c: CertificateView): HTMLElement {
	return el(
		'dl',
		{ class: 'fields' },
		field(l10n.t('Issued to'), c.subject, { 'data-field': 'subject' }),
		field(l10n.t('Issued by'), c.issuer, { 'data-field': 'issuer' }),
		field(l10n.t('Validity'), el('span', {}, validityBadge(c.validity), ' ', c.validityText), { 'data-field': 'validity' }),
		field(l10n.t('Intended purposes'), el('ul', { class: 'purposes' }, ...c.purposes.map((p) => el('li', {}, p)))),
		field(l10n.t('Public key'), c.keySummary),
		field(l10n.t('Serial number'), c.serial),
		field(l10n.t('Thumbprint (SHA-1)'), el('code', {}, c.sha1.toLowerCase())),
		...(c.friendlyName ? [field(l10n.t('Friendly name'), c.friendlyName)] : []),
		field(l10n.t('Source'), c.sourceText),
	);
}

function detailRow(r: FieldRow): HTMLElement {
	const value = el('dd', {}, el('span', { class: 'value' }, r.value));
	if (r.hex) value.append(el('details', { class: 'hex' }, el('summary', {}, l10n.t('Raw value (hex)')), el('pre', {}, r.hex)));
	return el('div', { class: `field${r.critical ? ' critical' : ''}` }, el('dt', {}, r.label), value);
}

function details(c: CertificateView, host: DetailHost): HTMLElement {
	const raw = el('button', { type: 'button', class: 'secondary' }, host.rawHex ? l10n.t('Hide certificate DER (hex)') : l10n.t('Show certificate DER (hex)'));
	raw.addEventListener('click', () => host.post({ type: 'requestRaw', index: c.index }));
	const box = el('div', { class: 'details' }, el('dl', { class: 'fields' }, ...c.details.map(detailRow)), raw);
	if (host.rawHex) box.append(el('pre', { class: 'raw', 'aria-label': l10n.t('Certificate DER as hex') }, host.rawHex));
	return box;
}

function path(c: CertificateView, host: DetailHost, indexText: string): HTMLElement {
	const list = el('ol', { class: 'path' });
	c.path.forEach((step, depth) => {
		const label = step.found && step.sha1 && step.sha1 !== c.sha1 ? el('button', { type: 'button', class: 'link', title: step.location ? l10n.t('Open {0} ({1})', step.subject, step.location) : l10n.t('Open {0}', step.subject) }, step.title) : el('span', { class: step.found ? 'current' : 'missing' }, step.found ? step.title : `✗ ${step.title}`);
		if (label instanceof HTMLButtonElement) label.addEventListener('click', () => host.post({ type: 'openCertificate', sha1: step.sha1! }));
		const item = el('li', { class: `path-step depth-${Math.min(depth, 9)}${step.found ? '' : ' missing'}` }, label);
		if (step.state) item.append(' ', validityBadge(step.state));
		item.append(el('div', { class: 'row-sub' }, step.found ? step.subject : l10n.t('Missing issuer: {0}', step.subject)));
		if (step.location) item.append(el('div', { class: 'row-sub' }, l10n.t('in {0}', step.location)));
		list.append(item);
	});
	const chain = el('button', { type: 'button' }, l10n.t('Open in chain view'));
	chain.addEventListener('click', () => host.post({ type: 'showChain', index: c.index }));
	return el('div', {}, list, el('p', { class: 'note' }, l10n.t('Built from the workspace certificate index by issuer name (byte-exact) and key identifiers; signatures are not checked here. {0}. The chain view validates every link (signatures, validity, key usage, EKU) as Windows does.', indexText)), chain);
}

function tabList(host: DetailHost, onSwitch: (tab: CertificateTab) => void): HTMLElement {
	const list = el('div', { role: 'tablist', class: 'tabs', 'aria-label': l10n.t('Certificate views') });
	const buttons = TABS.map((t) => {
		const selected = t.id === host.tab;
		const b = el('button', { type: 'button', role: 'tab', id: `tab-${t.id}`, 'aria-controls': 'tabpanel', 'aria-selected': String(selected), tabindex: selected ? '0' : '-1' }, t.label());
		b.addEventListener('click', () => onSwitch(t.id));
		return b;
	});
	list.addEventListener('keydown', (e) => {
		const i = TABS.findIndex((t) => t.id === host.tab);
		const next = e.key === 'ArrowRight' ? (i + 1) % TABS.length : e.key === 'ArrowLeft' ? (i + TABS.length - 1) % TABS.length : e.key === 'Home' ? 0 : e.key === 'End' ? TABS.length - 1 : -1;
		if (next < 0) return;
		e.preventDefault();
		onSwitch(TABS[next]!.id);
		(document.getElementById(`tab-${TABS[next]!.id}`) as HTMLElement | null)?.focus();
	});
	list.append(...buttons);
	return list;
}

function actions(c: CertificateView, host: DetailHost): HTMLElement {
	const button = (label: string, message: FromWebview, cls = 'secondary') => {
		const b = el('button', { type: 'button', class: cls }, label);
		b.addEventListener('click', () => host.post(message));
		return b;
	};
	return el(
		'div',
		{ class: 'actions', role: 'toolbar', 'aria-label': l10n.t('Certificate actions') },
		button(l10n.t('Copy as PEM'), { type: 'copy', index: c.index, what: 'pem' }, 'primary'),
		button(l10n.t('Copy SHA-1 thumbprint'), { type: 'copy', index: c.index, what: 'sha1' }),
		button(l10n.t('Copy SHA-256'), { type: 'copy', index: c.index, what: 'sha256' }),
		button(l10n.t('Save as DER…'), { type: 'save', index: c.index, format: 'der' }),
		button(l10n.t('Save as PEM…'), { type: 'save', index: c.index, format: 'pem' }),
		button(l10n.t('Reveal file'), { type: 'revealSource' }),
	);
}

/** The whole single-certificate view. */
export function detailView(c: CertificateView, host: DetailHost, indexText: string, onSwitch: (tab: CertificateTab) => void): HTMLElement {
	const panel = el('div', { role: 'tabpanel', id: 'tabpanel', class: 'tabpanel', 'aria-labelledby': `tab-${host.tab}`, tabindex: '0' });
	panel.append(host.tab === 'general' ? general(c) : host.tab === 'details' ? details(c, host) : path(c, host, indexText));
	const view = el('article', { class: 'cert', 'aria-label': c.title }, el('h2', { class: 'cert-title' }, c.title), stateBadges(c), actions(c, host), tabList(host, onSwitch), panel);
	if (c.problems.length) view.append(el('ul', { class: 'cert-problems', 'aria-label': 'Problems' }, ...c.problems.map((p) => el('li', {}, p))));
	return view;
}
