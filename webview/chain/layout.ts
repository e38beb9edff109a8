import type { ChainResult } from '../../src/protocol/chainView';

/** Where a node sits: column (chain) and row (0 at the top = root). */
export interface NodeBox {
	readonly node: string;
	readonly column: number;
	readonly row: number;
	/** Worst severity of this node's statuses in the chain it is drawn for. */
	readonly severity: 'ok' | 'info' | 'warning' | 'error';
	readonly messages: readonly string[];
}

/** A drawn link child → issuer. */
export interface EdgeLine {
	readonly from: string;
	readonly to: string;
	readonly edge: number;
}

/** A missing issuer drawn above the top of a partial chain. */
export interface MissingBox {
	readonly below: string;
	readonly column: number;
	readonly row: number;
	readonly issuer: string;
	readonly caIssuers: readonly string[];
}

export interface ChainLayout {
	readonly boxes: readonly NodeBox[];
	readonly edges: readonly EdgeLine[];
	readonly missing: readonly MissingBox[];
	readonly columns: number;
	readonly rows: number;
}

const RANK = { ok: 0, info: 1, warning: 2, error: 3 } as const;

/**
 * Lays out the chains: one column per chain (best first), leaf at the bottom, root at the top; a
 * certificate shared by several chains is drawn once, where it first appears.
 */
export function layoutChains(result: ChainResult): ChainLayout {
	const leafGap = result.missingIssuers.some((m) => m.node === result.leaf);
	const rows = result.chains.length === 0 ? (leafGap ? 2 : 1) : Math.max(1, ...result.chains.map((c) => c.elements.length + (c.verdict === 'partial' ? 1 : 0)));
	const boxes = new Map<string, NodeBox>();
	const edges = new Map<number, EdgeLine>();
	const missing: MissingBox[] = [];
	result.chains.forEach((chain, column) => {
		chain.elements.forEach((el, i) => {
			if (!boxes.has(el.node)) {
				const severity = el.status.reduce<NodeBox['severity']>((w, s) => (RANK[s.severity] > RANK[w] ? s.severity : w), 'ok');
				boxes.set(el.node, { node: el.node, column, row: rows - 1 - el.depth, severity, messages: el.status.map((s) => s.message) });
			}
			const parent = chain.elements[i + 1];
			if (el.edge !== null && parent && !edges.has(el.edge)) edges.set(el.edge, { from: el.node, to: parent.node, edge: el.edge });
		});
		const top = chain.elements[chain.elements.length - 1];
		const gap = top && chain.verdict === 'partial' ? result.missingIssuers.find((m) => m.node === top.node) : undefined;
		if (gap && !missing.some((m) => m.below === gap.node)) missing.push({ below: gap.node, column, row: rows - 1 - chain.elements.length, issuer: gap.issuerWindows, caIssuers: gap.caIssuers });
	});
	if (result.chains.length === 0) {
		boxes.set(result.leaf, { node: result.leaf, column: 0, row: rows - 1, severity: 'error', messages: [result.verdict.summary] });
		for (const m of result.missingIssuers.filter((x) => x.node === result.leaf)) missing.push({ below: m.node, column: 0, row: rows - 2, issuer: m.issuerWindows, caIssuers: m.caIssuers });
	}
	return { boxes: [...boxes.values()], edges: [...edges.values()], missing, columns: Math.max(1, result.chains.length), rows };
}

/**
 * Splits text into lines no wider than `max` (as `measure` counts) at spaces, commas and slashes; a
 * longer word is cut between characters. Nothing is dropped (issue 15: the full text is in the drawing,
 * not only in a tooltip).
 */
export function wrapToWidth(s: string, max: number, measure: (text: string) => number): string[] {
	const fits = (t: string) => measure(t.trimEnd()) <= max;
	const lines: string[] = [];
	let line = '';
	for (const token of s.split(/(?<=[ ,/])/)) {
		if (fits(line + token)) {
			line += token;
			continue;
		}
		if (line.trim()) lines.push(line.trimEnd());
		let rest = token;
		while (!fits(rest) && rest.length > 1) {
			let n = 1;
			while (n < rest.length && fits(rest.slice(0, n + 1))) n++;
			lines.push(rest.slice(0, n));
			rest = rest.slice(n);
		}
		line = rest;
	}
	if (line.trim() || lines.length === 0) lines.push(line.trimEnd());
	return lines;
}

/** {@link wrapToWidth} by character count. */
export function wrapText(s: string, n: number): string[] {
	return wrapToWidth(s, n, (t) => t.length);
}
