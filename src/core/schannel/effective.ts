import * as l10n from '@vscode/l10n';
import type { RegDocument } from '../reg/types';
import { KNOWN_CIPHER_KEYS, KNOWN_HASH_KEYS, KNOWN_KEY_EXCHANGE_KEYS } from './knowledge';
import { PROTOCOLS, type ProtocolDefault, type WindowsVersion } from './os';
import { dwordOf, SchannelState, type ValueRef } from './state';

/** What a protocol, cipher, hash or key exchange ends up as on the target OS. */
export type EffectiveState = 'enabled' | 'disabled' | 'disabledByDefault' | 'notSupported' | 'unknown';

/** The line that decided a state, or the OS default. */
export interface Decider {
	readonly line: number;
	/** The value line as `"Enabled"=dword:00000000` under its key. */
	readonly text: string;
}

/** One row of "Show Effective Schannel Configuration". */
export interface EffectiveEntry {
	readonly group: 'protocol' | 'cipher' | 'hash' | 'keyExchange';
	readonly name: string;
	readonly role: 'client' | 'server' | 'both';
	readonly state: EffectiveState;
	/** `undefined`: the OS default decided. */
	readonly decidedBy: readonly Decider[];
	readonly osDefault: EffectiveState;
	readonly note?: string;
}

function decider(ref: ValueRef): Decider {
	const v = ref.value;
	const data = v.decoded.kind === 'number' ? `dword:${v.decoded.value.toString(16).padStart(8, '0')}` : v.token;
	return { line: v.range.start.line, text: `"${v.name}"=${data}` };
}

function fromDefault(d: ProtocolDefault): EffectiveState {
	return d;
}

/**
 * The three-state rule of Microsoft's TLS registry doc (2020 revision): `Enabled`=0 disables;
 * otherwise `DisabledByDefault`≠0 means disabled by default; absent values take the OS default.
 * Non-DWORD values are ignored (inferred from Microsoft support's "REG_DWORD exists" statement).
 */
export function protocolState(osDefault: ProtocolDefault, enabled: ValueRef | undefined, disabledByDefault: ValueRef | undefined): { state: EffectiveState; decidedBy: Decider[] } {
	const e = dwordOf(enabled);
	const d = dwordOf(disabledByDefault);
	if (osDefault === 'notSupported') return { state: 'notSupported', decidedBy: [] };
	if (e === 0) return { state: 'disabled', decidedBy: [decider(enabled!)] };
	const by: Decider[] = [];
	if (e !== undefined) by.push(decider(enabled!));
	if (d !== undefined) {
		by.push(decider(disabledByDefault!));
		return { state: d !== 0 ? 'disabledByDefault' : 'enabled', decidedBy: by };
	}
	if (osDefault === 'unknown') return { state: 'unknown', decidedBy: by };
	// Enabled≠0 alone keeps the OS's "disabled by default" (KB 245030: set DisabledByDefault=0).
	return { state: fromDefault(osDefault), decidedBy: by };
}

/** Computes the effective configuration of every known protocol and algorithm on `os`. */
export function effectiveConfiguration(doc: RegDocument, os: WindowsVersion): EffectiveEntry[] {
	const state = SchannelState.fromDocument(doc);
	const entries: EffectiveEntry[] = [];
	for (const protocol of PROTOCOLS) {
		(['client', 'server'] as const).forEach((role, i) => {
			const path = `protocols\\${protocol}\\${role}`;
			const osDefault = os.protocols[protocol][i]!;
			const r = protocolState(osDefault, state.get(path, 'Enabled'), state.get(path, 'DisabledByDefault'));
			const hasKeys = state.get(path, 'Enabled') ?? state.get(path, 'DisabledByDefault');
			entries.push({ group: 'protocol', name: protocol, role, ...r, osDefault: fromDefault(osDefault), ...(osDefault === 'notSupported' && hasKeys ? { note: l10n.t('not supported on {0}: the keys have no effect', os.name) } : {}) });
		});
	}
	const algorithms: [EffectiveEntry['group'], string, readonly string[]][] = [
		['cipher', 'ciphers', KNOWN_CIPHER_KEYS],
		['hash', 'hashes', KNOWN_HASH_KEYS],
		['keyExchange', 'keyexchangealgorithms', KNOWN_KEY_EXCHANGE_KEYS],
	];
	for (const [group, parent, names] of algorithms) {
		for (const name of names) {
			const ref = state.get(`${parent}\\${name}`, 'Enabled');
			const value = dwordOf(ref);
			const osDefault: EffectiveState = name === 'NULL' ? 'disabled' : 'enabled';
			const st: EffectiveState = value === undefined ? osDefault : value === 0 ? 'disabled' : 'enabled';
			entries.push({ group, name, role: 'both', state: st, decidedBy: value === undefined ? [] : [decider(ref!)], osDefault });
		}
	}
	return entries;
}
