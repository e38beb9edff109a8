import type { Evidence, Severity } from '../reg/types';
import { DOCS } from './knowledge';

/** A rule: stable code, default severity, the fact it rests on. */
export interface RuleInfo {
	readonly code: string;
	readonly severity: Severity;
	readonly title: string;
	readonly evidence: Evidence;
	readonly docs: string;
}

const r = (code: string, severity: Severity, title: string, evidence: Evidence, docs: string): RuleInfo => ({ code, severity, title, evidence, docs });

/**
 * Every Schannel rule. Codes are stable: tools and settings may refer to them.
 * Severities rank by harm (issue 15): `error` = logins or handshakes fail now with this file
 * (a Messaging limit of 0; the issuer list over the limit while it is sent); `warning` = a risk:
 * a setting that is not in force (ignored type, level or key name: the default applies, whatever
 * was intended), a weak or deprecated protocol or cipher, a limit that fails some handshakes;
 * `info` = advice and facts (no effect on this Windows, undocumented, style); `hint` = reminders.
 */
export const RULES = {
	wrongType: r('sch.wrong-type', 'warning', 'A documented DWORD is written with another type', 'inferred', DOCS.tlsRegistry),
	outOfRange: r('sch.value-out-of-range', 'warning', 'A value outside the documented values', 'documented', DOCS.tlsRegistry),
	unknownValue: r('sch.unknown-value', 'warning', 'A value name Schannel does not read', 'inferred', DOCS.tlsRegistry),
	unknownKey: r('sch.unknown-key', 'warning', 'A key name outside the documented layout', 'inferred', DOCS.tlsRegistry),
	wrongLevel: r('sch.wrong-level', 'warning', 'Enabled/DisabledByDefault directly under a protocol key', 'inferred', DOCS.tlsRegistry),
	cipherSlashSplit: r('sch.cipher-slash-split', 'warning', 'A cipher key split at "/" (RC4 128\\128)', 'documented', DOCS.kb245030),
	divisionSlash: r('sch.division-slash', 'warning', 'U+2215 DIVISION SLASH in a key name', 'documented', DOCS.kb245030),
	enabledNonstandard: r('sch.enabled-nonstandard', 'info', 'Protocol Enabled set to a non-zero value other than 1', 'documented', DOCS.tlsRegistry),
	halfDisabled: r('sch.half-disabled', 'warning', 'Enabled and DisabledByDefault contradict each other', 'documented', DOCS.tlsRegistry),
	disabledByDefaultNeeded: r('sch.disabledbydefault-needed', 'warning', 'TLS 1.1/1.2 enabled without DisabledByDefault=0 on Windows 7 / 2008 R2', 'documented', DOCS.kb245030),
	legacyProtocol: r('sch.legacy-protocol-enabled', 'warning', 'SSL 2.0/3.0 or TLS 1.0/1.1 enabled', 'documented', DOCS.protocols),
	tls13Unsupported: r('sch.tls13-unsupported', 'warning', 'TLS 1.3 keys on a Windows without TLS 1.3', 'documented', DOCS.protocols),
	protocolNotSupported: r('sch.protocol-not-supported', 'info', 'Keys for a protocol the target Windows does not support', 'documented', DOCS.protocols),
	clientServerMismatch: r('sch.client-server-mismatch', 'info', 'Client and Server of one protocol end in different states', 'documented', DOCS.tlsRegistry),
	undocumented: r('sch.undocumented-value', 'info', 'A value Microsoft does not document', 'unknown', DOCS.tlsRegistry),
	noEffectOnTarget: r('sch.no-effect-on-target', 'info', 'A value introduced after the target Windows version', 'inferred', DOCS.whatsNew),
	messagingZero: r('sch.messaging-zero', 'error', 'A Messaging limit of 0: fragmented handshakes fail', 'documented', DOCS.tlsRegistry),
	messagingSmall: r('sch.messaging-small', 'warning', 'MessageLimitClient below a full 16 KB issuer list', 'inferred', DOCS.tlsRegistry),
	issuerListSent: r('sch.issuer-list-sent', 'info', 'The server sends its trusted issuer list (KB 2464556)', 'documented', DOCS.kb2464556),
	wrongHive: r('sch.wrong-hive', 'warning', 'SCHANNEL settings outside HKEY_LOCAL_MACHINE', 'documented', DOCS.tlsRegistry),
	controlSet: r('sch.numbered-control-set', 'info', 'SCHANNEL under ControlSet00N instead of CurrentControlSet', 'inferred', DOCS.tlsRegistry),
	misplaced: r('sch.misplaced-value', 'warning', 'A known value under the wrong key', 'documented', DOCS.tlsRegistry),
	overridden: r('sch.overridden', 'info', 'A value set again later in the file', 'documented', DOCS.kb310516),
	rebootRequired: r('sch.reboot-required', 'hint', 'A change that needs a reboot', 'documented', DOCS.tlsRegistry),
	weakKeyLength: r('sch.weak-key-length', 'warning', 'A key-exchange minimum below current guidance', 'documented', DOCS.tlsRegistry),
	winhttpNoTls12: r('sch.winhttp-no-tls12', 'warning', 'WinHTTP DefaultSecureProtocols without TLS 1.2', 'documented', DOCS.winhttp),
	dotnetWeak: r('sch.dotnet-not-system-default', 'info', '.NET Framework not using the OS TLS defaults', 'documented', DOCS.dotnet),
	weakCipherSuite: r('sch.weak-cipher-suite', 'warning', 'RC4, 3DES, NULL or export suites in the cipher-suite order', 'documented', DOCS.tlsRegistry),
	unknownTarget: r('sch.unknown-target', 'warning', 'A "; target:" comment naming an unknown Windows version', 'documented', DOCS.protocols),
} as const satisfies Record<string, RuleInfo>;

/** All rules, for docs and tests. */
export const ALL_RULES: readonly RuleInfo[] = Object.values(RULES);
