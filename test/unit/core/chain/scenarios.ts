/** The chain fixtures (test/fixtures/chains, made by generate.sh) as scenarios shared by the engine, agreement and CLI tests. */
import { loadCertificatesSync, type Certificate } from '../../../../src/core/x509';
import { CertificatePool, parseCrls, type ChainPurpose, type Crl, type TrustFlag } from '../../../../src/core/chain';
import { fixturePath, readFixture } from '../../../support/fixtures';

/** Every verdict is taken at this time (openssl: -attime 1780272000), so the committed fixtures never age. */
export const AT = new Date('2026-06-01T00:00:00Z');
export const AT_EPOCH = AT.getTime() / 1000;

/** One scenario: inputs, and the verdict both tools should give (or the documented difference). */
export interface Scenario {
	readonly name: string;
	readonly leaf: string;
	/** Intermediates / candidates (openssl -untrusted). */
	readonly store: readonly string[];
	/** Trust anchors (openssl -CAfile). */
	readonly anchors: readonly string[];
	readonly purpose: Exclude<ChainPurpose, 'any'>;
	readonly crls?: readonly string[];
	/** Our verdict: accepted, the failing depths of the best chain, and the flags it must carry. */
	readonly ours: { readonly accepted: boolean; readonly depths: readonly number[]; readonly flags: readonly TrustFlag[]; readonly length: number };
	/** Set only where OpenSSL legitimately differs: what openssl says, and why. */
	readonly openssl?: { readonly accepted: boolean; readonly depths: readonly number[]; readonly why: string };
}

const ok = (length: number) => ({ accepted: true, depths: [], flags: [], length });
const bad = (depths: number[], flags: TrustFlag[], length: number) => ({ accepted: false, depths, flags, length });
const ROOT = ['root.pem'];

/** The ten scenarios of issue 4, variants per algorithm, and the two documented differences. */
export const SCENARIOS: readonly Scenario[] = [
	{ name: 'good chain (RSA PKCS#1 v1.5)', leaf: 'leaf.pem', store: ['int.pem'], anchors: ROOT, purpose: 'client', ours: ok(3) },
	{ name: 'good chain (RSA-PSS CA, ECDSA P-384 → P-256 leaf)', leaf: 'leafec.pem', store: ['intec.pem'], anchors: ROOT, purpose: 'client', ours: ok(3) },
	{ name: 'good chain (Ed25519 CA and leaf)', leaf: 'leafed.pem', store: ['inted.pem'], anchors: ROOT, purpose: 'client', ours: ok(3) },
	{ name: 'expired leaf', leaf: 'leafexp.pem', store: ['int.pem'], anchors: ROOT, purpose: 'client', ours: bad([0], ['IS_NOT_TIME_VALID'], 3) },
	{ name: 'expired intermediate', leaf: 'leafexpint.pem', store: ['intexp.pem'], anchors: ROOT, purpose: 'client', ours: bad([1], ['IS_NOT_TIME_VALID'], 3) },
	{ name: 'missing intermediate', leaf: 'leafint2.pem', store: ['int.pem'], anchors: ROOT, purpose: 'client', ours: bad([0], ['IS_PARTIAL_CHAIN'], 1) },
	{ name: 'wrong EKU (serverAuth only, client purpose)', leaf: 'leafeku.pem', store: ['int.pem'], anchors: ROOT, purpose: 'client', ours: bad([0], ['IS_NOT_VALID_FOR_USAGE'], 3) },
	{ name: 'untrusted root', leaf: 'leafother.pem', store: ['oint.pem', 'oroot.pem'], anchors: ROOT, purpose: 'client', ours: bad([2], ['IS_UNTRUSTED_ROOT'], 3) },
	{ name: 'bad signature (flipped byte)', leaf: 'leafbadsig.pem', store: ['int.pem'], anchors: ROOT, purpose: 'client', ours: bad([0], ['IS_NOT_SIGNATURE_VALID'], 3) },
	{ name: 'pathLen violation', leaf: 'leafsub.pem', store: ['int.pem', 'sub.pem'], anchors: ROOT, purpose: 'client', ours: bad([2], ['INVALID_BASIC_CONSTRAINTS'], 4) },
	{ name: 'name-constraint violation (DNS)', leaf: 'leafncbad.pem', store: ['intnc.pem'], anchors: ROOT, purpose: 'server', ours: bad([0], ['INVALID_NAME_CONSTRAINTS', 'HAS_NOT_PERMITTED_NAME_CONSTRAINT'], 3) },
	{ name: 'name constraints satisfied (DNS, dirName)', leaf: 'leafncok.pem', store: ['intnc.pem'], anchors: ROOT, purpose: 'server', ours: ok(3) },
	{ name: 'cross-signed alternative path', leaf: 'leafb.pem', store: ['intb.pem', 'crossb.pem'], anchors: ROOT, purpose: 'client', ours: ok(4) },
	{ name: 'root EKU serverAuth only (EKU intersection)', leaf: 'leafrooteku.pem', store: ['inteku.pem'], anchors: ['rooteku.pem'], purpose: 'client', ours: bad([2], ['IS_NOT_VALID_FOR_USAGE'], 3) },
	{ name: 'weak: SHA-1 signature, RSA 1024 key (warnings only)', leaf: 'leafweak.pem', store: ['int.pem'], anchors: ROOT, purpose: 'client', ours: ok(3) },
	{ name: 'revoked (CRL in the workspace)', leaf: 'leafrev.pem', store: ['int.pem'], anchors: ROOT, purpose: 'client', crls: ['int.crl'], ours: bad([0], ['IS_REVOKED'], 3) },
	{
		name: 'cross-signed, the untrusted self-signed root B also present',
		leaf: 'leafb.pem',
		store: ['intb.pem', 'rootb.pem', 'crossb.pem'],
		anchors: ROOT,
		purpose: 'client',
		ours: ok(4),
		openssl: { accepted: false, depths: [2], why: 'OpenSSL 3.0 stops at the first self-signed certificate it finds among -untrusted (error 19) and looks for an alternative only when a trusted certificate can shorten the chain; CryptoAPI builds both paths and keeps the best quality one (the trusted path through the cross certificate).' },
	},
	{
		name: 'MD5 signature',
		leaf: 'leafmd5.pem',
		store: ['int.pem'],
		anchors: ROOT,
		purpose: 'client',
		ours: bad([0], ['HAS_WEAK_SIGNATURE', 'IS_NOT_SIGNATURE_VALID'], 3),
		openssl: { accepted: true, depths: [], why: 'openssl verify checks MD5 signatures at its default security level; Windows blocks MD5 in chains (and WebCrypto cannot verify MD5, which we say plainly).' },
	},
];

/** The certificates of one fixture file. */
export function certs(file: string): Certificate[] {
	return loadCertificatesSync(readFixture(`chains/${file}`)).value.map((l) => l.certificate);
}

/** The first certificate of one fixture file. */
export function cert(file: string): Certificate {
	const c = certs(file)[0];
	if (!c) throw new Error(`no certificate in chains/${file}`);
	return c;
}

/** A pool of `store` candidates and `anchors`. */
export function poolOf(store: readonly string[], anchors: readonly string[]): CertificatePool {
	const pool = new CertificatePool();
	for (const f of store) pool.addAll(certs(f), f);
	for (const f of anchors) pool.addAll(certs(f), f, { anchor: true });
	return pool;
}

/** The CRLs of fixture files. */
export function crlsOf(files: readonly string[] = []): Crl[] {
	return files.flatMap((f) => parseCrls(readFixture(`chains/${f}`), f).value);
}

/** Absolute path of a chain fixture. */
export function chainFixture(file: string): string {
	return fixturePath(`chains/${file}`);
}
