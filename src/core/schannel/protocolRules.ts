import type { RegKey } from '../reg/types';
import { RULES } from './catalog';
import type { Checker } from './checker';
import { protocolState, type EffectiveState } from './effective';
import { insertValueAfter, setDword } from './fixes';
import { PROTOCOLS, supportsTls13, type ProtocolName } from './os';
import { dwordOf, type SchannelState, type ValueRef } from './state';

const LEGACY: readonly ProtocolName[] = ['SSL 2.0', 'SSL 3.0', 'TLS 1.0', 'TLS 1.1'];

/** Rules over the state the file leaves each protocol in, per role (later lines win). */
export function checkProtocols(c: Checker, state: SchannelState): void {
	for (const protocol of PROTOCOLS) {
		const results: { role: string; state: EffectiveState; enabled?: ValueRef; dbd?: ValueRef }[] = [];
		(['Client', 'Server'] as const).forEach((role, i) => {
			const path = `protocols\\${protocol}\\${role}`;
			const enabled = state.get(path, 'Enabled');
			const dbd = state.get(path, 'DisabledByDefault');
			if (!enabled && !dbd) return;
			const osDefault = c.os.protocols[protocol][i]!;
			const r = protocolState(osDefault, enabled, dbd);
			results.push({ role, state: r.state, ...(enabled ? { enabled } : {}), ...(dbd ? { dbd } : {}) });
			checkRole(c, protocol, role, osDefault, enabled, dbd);
		});
		const [a, b] = results;
		if (a && b && a.state !== b.state && (a.state === 'enabled' || b.state === 'enabled')) {
			const where = (b.enabled ?? b.dbd)!;
			c.report(RULES.clientServerMismatch, `${protocol} ends ${words(a.state)} for the ${a.role.toLowerCase()} and ${words(b.state)} for the ${b.role.toLowerCase()}: this machine behaves differently when it connects out than when it accepts connections.`, where.value.nameRange);
		}
	}
}

function words(s: EffectiveState): string {
	return s === 'disabledByDefault' ? 'disabled by default' : s === 'notSupported' ? 'not supported' : s;
}

function checkRole(c: Checker, protocol: ProtocolName, role: string, osDefault: string, enabled: ValueRef | undefined, dbd: ValueRef | undefined): void {
	const e = dwordOf(enabled);
	const d = dwordOf(dbd);
	const first = (enabled ?? dbd)!;
	if (protocol === 'TLS 1.3' && !supportsTls13(c.os) && e !== 0) {
		c.report(RULES.tls13Unsupported, `TLS 1.3 is supported from Windows Server 2022 / Windows 11; Microsoft calls enabling it on ${c.os.name} "not a safe system configuration".`, first.value.nameRange, enabled && e !== undefined ? [setDword(enabled.value, 0, 'Set Enabled to 0')] : []);
	} else if (osDefault === 'notSupported') {
		c.report(RULES.protocolNotSupported, `${c.os.name} does not support ${protocol}: these values have no effect there.`, first.value.nameRange);
		return;
	}
	if (enabled && e !== undefined && e !== 0 && e !== 1) {
		c.report(RULES.enabledNonstandard, `Enabled=0x${e.toString(16)} enables ${protocol} like 1 does (any non-zero value); Microsoft's current doc writes 1.`, enabled.value.dataRange, [setDword(enabled.value, 1, 'Set Enabled to 1')]);
	}
	if (e !== undefined && e !== 0 && d !== undefined && d !== 0) {
		c.report(RULES.halfDisabled, `${protocol} ${role}: Enabled but DisabledByDefault=${d}: applications that use the system defaults do not negotiate it; only those asking for it explicitly (SCHANNEL_CRED) do.`, dbd!.value.nameRange, [setDword(dbd!.value, 0, 'Set DisabledByDefault to 0')]);
	} else if (e === 0 && d === 0) {
		c.report(RULES.halfDisabled, `${protocol} ${role}: Enabled=0 wins, the protocol is never negotiated; DisabledByDefault=0 has no effect.`, dbd!.value.nameRange, [setDword(dbd!.value, 1, 'Set DisabledByDefault to 1')]);
	}
	if (osDefault === 'disabledByDefault' && e !== undefined && e !== 0 && d === undefined && (protocol === 'TLS 1.1' || protocol === 'TLS 1.2')) {
		c.report(RULES.disabledByDefaultNeeded, `On ${c.os.name} ${protocol} is disabled by default: Enabled=${e > 9 ? `0x${e.toString(16)}` : e} alone leaves it unused by applications that take the system defaults. Add DisabledByDefault=0 (KB 245030).`, enabled!.value.nameRange, [insertValueAfter(enabled!.value, 'DisabledByDefault', 0, 'Add "DisabledByDefault"=dword:00000000')]);
	}
	const legacyOn = LEGACY.includes(protocol) && e !== undefined && e !== 0 && d !== 1;
	if (legacyOn) {
		c.report(RULES.legacyProtocol, `${protocol} is enabled for the ${role.toLowerCase()}. ${protocol.startsWith('SSL') ? 'SSL is broken (POODLE, DROWN) and was removed from Windows 10 1607 / Server 2016 on.' : 'TLS 1.0 and 1.1 are deprecated (RFC 8996).'}`, enabled!.value.nameRange, [setDword(enabled!.value, 0, `Disable ${protocol} (Enabled=0)`)]);
	}
}

/** The key that holds Client/Server subkeys for a protocol value, for messages. */
export function protocolOf(key: RegKey): string | undefined {
	const m = /\\Protocols\\([^\\]+)/i.exec(key.subPath);
	return m?.[1];
}
