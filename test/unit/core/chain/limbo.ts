/** The vendored x509-limbo suite (test/fixtures/limbo): its testcases, which ones the product claims, and one run. */
import { gunzipSync } from 'node:zlib';
import { buildChains, CertificatePool, parseCrls, parsePublicSuffixList, SignatureChecker, type ChainProfile, type ChainPurpose, type ChainResult, type PeerName, type PublicSuffixList } from '../../../../src/core/chain';
import { loadCertificatesSync, type Certificate } from '../../../../src/core/x509';
import { readFixture } from '../../../support/fixtures';

/** One testcase, in the suite's published schema (version 1); fields the test does not use are left out. */
export interface LimboCase {
	readonly id: string;
	/** Cases of the other namespace that expect the opposite result for the same certificates (RFC 5280 vs Web PKI). */
	readonly conflicts_with: readonly string[];
	readonly features: readonly string[];
	readonly description: string;
	readonly validation_kind: 'SERVER' | 'CLIENT';
	readonly trusted_certs: readonly string[];
	readonly untrusted_intermediates: readonly string[];
	readonly peer_certificate: string;
	readonly validation_time: string | null;
	readonly extended_key_usage: readonly string[];
	readonly expected_result: 'SUCCESS' | 'FAILURE';
	readonly expected_peer_name: { readonly kind: 'DNS' | 'IP' | 'RFC822'; readonly value: string } | null;
	readonly max_chain_depth: number | null;
	readonly crls: readonly string[];
}

/** Every testcase of limbo.json.gz (gzip of the suite file; see the fixture README for provenance). */
export function limboCases(): LimboCase[] {
	const json = JSON.parse(gunzipSync(readFixture('limbo/limbo.json.gz')).toString('utf8')) as { version: number; testcases: LimboCase[] };
	if (json.version !== 1) throw new Error(`limbo.json: schema version ${json.version}, expected 1`);
	return json.testcases;
}

/** Features the product does not claim, with the reason (anything else is claimed). */
export function skipReason(c: LimboCase): string | undefined {
	if (c.features.includes('pedantic-rfc5280')) return 'pedantic reading the suite itself contradicts (cve::cve-2024-0567 expects success with a trusted cross-signed root that has no AKI either)';
	return undefined;
}

/**
 * The profile a case is judged under: the suite's `webpki::` namespace tests CA/Browser Forum rules, so `webpki`;
 * every other namespace tests RFC 5280 path validation, so `rfc5280`. One profile cannot serve both: the suite
 * pairs three cases with `conflicts_with` (e.g. `rfc5280::ca-as-leaf` succeeds, `webpki::ca-as-leaf` fails).
 */
export function profileFor(c: LimboCase): ChainProfile {
	return c.id.startsWith('webpki::') ? 'webpki' : 'rfc5280';
}

let psl: PublicSuffixList | undefined;
/** The vendored Public Suffix List (test/fixtures/publicsuffix, Debian's copy). */
export function publicSuffixes(): PublicSuffixList {
	psl ??= parsePublicSuffixList(gunzipSync(readFixture('publicsuffix/public_suffix_list.dat.gz')).toString('utf8'), 'public_suffix_list.dat');
	return psl;
}

function certs(pems: readonly string[]): Certificate[] {
	return pems.flatMap((p) => loadCertificatesSync(new TextEncoder().encode(p)).value.map((l) => l.certificate));
}

/** The engine options the case's expectations map to: purpose from the EKU list, peer name, depth, CRLs, time. */
export function purposeOf(c: LimboCase): ChainPurpose {
	if (c.extended_key_usage.includes('serverAuth')) return 'server';
	if (c.extended_key_usage.includes('clientAuth')) return 'client';
	return 'any';
}

function peerOf(c: LimboCase): PeerName | undefined {
	const p = c.expected_peer_name;
	if (!p || p.kind === 'RFC822') return undefined;
	return { kind: p.kind === 'IP' ? 'ip' : 'dns', value: p.value };
}

/** Runs one case under `profile` with one shared signature checker (and, for `webpki`, the vendored Public Suffix List). */
export async function runCase(c: LimboCase, profile: ChainProfile, checker: SignatureChecker, suffixes: PublicSuffixList | null = profile === 'webpki' ? publicSuffixes() : null): Promise<ChainResult> {
	const pool = new CertificatePool();
	pool.addAll(certs(c.untrusted_intermediates), 'untrusted_intermediates');
	pool.addAll(certs(c.trusted_certs), 'trusted_certs', { anchor: true });
	const leaf = certs([c.peer_certificate])[0];
	if (!leaf) throw new Error(`${c.id}: the peer certificate does not decode`);
	const crls = c.crls.flatMap((pem, i) => parseCrls(new TextEncoder().encode(pem), `crl${i}`).value);
	const peer = peerOf(c);
	return buildChains(leaf, pool, checker, {
		profile,
		purpose: purposeOf(c),
		at: c.validation_time ? new Date(c.validation_time) : new Date(),
		crls,
		revocation: crls.length ? 'require' : 'none',
		...(peer ? { peer } : {}),
		...(c.max_chain_depth !== null ? { maxChainDepth: c.max_chain_depth } : {}),
		...(suffixes ? { publicSuffixes: suffixes } : {}),
	});
}
