/** Validating one discovered path: every element's findings, mapped to CERT_TRUST flags. */
import { formatRfc4514 } from '../x509';
import type { RawPath } from './build';
import { checkCa, checkEku, checkExtensions, checkKeyUsage, checkTime, checkWeak, status } from './checks';
import type { RevocationCheck } from './crl';
import { checkNameConstraints } from './nameConstraints';
import type { SignatureCheck } from './signature';
import type { ChainPurpose, ElementStatus } from './types';

/** How revocation is treated: not at all, checked where CRL files exist (unknown is info), or required (unknown is an error). */
export type RevocationMode = 'none' | 'ifAvailable' | 'require';

/** What is known about one path before judging it. */
export interface PathFacts {
	readonly path: RawPath;
	/** `signatures[i]`: element i checked with element i+1's key. */
	readonly signatures: readonly SignatureCheck[];
	/** The top element's self-signature, when it is self-issued. */
	readonly selfSignature: SignatureCheck | undefined;
	/** `revocation[i]` for every element below the top (undefined when not checked). */
	readonly revocation: readonly (RevocationCheck | undefined)[];
}

function signatureStatus(check: SignatureCheck, issuerName: string): ElementStatus[] {
	if (check.status === 'valid') return [];
	if (check.status === 'invalid') return [status('IS_NOT_SIGNATURE_VALID', 'error', `The signature (${check.detail}) does not verify with the public key of "${issuerName}".`)];
	return [status('IS_NOT_SIGNATURE_VALID', 'error', `The signature could not be checked: ${check.detail}.`)];
}

function revocationStatus(r: RevocationCheck | undefined, mode: RevocationMode): ElementStatus[] {
	if (!r || mode === 'none') return [];
	if (r.state === 'revoked') return [status('IS_REVOKED', 'error', r.message)];
	if (r.state === 'good') return [];
	const sev = mode === 'require' ? 'error' : 'info';
	return [status('REVOCATION_STATUS_UNKNOWN', sev, r.message), status('IS_OFFLINE_REVOCATION', sev, 'Windows would report the revocation server as offline if it cannot download the CRL either.')];
}

function topStatus(facts: PathFacts): ElementStatus[] {
	const { path, selfSignature } = facts;
	const top = path.entries[path.entries.length - 1]!.certificate;
	const issuer = formatRfc4514(top.issuer);
	switch (path.end) {
		case 'anchor':
			return selfSignature && selfSignature.status !== 'valid' ? [status('IS_NOT_SIGNATURE_VALID', 'warning', `The trusted root's self-signature ${selfSignature.status === 'invalid' ? 'does not verify' : `could not be checked (${selfSignature.detail})`}; trust comes from the root store, not the signature.`)] : [];
		case 'untrustedRoot': {
			const out = [status('IS_UNTRUSTED_ROOT', 'error', 'This self-signed root is not among the trust anchors (the chosen Root store export or bundle).')];
			if (selfSignature && selfSignature.status !== 'valid') out.push(...signatureStatus(selfSignature, formatRfc4514(top.subject)));
			return out;
		}
		case 'noIssuer':
			return [status('IS_PARTIAL_CHAIN', 'error', `The issuer "${issuer}" is not in any source${top.authorityInfoAccess?.caIssuers.length ? `; download it from ${top.authorityInfoAccess.caIssuers.join(', ')} and add it to a store` : ''}.`)];
		case 'cycle':
			return [status('IS_CYCLIC', 'error', `Every certificate named "${issuer}" is already in this chain: the issuers form a loop.`), status('IS_PARTIAL_CHAIN', 'error', 'The loop never reaches a root.')];
		case 'depthLimit':
			return [status('IS_PARTIAL_CHAIN', 'error', `The chain was cut at ${path.entries.length} certificates (depth limit).`)];
	}
}

/** Every element's findings for one path, leaf first. */
export function elementStatuses(facts: PathFacts, purpose: ChainPurpose, at: Date, revocation: RevocationMode): ElementStatus[][] {
	const { path } = facts;
	const chain = path.entries.map((e) => e.certificate);
	const last = chain.length - 1;
	const trustedRoot = path.end === 'anchor';
	const out: ElementStatus[][] = chain.map(() => []);
	for (let d = 0; d <= last; d++) {
		const c = chain[d]!;
		const isTrustedRoot = trustedRoot && d === last;
		const s = out[d]!;
		s.push(...checkTime(c, at));
		if (d < last) {
			s.push(...signatureStatus(facts.signatures[d]!, formatRfc4514(chain[d + 1]!.subject)));
			if (path.matches[d] === 'nameKeyIdMismatch') s.push(status('HAS_NAME_MATCH_ISSUER', 'info', `Matched by name only: its authority key identifier ${c.authorityKeyIdentifier?.keyIdentifier ?? c.authorityKeyIdentifier?.serialNumber ?? ''} does not match this issuer's subject key identifier ${chain[d + 1]!.subjectKeyIdentifier ?? ''}.`));
		}
		if (d > 0) s.push(...checkCa(chain, d, isTrustedRoot));
		s.push(...checkKeyUsage(c, d, purpose), ...checkEku(c, d, purpose), ...checkExtensions(c), ...checkWeak(c, isTrustedRoot));
		if (d < last || path.end !== 'anchor') s.push(...revocationStatus(facts.revocation[d], revocation));
	}
	// Name constraints of each CA apply to every certificate below it (self-issued intermediates excepted).
	for (let ca = 1; ca <= last; ca++) {
		for (let d = 0; d < ca; d++) {
			if (d > 0 && chain[d]!.isSelfIssued) continue;
			for (const f of checkNameConstraints(chain[ca]!, chain[d]!)) for (const flag of f.flags) out[d]!.push(status(flag, f.severity, f.message));
		}
	}
	out[last]!.push(...topStatus(facts));
	return out;
}
