import * as l10n from '@vscode/l10n';
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
import { stateWords } from './stateWords';
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
		if (place.hive !== 'HKEY_LOCAL_MACHINE') c.report(RULES.wrongHive, l10n.t('Schannel reads its settings only from HKEY_LOCAL_MACHINE; under {0} this key has no effect on TLS.', place.hive), key.pathRange);
		if (isNumberedControlSet(key.subPath)) c.report(RULES.controlSet, l10n.t('This is a numbered control set (an offline hive export). Windows applies it only if it is the one HKLM\\SYSTEM\\Select\\Current names; imported on a running system it does not change CurrentControlSet.'), key.pathRange);
	}
	if (key.op === 'delete') return;
	switch (place.kind) {
		case 'schannel':
			return checkValues(c, key, SCHANNEL_VALUES, 'SCHANNEL');
		case 'below':
			return checkBelow(c, key, place.parts);
		case 'cipherSuitePolicy':
			return checkValues(c, key, CIPHER_SUITE_POLICY_VALUES, l10n.t('the cipher-suite order policy'));
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
			c.report(RULES.divisionSlash, l10n.t('"{0}" contains U+2215 DIVISION SLASH, not "/": Schannel does not recognise the key, so the setting has no effect.', part), key.pathRange, [renameKey(key, fixed, l10n.t('Replace U+2215 with "/"'))]);
			return;
		}
	}
	switch (fixedTop) {
		case 'Protocols':
			return checkProtocolKey(c, key, second, third, parts.length);
		case 'Ciphers':
			if (second && third && parts.length === 3 && SLASH_SPLIT.test(second) && /^\d+$/.test(third)) {
				const fixed = key.rawPath.slice(0, key.rawPath.length - third.length - 1) + '/' + third;
				c.report(RULES.cipherSlashSplit, l10n.t('"{0}\\{1}" is two nested keys: the "/" in "{0}/{1}" became a path separator (PowerShell\'s registry provider does this). Schannel ignores the nested key, so this cipher stays at its default.', second, third), key.pathRange, [renameKey(key, fixed, l10n.t('Rename to "{0}/{1}"', second, third))]);
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
				c.report(RULES.wrongLevel, l10n.t('"{0}" directly under "{1}" is ignored: Schannel reads it only under "{1}\\Client" and "{1}\\Server", so the OS default applies.', v.name, protocol), v.range, [moveUnderRoles(key, v, l10n.t('Move "{0}" under {1}\\Client and {1}\\Server', v.name, protocol))]);
			} else if (v.op === 'set') {
				c.report(RULES.unknownValue, l10n.t('Schannel reads no values directly under "{0}"; "{1}" has no effect.', protocol, v.name), v.nameRange);
			}
		}
		return;
	}
	if (!known(role!, ROLES)) return unknownComponent(c, key, role!, ROLES, protocol);
	if (depth > 3) return c.report(RULES.unknownKey, l10n.t('Schannel reads nothing below "{0}\\{1}"; this key has no effect.', protocol, role!), key.pathRange);
	checkValues(c, key, PROTOCOL_VALUES, `${protocol}\\${role}`);
}

/** Where an unknown algorithm key sits, and the message for keys below one (whole sentences, for translation). */
const ALGORITHM_NAMES = {
	cipher: () => l10n.t('cipher names'),
	hash: () => l10n.t('hash names'),
	'key exchange': () => l10n.t('key exchange names'),
} as const;
const ALGORITHM_BELOW = {
	cipher: (name: string) => l10n.t('Schannel reads nothing below the cipher key "{0}".', name),
	hash: (name: string) => l10n.t('Schannel reads nothing below the hash key "{0}".', name),
	'key exchange': (name: string) => l10n.t('Schannel reads nothing below the key exchange key "{0}".', name),
} as const;

function checkAlgorithm(c: Checker, key: RegKey, name: string | undefined, depth: number, names: readonly string[], what: keyof typeof ALGORITHM_NAMES): void {
	if (!name) return checkValues(c, key, [], key.subPath.split('\\').pop()!);
	if (!known(name, names)) return unknownComponent(c, key, name, names, ALGORITHM_NAMES[what]());
	if (depth > 2) return c.report(RULES.unknownKey, ALGORITHM_BELOW[what](name), key.pathRange);
	const extra = KEY_LENGTH_VALUES[name.toLowerCase()] ?? [];
	checkValues(c, key, [...ALGORITHM_VALUES, ...extra], name);
}

/** A key component that is not in the documented list, with a "did you mean". */
function unknownComponent(c: Checker, key: RegKey, part: string, list: readonly string[], where: string): void {
	// A key without values (e.g. the parent "RC4 128" left by a split) changes nothing; its children are reported.
	if (key.values.length === 0) return;
	const guess = suggest(part, list);
	const fixes = guess ? [renameKey(key, key.rawPath.replace(new RegExp(`(^|\\\\)${escapeRegExp(part)}(?=\\\\|$)`), `$1${guess}`), l10n.t('Rename "{0}" to "{1}"', part, guess))] : [];
	const message = guess
		? l10n.t('"{0}" is not a key Schannel reads under {1}, so its values have no effect. Did you mean "{2}"?', part, where, guess)
		: list.length
			? l10n.t('"{0}" is not a key Schannel reads under {1}, so its values have no effect. Known names: {2}.', part, where, list.join(', '))
			: l10n.t('"{0}" is not a key Schannel reads under {1}, so its values have no effect.', part, where);
	c.report(RULES.unknownKey, message, key.pathRange, fixes);
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
		c.report(RULES.misplaced, l10n.t('FIPSAlgorithmPolicy is read from HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa, not from SCHANNEL: here it has no effect.'), v.nameRange);
		return;
	}
	const guess = suggest(v.name, specs.map((s) => s.name));
	const fixes = guess ? [renameValue(v, guess, l10n.t('Rename to "{0}"', guess))] : [];
	const name = v.name || '(Default)';
	const message = guess ? l10n.t('"{0}" is not a value Schannel reads under {1}, so it has no effect. Did you mean "{2}"?', name, where, guess) : l10n.t('"{0}" is not a value Schannel reads under {1}, so it has no effect.', name, where);
	c.report(RULES.unknownValue, message, v.nameRange, fixes);
}

function checkValue(c: Checker, key: RegKey, v: RegValue, spec: ValueSpec): void {
	if (spec.undocumented) c.report(RULES.undocumented, l10n.t('{0} is not documented by Microsoft; its effect and default are unknown. {1}', spec.name, spec.meaning), v.nameRange);
	if (spec.type === 'string') {
		if (v.type !== RegType.SZ && v.type !== RegType.MULTI_SZ) c.report(RULES.wrongType, l10n.t('{0} is {1}; it is read as a string (REG_SZ), so this value is ignored.', spec.name, typeName(v.type)), v.dataRange);
		else checkSuiteOrder(c, v);
		return;
	}
	if (v.type !== RegType.DWORD || v.decoded.kind !== 'number') return wrongType(c, key, v, spec);
	const n = v.decoded.value;
	if (spec.sinceRank !== undefined && c.os.rank < spec.sinceRank) {
		c.report(RULES.noEffectOnTarget, l10n.t('{0} is not read by {1} (it came with a later Windows), so it has no effect there.', spec.name, c.os.name), v.nameRange);
	}
	if (spec.allowed && !spec.allowed.includes(n)) {
		const doc = spec.allowed.length <= 3 ? spec.allowed.join(l10n.t(' or ')) : `${spec.allowed[0]}–${spec.allowed[spec.allowed.length - 1]}`;
		const fixes = spec.allowed.length <= 3 ? spec.allowed.map((a) => setDword(v, a, l10n.t('Set {0} to {1}', spec.name, a))) : [];
		c.report(RULES.outOfRange, l10n.t('{0}={1} (0x{2}) is outside the documented values ({3}); how Schannel treats it is not documented.', spec.name, n, n.toString(16), doc), v.dataRange, fixes);
	}
	valueSpecificRules(c, key, v, spec, n);
}

function wrongType(c: Checker, key: RegKey, v: RegValue, spec: ValueSpec): void {
	const asNumber = v.decoded.kind === 'string' ? parseLooseNumber(v.decoded.value) : v.decoded.kind === 'number' || v.decoded.kind === 'bigint' ? Number(v.decoded.value) : undefined;
	const fixes = asNumber !== undefined && asNumber >= 0 && asNumber <= 0xffffffff ? [setDword(v, asNumber, l10n.t('Write as REG_DWORD {0}', asNumber))] : [];
	c.report(RULES.wrongType, l10n.t('{0} is {1}, but Schannel reads it only as REG_DWORD: this value is ignored and the default applies ({2}).', spec.name, typeName(v.type), defaultFor(c, key, spec)), v.dataRange, fixes);
}

/** The default in words; for protocol values, the protocol's default for that role on the target OS. */
function defaultFor(c: Checker, key: RegKey, spec: ValueSpec): string {
	const m = /\\Protocols\\([^\\]+)\\(Client|Server)$/i.exec(key.subPath);
	const protocol = m && PROTOCOLS.find((p) => same(p, m[1]!));
	if (!protocol || !m) return spec.defaultText(c.os);
	const d = c.os.protocols[protocol][same(m[2]!, 'Client') ? 0 : 1];
	const words = stateWords(d);
	return same(m[2]!, 'Client') ? l10n.t('{0} client on {1}: {2}', protocol, c.os.name, words) : l10n.t('{0} server on {1}: {2}', protocol, c.os.name, words);
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
			c.report(RULES.rebootRequired, l10n.t('A change to EventLogging takes effect after a reboot.'), v.nameRange);
			return;
		case 'SendTrustedIssuerList':
			if (n !== 0) c.issuerListLine(key, v);
			return;
		case 'MessageLimitClient':
		case 'MessageLimitServer':
		case 'MessageLimitServerClientAuth':
			if (n === 0) c.report(RULES.messagingZero, l10n.t('{0}=0: fragmented handshake messages are not processed and such handshakes fail.', spec.name), v.dataRange, [setDword(v, spec.name === 'MessageLimitServer' ? 0x4000 : 0x8000, l10n.t('Set the documented default'))]);
			else if (spec.name === 'MessageLimitClient' && n < 0x4000 + 4 + 3 + 2) c.report(RULES.messagingSmall, l10n.t('MessageLimitClient={0} bytes: a CertificateRequest carrying a full 16 KB trusted issuer list does not fit, so the client fails such handshakes.', n), v.dataRange, [setDword(v, 0x8000, l10n.t('Set 0x8000 (the default)'))]);
			return;
		case 'ServerMinKeyBitLength':
		case 'ClientMinKeyBitLength':
			if (n < 2048 && key.subPath.toLowerCase().endsWith('diffie-hellman')) c.report(RULES.weakKeyLength, l10n.t('{0}={1} allows Diffie-Hellman keys under 2048 bits.', spec.name, n), v.dataRange, [setDword(v, 2048, l10n.t('Set 2048'))]);
			return;
		case 'DefaultSecureProtocols':
			if ((n & 0x800) === 0) c.report(RULES.winhttpNoTls12, l10n.t('DefaultSecureProtocols=0x{0} does not include TLS 1.2 (0x800): WinHTTP applications do not offer TLS 1.2 by default.', n.toString(16)), v.dataRange, [setDword(v, (n | 0x800) & ~0xa8, l10n.t('Add TLS 1.2 (0x800), drop SSL'))]);
			return;
		case 'SchUseStrongCrypto':
		case 'SystemDefaultTlsVersions':
			if (n === 0) c.report(RULES.dotnetWeak, l10n.t('{0}=0: .NET Framework applications of this runtime keep their own older protocol choice instead of the OS defaults.', spec.name), v.dataRange, [setDword(v, 1, l10n.t('Set 1'))]);
			return;
	}
}

/** Checks the cipher-suite order value for weak suites. */
export function checkSuiteOrder(c: Checker, v: RegValue): void {
	const text = v.decoded.kind === 'string' ? v.decoded.value : v.decoded.kind === 'strings' ? v.decoded.value.join(',') : '';
	const weak = text.split(',').map((s) => s.trim()).filter((s) => /RC4|3DES|_NULL_|EXPORT|_DES_/i.test(s));
	const list = `${weak.slice(0, 4).join(', ')}${weak.length > 4 ? ', …' : ''}`;
	if (weak.length) c.report(RULES.weakCipherSuite, weak.length === 1 ? l10n.t('The cipher-suite order offers 1 weak suite: {0}.', list) : l10n.t('The cipher-suite order offers {0} weak suites: {1}.', weak.length, list), v.dataRange);
}
