/** Details of one connection: verdict, facts, the DN list with its Schannel cut line, certificates, alerts, timeline. */
import type { CaptureHeaderView, CertificateRowView, ConnectionView, FromWebview } from '../../src/protocol/captureView';
import { el } from '../shared/dom';

const SYMBOL: Record<ConnectionView['severity'], string> = { ok: '✓', info: 'ℹ', warning: '⚠', error: '✗' };
const WORD: Record<ConnectionView['severity'], string> = { ok: 'OK', info: 'Info', warning: 'Warning', error: 'Failed' };
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
	const rows: [string, string][] = [
		['Client → Server', `${c.client} → ${c.server} (TCP stream ${c.stream}, first frame ${c.firstFrame})`],
		['SNI', c.sni || '—'],
		['Version', `${c.version}${c.offeredVersions.length ? ` (client offered ${c.offeredVersions.join(', ')})` : ''}`],
		['Cipher suite', c.cipherSuite || '—'],
		['Client auth', c.clientAuthRequested ? `requested: ${n(c.caCount)} CA names, ${n(c.caBytes)} bytes in ${c.caRecords} record(s)` : 'not requested (or not visible)'],
		['Client certificate', c.clientCertificateText],
		['Alerts', c.alerts.map((a) => a.text).join('; ') || '—'],
	];
	if (c.renegotiation) rows.push(['Renegotiation', 'yes: a handshake inside the encrypted session, decrypted with the key log']);
	if (c.encryptedHandshake) rows.push(['Encrypted handshake', c.decrypted ? 'yes, decrypted with the key log' : 'yes, not decrypted (give a key log to read it)']);
	if (!c.complete) rows.push(['Completeness', c.verdictKind === 'incomplete' ? 'incomplete: the capture does not hold the part that decides the verdict' : 'part of this handshake is missing from the capture']);
	if (c.alpn.length) rows.push(['ALPN', c.alpn.join(', ')]);
	return el('dl', { class: 'facts' }, ...rows.flatMap(([k, v]) => [el('dt', {}, k), el('dd', { 'data-field': k }, v)]));
}

/** The sentence above the DN list: the target's cut line, and what the case says of this list (issue 10). */
export function dnNote(c: ConnectionView, header: CaptureHeaderView): string {
	const cut = c.dnList.findIndex((d) => d.cut);
	const ca = header.caseAnswer;
	const fromCase = ca?.unknown
		? ca.unknown
		: ca && ca.storeNames !== undefined
			? ca.missing.length
				? `${ca.headline} ${ca.machine}'s Root store export holds ${n(ca.storeNames)} names; ${n(ca.missing.length)} of them are missing from this list: the server cut them. Missing: ${ca.missing.slice(0, 5).join('; ')}${ca.missing.length > 5 ? `; and ${n(ca.missing.length - 5)} more` : ''}.`
				: `Every one of the ${n(ca.storeNames)} names of ${ca.machine}'s Root store export is in this list: nothing was cut.`
			: undefined;
	return cut < 0
			? (fromCase ?? `This list (${n(c.caCount)} names) is within the ${n(header.limitBytes)}-byte limit of ${header.targetOs}. Whether the server had to cut its full list to send it is unknown from the capture alone: put the server's Root store export beside the capture, or run "Schannel Lens: Diagnose Folder".`)
		: `${header.targetOs} sends at most ${n(header.limitBytes)} bytes: only the first ${n(c.caKeptByTarget)} of ${n(c.caCount)} names fit; the rest are cut.${fromCase ? ` ${fromCase}` : ''}`;
}

function dnSection(c: ConnectionView, header: CaptureHeaderView, post: (m: FromWebview) => void): HTMLElement {
	const title = el('h3', {}, `Acceptable CA names (${n(c.caCount)}, ${n(c.caBytes)} bytes)`);
	const exportButton = button('Export DN list', { type: 'exportDnList', connection: c.id }, post);
	const cut = c.dnList.findIndex((d) => d.cut);
	const note = dnNote(c, header);
	const body = el('tbody');
	c.dnList.slice(0, MAX_DN_ROWS).forEach((d, i) => {
		if (i === cut) body.append(el('tr', { class: 'cut-line' }, el('td', { colspan: '4' }, `✂ ${header.targetOs} cuts the list here (${n(header.limitBytes)} bytes)`)));
		body.append(el('tr', { class: d.cut ? 'dn cut' : 'dn' }, el('td', { class: 'num' }, String(i + 1)), el('td', { class: 'num' }, n(d.bytes)), el('td', { class: 'num' }, n(d.cumulative)), el('td', { class: 'dn-text' }, d.text)));
	});
	const table = el('table', { class: 'dn-list' }, el('thead', {}, el('tr', {}, el('th', {}, '#'), el('th', {}, 'Bytes'), el('th', {}, 'Total'), el('th', {}, 'Distinguished name'))), body);
	const more = c.dnList.length > MAX_DN_ROWS ? el('p', { class: 'note' }, `First ${MAX_DN_ROWS} names shown; Export DN list has all ${c.dnList.length}.`) : undefined;
	const legend = el('p', { class: 'note' }, 'Total = running sum of 2-byte length + DER per name (the vector’s own 2-byte length is not counted).');
	return el('section', { class: 'dn-section' }, el('div', { class: 'section-head' }, title, exportButton), el('p', { class: cut < 0 ? 'note dn-note' : 'note dn-note cut-note' }, note), table, ...(more ? [more] : []), legend);
}

function certificateList(title: string, certs: readonly CertificateRowView[] | null, c: ConnectionView, side: 'client' | 'server', post: (m: FromWebview) => void): HTMLElement {
	const head = el('div', { class: 'section-head' }, el('h3', {}, title));
	if (certs && certs.length > 0) head.append(button('Open chain', { type: 'openChain', connection: c.id, side }, post, !certs.some((x) => x.hasDer)));
	if (certs === null || certs.length === 0) {
		const why = certs === null ? (side === 'client' && c.clientAuthRequested ? 'The client sent no Certificate message.' : 'None seen.') : 'The client sent an empty Certificate message: no certificate.';
		return el('section', {}, head, el('p', { class: 'note' }, why));
	}
	const items = certs.map((x, index) => {
		const open = button('Open', { type: 'openCertificate', connection: c.id, side, index }, post, !x.hasDer);
		return el('li', { class: 'cert' }, el('div', { class: 'cert-subject' }, x.subject), el('div', { class: 'note' }, `Issuer: ${x.issuer}`), el('div', { class: 'note mono' }, `SHA-1 ${x.sha1}`), open);
	});
	return el('section', {}, head, el('ol', { class: 'certs' }, ...items));
}

function timeline(c: ConnectionView): HTMLElement {
	const items = c.timeline.map((t) => el('li', {}, el('span', { class: 'frame' }, t.frame === null ? '' : `#${t.frame}`), el('span', {}, t.text)));
	return el('section', {}, el('h3', {}, 'Timeline'), el('ol', { class: 'timeline' }, ...items));
}

/** The details pane of `c`. */
export function detailsView(c: ConnectionView, header: CaptureHeaderView, post: (m: FromWebview) => void): HTMLElement {
	const verdict = el('div', { class: `verdict-banner sev-${c.severity}`, role: 'status' }, el('span', { class: 'verdict-word' }, `${SYMBOL[c.severity]} ${WORD[c.severity]}`), el('span', { class: 'verdict-message' }, c.verdictMessage), el('span', { class: 'verdict-code' }, c.verdictCode));
	const actions = el('div', { class: 'actions' }, button('Export certificates', { type: 'exportCertificates', connection: c.id }, post, c.serverCertificates.length === 0 && !c.clientCertificates?.length));
	const parts: HTMLElement[] = [el('h2', {}, `Connection ${c.id + 1}: ${c.client} → ${c.server}`), verdict, actions, facts(c)];
	if (c.clientAuthRequested) parts.push(dnSection(c, header, post));
	parts.push(certificateList('Client certificate chain', c.clientCertificates, c, 'client', post));
	parts.push(certificateList('Server certificate chain', c.serverCertificates, c, 'server', post));
	parts.push(timeline(c));
	return el('div', { class: 'details-inner' }, ...parts);
}
