/**
 * Which chain Windows would pick. CryptoAPI documents that it returns "the best quality chain", which is not
 * necessarily the shortest (Microsoft PKI blog, "Certificate Path Validation in Bridge CA and Cross-Certification
 * Environments"); the exact order is not documented. We INFER it from Wine's crypt32 reimplementation
 * (`CRYPT_ChainQuality`), which scores, most important first:
 *   1. every signature valid  2. every certificate time-valid  3. complete (not partial, not cyclic)
 *   4. basic constraints valid  5. ends in a trusted root
 * and break ties by: 6. fewer error-level findings  7. shorter chain  8. newest issuing CA (notBefore at depth 1).
 */
import type { TrustFlag } from './trustStatus';
import type { ElementStatus } from './types';
import type { Certificate } from '../x509';

const QUALITY: readonly (readonly TrustFlag[])[] = [['IS_NOT_SIGNATURE_VALID'], ['IS_NOT_TIME_VALID'], ['IS_PARTIAL_CHAIN', 'IS_CYCLIC'], ['INVALID_BASIC_CONSTRAINTS'], ['IS_UNTRUSTED_ROOT']];

/** The preference key of a chain: compare element-wise, higher wins. */
export function rankKey(statuses: readonly (readonly ElementStatus[])[], chain: readonly Certificate[]): number[] {
	const errors = statuses.flat().filter((s) => s.severity === 'error');
	const has = (flags: readonly TrustFlag[]): boolean => errors.some((e) => (flags as readonly string[]).includes(e.flag));
	const issuing = chain[1]?.notBefore.getTime() ?? 0;
	return [...QUALITY.map((flags) => (has(flags) ? 0 : 1)), -errors.length, -chain.length, Math.floor(issuing / 1000)];
}

/** Sort comparator: best key first. */
export function compareRank(a: readonly number[], b: readonly number[]): number {
	for (let i = 0; i < Math.max(a.length, b.length); i++) {
		const d = (b[i] ?? 0) - (a[i] ?? 0);
		if (d !== 0) return d;
	}
	return 0;
}
