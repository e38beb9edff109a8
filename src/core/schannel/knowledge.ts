import * as l10n from '@vscode/l10n';
import type { Evidence } from '../reg/types';
import type { WindowsVersion } from './os';

/** Sources the rules cite (reference §0). */
export const DOCS = {
	tlsRegistry: 'https://learn.microsoft.com/windows-server/security/tls/tls-registry-settings',
	protocols: 'https://learn.microsoft.com/windows/win32/secauthn/protocols-in-tls-ssl--schannel-ssp-',
	whatsNew: 'https://learn.microsoft.com/windows-server/security/tls/what-s-new-in-tls-ssl-schannel-ssp-overview',
	kb245030: 'https://learn.microsoft.com/troubleshoot/windows-server/windows-security/restrict-cryptographic-algorithms-protocols-schannel',
	kb2464556: 'https://support.microsoft.com/help/2464556',
	kb2801679: 'https://learn.microsoft.com/troubleshoot/windows-server/windows-security/ssltls-communication-problems-after-install-kb931125',
	kb980436: 'https://support.microsoft.com/kb/980436',
	kb2643584: 'https://support.microsoft.com/help/2643584',
	kb310516: 'https://support.microsoft.com/topic/9c7f37cf-a5e9-e1cd-c4fa-2a26218a1a23',
	winhttp: 'https://support.microsoft.com/help/3140245',
	dotnet: 'https://learn.microsoft.com/dotnet/framework/network-programming/tls',
} as const;

/** What Schannel Lens knows about one registry value. */
export interface ValueSpec {
	/** The documented spelling. */
	readonly name: string;
	/** Only REG_DWORD values are documented for Schannel; the cipher-suite order is REG_SZ. */
	readonly type: 'dword' | 'string';
	readonly meaning: string;
	/** Allowed numbers; absent means any DWORD. */
	readonly allowed?: readonly number[];
	readonly min?: number;
	/** The value's default, in words, for the target OS. */
	defaultText(os: WindowsVersion): string;
	readonly evidence: Evidence;
	readonly docs: string;
	/** Set when Microsoft does not document the value at all. */
	readonly undocumented?: boolean;
	/** First version where the value has an effect (rank, see WindowsVersion.rank). */
	readonly sinceRank?: number;
	readonly note?: string;
}

const always = (text: string | (() => string)) => (): string => (typeof text === 'string' ? text : text());
/** Meaning and note are getters: translated when a hover reads them, not when the module loads. */
function dw(name: string, meaning: () => string, defaultText: ValueSpec['defaultText'], evidence: Evidence, docs: string, extra: Partial<Omit<ValueSpec, 'note'>> & { note?: () => string } = {}): ValueSpec {
	const { note, ...rest } = extra;
	const spec: ValueSpec = {
		name,
		type: 'dword',
		get meaning() {
			return meaning();
		},
		defaultText,
		evidence,
		docs,
		...rest,
	};
	return note ? Object.defineProperty(spec, 'note', { get: note, enumerable: true }) : spec;
}

/** Values directly under `…\SecurityProviders\SCHANNEL` (reference §1.2). */
export const SCHANNEL_VALUES: readonly ValueSpec[] = [
	dw('EventLogging', () => l10n.t('Bitmask of what Schannel logs to the System log: 1 errors, 2 warnings, 4 informational and success events. A change needs a reboot.'), always(() => l10n.t('probably 1 (errors only); not stated by Microsoft')), 'documented', DOCS.tlsRegistry, { min: 0, allowed: [0, 1, 2, 3, 4, 5, 6, 7] }),
	dw('CertificateMappingMethods', () => l10n.t('Bitmask of client-certificate to account mapping methods: 0x1 subject/issuer, 0x2 issuer, 0x4 UPN, 0x8 S4U2Self, 0x10 S4U2Self explicit.'), always(() => l10n.t('the two revisions of Microsoft\'s doc conflict (0x18 vs. all four methods)')), 'documented', DOCS.tlsRegistry, { note: () => l10n.t('Microsoft\'s 2019 and 2023 docs disagree on the default.') }),
	dw('ClientCacheTime', () => l10n.t('Lifetime of client-side TLS session cache entries, in milliseconds; 0 turns client caching off.'), always(() => l10n.t('10 hours (36,000,000 ms)')), 'documented', DOCS.tlsRegistry, { sinceRank: 20 }),
	dw('ServerCacheTime', () => l10n.t('Lifetime of server-side TLS session cache entries, in milliseconds; 0 disables the server cache and resumption.'), always(() => l10n.t('10 hours (36,000,000 ms)')), 'documented', DOCS.tlsRegistry, { sinceRank: 20 }),
	dw('MaximumCacheSize', () => l10n.t('Maximum number of cached TLS sessions; 0 disables the server-side cache. Each entry costs about 2–4 KB in lsass.'), always('20,000'), 'documented', DOCS.tlsRegistry, { sinceRank: 20 }),
	dw('IssuerCacheSize', () => l10n.t('Size of the negative cache used by issuer mapping.'), always('100'), 'documented', DOCS.tlsRegistry, { sinceRank: 20 }),
	dw('IssuerCacheTime', () => l10n.t('Lifetime of the negative issuer-mapping cache, in milliseconds.'), always(() => l10n.t('10 minutes (600,000 ms)')), 'documented', DOCS.tlsRegistry, { sinceRank: 20 }),
	dw('SendTrustedIssuerList', () => l10n.t('1: the server sends the names of its trusted CAs in the TLS CertificateRequest (cut silently at the OS limit, event 36885); 0: it sends no list and clients choose any certificate.'), (os) => (os.sendTrustedIssuerListDefault ? l10n.t('1 (send the list)') : l10n.t('0 (no list)')), 'documented', DOCS.tlsRegistry, { allowed: [0, 1] }),
	dw('ClientAuthTrustMode', () => l10n.t('How a client certificate chain must be trusted: 0 Machine Trust, 1 Exclusive Root Trust, 2 Exclusive CA Trust (the caller-specified trusted issuer store).'), always(() => l10n.t('0 (Machine Trust)')), 'documented', DOCS.whatsNew, { allowed: [0, 1, 2], sinceRank: 60 }),
	dw('EnableOcspStaplingForSni', () => l10n.t('Enables OCSP stapling for http.sys bindings that use SNI or the Central Certificate Store.'), always(() => l10n.t('off for SNI/CCS bindings')), 'documented', DOCS.tlsRegistry, { allowed: [0, 1], sinceRank: 60 }),
	dw('AllowInsecureRenegoClients', () => l10n.t('Server side: 0 rejects clients without RFC 5746 secure renegotiation (strict mode); 1 allows them.'), always(() => l10n.t('compatible mode (allowed)')), 'documented', DOCS.kb980436, { allowed: [0, 1] }),
	dw('AllowInsecureRenegoServers', () => l10n.t('Client side: 0 refuses servers without RFC 5746 secure renegotiation (strict mode); 1 allows them.'), always(() => l10n.t('compatible mode (allowed)')), 'documented', DOCS.kb980436, { allowed: [0, 1] }),
	dw('UseScsvForTls', () => l10n.t('Non-zero: the client sends TLS_EMPTY_RENEGOTIATION_INFO_SCSV and no extensions in its ClientHello.'), always(() => l10n.t('0 (the renegotiation_info extension is used)')), 'inferred', DOCS.kb980436),
	dw('DisableRenegoOnServer', () => l10n.t('Presumably 1 disables renegotiation on the server side.'), always(() => l10n.t('unknown')), 'unknown', DOCS.tlsRegistry, { undocumented: true }),
	dw('DisableRenegoOnClient', () => l10n.t('Presumably 1 disables renegotiation on the client side.'), always(() => l10n.t('unknown')), 'unknown', DOCS.tlsRegistry, { undocumented: true }),
	dw('SendExtraRecord', () => l10n.t('MS12-006 1/n-1 record splitting for CBC ciphers (BEAST): 2 turns it off, 0 turns it back on.'), always(() => l10n.t('splitting on')), 'documented', DOCS.kb2643584),
	dw('EnableSessionTicket', () => l10n.t('Skype for Business guidance sets 2 to turn off the Schannel session-ticket optimisation; the full meaning is not documented.'), always(() => l10n.t('unknown')), 'unknown', DOCS.tlsRegistry, { undocumented: true }),
];

/** `Protocols\<name>\{Client,Server}` values (reference §1.3). */
export const PROTOCOL_VALUES: readonly ValueSpec[] = [
	dw('Enabled', () => l10n.t('0 disables the protocol for this role: it is never negotiated. Any non-zero value enables it (Microsoft documents 1).'), always(() => l10n.t('see the OS default')), 'documented', DOCS.tlsRegistry),
	dw('DisabledByDefault', () => l10n.t('1: the protocol is negotiated only when an application asks for it explicitly (SCHANNEL_CRED); 0: it is used by default.'), always(() => l10n.t('see the OS default')), 'documented', DOCS.tlsRegistry, { allowed: [0, 1] }),
];

/** `Ciphers\<name>`, `Hashes\<name>`, `KeyExchangeAlgorithms\<name>` (reference §1.4). */
export const ALGORITHM_VALUES: readonly ValueSpec[] = [
	dw('Enabled', () => l10n.t('0 disallows the algorithm; 0xffffffff (any non-zero value) allows it. An absent value means allowed, except NULL.'), always(() => l10n.t('allowed (NULL: not allowed)')), 'documented', DOCS.kb245030),
];

const keyLength = (name: string, meaning: () => string, dflt: () => string, extra: Partial<Omit<ValueSpec, 'note'>> = {}) => dw(name, meaning, always(dflt), 'documented', DOCS.tlsRegistry, { sinceRank: 80, ...extra });

/** `KeyExchangeAlgorithms\Diffie-Hellman` and `\PKCS` key-length values (reference §1.4). */
export const KEY_LENGTH_VALUES: Readonly<Record<string, readonly ValueSpec[]>> = {
	'diffie-hellman': [
		keyLength('ClientMinKeyBitLength', () => l10n.t('Smallest Diffie-Hellman key, in bits, the client accepts.'), () => l10n.t('1024 bits')),
		keyLength('ClientMaxKeyBitLength', () => l10n.t('Largest Diffie-Hellman key, in bits, the client accepts.'), () => l10n.t('no maximum')),
		keyLength('ServerMinKeyBitLength', () => l10n.t('Diffie-Hellman key size, in bits, the server uses at least.'), () => l10n.t('2048 bits')),
	],
	pkcs: [
		keyLength('ClientMinKeyBitLength', () => l10n.t('Smallest RSA key, in bits, the client accepts.'), () => l10n.t('1024 bits')),
		keyLength('ClientMaxKeyBitLength', () => l10n.t('Largest RSA key, in bits, the client accepts.'), () => l10n.t('no maximum')),
		dw('ServerMinKeyBitLength', () => l10n.t('Appears in hardening scripts; server RSA strength comes from the server certificate.'), always(() => l10n.t('unknown')), 'unknown', DOCS.tlsRegistry, { undocumented: true }),
	],
};

/** `SCHANNEL\Messaging` (reference §1.5). 0 means fragmented messages are not processed. */
export const MESSAGING_VALUES: readonly ValueSpec[] = [
	dw('MessageLimitClient', () => l10n.t('Largest (fragmented) TLS handshake message the client accepts, in bytes; 0 makes every fragmented handshake fail.'), always(() => l10n.t('0x8000 (32,768 bytes)')), 'documented', DOCS.tlsRegistry, { sinceRank: 30 }),
	dw('MessageLimitServer', () => l10n.t('Largest handshake message the server accepts without client authentication, in bytes.'), always(() => l10n.t('0x4000 (16,384 bytes)')), 'documented', DOCS.tlsRegistry, { sinceRank: 30 }),
	dw('MessageLimitServerClientAuth', () => l10n.t('Largest handshake message the server accepts with client authentication, in bytes.'), always(() => l10n.t('0x8000 (32,768 bytes)')), 'documented', DOCS.tlsRegistry, { sinceRank: 30 }),
	dw('MessageLimitClientHello', () => l10n.t('No source documents this value; probably a mix-up with MessageLimitServerClientAuth.'), always(() => l10n.t('unknown')), 'unknown', DOCS.tlsRegistry, { undocumented: true }),
];

/** .NET Framework values that decide whether apps use the OS TLS defaults (reference §1.6). */
export const DOTNET_VALUES: readonly ValueSpec[] = [
	dw('SchUseStrongCrypto', () => l10n.t('1: .NET Framework uses strong cryptography (TLS 1.1/1.2, no RC4) for this runtime version.'), always(() => l10n.t('0 on older .NET Framework updates')), 'documented', DOCS.dotnet, { allowed: [0, 1] }),
	dw('SystemDefaultTlsVersions', () => l10n.t('1: .NET Framework lets Schannel choose the protocol versions (the OS defaults above).'), always(() => l10n.t('0 on older .NET Framework updates')), 'documented', DOCS.dotnet, { allowed: [0, 1] }),
];

/** WinHTTP's protocol bitmap (reference §1.6). */
export const WINHTTP_VALUES: readonly ValueSpec[] = [
	dw('DefaultSecureProtocols', () => l10n.t('Bitmap of protocols WinHTTP offers by default: 0x08 SSL 2.0, 0x20 SSL 3.0, 0x80 TLS 1.0, 0x200 TLS 1.1, 0x800 TLS 1.2.'), always(() => l10n.t('TLS 1.0 only on Windows 7 / 2008 R2 before KB 3140245')), 'documented', DOCS.winhttp),
];

/** The cipher-suite order policy value (REG_SZ, comma-separated suite names). */
export const CIPHER_SUITE_POLICY_VALUES: readonly ValueSpec[] = [
	{
		name: 'Functions',
		type: 'string',
		get meaning() {
			return l10n.t('Comma-separated TLS cipher suites in order of preference (Group Policy "SSL Cipher Suite Order").');
		},
		defaultText: always(() => l10n.t('the OS built-in order')),
		evidence: 'documented',
		docs: DOCS.tlsRegistry,
	},
];

/** Child key names Microsoft's docs and samples use (reference §1.3–1.4). */
export const KNOWN_PROTOCOL_KEYS = ['SSL 2.0', 'SSL 3.0', 'TLS 1.0', 'TLS 1.1', 'TLS 1.2', 'TLS 1.3', 'DTLS 1.0', 'DTLS 1.2', 'PCT 1.0', 'Multi-Protocol Unified Hello'] as const;
export const KNOWN_CIPHER_KEYS = ['RC4 128/128', 'RC4 64/128', 'RC4 56/128', 'RC4 40/128', 'RC2 128/128', 'RC2 56/128', 'RC2 56/56', 'RC2 40/128', 'DES 56/56', 'Triple DES 168', 'Triple DES 168/168', 'NULL', 'AES 128/128', 'AES 256/256'] as const;
export const KNOWN_HASH_KEYS = ['MD5', 'SHA', 'SHA256', 'SHA384', 'SHA512'] as const;
export const KNOWN_KEY_EXCHANGE_KEYS = ['PKCS', 'Diffie-Hellman', 'ECDH'] as const;
export const KNOWN_SCHANNEL_SUBKEYS = ['Protocols', 'Ciphers', 'Hashes', 'KeyExchangeAlgorithms', 'Messaging', 'CipherSuites'] as const;

/** Finds a spec by name, case-insensitively (registry names are case-insensitive). */
export function findSpec(specs: readonly ValueSpec[], name: string): ValueSpec | undefined {
	const lower = name.toLowerCase();
	return specs.find((s) => s.name.toLowerCase() === lower);
}
