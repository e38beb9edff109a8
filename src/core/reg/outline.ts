import * as l10n from '@vscode/l10n';
import type { Range, RegDocument, RegKey, RegValue } from './types';
import { RegType } from './types';

/** One entry of the document outline: a key (nested by path) or a value beneath it. */
export interface OutlineNode {
	readonly kind: 'key' | 'deletedKey' | 'value' | 'deletedValue';
	/** Key: the path relative to its parent node (or the full path at top level). Value: its name or `(Default)`. */
	readonly name: string;
	/** Short description: the type and data of a value, `delete` for deletions. */
	readonly detail: string;
	/** The whole section (key line to its last value) or the value entry. */
	readonly range: Range;
	/** The key path or value name. */
	readonly selectionRange: Range;
	readonly children: OutlineNode[];
}

/**
 * Builds the outline: keys nested under the closest earlier key that is their ancestor
 * (intermediate keys absent from the file are folded into the child's name), values beneath.
 */
export function buildOutline(doc: RegDocument): OutlineNode[] {
	const top: OutlineNode[] = [];
	const byPath = new Map<string, { node: OutlineNode; path: string }>();
	for (const key of doc.keys) {
		const lower = key.path.toLowerCase();
		const parent = findAncestor(byPath, lower);
		const name = parent ? key.path.slice(parent.path.length + 1) : key.path;
		const node: OutlineNode = {
			kind: key.op === 'delete' ? 'deletedKey' : 'key',
			name,
			detail: key.op === 'delete' ? l10n.t('delete key') : key.valid ? '' : l10n.t('ignored by regedit'),
			range: sectionRange(key),
			selectionRange: key.pathRange,
			children: key.values.map(valueNode),
		};
		(parent ? parent.node.children : top).push(node);
		if (key.op === 'set') byPath.set(lower, { node, path: key.path });
	}
	return top;
}

function findAncestor(byPath: Map<string, { node: OutlineNode; path: string }>, lowerPath: string) {
	let p = lowerPath;
	for (let cut = p.lastIndexOf('\\'); cut > 0; cut = p.lastIndexOf('\\')) {
		p = p.slice(0, cut);
		const hit = byPath.get(p);
		if (hit) return hit;
	}
	return undefined;
}

function sectionRange(key: RegKey): Range {
	const last = key.values[key.values.length - 1];
	const end = last && last.range.end.line >= key.range.end.line ? last.range.end : key.range.end;
	return { start: key.range.start, end };
}

function valueNode(v: RegValue): OutlineNode {
	return {
		kind: v.op === 'delete' ? 'deletedValue' : 'value',
		name: v.name === '' ? '(Default)' : v.name,
		detail: describeValue(v),
		range: v.range,
		selectionRange: v.nameRange,
		children: [],
	};
}

const TYPE_NAMES: Record<number, string> = {
	[RegType.NONE]: 'REG_NONE',
	[RegType.SZ]: 'REG_SZ',
	[RegType.EXPAND_SZ]: 'REG_EXPAND_SZ',
	[RegType.BINARY]: 'REG_BINARY',
	[RegType.DWORD]: 'REG_DWORD',
	[RegType.DWORD_BIG_ENDIAN]: 'REG_DWORD_BIG_ENDIAN',
	[RegType.LINK]: 'REG_LINK',
	[RegType.MULTI_SZ]: 'REG_MULTI_SZ',
	[RegType.RESOURCE_LIST]: 'REG_RESOURCE_LIST',
	[RegType.FULL_RESOURCE_DESCRIPTOR]: 'REG_FULL_RESOURCE_DESCRIPTOR',
	[RegType.RESOURCE_REQUIREMENTS_LIST]: 'REG_RESOURCE_REQUIREMENTS_LIST',
	[RegType.QWORD]: 'REG_QWORD',
};

/** `REG_DWORD` etc.; unknown numbers as `type 0x…`. */
export function typeName(type: number): string {
	return TYPE_NAMES[type] ?? `type 0x${(type >>> 0).toString(16)}`;
}

/** A one-line description of a value's type and data, e.g. `REG_DWORD 0x00000001 (1)`. */
export function describeValue(v: RegValue): string {
	if (v.op === 'delete') return l10n.t('delete value');
	const t = typeName(v.type);
	const d = v.decoded;
	switch (d.kind) {
		case 'number':
			return `${t} 0x${d.value.toString(16).padStart(8, '0')} (${d.value})`;
		case 'bigint':
			return `${t} 0x${d.value.toString(16).padStart(16, '0')} (${d.value})`;
		case 'string':
			return `${t} "${clip(d.value)}"`;
		case 'strings':
			return `${t} [${d.value.map((s) => `"${clip(s)}"`).join(', ')}]`;
		default:
			return `${t} ${v.data.length.toLocaleString('en-US')} bytes`;
	}
}

function clip(s: string): string {
	return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}
