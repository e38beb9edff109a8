/** Per-certificate checks of a chain element: time, CA-ness and pathLen, key usage, EKU, critical extensions, weak algorithms. */
import * as l10n from '@vscode/l10n';
import { isoDate, type Certificate } from '../x509';
import type { TrustFlag, TrustInfoFlag } from './trustStatus';
import type { ChainProfile, ChainPurpose, ChainSeverity, ElementStatus } from './types';

/** EKU OIDs of the purposes. */
export const PURPOSE_EKU: Record<Exclude<ChainPurpose, 'any'>, { oid: string; name: string }> = {
	client: { oid: '1.3.6.1.5.5.7.3.2', name: 'clientAuth (Client Authentication)' },
	server: { oid: '1.3.6.1.5.5.7.3.1', name: 'serverAuth (Server Authentication)' },
};

/** Extensions the engine (or Windows, for the policy ones) understands, so a critical one is not "unknown". */
const UNDERSTOOD = new Set([
	'2.5.29.14', '2.5.29.15', '2.5.29.17', '2.5.29.18', '2.5.29.19', '2.5.29.30', '2.5.29.31', '2.5.29.32', '2.5.29.33', '2.5.29.35',
	'2.5.29.36', '2.5.29.37', '2.5.29.54', '1.3.6.1.5.5.7.1.1', '1.3.6.1.4.1.311.21.10', '1.3.6.1.4.1.311.20.2', '1.3.6.1.4.1.311.21.7',
]);

/** Shorthand for one status entry; `rfc` is the rule's section where it has one. */
export function status(flag: TrustFlag | TrustInfoFlag, severity: ChainSeverity, message: string, rfc?: string): ElementStatus {
	return rfc ? { flag, severity, message, rfc } : { flag, severity, message };
}

/**
 * Validity at `at` (IS_NOT_TIME_VALID). The time is cut to whole seconds first: certificate times have one-second
 * granularity, so 00:00:00.005 is still within a notAfter of 00:00:00 (RFC 5280 §4.1.2.5).
 */
export function checkTime(c: Certificate, atPrecise: Date): ElementStatus[] {
	const at = new Date(Math.floor(atPrecise.getTime() / 1000) * 1000);
	if (at < c.notBefore) return [status('IS_NOT_TIME_VALID', 'error', l10n.t('Not valid before {0} (checked at {1}).', c.notBeforeIso, isoDate(at)), 'RFC 5280 §4.1.2.5')];
	if (at > c.notAfter) return [status('IS_NOT_TIME_VALID', 'error', l10n.t('Expired on {0} (checked at {1}).', c.notAfterIso, isoDate(at)), 'RFC 5280 §4.1.2.5')];
	return [];
}

/**
 * basicConstraints of the certificate at `depth` acting as a CA, and its pathLen against the CAs below it
 * (self-issued intermediates do not count, RFC 5280 §6.1.4). The violation is reported on the constraining CA, as OpenSSL does.
 */
export function checkCa(chain: readonly Certificate[], depth: number, trustedRoot: boolean): ElementStatus[] {
	const c = chain[depth]!;
	const bc = c.basicConstraints;
	if (!bc?.ca) {
		if (trustedRoot && c.version < 3) return [status('INVALID_BASIC_CONSTRAINTS', 'info', l10n.t('A version {0} root without basicConstraints: accepted as a CA because it is a trust anchor.', c.version))];
		return [status('INVALID_BASIC_CONSTRAINTS', 'error', bc ? l10n.t('Issues certificates but its basicConstraints say it is not a CA (cA = FALSE).') : l10n.t('Issues certificates but has no basicConstraints extension marking it as a CA.'), 'RFC 5280 §4.2.1.9')];
	}
	if (bc.pathLength === undefined) return [];
	let below = 0;
	for (let i = 1; i < depth; i++) if (!chain[i]!.isSelfIssued) below++;
	if (below > bc.pathLength) return [status('INVALID_BASIC_CONSTRAINTS', 'error', l10n.t('pathLenConstraint {0} allows {1} CA certificate(s) below it, but the chain has {2}.', bc.pathLength, bc.pathLength, below), 'RFC 5280 §4.2.1.9')];
	return [];
}

/**
 * keyUsage: keyCertSign for a CA; digitalSignature for a client leaf, digitalSignature/keyEncipherment/keyAgreement
 * for a server. The leaf's TLS needs are not path validation: under `rfc5280` and `webpki` they are warnings (RFC 5280 §6 leaves
 * them to the application), so a CA certificate in the leaf position passes there.
 */
export function checkKeyUsage(c: Certificate, depth: number, purpose: ChainPurpose, profile: ChainProfile = 'windows'): ElementStatus[] {
	const ku = c.keyUsage;
	if (!ku) return [];
	if (depth > 0) return ku.includes('keyCertSign') ? [] : [{ ...status('IS_NOT_VALID_FOR_USAGE', 'error', l10n.t('Key usage ({0}) lacks keyCertSign, so it may not sign certificates.', ku.join(', '))), rfc: 'RFC 5280 §4.2.1.3' }];
	const sev: ChainSeverity = profile === 'windows' ? 'error' : 'warning';
	if (purpose === 'client' && !ku.includes('digitalSignature')) return [status('IS_NOT_VALID_FOR_USAGE', sev, l10n.t('Key usage ({0}) lacks digitalSignature, which a TLS client certificate needs.', ku.join(', ')))];
	if (purpose === 'server' && !ku.some((u) => u === 'digitalSignature' || u === 'keyEncipherment' || u === 'keyAgreement')) {
		return [status('IS_NOT_VALID_FOR_USAGE', sev, l10n.t('Key usage ({0}) allows neither digitalSignature, keyEncipherment nor keyAgreement, which a TLS server needs.', ku.join(', ')))];
	}
	return [];
}

/**
 * Extended key usage. Windows intersects the EKUs down the chain: every certificate that has an EKU extension
 * (root included) must allow the purpose. anyExtendedKeyUsage is not honoured (OpenSSL does not either).
 */
export function checkEku(c: Certificate, depth: number, purpose: ChainPurpose): ElementStatus[] {
	if (purpose === 'any' || !c.extendedKeyUsage) return [];
	const want = PURPOSE_EKU[purpose];
	if (c.extendedKeyUsage.some((e) => e.oid === want.oid)) return [];
	const has = c.extendedKeyUsage.map((e) => e.name).join(', ') || l10n.t('none');
	const who = depth === 0 ? l10n.t('The certificate') : l10n.t('This CA');
	return [status('IS_NOT_VALID_FOR_USAGE', 'error', l10n.t('{0} allows only {1}; {2} is missing{3}.', who, has, want.name, depth > 0 ? l10n.t(', and Windows intersects EKUs down the chain') : ''), 'RFC 5280 §4.2.1.12')];
}

/**
 * Unknown critical extensions (HAS_NOT_SUPPORTED_CRITICAL_EXT) and extensions that do not decode (INVALID_EXTENSION:
 * an error when critical, or under `rfc5280` and `webpki`, where a certificate must be valid DER throughout, RFC 5280 §4.2).
 */
export function checkExtensions(c: Certificate, profile: ChainProfile = 'windows'): ElementStatus[] {
	const out: ElementStatus[] = [];
	for (const e of c.extensions) {
		if (e.critical && !UNDERSTOOD.has(e.oid)) {
			out.push(status('HAS_NOT_SUPPORTED_CRITICAL_EXT', 'error', l10n.t('Critical extension {0} is not understood, so the certificate must be rejected.', e.name === e.oid ? e.oid : `${e.name} (${e.oid})`), 'RFC 5280 §4.2'));
		} else if (!e.decoded) out.push({ ...status('INVALID_EXTENSION', e.critical || profile !== 'windows' ? 'error' : 'warning', l10n.t('Extension {0} does not decode.', e.name)), rfc: 'RFC 5280 §4.2' });
	}
	return out;
}

/** Weak algorithms: MD2/MD5 signatures (blocked by Windows), SHA-1 signatures and RSA keys under 2048 bits (warnings). */
export function checkWeak(c: Certificate, trustedRoot: boolean): ElementStatus[] {
	const out: ElementStatus[] = [];
	const sig = c.signatureAlgorithm.name;
	if (!trustedRoot) {
		if (/^md[25]/i.test(sig)) out.push(status('HAS_WEAK_SIGNATURE', 'error', l10n.t('Signed with {0}: Windows no longer accepts MD5 or MD2 signatures in chains.', sig)));
		else if (/sha1/i.test(sig)) out.push(status('HAS_WEAK_SIGNATURE', 'warning', l10n.t('Signed with {0}: SHA-1 is weak and refused by many clients.', sig)));
	}
	const bits = c.publicKey.bits;
	if (/^rsa/i.test(c.publicKey.algorithm) && bits !== undefined && bits < 2048) {
		out.push(status('HAS_WEAK_SIGNATURE', bits < 1024 ? 'error' : 'warning', l10n.t('RSA key of {0} bits: under 2048 bits is weak{1}.', bits, bits < 1024 ? l10n.t('; Windows blocks keys under 1024 bits') : '')));
	}
	return out;
}
