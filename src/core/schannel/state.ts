import type { RegDocument, RegKey, RegValue } from '../reg/types';
import { classify } from './paths';

/** The line that last set a value, as regedit applies the file from top to bottom. */
export interface ValueRef {
	readonly key: RegKey;
	readonly value: RegValue;
}

/**
 * The registry as the file leaves it, for the SCHANNEL tree: keys are paths below SCHANNEL
 * (`protocols\tls 1.2\server`, lower case, `''` for SCHANNEL itself); later lines override
 * earlier ones, `[-key]` removes a subtree and `"x"=-` removes a value.
 */
export class SchannelState {
	private readonly _values = new Map<string, Map<string, ValueRef>>();
	/** Values that a later line overrides in the same file: [overridden, winner]. */
	readonly overridden: [ValueRef, ValueRef][] = [];

	static fromDocument(doc: RegDocument): SchannelState {
		const state = new SchannelState();
		for (const key of doc.keys) if (key.valid) state._apply(key);
		return state;
	}

	private _apply(key: RegKey): void {
		const place = classify(key.root, key.subPath);
		if (!place || (place.kind !== 'schannel' && place.kind !== 'below')) return;
		const path = place.kind === 'schannel' ? '' : place.parts.join('\\').toLowerCase();
		if (key.op === 'delete') {
			for (const p of [...this._values.keys()]) if (p === path || p.startsWith(`${path}\\`) || path === '') this._values.delete(p);
			return;
		}
		let values = this._values.get(path);
		if (!values) this._values.set(path, (values = new Map()));
		for (const value of key.values) {
			const name = value.name.toLowerCase();
			const previous = values.get(name);
			if (value.op === 'delete') {
				values.delete(name);
				continue;
			}
			if (previous) this.overridden.push([previous, { key, value }]);
			values.set(name, { key, value });
		}
	}

	/** The value that is in force at `path` (below SCHANNEL, any case), if the file sets one. */
	get(path: string, name: string): ValueRef | undefined {
		return this._values.get(path.toLowerCase())?.get(name.toLowerCase());
	}

	/** Every key path below SCHANNEL that holds values. */
	paths(): string[] {
		return [...this._values.keys()];
	}
}

/** A DWORD value's number, or undefined for other types (which Schannel does not read, inferred). */
export function dwordOf(ref: ValueRef | undefined): number | undefined {
	if (!ref || ref.value.type !== 4 || ref.value.decoded.kind !== 'number') return undefined;
	return ref.value.decoded.value;
}
