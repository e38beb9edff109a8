import * as l10n from '@vscode/l10n';
import type { ChainProfile, ChainPurpose, ChainResult, ChainViewState, FromChainView, ToChainView } from '../../src/protocol/chainView';
import { el } from '../shared/dom';
import { configureL10n } from '../shared/l10n';
import { vscodeApi } from '../shared/vscodeApi';
import { layoutChains, wrapToWidth, type ChainLayout, type NodeBox } from './layout';

configureL10n();
const api = vscodeApi<FromChainView, ChainViewState>();
const root = document.getElementById('root')!;
const SVG = 'http://www.w3.org/2000/svg';
const W = 300;
const GAP_X = 60;
const GAP_Y = 50;
let current: (ToChainView & { hostText?: string }) | undefined;

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, ...children: (Node | string)[]): SVGElementTagNameMap[K] {
	const node = document.createElementNS(SVG, tag);
	for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
	for (const c of children) node.append(typeof c === 'string' ? document.createTextNode(c) : c);
	return node;
}

const ICON = { ok: '✔', info: 'ℹ', warning: '⚠', error: '✖' } as const;
const MATCH = { nameAndKeyId: () => l10n.t('name + key id'), nameAndIssuerSerial: () => l10n.t('name + serial'), name: () => l10n.t('name only'), nameKeyIdMismatch: () => l10n.t('key id differs') } as const;
const SIGNATURE = { valid: () => l10n.t('signature ✔'), invalid: () => l10n.t('signature ✖'), unsupported: () => l10n.t('signature ?') } as const;
const LINE = 18;
/** Text room in a box: its width less the 10 px inset on each side. */
const TEXT_WIDTH = W - 20;

/** Measures text as the SVG draws it (media/chain.css: 12 px in the workbench font; .cn bold). */
const measurer = document.createElement('canvas').getContext('2d');
function wrap(text: string, bold = false): string[] {
	const family = getComputedStyle(document.body).getPropertyValue('--vscode-font-family') || 'sans-serif';
	if (!measurer) return wrapToWidth(text, TEXT_WIDTH, (t) => t.length * 8);
	measurer.font = `${bold ? 'bold ' : ''}12px ${family}`;
	return wrapToWidth(text, TEXT_WIDTH, (t) => measurer.measureText(t).width);
}

function cn(subject: string): string {
	return /^CN=((?:\\.|[^,\\])*)/.exec(subject)?.[1] ?? subject;
}

type Line = { text: string; cls: string };

/** What a certificate is in the drawing: leaf, trust anchor, self-signed non-anchor or CA. */
function roleOf(result: ChainResult, node: ChainResult['nodes'][number]): string {
	return node.id === result.leaf ? l10n.t('leaf') : node.trustAnchor ? l10n.t('trust anchor') : node.selfIssued ? l10n.t('self-signed (not an anchor)') : l10n.t('CA');
}

function nodeLines(result: ChainResult, box: NodeBox): Line[] {
	const node = result.nodes.find((n) => n.id === box.node)!;
	const role = roleOf(result, node);
	const status = box.messages.length ? box.messages.join(' ') : l10n.t('no problem found');
	return [
		...wrap(`${ICON[box.severity]} ${cn(node.subjectWindows)}`, true).map((text) => ({ text, cls: 'cn' })),
		...wrap(`${role} · ${l10n.t('expires {0}', node.notAfter.slice(0, 10))}`).map((text) => ({ text, cls: 'role' })),
		...wrap(status).map((text) => ({ text, cls: 'status' })),
		...wrap(node.sources.join(', ')).map((text) => ({ text, cls: 'role' })),
	];
}

function missingLines(m: ChainLayout['missing'][number]): Line[] {
	return [
		...wrap(`✖ ${l10n.t('Missing issuer (not in any source)')}`, true).map((text) => ({ text, cls: 'cn' })),
		...wrap(m.issuer).map((text) => ({ text, cls: 'status' })),
		...wrap(m.caIssuers[0] ? l10n.t('fetch by hand: {0}', m.caIssuers[0]) : l10n.t('no AIA caIssuers URL')).map((text) => ({ text, cls: 'role' })),
	];
}

/** A box's height for its lines; every box of a row takes the tallest of that row, so the rows stay aligned. */
const boxHeight = (lineCount: number) => Math.max(84, 12 + lineCount * LINE);

/** Top (px) and height of each row: a row is as tall as its own tallest box, not the drawing's (a root above a long-winded CA stays short). */
interface Rows {
	readonly top: readonly number[];
	readonly height: readonly number[];
}

function textLines(lines: readonly Line[], x: number, y: number): SVGTextElement[] {
	return lines.map((l, i) => svg('text', { x: x + 10, y: y + 20 + i * LINE, class: l.cls }, l.text));
}

function nodeGroup(result: ChainResult, box: NodeBox, rows: Rows): SVGGElement {
	const node = result.nodes.find((n) => n.id === box.node)!;
	const x = box.column * (W + GAP_X) + 20;
	const y = rows.top[box.row]!;
	const H = rows.height[box.row]!;
	const role = roleOf(result, node);
	const g = svg('g', { class: `node ${box.severity}`, tabindex: 0, role: 'button', 'aria-label': `${node.subjectWindows}: ${role}. ${box.messages.join(' ') || l10n.t('No problem found.')} ${l10n.t('Press Enter to open.')}` },
		svg('title', {}, `${node.subjectWindows}\n${box.messages.join('\n')}`),
		svg('rect', { x, y, width: W, height: H, rx: 4 }),
		...textLines(nodeLines(result, box), x, y),
	);
	const open = () => api.postMessage({ type: 'openCertificate', node: node.id });
	g.addEventListener('click', open);
	g.addEventListener('keydown', (e) => {
		if (e.key === 'Enter' || e.key === ' ') open();
	});
	return g;
}

function drawing(result: ChainResult): SVGSVGElement {
	const layout = layoutChains(result);
	const lineCounts = Array.from({ length: layout.rows }, () => 0);
	for (const b of layout.boxes) lineCounts[b.row] = Math.max(lineCounts[b.row] ?? 0, nodeLines(result, b).length);
	for (const m of layout.missing) lineCounts[m.row] = Math.max(lineCounts[m.row] ?? 0, missingLines(m).length);
	const rowHeight = lineCounts.map(boxHeight);
	const rowTop: number[] = [];
	rowHeight.reduce((top, h, r) => ((rowTop[r] = top), top + h + GAP_Y), 20);
	const rows: Rows = { top: rowTop, height: rowHeight };
	const width = layout.columns * (W + GAP_X) + 40;
	const height = rowHeight.reduce((a, h) => a + h + GAP_Y, 0) + 20;
	const pos = new Map(layout.boxes.map((b) => [b.node, b]));
	const center = (b: { column: number; row: number }) => ({ x: b.column * (W + GAP_X) + 20 + W / 2, y: rowTop[b.row]! });
	const out = svg('svg', { xmlns: SVG, width, height, viewBox: `0 0 ${width} ${height}`, role: 'group', 'aria-label': l10n.t('Certificate chains: {0}', result.verdict.summary) });
	for (const e of layout.edges) {
		const a = pos.get(e.from)!;
		const b = pos.get(e.to)!;
		const edge = result.edges[e.edge]!;
		const bad = edge.signature !== 'valid' || edge.match === 'nameKeyIdMismatch';
		const p1 = center(a);
		const p2 = { ...center(b), y: center(b).y + rowHeight[b.row]! };
		out.append(
			svg('line', { x1: p1.x, y1: p1.y, x2: p2.x, y2: p2.y, class: `edge ${bad ? 'bad' : ''}` }),
			// At the midpoint: links to or from one node go to different columns, so their midpoints differ.
			svg('text', { x: (p1.x + p2.x) / 2 + 6, y: (p1.y + p2.y) / 2 + 4, class: `edge-label ${bad ? 'bad' : ''}` }, `${MATCH[edge.match]()} · ${SIGNATURE[edge.signature]()}`),
		);
	}
	for (const m of layout.missing) {
		const x = m.column * (W + GAP_X) + 20;
		const y = rowTop[m.row]!;
		const H = rowHeight[m.row]!;
		out.append(
			svg('rect', { x, y, width: W, height: H, rx: 4, class: 'missing' }),
			...textLines(missingLines(m), x, y),
			svg('line', { x1: x + W / 2, y1: y + H, x2: x + W / 2, y2: y + H + GAP_Y, class: 'edge bad' }),
		);
	}
	for (const b of layout.boxes) out.append(nodeGroup(result, b, rows));
	return out;
}

const PROFILES: Record<ChainProfile, () => string> = { windows: () => 'Windows (CryptoAPI)', rfc5280: () => l10n.t('RFC 5280 (strict: OpenSSL, browsers)'), webpki: () => 'Web PKI (RFC 5280 + CA/B Forum BRs)' };

/** `2026-12-02T16:38:00Z`: ISO 8601 UTC to the second. */
function isoSeconds(d: Date): string {
	return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The same instant in the viewer's time zone, ISO-like (24-hour), with its offset: `local 2026-12-02 17:38 (UTC+01:00)`. */
function localText(d: Date): string {
	const p = (n: number) => String(n).padStart(2, '0');
	const off = -d.getTimezoneOffset();
	const sign = off < 0 ? '-' : '+';
	return l10n.t('local {0}', `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())} (UTC${sign}${p(Math.floor(Math.abs(off) / 60))}:${p(Math.abs(off) % 60)})`);
}

/** Accepts `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM`, `…:SS`, with or without `Z` (always read as UTC). */
function parseUtc(text: string): Date | undefined {
	const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?Z?$/i.exec(text.trim());
	if (!m) return undefined;
	const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0)));
	return Number.isNaN(d.getTime()) || d.getUTCMonth() !== +m[2]! - 1 ? undefined : d;
}

function toolbar(result: ChainResult): HTMLElement {
	const purpose = el('select', { id: 'purpose', 'aria-label': l10n.t('Purpose') }, ...(['client', 'server', 'any'] as const).map((p) => el('option', { value: p }, p === 'client' ? l10n.t('Client authentication') : p === 'server' ? l10n.t('Server authentication') : l10n.t('Any purpose'))));
	purpose.value = result.purpose;
	const profile = el('select', { id: 'profile', 'aria-label': l10n.t('Rules') }, ...(['windows', 'rfc5280', 'webpki'] as const).map((p) => el('option', { value: p }, PROFILES[p]())));
	profile.value = result.profile;
	const host = el('input', { id: 'host', type: 'text', placeholder: l10n.t('server name or IP'), 'aria-label': l10n.t('Host name to check'), size: '24' });
	host.value = result.peerName?.value ?? current?.hostText ?? '';
	// ISO 8601 UTC as text, the local time beside it (issue 15): a datetime-local input shows the
	// browser's locale format (12-hour in en-US) and hides that the time is UTC.
	const at = el('input', { id: 'at', type: 'text', size: '21', spellcheck: 'false', placeholder: 'YYYY-MM-DDTHH:MM:SSZ', 'aria-label': l10n.t('Validation time, ISO 8601 UTC'), 'aria-describedby': 'at-local' });
	at.value = isoSeconds(new Date(result.at));
	const atLocal = el('span', { id: 'at-local', class: 'muted' }, localText(new Date(result.at)));
	const revalidate = () => {
		if (current) current = { ...current, hostText: host.value };
		const when = parseUtc(at.value);
		at.setAttribute('aria-invalid', when ? 'false' : 'true');
		if (!when) {
			atLocal.textContent = l10n.t('write it as {0}', '2026-01-31T14:05:00Z');
			return;
		}
		at.value = isoSeconds(when);
		atLocal.textContent = localText(when);
		api.postMessage({ type: 'revalidate', purpose: purpose.value as ChainPurpose, at: when.toISOString(), profile: profile.value as ChainProfile, host: host.value });
	};
	for (const control of [purpose, profile, at, host]) control.addEventListener('change', revalidate);
	const exportButton = el('button', { type: 'button' }, l10n.t('Export SVG'));
	exportButton.addEventListener('click', () => {
		const drawingSvg = root.querySelector('svg');
		if (drawingSvg) api.postMessage({ type: 'exportSvg', svg: new XMLSerializer().serializeToString(drawingSvg) });
	});
	const anchorsButton = el('button', { type: 'button' }, l10n.t('Trust anchors…'));
	anchorsButton.addEventListener('click', () => api.postMessage({ type: 'chooseAnchors' }));
	return el(
		'div',
		{ class: 'toolbar' },
		el('label', { for: 'profile' }, `${l10n.t('Rules')} `),
		profile,
		el('label', { for: 'purpose' }, ` ${l10n.t('Purpose')} `),
		purpose,
		el('label', { for: 'host' }, ` ${l10n.t('Host')} `),
		host,
		el('label', { for: 'at' }, ` ${l10n.t('Validate at (UTC)')} `),
		at,
		atLocal,
		anchorsButton,
		exportButton,
	);
}

/** The error flags by the name Windows (or, for rules Windows has none for, RFC 5280 or the CA/B Forum BRs) gives them. */
function flagNames(flags: readonly string[]): string {
	return flags.map((f) => (f === 'NAME_MISMATCH' ? 'CERT_E_CN_NO_MATCH' : f === 'NOT_RFC5280_CONFORMANT' ? l10n.t('RFC 5280 rule (no Windows status)') : f === 'NOT_WEBPKI_CONFORMANT' ? l10n.t('CA/B Forum BR rule (no Windows status)') : `CERT_TRUST_${f}`)).join(', ');
}

/** The findings that carry an RFC section, once each, for the list under the verdict. */
function ruleList(result: ChainResult): HTMLElement {
	const best = result.chains[0];
	const seen = new Set<string>();
	const items: HTMLElement[] = [];
	for (const e of best?.elements ?? []) {
		for (const s of e.status) {
			if (!s.rfc || s.severity === 'info' || seen.has(s.message)) continue;
			seen.add(s.message);
			// The verdict already says what Windows does with a waived rule; the list keeps the rule itself.
			const rule = s.message.replace(/ Windows accepts this; .*$/, '');
			items.push(el('li', { class: s.severity }, `${s.severity === 'error' ? ICON.error : ICON.warning} [${s.rfc}] ${l10n.t('depth {0}: {1}', e.depth, rule)}`));
		}
	}
	return items.length ? el('ul', { class: 'rules', 'aria-label': l10n.t('Rules broken') }, ...items) : el('ul', { class: 'rules' });
}

/** Windows's chain (CAPI2 event 11) beside Schannel Lens's, level by level, and where they differ. */
function windowsSection(w: NonNullable<ToChainView['windows']>): HTMLElement {
	const flags = (errors: readonly string[]) => (errors.length ? errors.map((f) => f.replace(/^CERT_TRUST_/, '')).join(', ') : l10n.t('no error'));
	const rows = w.comparison.rows.map((r) =>
		el(
			'tr',
			{ class: r.same ? 'same' : 'differs' },
			el('td', {}, String(r.depth)),
			el('td', {}, r.windows ? `${r.windows.subject}` : '—', el('br'), el('span', { class: 'thumb' }, r.windows?.thumbprint ?? '')),
			el('td', {}, r.windows ? `0x${r.windows.errorStatus.toString(16)} ${flags(r.windows.errors)}` : '—'),
			el('td', {}, r.ours ? `0x${r.ours.errorStatus.toString(16)} ${flags(r.ours.errors)}` : '—'),
			el('td', {}, r.same ? `✔ ${l10n.t('same')}` : `✖ ${r.difference}`),
		),
	);
	return el(
		'section',
		{ class: 'windows', 'aria-label': l10n.t('Windows chain') },
		el('h2', {}, l10n.t('Windows built (CAPI2 event 11): {0}', w.label)),
		el('p', { class: `verdict ${w.comparison.agree ? 'ok' : 'warning'}`, role: 'status' }, `${w.comparison.agree ? '✔' : '⚠'} ${w.comparison.summary}`),
		el('table', {}, el('thead', {}, el('tr', {}, el('th', {}, l10n.t('Level')), el('th', {}, l10n.t('Certificate (Windows)')), el('th', {}, 'Windows ErrorStatus'), el('th', {}, 'Schannel Lens'), el('th', {}, l10n.t('Comparison')))), el('tbody', {}, ...rows)),
	);
}

function render(): void {
	if (!current) return;
	const { result } = current;
	const best = result.chains[0];
	const verdict = el('p', { class: `verdict ${result.verdict.trusted ? 'ok' : 'error'}`, role: 'status' }, `${result.verdict.trusted ? '✔' : '✖'} ${result.verdict.summary}`);
	const flags = best?.errorFlags.length ? el('p', { class: 'flags' }, `${result.profile === 'windows' ? 'Windows' : l10n.t('Status')}: ${flagNames(best.errorFlags)}`) : el('p', { class: 'flags' }, '');
	root.replaceChildren(
		el('h1', {}, l10n.t('Trust chain: {0}', current.leafLabel)),
		toolbar(result),
		verdict,
		flags,
		ruleList(result),
		el('p', { class: 'note host' }, `${l10n.t('Rules: {0}.', PROFILES[result.profile]())} ${current.hostNote}`),
		el('p', { class: 'note' }, `${l10n.t('{0} candidate chain(s), best first (left).', result.chains.length)} ${current.anchorsNote}`),
		...(current.windows ? [windowsSection(current.windows)] : []),
		el('div', { class: 'canvas' }, drawing(result)),
	);
	const state = api.getState();
	if (state) window.scrollTo(state.scrollX, state.scrollY);
}

window.addEventListener('message', (event: MessageEvent<ToChainView>) => {
	// Only the host (same origin as this page) talks to us.
	if (event.origin !== window.origin) return;
	if (event.data?.type !== 'chains') return;
	current = { ...event.data, hostText: event.data.result.peerName?.value ?? current?.hostText ?? '' };
	api.setState({ scrollX: api.getState()?.scrollX ?? 0, scrollY: api.getState()?.scrollY ?? 0, restore: current.restore });
	render();
});
window.addEventListener('scroll', () => api.setState({ scrollX: window.scrollX, scrollY: window.scrollY, ...(current ? { restore: current.restore } : {}) }));
api.postMessage({ type: 'ready' });
