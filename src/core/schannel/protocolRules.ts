import * as l10n from '@vscode/l10n';
import type { RegKey } from '../reg/types';
import { RULES } from './catalog';
import type { Checker } from './checker';
import { protocolState, type EffectiveState } from './effective';
import { insertValueAfter, setDword } from './fixes';
import { PROTOCOLS, supportsTls13, type ProtocolName } from './os';
import { stateWords } from './stateWords';
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
			// Client comes first (the roles are visited in that order).
			c.report(RULES.clientServerMismatch, l10n.t('{0} ends {1} for the client and {2} for the server: this machine behaves differently when it connects out than when it accepts connections.', protocol, stateWords(a.state), stateWords(b.state)), where.value.nameRange);
		}
	}
}

function checkRole(c: Checker, protocol: ProtocolName, role: string, osDefault: string, enabled: ValueRef | undefined, dbd: ValueRef | undefined): void {
	const e = dwordOf(enabled);
	const d = dwordOf(dbd);
	const first = (enabled ?? dbd)!;
	if (protocol === 'TLS 1.3' && !supportsTls13(c.os) && e !== 0) {
		c.report(RULES.tls13Unsupported, l10n.t('TLS 1.3 is supported from Windows Server 2022 / Windows 11; Microsoft calls enabling it on {0} "not a safe system configuration".', c.os.name), first.value.nameRange, enabled && e !== undefined ? [setDword(enabled.value, 0, l10n.t('Set Enabled to 0'))] : []);
	} else if (osDefault === 'notSupported') {
		c.report(RULES.protocolNotSupported, l10n.t('{0} does not support {1}: these values have no effect there.', c.os.name, protocol), first.value.nameRange);
		return;
	}
	if (enabled && e !== undefined && e !== 0 && e !== 1) {
		c.report(RULES.enabledNonstandard, l10n.t('Enabled=0x{0} enables {1} like 1 does (any non-zero value); Microsoft\'s current doc writes 1.', e.toString(16), protocol), enabled.value.dataRange, [setDword(enabled.value, 1, l10n.t('Set Enabled to 1'))]);
	}
	if (e !== undefined && e !== 0 && d !== undefined && d !== 0) {
		c.report(RULES.halfDisabled, l10n.t('{0} {1}: Enabled but DisabledByDefault={2}: applications that use the system defaults do not negotiate it; only those asking for it explicitly (SCHANNEL_CRED) do.', protocol, role, d), dbd!.value.nameRange, [setDword(dbd!.value, 0, l10n.t('Set DisabledByDefault to 0'))]);
	} else if (e === 0 && d === 0) {
		c.report(RULES.halfDisabled, l10n.t('{0} {1}: Enabled=0 wins, the protocol is never negotiated; DisabledByDefault=0 has no effect.', protocol, role), dbd!.value.nameRange, [setDword(dbd!.value, 1, l10n.t('Set DisabledByDefault to 1'))]);
	}
	if (osDefault === 'disabledByDefault' && e !== undefined && e !== 0 && d === undefined && (protocol === 'TLS 1.1' || protocol === 'TLS 1.2')) {
		c.report(RULES.disabledByDefaultNeeded, l10n.t('On {0} {1} is disabled by default: Enabled={2} alone leaves it unused by applications that take the system defaults. Add DisabledByDefault=0 (KB 245030).', c.os.name, protocol, e > 9 ? `0x${e.toString(16)}` : e), enabled!.value.nameRange, [insertValueAfter(enabled!.value, 'DisabledByDefault', 0, l10n.t('Add "DisabledByDefault"=dword:00000000'))]);
	}
	const legacyOn = LEGACY.includes(protocol) && e !== undefined && e !== 0 && d !== 1;
	if (legacyOn) {
		const why = protocol.startsWith('SSL') ? l10n.t('SSL is broken (POODLE, DROWN) and was removed from Windows 10 1607 / Server 2016 on.') : l10n.t('TLS 1.0 and 1.1 are deprecated (RFC 8996).');
		const message = role === 'Client' ? l10n.t('{0} is enabled for the client. {1}', protocol, why) : l10n.t('{0} is enabled for the server. {1}', protocol, why);
		c.report(RULES.legacyProtocol, message, enabled!.value.nameRange, [setDword(enabled!.value, 0, l10n.t('Disable {0} (Enabled=0)', protocol))]);
	}
}

/** The key that holds Client/Server subkeys for a protocol value, for messages. */
export function protocolOf(key: RegKey): string | undefined {
	const m = /\\Protocols\\([^\\]+)/i.exec(key.subPath);
	return m?.[1];
}
