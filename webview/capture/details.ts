/** Details of one connection: verdict, facts, the DN list with its Schannel cut line, certificates, alerts, timeline. */
import * as l10n from '@vscode/l10n';
import type { CaptureHeaderView, CertificateRowView, ConnectionView, FromWebview } from '../../src/protocol/captureView';
import { el } from '../shared/dom';

const SYMBOL: Record<ConnectionView['severity'], string> = { ok: '✓', info: 'ℹ', warning: '⚠', error: '✗' };
const WORD: Record<ConnectionView['severity'], () => string> = { ok: () => l10n.t('OK'), info: () => l10n.t('Info'), warning: () => l10n.t('Warning'), error: () => l10n.t('Failed') };
/** DN rows drawn at most; the export has all of them. */
const MAX_DN_ROWS = 2000;

const n = (v: number) => v.toLocaleString('en-US');

function button(label: string, message: FromWebview, post: (m: FromWebview) => void, disabled = false): HTMLButtonElement {
	const b = el('button', { type: 'button', class: 'secondary' }, label);
	if (disabled) b.disabled = true;
	b.addEventListener('click', () => post(message));
	return b;
}

function facts(c: ConnectionView): HTMLElement {
	// [data-field (English, stable for tests), label, value]
	const rows: [string, string, string][] = [
		['Client → Server', l10n.t('Client → Server'), l10n.t('{0} → {1} (TCP stream {2}, first frame {3})', c.client, c.server, c.stream, c.firstFrame)],
		['SNI', 'SNI', c.sni || '—'],
		['Version', l10n.t('Version'), `${c.version}${c.offeredVersions.length ? ` ${l10n.t('(client offered {0})', c.offeredVersions.join(', '))}` : ''}`],
		['Cipher suite', l10n.t('Cipher suite'), c.cipherSuite || '—'],
		['Client auth', l10n.t('Client auth'), c.clientAuthRequested ? l10n.t('requested: {0} CA names, {1} bytes in {2} record(s)', n(c.caCount), n(c.caBytes), c.caRecords) : l10n.t('not requested (or not visible)')],
		['Client certificate', l10n.t('Client certificate'), c.clientCertificateText],
		['Alerts', l10n.t('Alerts'), c.alerts.map((a) => a.text).join('; ') || '—'],
	];
	if (c.renegotiation) rows.push(['Renegotiation', l10n.t('Renegotiation'), l10n.t('yes: a handshake inside the encrypted session, decrypted with the key log')]);
	if (c.encryptedHandshake) rows.push(['Encrypted handshake', l10n.t('Encrypted handshake'), c.decrypted ? l10n.t('yes, decrypted with the key log') : l10n.t('yes, not decrypted (give a key log to read it)')]);
	if (!c.complete) rows.push(['Completeness', l10n.t('Completeness'), c.verdictKind === 'incomplete' ? l10n.t('incomplete: the capture does not hold the part that decides the verdict') : l10n.t('part of this handshake is missing from the capture')]);
	if (c.alpn.length) rows.push(['ALPN', 'ALPN', c.alpn.join(', ')]);
	return el('dl', { class: 'facts' }, ...rows.flatMap(([field, label, v]) => [el('dt', {}, label), el('dd', { 'data-field': field }, v)]));
}

/** The sentence above the DN list: the target's cut line, and what the case says of this list (issue 10). */
export function dnNote(c: ConnectionView, header: CaptureHeaderView): string {
	const cut = c.dnList.findIndex((d) => d.cut);
	const ca = header.caseAnswer;
	const fromCase = ca?.unknown
		? ca.unknown
		: ca && ca.storeNames !== undefined
			? ca.missing.length
				? `${ca.headline} ${l10n.t("{0}'s Root store export holds {1} names; {2} of them are missing from this list: the server cut them. Missing: {3}.", ca.machine, n(ca.storeNames), n(ca.missing.length), `${ca.missing.slice(0, 5).join('; ')}${ca.missing.length > 5 ? `; ${l10n.t('and {0} more', n(ca.missing.length - 5))}` : ''}`)}`
				: l10n.t("Every one of the {0} names of {1}'s Root store export is in this list: nothing was cut.", n(ca.storeNames), ca.machine)
			: undefined;
	return cut < 0
			? (fromCase ?? l10n.t('This list ({0} names) is within the {1}-byte limit of {2}. Whether the server had to cut its full list to send it is unknown from the capture alone: put the server\'s Root store export beside the capture, or run "Schannel Lens: Diagnose Folder".', n(c.caCount), n(header.limitBytes), header.targetOs))
		: `${l10n.t('{0} sends at most {1} bytes: only the first {2} of {3} names fit; the rest are cut.', header.targetOs, n(header.limitBytes), n(c.caKeptByTarget), n(c.caCount))}${fromCase ? ` ${fromCase}` : ''}`;
}

function dnSection(c: ConnectionView, header: CaptureHeaderView, post: (m: FromWebview) => void): HTMLElement {
	const title = el('h3', {}, l10n.t('Acceptable CA names ({0}, {1} bytes)', n(c.caCount), n(c.caBytes)));
	const exportButton = button(l10n.t('Export DN list'), { type: 'exportDnList', connection: c.id }, post);
	const cut = c.dnList.findIndex((d) => d.cut);
	const note = dnNote(c, header);
	const body = el('tbody');
	c.dnList.slice(0, MAX_DN_ROWS).forEach((d, i) => {
		if (i === cut) body.append(el('tr', { class: 'cut-line' }, el('td', { colspan: '4' }, `✂ ${l10n.t('{0} cuts the list here ({1} bytes)', header.targetOs, n(header.limitBytes))}`)));
		body.append(el('tr', { class: d.cut ? 'dn cut' : 'dn' }, el('td', { class: 'num' }, String(i + 1)), el('td', { class: 'num' }, n(d.bytes)), el('td', { class: 'num' }, n(d.cumulative)), el('td', { class: 'dn-text' }, d.text)));
	});
	const table = el('table', { class: 'dn-list' }, el('thead', {}, el('tr', {}, el('th', {}, '#'), el('th', {}, l10n.t('Bytes')), el('th', {}, l10n.t('Total')), el('th', {}, l10n.t('Distinguished name')))), body);
	const more = c.dnList.length > MAX_DN_ROWS ? el('p', { class: 'note' }, l10n.t('First {0} names shown; Export DN list has all {1}.', MAX_DN_ROWS, c.dnList.length)) : undefined;
	const legend = el('p', { class: 'note' }, l10n.t('Total = running sum of 2-byte length + DER per name (the vector’s own 2-byte length is not counted).'));
	return el('section', { class: 'dn-section' }, el('div', { class: 'section-head' }, title, exportButton), el('p', { class: cut < 0 ? 'note dn-note' : 'note dn-note cut-note' }, note), table, ...(more ? [more] : []), legend);
}

function certificateList(title: string, certs: readonly CertificateRowView[] | null, c: ConnectionView, side: 'client' | 'server', post: (m: FromWebview) => void): HTMLElement {
	const head = el('div', { class: 'section-head' }, el('h3', {}, title));
	if (certs && certs.length > 0) head.append(button(l10n.t('Open chain'), { type: 'openChain', connection: c.id, side }, post, !certs.some((x) => x.hasDer)));
	if (certs === null || certs.length === 0) {
		const why = certs === null ? (side === 'client' && c.clientAuthRequested ? l10n.t('The client sent no Certificate message.') : l10n.t('None seen.')) : l10n.t('The client sent an empty Certificate message: no certificate.');
		return el('section', {}, head, el('p', { class: 'note' }, why));
	}
	const items = certs.map((x, index) => {
		const open = button(l10n.t('Open'), { type: 'openCertificate', connection: c.id, side, index }, post, !x.hasDer);
		return el('li', { class: 'cert' }, el('div', { class: 'cert-subject' }, x.subject), el('div', { class: 'note' }, l10n.t('Issuer: {0}', x.issuer)), el('div', { class: 'note mono' }, `SHA-1 ${x.sha1}`), open);
	});
	return el('section', {}, head, el('ol', { class: 'certs' }, ...items));
}

function timeline(c: ConnectionView): HTMLElement {
	const items = c.timeline.map((t) => el('li', {}, el('span', { class: 'frame' }, t.frame === null ? '' : `#${t.frame}`), el('span', {}, t.text)));
	return el('section', {}, el('h3', {}, l10n.t('Timeline')), el('ol', { class: 'timeline' }, ...items));
}

/** The details pane of `c`. */
export function detailsView(c: ConnectionView, header: CaptureHeaderView, post: (m: FromWebview) => void): HTMLElement {
	const verdict = el('div', { class: `verdict-banner sev-${c.severity}`, role: 'status' }, el('span', { class: 'verdict-word' }, `${SYMBOL[c.severity]} ${WORD[c.severity]()}`), el('span', { class: 'verdict-message' }, c.verdictMessage), el('span', { class: 'verdict-code' }, c.verdictCode));
	const actions = el('div', { class: 'actions' }, button(l10n.t('Export certificates'), { type: 'exportCertificates', connection: c.id }, post, c.serverCertificates.length === 0 && !c.clientCertificates?.length));
	const parts: HTMLElement[] = [el('h2', {}, l10n.t('Connection {0}: {1} → {2}', c.id + 1, c.client, c.server)), verdict, actions, facts(c)];
	if (c.clientAuthRequested) parts.push(dnSection(c, header, post));
	parts.push(certificateList(l10n.t('Client certificate chain'), c.clientCertificates, c, 'client', post));
	parts.push(certificateList(l10n.t('Server certificate chain'), c.serverCertificates, c, 'server', post));
	parts.push(timeline(c));
	return el('div', { class: 'details-inner' }, ...parts);
}
