/** Per-certificate checks of a chain element: time, CA-ness and pathLen, key usage, EKU, critical extensions, weak algorithms. */
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
	if (at < c.notBefore) return [status('IS_NOT_TIME_VALID', 'error', `Not valid before ${c.notBeforeIso} (checked at ${isoDate(at)}).`, 'RFC 5280 §4.1.2.5')];
	if (at > c.notAfter) return [status('IS_NOT_TIME_VALID', 'error', `Expired on ${c.notAfterIso} (checked at ${isoDate(at)}).`, 'RFC 5280 §4.1.2.5')];
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
		if (trustedRoot && c.version < 3) return [status('INVALID_BASIC_CONSTRAINTS', 'info', `A version ${c.version} root without basicConstraints: accepted as a CA because it is a trust anchor.`)];
		return [status('INVALID_BASIC_CONSTRAINTS', 'error', bc ? 'Issues certificates but its basicConstraints say it is not a CA (cA = FALSE).' : 'Issues certificates but has no basicConstraints extension marking it as a CA.', 'RFC 5280 §4.2.1.9')];
	}
	if (bc.pathLength === undefined) return [];
	let below = 0;
	for (let i = 1; i < depth; i++) if (!chain[i]!.isSelfIssued) below++;
	if (below > bc.pathLength) return [status('INVALID_BASIC_CONSTRAINTS', 'error', `pathLenConstraint ${bc.pathLength} allows ${bc.pathLength} CA certificate(s) below it, but the chain has ${below}.`, 'RFC 5280 §4.2.1.9')];
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
	if (depth > 0) return ku.includes('keyCertSign') ? [] : [{ ...status('IS_NOT_VALID_FOR_USAGE', 'error', `Key usage (${ku.join(', ')}) lacks keyCertSign, so it may not sign certificates.`), rfc: 'RFC 5280 §4.2.1.3' }];
	const sev: ChainSeverity = profile === 'windows' ? 'error' : 'warning';
	if (purpose === 'client' && !ku.includes('digitalSignature')) return [status('IS_NOT_VALID_FOR_USAGE', sev, `Key usage (${ku.join(', ')}) lacks digitalSignature, which a TLS client certificate needs.`)];
	if (purpose === 'server' && !ku.some((u) => u === 'digitalSignature' || u === 'keyEncipherment' || u === 'keyAgreement')) {
		return [status('IS_NOT_VALID_FOR_USAGE', sev, `Key usage (${ku.join(', ')}) allows neither digitalSignature, keyEncipherment nor keyAgreement, which a TLS server needs.`)];
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
	const has = c.extendedKeyUsage.map((e) => e.name).join(', ') || 'none';
	const who = depth === 0 ? 'The certificate' : 'This CA';
	return [status('IS_NOT_VALID_FOR_USAGE', 'error', `${who} allows only ${has}; ${want.name} is missing${depth > 0 ? ', and Windows intersects EKUs down the chain' : ''}.`, 'RFC 5280 §4.2.1.12')];
}

/**
 * Unknown critical extensions (HAS_NOT_SUPPORTED_CRITICAL_EXT) and extensions that do not decode (INVALID_EXTENSION:
 * an error when critical, or under `rfc5280` and `webpki`, where a certificate must be valid DER throughout, RFC 5280 §4.2).
 */
export function checkExtensions(c: Certificate, profile: ChainProfile = 'windows'): ElementStatus[] {
	const out: ElementStatus[] = [];
	for (const e of c.extensions) {
		if (e.critical && !UNDERSTOOD.has(e.oid)) {
			out.push(status('HAS_NOT_SUPPORTED_CRITICAL_EXT', 'error', `Critical extension ${e.name === e.oid ? e.oid : `${e.name} (${e.oid})`} is not understood, so the certificate must be rejected.`, 'RFC 5280 §4.2'));
		} else if (!e.decoded) out.push({ ...status('INVALID_EXTENSION', e.critical || profile !== 'windows' ? 'error' : 'warning', `Extension ${e.name} does not decode.`), rfc: 'RFC 5280 §4.2' });
	}
	return out;
}

/** Weak algorithms: MD2/MD5 signatures (blocked by Windows), SHA-1 signatures and RSA keys under 2048 bits (warnings). */
export function checkWeak(c: Certificate, trustedRoot: boolean): ElementStatus[] {
	const out: ElementStatus[] = [];
	const sig = c.signatureAlgorithm.name;
	if (!trustedRoot) {
		if (/^md[25]/i.test(sig)) out.push(status('HAS_WEAK_SIGNATURE', 'error', `Signed with ${sig}: Windows no longer accepts MD5 or MD2 signatures in chains.`));
		else if (/sha1/i.test(sig)) out.push(status('HAS_WEAK_SIGNATURE', 'warning', `Signed with ${sig}: SHA-1 is weak and refused by many clients.`));
	}
	const bits = c.publicKey.bits;
	if (/^rsa/i.test(c.publicKey.algorithm) && bits !== undefined && bits < 2048) {
		out.push(status('HAS_WEAK_SIGNATURE', bits < 1024 ? 'error' : 'warning', `RSA key of ${bits} bits: under 2048 bits is weak${bits < 1024 ? '; Windows blocks keys under 1024 bits' : ''}.`));
	}
	return out;
}
