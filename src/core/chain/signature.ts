/** Signature checks through an injected WebCrypto `SubtleCrypto` (the core has no crypto of its own for this). */
import * as l10n from '@vscode/l10n';
import type { Certificate } from '../x509';
import { oidName } from '../x509/oids';
import { decodePssParams, ecdsaDerToP1363, signedParts, subjectPublicKeyInfo, type SignedParts } from './signedParts';
import type { SignatureStatus } from './types';

/** WebCrypto algorithm parameters, kept structural so no DOM lib is needed. */
export type ChainAlgorithm = { name: string; [key: string]: unknown };

/** The slice of `SubtleCrypto` chain building uses; the host passes `globalThis.crypto.subtle`. */
export interface ChainCrypto {
	importKey(format: 'spki', keyData: Uint8Array, algorithm: ChainAlgorithm, extractable: boolean, keyUsages: ['verify']): Promise<unknown>;
	verify(algorithm: ChainAlgorithm, key: unknown, signature: Uint8Array, data: Uint8Array): Promise<boolean>;
}

/** The outcome of one signature check. */
export interface SignatureCheck {
	readonly status: SignatureStatus;
	/** The algorithm name, or why it could not be checked. */
	readonly detail: string;
}

const HASHES: Record<string, string> = { '1.3.14.3.2.26': 'SHA-1', '2.16.840.1.101.3.4.2.1': 'SHA-256', '2.16.840.1.101.3.4.2.2': 'SHA-384', '2.16.840.1.101.3.4.2.3': 'SHA-512' };
const RSA_PKCS1: Record<string, string> = { '1.2.840.113549.1.1.5': 'SHA-1', '1.2.840.113549.1.1.11': 'SHA-256', '1.2.840.113549.1.1.12': 'SHA-384', '1.2.840.113549.1.1.13': 'SHA-512' };
const ECDSA: Record<string, string> = { '1.2.840.10045.4.1': 'SHA-1', '1.2.840.10045.4.3.2': 'SHA-256', '1.2.840.10045.4.3.3': 'SHA-384', '1.2.840.10045.4.3.4': 'SHA-512' };
const CURVES: Record<string, [string, number]> = { '1.2.840.10045.3.1.7': ['P-256', 32], '1.3.132.0.34': ['P-384', 48], '1.3.132.0.35': ['P-521', 66] };
const RSA_KEYS = new Set(['1.2.840.113549.1.1.1', '1.2.840.113549.1.1.10']);

interface Plan {
	readonly importAlg: ChainAlgorithm;
	readonly verifyAlg: ChainAlgorithm;
	readonly signature: Uint8Array;
}

/** How to verify `parts` with `issuer`'s key in WebCrypto terms, or the plain reason it cannot be done. */
function plan(parts: SignedParts, issuer: Certificate): Plan | string {
	const oid = parts.algorithmOid;
	const key = issuer.publicKey;
	if (RSA_PKCS1[oid]) {
		if (!RSA_KEYS.has(key.algorithmOid)) return l10n.t('{0} signature but the issuer key is {1}', oidName(oid), key.algorithm);
		return { importAlg: { name: 'RSASSA-PKCS1-v1_5', hash: RSA_PKCS1[oid] }, verifyAlg: { name: 'RSASSA-PKCS1-v1_5' }, signature: parts.signature };
	}
	if (oid === '1.2.840.113549.1.1.10') {
		const pss = decodePssParams(parts.algorithmParams);
		if (!pss) return l10n.t('RSA-PSS parameters do not decode');
		const hash = HASHES[pss.hashOid];
		if (!hash || pss.mgfHashOid !== pss.hashOid) return l10n.t('unsupported signature algorithm {0} (hash {1}, MGF1 {2})', oidName(oid), oidName(pss.hashOid), oidName(pss.mgfHashOid));
		if (!RSA_KEYS.has(key.algorithmOid)) return l10n.t('RSA-PSS signature but the issuer key is {0}', key.algorithm);
		return { importAlg: { name: 'RSA-PSS', hash }, verifyAlg: { name: 'RSA-PSS', saltLength: pss.saltLength }, signature: parts.signature };
	}
	if (ECDSA[oid]) {
		const curve = CURVES[key.curveOid ?? ''];
		if (!curve) return l10n.t('unsupported signature algorithm {0} on curve {1}', oidName(oid), key.curve ?? key.algorithm);
		const p1363 = ecdsaDerToP1363(parts.signature, curve[1]);
		if (!p1363) return l10n.t('ECDSA signature value does not decode');
		return { importAlg: { name: 'ECDSA', namedCurve: curve[0] }, verifyAlg: { name: 'ECDSA', hash: ECDSA[oid] }, signature: p1363 };
	}
	if (oid === '1.3.101.112' || oid === '1.3.101.113') {
		const name = oid === '1.3.101.112' ? 'Ed25519' : 'Ed448';
		if (key.algorithmOid !== oid) return l10n.t('{0} signature but the issuer key is {1}', name, key.algorithm);
		return { importAlg: { name }, verifyAlg: { name }, signature: parts.signature };
	}
	return l10n.t('unsupported signature algorithm {0}', oidName(oid));
}

/**
 * Checks signatures with an injected WebCrypto, caching imported keys and results (reuse one per session).
 * @example const checker = new SignatureChecker(globalThis.crypto.subtle); await checker.check(leaf, issuer)
 */
export class SignatureChecker {
	private readonly _keys = new Map<string, Promise<unknown>>();
	private readonly _results = new Map<string, Promise<SignatureCheck>>();

	constructor(private readonly _crypto: ChainCrypto) {}

	/** Does `issuer`'s key verify `subject`'s signature? Never rejects. */
	check(subject: Certificate, issuer: Certificate): Promise<SignatureCheck> {
		const id = `${subject.sha256}>${issuer.sha256}`;
		let result = this._results.get(id);
		if (!result) {
			const parts = signedParts(subject.der);
			result = parts ? this.checkParts(parts, issuer) : Promise.resolve({ status: 'unsupported', detail: l10n.t('the certificate does not decode') });
			this._results.set(id, result);
		}
		return result;
	}

	/** Verifies any signed structure (a certificate or a CRL) with `issuer`'s key. Never rejects. */
	async checkParts(parts: SignedParts, issuer: Certificate): Promise<SignatureCheck> {
		const p = plan(parts, issuer);
		const name = oidName(parts.algorithmOid);
		if (typeof p === 'string') return { status: 'unsupported', detail: p };
		const spki = subjectPublicKeyInfo(issuer);
		if (!spki) return { status: 'unsupported', detail: l10n.t('the issuer public key does not decode') };
		let key: unknown;
		try {
			key = await this.importKey(issuer, spki, p.importAlg);
		} catch (err) {
			return { status: 'unsupported', detail: l10n.t('{0}: the issuer key cannot be imported ({1})', name, err instanceof Error ? err.message : String(err)) };
		}
		try {
			const ok = await this._crypto.verify(p.verifyAlg, key, p.signature, parts.tbs);
			return { status: ok ? 'valid' : 'invalid', detail: name };
		} catch (err) {
			return { status: 'invalid', detail: `${name}: ${err instanceof Error ? err.message : String(err)}` };
		}
	}

	private importKey(issuer: Certificate, spki: Uint8Array, alg: ChainAlgorithm): Promise<unknown> {
		const id = `${issuer.sha256}:${JSON.stringify(alg)}`;
		let key = this._keys.get(id);
		if (!key) {
			key = this._crypto.importKey('spki', spki, alg, false, ['verify']);
			this._keys.set(id, key);
		}
		return key;
	}
}
