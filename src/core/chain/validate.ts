/** Validating one discovered path: every element's findings, mapped to CERT_TRUST flags. */
import * as l10n from '@vscode/l10n';
import { formatRfc4514 } from '../x509';
import type { RawPath } from './build';
import { checkCa, checkEku, checkExtensions, checkKeyUsage, checkTime, checkWeak, status } from './checks';
import type { RevocationCheck } from './crl';
import { checkNameConstraints, constraintSyntax, type NameCheckBudget } from './nameConstraints';
import { checkPeerName } from './peerName';
import { lenient, rfc5280 } from './profile';
import type { PublicSuffixList } from './publicSuffix';
import { profileRules } from './rfc5280';
import type { SignatureCheck } from './signature';
import type { ChainProfile, ChainPurpose, ElementStatus, PeerName } from './types';
import { webpkiRules } from './webpki';

/** Everything that decides how a path is judged besides the path itself. */
export interface JudgeContext {
	readonly purpose: ChainPurpose;
	readonly at: Date;
	readonly revocation: RevocationMode;
	readonly profile: ChainProfile;
	readonly peer?: PeerName;
	/** Most intermediate CAs allowed (self-issued ones not counted). */
	readonly maxChainDepth?: number;
	/** Name-constraint comparisons left for this build. */
	readonly nameBudget: NameCheckBudget;
	/** The Public Suffix List for the BR wildcard rule (webpki.ts), when one was loaded. */
	readonly publicSuffixes?: PublicSuffixList;
}

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
	if (check.status === 'invalid') return [status('IS_NOT_SIGNATURE_VALID', 'error', l10n.t('The signature ({0}) does not verify with the public key of "{1}".', check.detail, issuerName), 'RFC 5280 §6.1.3 (a)(1)')];
	return [status('IS_NOT_SIGNATURE_VALID', 'error', l10n.t('The signature could not be checked: {0}.', check.detail), 'RFC 5280 §6.1.3 (a)(1)')];
}

function revocationStatus(r: RevocationCheck | undefined, mode: RevocationMode, profile: ChainProfile): ElementStatus[] {
	if (!r || mode === 'none') return [];
	const notes = (r.profileNotes ?? []).map((n) => lenient(profile, n.rfc, n.message));
	if (notes.length) return [...notes, ...revocationStatus({ state: r.state, message: r.message }, mode, profile)];
	if (r.state === 'revoked') return [status('IS_REVOKED', 'error', r.message, 'RFC 5280 §6.1.3 (a)(3)')];
	if (r.state === 'good') return [];
	const sev = mode === 'require' ? 'error' : 'info';
	return [status('REVOCATION_STATUS_UNKNOWN', sev, r.message), status('IS_OFFLINE_REVOCATION', sev, l10n.t('Windows would report the revocation server as offline if it cannot download the CRL either.'))];
}

function topStatus(facts: PathFacts): ElementStatus[] {
	const { path, selfSignature } = facts;
	const top = path.entries[path.entries.length - 1]!.certificate;
	const issuer = formatRfc4514(top.issuer);
	switch (path.end) {
		case 'anchor':
			return selfSignature && selfSignature.status !== 'valid' ? [status('IS_NOT_SIGNATURE_VALID', 'warning', l10n.t('The trusted root\'s self-signature {0}; trust comes from the root store, not the signature.', selfSignature.status === 'invalid' ? l10n.t('does not verify') : l10n.t('could not be checked ({0})', selfSignature.detail)))] : [];
		case 'untrustedRoot': {
			const out = [status('IS_UNTRUSTED_ROOT', 'error', l10n.t('This self-signed root is not among the trust anchors (the chosen Root store export or bundle).'))];
			if (selfSignature && selfSignature.status !== 'valid') out.push(...signatureStatus(selfSignature, formatRfc4514(top.subject)));
			return out;
		}
		case 'noIssuer':
			return [status('IS_PARTIAL_CHAIN', 'error', l10n.t('The issuer "{0}" is not in any source{1}.', issuer, top.authorityInfoAccess?.caIssuers.length ? l10n.t('; download it from {0} and add it to a store', top.authorityInfoAccess.caIssuers.join(', ')) : ''))];
		case 'cycle':
			return [status('IS_CYCLIC', 'error', l10n.t('Every certificate named "{0}" is already in this chain: the issuers form a loop.', issuer)), status('IS_PARTIAL_CHAIN', 'error', l10n.t('The loop never reaches a root.'))];
		case 'depthLimit':
			return [status('IS_PARTIAL_CHAIN', 'error', l10n.t('The chain was cut at {0} certificates (depth limit).', path.entries.length))];
		case 'workLimit':
			return [status('IS_PARTIAL_CHAIN', 'error', l10n.t('Path building stopped here at a work limit (too many issuer candidates or too long); the chain was not completed.'))];
	}
}

/** Every element's findings for one path, leaf first. */
export function elementStatuses(facts: PathFacts, ctx: JudgeContext): ElementStatus[][] {
	const { path } = facts;
	const { purpose, at, profile } = ctx;
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
			if (path.matches[d] === 'nameKeyIdMismatch') s.push(status('HAS_NAME_MATCH_ISSUER', 'info', l10n.t('Matched by name only: its authority key identifier {0} does not match this issuer\'s subject key identifier {1}.', c.authorityKeyIdentifier?.keyIdentifier ?? c.authorityKeyIdentifier?.serialNumber ?? '', chain[d + 1]!.subjectKeyIdentifier ?? '')));
		}
		if (d > 0) s.push(...checkCa(chain, d, isTrustedRoot), ...constraintSyntax(c, profile));
		s.push(...checkKeyUsage(c, d, purpose, profile), ...checkEku(c, d, purpose), ...checkExtensions(c, profile), ...checkWeak(c, isTrustedRoot));
		const role = { depth: d, actsAsCa: d > 0, anchor: isTrustedRoot };
		s.push(...profileRules(c, role, profile), ...webpkiRules(c, role, { profile, purpose, ...(ctx.publicSuffixes ? { publicSuffixes: ctx.publicSuffixes } : {}) }));
		if (d < last || path.end !== 'anchor') s.push(...revocationStatus(facts.revocation[d], ctx.revocation, profile));
	}
	// Name constraints of each CA apply to every certificate below it (self-issued intermediates excepted).
	for (let ca = 1; ca <= last; ca++) {
		for (let d = 0; d < ca; d++) {
			if (d > 0 && chain[d]!.isSelfIssued) continue;
			for (const f of checkNameConstraints(chain[ca]!, chain[d]!, ctx.nameBudget)) for (const flag of f.flags) out[d]!.push({ ...status(flag, f.severity, f.message), ...(f.rfc ? { rfc: f.rfc } : {}) });
		}
	}
	if (ctx.peer) out[0]!.push(...checkPeerName(chain[0]!, ctx.peer, profile));
	if (ctx.maxChainDepth !== undefined) {
		const intermediates = chain.slice(1, trustedRoot ? last : last + 1).filter((c) => !c.isSelfIssued).length;
		if (intermediates > ctx.maxChainDepth) out[0]!.push({ ...status('INVALID_BASIC_CONSTRAINTS', 'error', l10n.t('The chain has {0} intermediate CA certificate(s); the limit given (max depth) is {1}.', intermediates, ctx.maxChainDepth)), rfc: rfc5280('6.1.2 (k)') });
	}
	out[last]!.push(...topStatus(facts));
	return out;
}
