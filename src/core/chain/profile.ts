/** The rule sets: what Windows (CryptoAPI) enforces, strict RFC 5280, and RFC 5280 plus the CA/B Forum Baseline Requirements. */
import * as l10n from '@vscode/l10n';
import type { ChainProfile, ElementStatus } from './types';

/** Every profile, the default first. */
export const CHAIN_PROFILES: readonly ChainProfile[] = ['windows', 'rfc5280', 'webpki'];

/** `rfc5280` and `webpki` enforce every RFC 5280 rule; only `windows` waives the ones CryptoAPI does not check. */
export function isStrict(profile: ChainProfile): boolean {
	return profile !== 'windows';
}

/**
 * A rule of RFC 5280 (or RFC 6125) that CryptoAPI does not enforce: an error under `rfc5280` and `webpki`; under `windows` a
 * warning that says Windows accepts it and strict validators do not.
 */
export function lenient(profile: ChainProfile, rfc: string, message: string): ElementStatus {
	if (isStrict(profile)) return { flag: 'NOT_RFC5280_CONFORMANT', severity: 'error', message, rfc };
	return { flag: 'NOT_RFC5280_CONFORMANT', severity: 'warning', message: l10n.t('{0} Windows accepts this; strict RFC 5280 validators (OpenSSL -x509_strict, Go, pyca/cryptography, browsers) may reject it.', message), rfc };
}

/** `RFC 5280 §x`, the citation form used in findings. */
export function rfc5280(section: string): string {
	return `RFC 5280 §${section}`;
}
