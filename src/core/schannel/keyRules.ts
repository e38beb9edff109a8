import { RegType, type RegKey, type RegValue } from '../reg/types';
import { typeName } from '../reg/outline';
import { RULES } from './catalog';
import type { Checker } from './checker';
import { renameKey, renameValue, setDword, moveUnderRoles } from './fixes';
import {
	ALGORITHM_VALUES,
	CIPHER_SUITE_POLICY_VALUES,
	DOTNET_VALUES,
	findSpec,
	KEY_LENGTH_VALUES,
	KNOWN_CIPHER_KEYS,
	KNOWN_HASH_KEYS,
	KNOWN_KEY_EXCHANGE_KEYS,
	KNOWN_PROTOCOL_KEYS,
	KNOWN_SCHANNEL_SUBKEYS,
	MESSAGING_VALUES,
	PROTOCOL_VALUES,
	SCHANNEL_VALUES,
	WINHTTP_VALUES,
	type ValueSpec,
} from './knowledge';
import { PROTOCOLS } from './os';
import { classify, isNumberedControlSet } from './paths';
import { suggest } from './suggest';

const ROLES = ['Client', 'Server'];
const SLASH_SPLIT = /^(RC4|RC2|DES|AES) \d+$|^Triple DES 168$/i;

function same(a: string, b: string): boolean {
	return a.toLowerCase() === b.toLowerCase();
}

function known(name: string, list: readonly string[]): boolean {
	return list.some((k) => same(k, name));
}

/** Checks one key line and its values against the documented layout. */
export function checkKey(c: Checker, key: RegKey): void {
	const place = classify(key.root, key.subPath);
	if (!place) return;
	if ((place.kind === 'schannel' || place.kind === 'below') && key.op === 'set') {
		if (place.hive !== 'HKEY_LOCAL_MACHINE') c.report(RULES.wrongHive, `Schannel reads its settings only from HKEY_LOCAL_MACHINE; under ${place.hive} this key has no effect on TLS.`, key.pathRange);
		if (isNumberedControlSet(key.subPath)) c.report(RULES.controlSet, 'This is a numbered control set (an offline hive export). Windows applies it only if it is the one HKLM\\SYSTEM\\Select\\Current names; imported on a running system it does not change CurrentControlSet.', key.pathRange);
	}
	if (key.op === 'delete') return;
	switch (place.kind) {
		case 'schannel':
			return checkValues(c, key, SCHANNEL_VALUES, 'SCHANNEL');
		case 'below':
			return checkBelow(c, key, place.parts);
		case 'cipherSuitePolicy':
			return checkValues(c, key, CIPHER_SUITE_POLICY_VALUES, 'the cipher-suite order policy');
		case 'dotnet':
			return checkValues(c, key, DOTNET_VALUES, `.NET Framework ${place.version}`);
		case 'winhttp':
			return checkValues(c, key, WINHTTP_VALUES, 'WinHTTP');
		case 'fipsPolicy':
			return;
	}
}

function checkBelow(c: Checker, key: RegKey, parts: readonly string[]): void {
	const [top, second, third] = parts;
	const fixedTop = KNOWN_SCHANNEL_SUBKEYS.find((k) => same(k, top!));
	if (!fixedTop) return unknownComponent(c, key, top!, KNOWN_SCHANNEL_SUBKEYS, 'SCHANNEL');
	for (const part of parts) {
		if (part.includes('\u2215')) {
			const fixed = key.rawPath.replace(/\u2215/g, '/');
			c.report(RULES.divisionSlash, `"${part}" contains U+2215 DIVISION SLASH, not "/": Schannel does not recognise the key, so the setting has no effect.`, key.pathRange, [renameKey(key, fixed, 'Replace U+2215 with "/"')]);
			return;
		}
	}
	switch (fixedTop) {
		case 'Protocols':
			return checkProtocolKey(c, key, second, third, parts.length);
		case 'Ciphers':
			if (second && third && parts.length === 3 && SLASH_SPLIT.test(second) && /^\d+$/.test(third)) {
				const fixed = key.rawPath.slice(0, key.rawPath.length - third.length - 1) + '/' + third;
				c.report(RULES.cipherSlashSplit, `"${second}\\${third}" is two nested keys: the "/" in "${second}/${third}" became a path separator (PowerShell's registry provider does this). Schannel ignores the nested key, so this cipher stays at its default.`, key.pathRange, [renameKey(key, fixed, `Rename to "${second}/${third}"`)]);
				return;
			}
			return checkAlgorithm(c, key, second, parts.length, KNOWN_CIPHER_KEYS, 'cipher');
		case 'Hashes':
			return checkAlgorithm(c, key, second, parts.length, KNOWN_HASH_KEYS, 'hash');
		case 'KeyExchangeAlgorithms':
			return checkAlgorithm(c, key, second, parts.length, KNOWN_KEY_EXCHANGE_KEYS, 'key exchange');
		case 'Messaging':
			if (parts.length === 1) return checkValues(c, key, MESSAGING_VALUES, 'Messaging');
			return unknownComponent(c, key, second!, [], 'Messaging');
		case 'CipherSuites':
			return;
	}
}

function checkProtocolKey(c: Checker, key: RegKey, protocol: string | undefined, role: string | undefined, depth: number): void {
	if (!protocol) return checkValues(c, key, [], 'Protocols');
	if (!known(protocol, KNOWN_PROTOCOL_KEYS)) return unknownComponent(c, key, protocol, KNOWN_PROTOCOL_KEYS, 'Protocols');
	if (depth === 2) {
		for (const v of key.values) {
			if (v.op === 'set' && findSpec(PROTOCOL_VALUES, v.name)) {
				c.report(RULES.wrongLevel, `"${v.name}" directly under "${protocol}" is ignored: Schannel reads it only under "${protocol}\\Client" and "${protocol}\\Server", so the OS default applies.`, v.range, [moveUnderRoles(key, v, `Move "${v.name}" under ${protocol}\\Client and ${protocol}\\Server`)]);
			} else if (v.op === 'set') {
				c.report(RULES.unknownValue, `Schannel reads no values directly under "${protocol}"; "${v.name}" has no effect.`, v.nameRange);
			}
		}
		return;
	}
	if (!known(role!, ROLES)) return unknownComponent(c, key, role!, ROLES, protocol);
	if (depth > 3) return c.report(RULES.unknownKey, `Schannel reads nothing below "${protocol}\\${role}"; this key has no effect.`, key.pathRange);
	checkValues(c, key, PROTOCOL_VALUES, `${protocol}\\${role}`);
}

function checkAlgorithm(c: Checker, key: RegKey, name: string | undefined, depth: number, names: readonly string[], what: string): void {
	if (!name) return checkValues(c, key, [], key.subPath.split('\\').pop()!);
	if (!known(name, names)) return unknownComponent(c, key, name, names, `${what} names`);
	if (depth > 2) return c.report(RULES.unknownKey, `Schannel reads nothing below the ${what} key "${name}".`, key.pathRange);
	const extra = KEY_LENGTH_VALUES[name.toLowerCase()] ?? [];
	checkValues(c, key, [...ALGORITHM_VALUES, ...extra], name);
}

/** A key component that is not in the documented list, with a "did you mean". */
function unknownComponent(c: Checker, key: RegKey, part: string, list: readonly string[], where: string): void {
	// A key without values (e.g. the parent "RC4 128" left by a split) changes nothing; its children are reported.
	if (key.values.length === 0) return;
	const guess = suggest(part, list);
	const fixes = guess ? [renameKey(key, key.rawPath.replace(new RegExp(`(^|\\\\)${escapeRegExp(part)}(?=\\\\|$)`), `$1${guess}`), `Rename "${part}" to "${guess}"`)] : [];
	const hint = guess ? ` Did you mean "${guess}"?` : list.length ? ` Known names: ${list.join(', ')}.` : '';
	c.report(RULES.unknownKey, `"${part}" is not a key Schannel reads under ${where}, so its values have no effect.${hint}`, key.pathRange, fixes);
}

function escapeRegExp(s: string): string {
	return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Checks each value of a key against the documented values there. */
export function checkValues(c: Checker, key: RegKey, specs: readonly ValueSpec[], where: string): void {
	for (const v of key.values) {
		if (v.op === 'delete') continue;
		const spec = findSpec(specs, v.name);
		if (!spec) {
			unknownValue(c, v, specs, where);
			continue;
		}
		checkValue(c, key, v, spec);
	}
}

function unknownValue(c: Checker, v: RegValue, specs: readonly ValueSpec[], where: string): void {
	if (same(v.name, 'FIPSAlgorithmPolicy')) {
		c.report(RULES.misplaced, 'FIPSAlgorithmPolicy is read from HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa, not from SCHANNEL: here it has no effect.', v.nameRange);
		return;
	}
	const guess = suggest(v.name, specs.map((s) => s.name));
	const fixes = guess ? [renameValue(v, guess, `Rename to "${guess}"`)] : [];
	c.report(RULES.unknownValue, `"${v.name || '(Default)'}" is not a value Schannel reads under ${where}, so it has no effect.${guess ? ` Did you mean "${guess}"?` : ''}`, v.nameRange, fixes);
}

function checkValue(c: Checker, key: RegKey, v: RegValue, spec: ValueSpec): void {
	if (spec.undocumented) c.report(RULES.undocumented, `${spec.name} is not documented by Microsoft; its effect and default are unknown. ${spec.meaning}`, v.nameRange);
	if (spec.type === 'string') {
		if (v.type !== RegType.SZ && v.type !== RegType.MULTI_SZ) c.report(RULES.wrongType, `${spec.name} is ${typeName(v.type)}; it is read as a string (REG_SZ), so this value is ignored.`, v.dataRange);
		else checkSuiteOrder(c, v);
		return;
	}
	if (v.type !== RegType.DWORD || v.decoded.kind !== 'number') return wrongType(c, key, v, spec);
	const n = v.decoded.value;
	if (spec.sinceRank !== undefined && c.os.rank < spec.sinceRank) {
		c.report(RULES.noEffectOnTarget, `${spec.name} is not read by ${c.os.name} (it came with a later Windows), so it has no effect there.`, v.nameRange);
	}
	if (spec.allowed && !spec.allowed.includes(n)) {
		const doc = spec.allowed.length <= 3 ? spec.allowed.join(' or ') : `${spec.allowed[0]}–${spec.allowed[spec.allowed.length - 1]}`;
		const fixes = spec.allowed.length <= 3 ? spec.allowed.map((a) => setDword(v, a, `Set ${spec.name} to ${a}`)) : [];
		c.report(RULES.outOfRange, `${spec.name}=${n} (0x${n.toString(16)}) is outside the documented values (${doc}); how Schannel treats it is not documented.`, v.dataRange, fixes);
	}
	valueSpecificRules(c, key, v, spec, n);
}

function wrongType(c: Checker, key: RegKey, v: RegValue, spec: ValueSpec): void {
	const asNumber = v.decoded.kind === 'string' ? parseLooseNumber(v.decoded.value) : v.decoded.kind === 'number' || v.decoded.kind === 'bigint' ? Number(v.decoded.value) : undefined;
	const fixes = asNumber !== undefined && asNumber >= 0 && asNumber <= 0xffffffff ? [setDword(v, asNumber, `Write as REG_DWORD ${asNumber}`)] : [];
	c.report(RULES.wrongType, `${spec.name} is ${typeName(v.type)}, but Schannel reads it only as REG_DWORD: this value is ignored and the default applies (${defaultFor(c, key, spec)}).`, v.dataRange, fixes);
}

/** The default in words; for protocol values, the protocol's default for that role on the target OS. */
function defaultFor(c: Checker, key: RegKey, spec: ValueSpec): string {
	const m = /\\Protocols\\([^\\]+)\\(Client|Server)$/i.exec(key.subPath);
	const protocol = m && PROTOCOLS.find((p) => same(p, m[1]!));
	if (!protocol || !m) return spec.defaultText(c.os);
	const d = c.os.protocols[protocol][same(m[2]!, 'Client') ? 0 : 1];
	const words = d === 'disabledByDefault' ? 'disabled by default' : d === 'notSupported' ? 'not supported' : d;
	return `${protocol} ${m[2]!.toLowerCase()} on ${c.os.name}: ${words}`;
}

function parseLooseNumber(s: string): number | undefined {
	const t = s.trim();
	if (/^0x[0-9a-f]{1,8}$/i.test(t)) return parseInt(t, 16);
	if (/^\d{1,10}$/.test(t)) return Number(t);
	return undefined;
}

function valueSpecificRules(c: Checker, key: RegKey, v: RegValue, spec: ValueSpec, n: number): void {
	switch (spec.name) {
		case 'EventLogging':
			c.report(RULES.rebootRequired, 'A change to EventLogging takes effect after a reboot.', v.nameRange);
			return;
		case 'SendTrustedIssuerList':
			if (n !== 0) c.issuerListLine(key, v);
			return;
		case 'MessageLimitClient':
		case 'MessageLimitServer':
		case 'MessageLimitServerClientAuth':
			if (n === 0) c.report(RULES.messagingZero, `${spec.name}=0: fragmented handshake messages are not processed and such handshakes fail.`, v.dataRange, [setDword(v, spec.name === 'MessageLimitServer' ? 0x4000 : 0x8000, 'Set the documented default')]);
			else if (spec.name === 'MessageLimitClient' && n < 0x4000 + 4 + 3 + 2) c.report(RULES.messagingSmall, `MessageLimitClient=${n} bytes: a CertificateRequest carrying a full 16 KB trusted issuer list does not fit, so the client fails such handshakes.`, v.dataRange, [setDword(v, 0x8000, 'Set 0x8000 (the default)')]);
			return;
		case 'ServerMinKeyBitLength':
		case 'ClientMinKeyBitLength':
			if (n < 2048 && key.subPath.toLowerCase().endsWith('diffie-hellman')) c.report(RULES.weakKeyLength, `${spec.name}=${n} allows Diffie-Hellman keys under 2048 bits.`, v.dataRange, [setDword(v, 2048, 'Set 2048')]);
			return;
		case 'DefaultSecureProtocols':
			if ((n & 0x800) === 0) c.report(RULES.winhttpNoTls12, `DefaultSecureProtocols=0x${n.toString(16)} does not include TLS 1.2 (0x800): WinHTTP applications do not offer TLS 1.2 by default.`, v.dataRange, [setDword(v, (n | 0x800) & ~0xa8, 'Add TLS 1.2 (0x800), drop SSL')]);
			return;
		case 'SchUseStrongCrypto':
		case 'SystemDefaultTlsVersions':
			if (n === 0) c.report(RULES.dotnetWeak, `${spec.name}=0: .NET Framework applications of this runtime keep their own older protocol choice instead of the OS defaults.`, v.dataRange, [setDword(v, 1, 'Set 1')]);
			return;
	}
}

/** Checks the cipher-suite order value for weak suites. */
export function checkSuiteOrder(c: Checker, v: RegValue): void {
	const text = v.decoded.kind === 'string' ? v.decoded.value : v.decoded.kind === 'strings' ? v.decoded.value.join(',') : '';
	const weak = text.split(',').map((s) => s.trim()).filter((s) => /RC4|3DES|_NULL_|EXPORT|_DES_/i.test(s));
	if (weak.length) c.report(RULES.weakCipherSuite, `The cipher-suite order offers ${weak.length} weak suite${weak.length > 1 ? 's' : ''}: ${weak.slice(0, 4).join(', ')}${weak.length > 4 ? ', …' : ''}.`, v.dataRange);
}
