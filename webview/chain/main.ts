import type { ChainPurpose, ChainResult, ChainViewState, FromChainView, ToChainView } from '../../src/protocol/chainView';
import { el } from '../shared/dom';
import { vscodeApi } from '../shared/vscodeApi';
import { layoutChains, type NodeBox } from './layout';

const api = vscodeApi<FromChainView, ChainViewState>();
const root = document.getElementById('root')!;
const SVG = 'http://www.w3.org/2000/svg';
const W = 300;
const H = 92;
const GAP_X = 60;
const GAP_Y = 70;
let current: ToChainView | undefined;

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, ...children: (Node | string)[]): SVGElementTagNameMap[K] {
	const node = document.createElementNS(SVG, tag);
	for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
	for (const c of children) node.append(typeof c === 'string' ? document.createTextNode(c) : c);
	return node;
}

const clip = (s: string, n = 40) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const ICON = { ok: '✔', info: 'ℹ', warning: '⚠', error: '✖' } as const;
const MATCH = { nameAndKeyId: 'name + key id', nameAndIssuerSerial: 'name + serial', name: 'name only', nameKeyIdMismatch: 'key id differs' } as const;
const SIGNATURE = { valid: 'signature ✔', invalid: 'signature ✖', unsupported: 'signature ?' } as const;

function cn(subject: string): string {
	return /^CN=((?:\\.|[^,\\])*)/.exec(subject)?.[1] ?? subject;
}

function nodeGroup(result: ChainResult, box: NodeBox): SVGGElement {
	const node = result.nodes.find((n) => n.id === box.node)!;
	const x = box.column * (W + GAP_X) + 20;
	const y = box.row * (H + GAP_Y) + 20;
	const role = node.id === result.leaf ? 'leaf' : node.trustAnchor ? 'trust anchor' : node.selfIssued ? 'self-signed (not an anchor)' : 'CA';
	const status = box.messages[0] ?? 'no problem found';
	const g = svg('g', { class: `node ${box.severity}`, tabindex: 0, role: 'button', 'aria-label': `${node.subjectWindows}: ${role}. ${box.messages.join(' ') || 'No problem found.'} Press Enter to open.` },
		svg('title', {}, `${node.subjectWindows}\n${box.messages.join('\n')}`),
		svg('rect', { x, y, width: W, height: H, rx: 4 }),
		svg('text', { x: x + 10, y: y + 22, class: 'cn' }, `${ICON[box.severity]} ${clip(cn(node.subjectWindows), 34)}`),
		svg('text', { x: x + 10, y: y + 42, class: 'role' }, `${role} · expires ${node.notAfter.slice(0, 10)}`),
		svg('text', { x: x + 10, y: y + 62, class: 'status' }, clip(status, 46)),
		svg('text', { x: x + 10, y: y + 80, class: 'role' }, clip(node.sources.join(', '), 46)),
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
	const width = layout.columns * (W + GAP_X) + 40;
	const height = layout.rows * (H + GAP_Y) + 20;
	const pos = new Map(layout.boxes.map((b) => [b.node, b]));
	const center = (b: { column: number; row: number }) => ({ x: b.column * (W + GAP_X) + 20 + W / 2, y: b.row * (H + GAP_Y) + 20 });
	const out = svg('svg', { xmlns: SVG, width, height, viewBox: `0 0 ${width} ${height}`, role: 'group', 'aria-label': `Certificate chains: ${result.verdict.summary}` });
	for (const e of layout.edges) {
		const a = pos.get(e.from)!;
		const b = pos.get(e.to)!;
		const edge = result.edges[e.edge]!;
		const bad = edge.signature !== 'valid' || edge.match === 'nameKeyIdMismatch';
		const p1 = center(a);
		const p2 = { ...center(b), y: center(b).y + H };
		out.append(
			svg('line', { x1: p1.x, y1: p1.y, x2: p2.x, y2: p2.y, class: `edge ${bad ? 'bad' : ''}` }),
			// At the midpoint: links to or from one node go to different columns, so their midpoints differ.
			svg('text', { x: (p1.x + p2.x) / 2 + 6, y: (p1.y + p2.y) / 2 + 4, class: `edge-label ${bad ? 'bad' : ''}` }, `${MATCH[edge.match]} · ${SIGNATURE[edge.signature]}`),
		);
	}
	for (const m of layout.missing) {
		const x = m.column * (W + GAP_X) + 20;
		const y = m.row * (H + GAP_Y) + 20;
		out.append(
			svg('rect', { x, y, width: W, height: H, rx: 4, class: 'missing' }),
			svg('text', { x: x + 10, y: y + 22, class: 'cn' }, '✖ Missing issuer (not in any source)'),
			svg('text', { x: x + 10, y: y + 44, class: 'status' }, clip(m.issuer, 46)),
			svg('text', { x: x + 10, y: y + 66, class: 'role' }, clip(m.caIssuers[0] ? `fetch by hand: ${m.caIssuers[0]}` : 'no AIA caIssuers URL', 46)),
			svg('line', { x1: x + W / 2, y1: y + H, x2: x + W / 2, y2: y + H + GAP_Y, class: 'edge bad' }),
		);
	}
	for (const b of layout.boxes) out.append(nodeGroup(result, b));
	return out;
}

function toolbar(result: ChainResult): HTMLElement {
	const purpose = el('select', { id: 'purpose', 'aria-label': 'Purpose' }, ...(['client', 'server', 'any'] as const).map((p) => el('option', { value: p }, p === 'client' ? 'Client authentication' : p === 'server' ? 'Server authentication' : 'Any purpose')));
	purpose.value = result.purpose;
	const at = el('input', { id: 'at', type: 'datetime-local', 'aria-label': 'Validation time (UTC)' });
	at.value = result.at.slice(0, 16);
	const revalidate = () => api.postMessage({ type: 'revalidate', purpose: purpose.value as ChainPurpose, at: `${at.value}:00Z` });
	purpose.addEventListener('change', revalidate);
	at.addEventListener('change', revalidate);
	const exportButton = el('button', { type: 'button' }, 'Export SVG');
	exportButton.addEventListener('click', () => {
		const drawingSvg = root.querySelector('svg');
		if (drawingSvg) api.postMessage({ type: 'exportSvg', svg: new XMLSerializer().serializeToString(drawingSvg) });
	});
	const anchorsButton = el('button', { type: 'button' }, 'Trust anchors…');
	anchorsButton.addEventListener('click', () => api.postMessage({ type: 'chooseAnchors' }));
	return el('div', { class: 'toolbar' }, el('label', { for: 'purpose' }, 'Purpose '), purpose, el('label', { for: 'at' }, ' Validate at (UTC) '), at, anchorsButton, exportButton);
}

function render(): void {
	if (!current) return;
	const { result } = current;
	const best = result.chains[0];
	const verdict = el('p', { class: `verdict ${result.verdict.trusted ? 'ok' : 'error'}`, role: 'status' }, `${result.verdict.trusted ? '✔' : '✖'} ${result.verdict.summary}`);
	const flags = best?.errorFlags.length ? el('p', { class: 'flags' }, `Windows: ${best.errorFlags.map((f) => `CERT_TRUST_${f}`).join(', ')}`) : el('p', { class: 'flags' }, '');
	root.replaceChildren(
		el('h1', {}, `Trust chain: ${current.leafLabel}`),
		toolbar(result),
		verdict,
		flags,
		el('p', { class: 'note' }, `${result.chains.length} candidate chain(s), best first (left). ${current.anchorsNote}`),
		el('div', { class: 'canvas' }, drawing(result)),
	);
	const state = api.getState();
	if (state) window.scrollTo(state.scrollX, state.scrollY);
}

window.addEventListener('message', (event: MessageEvent<ToChainView>) => {
	// Only the host (same origin as this page) talks to us.
	if (event.origin !== window.origin) return;
	if (event.data?.type !== 'chains') return;
	current = event.data;
	api.setState({ scrollX: api.getState()?.scrollX ?? 0, scrollY: api.getState()?.scrollY ?? 0, restore: current.restore });
	render();
});
window.addEventListener('scroll', () => api.setState({ scrollX: window.scrollX, scrollY: window.scrollY, ...(current ? { restore: current.restore } : {}) }));
api.postMessage({ type: 'ready' });
