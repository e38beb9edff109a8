import * as l10n from '@vscode/l10n';
/** Windows `CERT_TRUST_*` error flags, their .NET `X509ChainStatusFlags` names and one plain sentence each. */

/** The `CERT_TRUST_*` error statuses the engine reports (wincrypt.h names without the `CERT_TRUST_` prefix). */
export type TrustFlag =
	| 'IS_NOT_TIME_VALID'
	| 'IS_NOT_TIME_NESTED'
	| 'IS_REVOKED'
	| 'IS_NOT_SIGNATURE_VALID'
	| 'IS_NOT_VALID_FOR_USAGE'
	| 'IS_UNTRUSTED_ROOT'
	| 'REVOCATION_STATUS_UNKNOWN'
	| 'IS_CYCLIC'
	| 'INVALID_EXTENSION'
	| 'INVALID_POLICY_CONSTRAINTS'
	| 'INVALID_BASIC_CONSTRAINTS'
	| 'INVALID_NAME_CONSTRAINTS'
	| 'HAS_NOT_SUPPORTED_NAME_CONSTRAINT'
	| 'HAS_NOT_DEFINED_NAME_CONSTRAINT'
	| 'HAS_NOT_PERMITTED_NAME_CONSTRAINT'
	| 'HAS_EXCLUDED_NAME_CONSTRAINT'
	| 'IS_PARTIAL_CHAIN'
	| 'HAS_WEAK_SIGNATURE'
	| 'IS_OFFLINE_REVOCATION'
	| 'HAS_NOT_SUPPORTED_CRITICAL_EXT'
	/** Not a CERT_TRUST bit: the SSL policy's host name error (CertVerifyCertificateChainPolicy → CERT_E_CN_NO_MATCH). */
	| 'NAME_MISMATCH'
	/** Not a Windows status at all: a rule of RFC 5280 that CryptoAPI does not enforce (an error only under the rfc5280 profile). */
	| 'NOT_RFC5280_CONFORMANT'
	/** Not a Windows status either: a CA/Browser Forum Baseline Requirements rule (an error only under the webpki profile). */
	| 'NOT_WEBPKI_CONFORMANT';

/** `CERT_TRUST_*` info statuses (`dwInfoStatus`) used to explain how an issuer was matched. */
export type TrustInfoFlag = 'HAS_EXACT_MATCH_ISSUER' | 'HAS_KEY_MATCH_ISSUER' | 'HAS_NAME_MATCH_ISSUER' | 'IS_SELF_SIGNED';

/** What Windows and .NET call a flag, and what it means in plain words. */
export interface TrustFlagInfo {
	/**
	 * `error` flags go into `dwErrorStatus`, `info` flags into `dwInfoStatus`; `policy` is an SSL chain-policy error
	 * (`CERT_E_*`, no status bit); `profile` is an RFC 5280 or CA/B Baseline Requirements rule Windows has no status for.
	 */
	readonly kind: 'error' | 'info' | 'policy' | 'profile';
	/** Full wincrypt.h name, e.g. `CERT_TRUST_IS_PARTIAL_CHAIN` (empty for `profile`: Windows has no name for it). */
	readonly windows: string;
	/** The `dwErrorStatus` bit. */
	readonly value: number;
	/** The .NET `X509ChainStatusFlags` member, e.g. `PartialChain` (empty for info flags: .NET has none). */
	readonly dotnet: string;
	/** One plain sentence for people who are not PKI specialists. */
	readonly sentence: string;
}

/** A table row; the sentence is a function so that it is translated when asked for, not when the module loads. */
type Row = Omit<TrustFlagInfo, 'windows' | 'kind' | 'sentence'> & { readonly sentence: () => string };
const F = (value: number, dotnet: string, sentence: () => string): Row => ({ value, dotnet, sentence });

/** The flags that are not CERT_TRUST bits (value 0, so they never change `dwErrorStatus`). */
const EXTRA: Record<'NAME_MISMATCH' | 'NOT_RFC5280_CONFORMANT' | 'NOT_WEBPKI_CONFORMANT', Omit<TrustFlagInfo, 'sentence'> & { readonly sentence: () => string }> = {
	NAME_MISMATCH: { kind: 'policy', windows: 'CERT_E_CN_NO_MATCH', value: 0, dotnet: 'RemoteCertificateNameMismatch', sentence: () => l10n.t('The server certificate does not name the host (or IP address) the client connected to.') },
	NOT_RFC5280_CONFORMANT: { kind: 'profile', windows: '', value: 0, dotnet: '', sentence: () => l10n.t('The certificate breaks an RFC 5280 rule that Windows does not enforce; OpenSSL, .NET on Linux and browsers may reject it.') },
	NOT_WEBPKI_CONFORMANT: { kind: 'profile', windows: '', value: 0, dotnet: '', sentence: () => l10n.t('The certificate breaks a CA/Browser Forum Baseline Requirements rule for public TLS server certificates; Windows does not enforce these, browsers and Web PKI validators do.') },
};

const TABLE: Record<Exclude<TrustFlag, keyof typeof EXTRA>, Row> = {
	IS_NOT_TIME_VALID: F(0x1, 'NotTimeValid', () => l10n.t('The certificate is expired or not yet valid at the time checked.')),
	IS_NOT_TIME_NESTED: F(0x2, 'NotTimeNested', () => l10n.t("The certificate's validity period is not inside its issuer's.")),
	IS_REVOKED: F(0x4, 'Revoked', () => l10n.t('The issuing CA has revoked this certificate (it is listed in a CRL).')),
	IS_NOT_SIGNATURE_VALID: F(0x8, 'NotSignatureValid', () => l10n.t('The signature does not check out with the issuer key, or could not be checked.')),
	IS_NOT_VALID_FOR_USAGE: F(0x10, 'NotValidForUsage', () => l10n.t('The certificate (or a CA above it) is not allowed for this use (key usage or extended key usage).')),
	IS_UNTRUSTED_ROOT: F(0x20, 'UntrustedRoot', () => l10n.t('The chain ends in a root certificate that is not in the trusted root store.')),
	REVOCATION_STATUS_UNKNOWN: F(0x40, 'RevocationStatusUnknown', () => l10n.t('Whether the certificate is revoked could not be determined offline.')),
	IS_CYCLIC: F(0x80, 'Cyclic', () => l10n.t('The issuers loop back to a certificate already in the chain.')),
	INVALID_EXTENSION: F(0x100, 'InvalidExtension', () => l10n.t('The certificate has an extension that is invalid or not understood.')),
	INVALID_POLICY_CONSTRAINTS: F(0x200, 'InvalidPolicyConstraints', () => l10n.t('The certificate policies do not satisfy the policy constraints.')),
	INVALID_BASIC_CONSTRAINTS: F(0x400, 'InvalidBasicConstraints', () => l10n.t('A certificate acts as a CA without being allowed to, or the path is longer than a CA allows (pathLen).')),
	INVALID_NAME_CONSTRAINTS: F(0x800, 'InvalidNameConstraints', () => l10n.t('A name in the certificate is outside what a CA above it is allowed to certify.')),
	HAS_NOT_SUPPORTED_NAME_CONSTRAINT: F(0x1000, 'HasNotSupportedNameConstraint', () => l10n.t('A CA name constraint has a type that cannot be checked.')),
	HAS_NOT_DEFINED_NAME_CONSTRAINT: F(0x2000, 'HasNotDefinedNameConstraint', () => l10n.t('The certificate has a name of a type the CA constraints do not mention (Windows may reject this).')),
	HAS_NOT_PERMITTED_NAME_CONSTRAINT: F(0x4000, 'HasNotPermittedNameConstraint', () => l10n.t('A name in the certificate is not in the permitted list of a CA above it.')),
	HAS_EXCLUDED_NAME_CONSTRAINT: F(0x8000, 'HasExcludedNameConstraint', () => l10n.t('A name in the certificate is in the excluded list of a CA above it.')),
	IS_PARTIAL_CHAIN: F(0x10000, 'PartialChain', () => l10n.t('An issuing CA certificate is missing, so the chain cannot reach a root.')),
	HAS_WEAK_SIGNATURE: F(0x100000, 'HasWeakSignature', () => l10n.t('The certificate uses a weak algorithm (MD5 or SHA-1 signature, or an RSA key under 2048 bits).')),
	IS_OFFLINE_REVOCATION: F(0x1000000, 'OfflineRevocation', () => l10n.t('The revocation server could not be reached (this tool never goes online).')),
	HAS_NOT_SUPPORTED_CRITICAL_EXT: F(0x8000000, 'HasNotSupportedCriticalExtension', () => l10n.t('The certificate has a critical extension that is not understood, so it must be rejected.')),
};

const INFO_TABLE: Record<TrustInfoFlag, Row> = {
	HAS_EXACT_MATCH_ISSUER: F(0x1, '', () => l10n.t('The issuer was found by an exact match (name and key identifier).')),
	HAS_KEY_MATCH_ISSUER: F(0x2, '', () => l10n.t('The issuer was found by its key identifier.')),
	HAS_NAME_MATCH_ISSUER: F(0x4, '', () => l10n.t('The issuer was found by name only.')),
	IS_SELF_SIGNED: F(0x8, '', () => l10n.t('The certificate is self-signed.')),
};

/**
 * What Windows and .NET call `flag`, with its bit and a plain sentence.
 * @example trustFlagInfo('IS_PARTIAL_CHAIN').dotnet // 'PartialChain'
 */
export function trustFlagInfo(flag: TrustFlag | TrustInfoFlag): TrustFlagInfo {
	if (flag === 'NAME_MISMATCH' || flag === 'NOT_RFC5280_CONFORMANT' || flag === 'NOT_WEBPKI_CONFORMANT') return { ...EXTRA[flag], sentence: EXTRA[flag].sentence() };
	const error = (TABLE as Record<string, Row | undefined>)[flag];
	if (error) return { windows: `CERT_TRUST_${flag}`, kind: 'error', ...error, sentence: error.sentence() };
	const info = INFO_TABLE[flag as TrustInfoFlag];
	return { windows: `CERT_TRUST_${flag}`, kind: 'info', ...info, sentence: info.sentence() };
}

type BitFlag = keyof typeof TABLE;

/** Every CERT_TRUST error flag the engine knows, in bit order (NAME_MISMATCH and the NOT_*_CONFORMANT profile flags are not bits). */
export const TRUST_FLAGS: readonly TrustFlag[] = (Object.keys(TABLE) as BitFlag[]).sort((a, b) => TABLE[a].value - TABLE[b].value);

/** The `dwErrorStatus` value of a set of flags (OR of their bits). */
export function trustStatusValue(flags: Iterable<TrustFlag>): number {
	let v = 0;
	for (const f of flags) v |= (TABLE as Record<string, { value: number } | undefined>)[f]?.value ?? 0;
	return v >>> 0;
}
