// Issue 13: @peculiar/x509 as an independent, in-process oracle. Every certificate in the fixtures (lab PKI,
// chain scenarios, public files) is parsed by it and by the core; subject, issuer, serial, validity, the
// extension list and the decoded extensions, and both thumbprints must agree.
import '../../../support/reflectMetadata';
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';
import { loadCertificatesSync, type Certificate, type Name } from '../../../../src/core/x509';
import { fixturePath } from '../../../support/fixtures';

const CERT_FILES = /\.(cer|crt|der|pem|p7b|p7c|sst)$/i;
/** KeyUsageFlags bit values of @peculiar/x509, in the core's names. */
const KEY_USAGE_FLAGS: [number, string][] = [
	[1, 'digitalSignature'], [2, 'nonRepudiation'], [4, 'keyEncipherment'], [8, 'dataEncipherment'], [16, 'keyAgreement'],
	[32, 'keyCertSign'], [64, 'cRLSign'], [128, 'encipherOnly'], [256, 'decipherOnly'],
];

function certificateFiles(): string[] {
	const out: string[] = [];
	for (const dir of ['pki', 'chains', 'public']) {
		for (const name of readdirSync(fixturePath(dir))) if (CERT_FILES.test(name)) out.push(join(fixturePath(dir), name));
	}
	return out.sort();
}

/** A name as [[oid, text]...] per RDN, in DER order. */
function coreName(name: Name): string[][] {
	return name.rdns.map((rdn) => rdn.attributes.map((a) => `${a.oid}=${a.text ?? '(undecoded)'}`));
}

/** The parsed RDNSequence @peculiar/x509 keeps (its `asn` member, private in the typings) in DER order. */
interface PeculiarRdnSequence {
	readonly asn: readonly (readonly { readonly type: string; readonly value: { toString(): string } }[])[];
}

function peculiarName(name: x509.Name): string[][] {
	return (name as unknown as PeculiarRdnSequence).asn.map((rdn) => rdn.map((a) => `${a.type}=${a.value.toString()}`));
}

const hex = (b: ArrayBuffer) => Buffer.from(b).toString('hex');

/** The fields both libraries decode, from the core. */
function fromCore(c: Certificate): unknown {
	return {
		subject: coreName(c.subject),
		issuer: coreName(c.issuer),
		serial: c.serialHex.toLowerCase().replace(/^(00)+(?=.)/, ''),
		notBefore: c.notBefore.toISOString(),
		notAfter: c.notAfter.toISOString(),
		extensions: c.extensions.map((e) => `${e.oid}${e.critical ? ' critical' : ''}`),
		basicConstraints: c.basicConstraints && { ca: c.basicConstraints.ca, pathLength: c.basicConstraints.pathLength },
		keyUsage: c.keyUsage && [...c.keyUsage].sort(),
		extendedKeyUsage: c.extendedKeyUsage?.map((u) => u.oid),
		subjectKeyIdentifier: c.subjectKeyIdentifier?.toLowerCase(),
		authorityKeyIdentifier: c.authorityKeyIdentifier?.keyIdentifier?.toLowerCase(),
		dnsNames: c.subjectAltName?.filter((n) => n.type === 'DNS').map((n) => n.value),
		sha1: c.sha1.toLowerCase(),
		sha256: c.sha256.toLowerCase(),
	};
}

/** The same fields, from @peculiar/x509. */
async function fromPeculiar(der: Uint8Array): Promise<unknown> {
	const c = new x509.X509Certificate(der);
	const ext = <T extends x509.Extension>(type: new (...args: never[]) => T): T | undefined => c.extensions.find((e): e is T => e instanceof type);
	const bc = ext(x509.BasicConstraintsExtension);
	const ku = ext(x509.KeyUsagesExtension);
	const eku = ext(x509.ExtendedKeyUsageExtension);
	const ski = ext(x509.SubjectKeyIdentifierExtension);
	const aki = ext(x509.AuthorityKeyIdentifierExtension);
	const san = ext(x509.SubjectAlternativeNameExtension);
	return {
		subject: peculiarName(c.subjectName),
		issuer: peculiarName(c.issuerName),
		serial: c.serialNumber.toLowerCase().replace(/^(00)+(?=.)/, ''),
		notBefore: c.notBefore.toISOString(),
		notAfter: c.notAfter.toISOString(),
		extensions: c.extensions.map((e) => `${e.type}${e.critical ? ' critical' : ''}`),
		basicConstraints: bc && { ca: bc.ca, pathLength: bc.pathLength },
		keyUsage: ku && KEY_USAGE_FLAGS.filter(([bit]) => (ku.usages & bit) !== 0).map(([, name]) => name).sort(),
		extendedKeyUsage: eku?.usages.map(String),
		subjectKeyIdentifier: ski?.keyId.toLowerCase(),
		authorityKeyIdentifier: aki?.keyId?.toLowerCase(),
		dnsNames: san?.names.items.filter((n) => n.type === 'dns').map((n) => n.value),
		sha1: hex(await c.getThumbprint('SHA-1')),
		sha256: hex(await c.getThumbprint('SHA-256')),
	};
}

/** JSON without undefined members, so "absent" compares equal on both sides. */
const plain = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;

suite('x509 oracle: @peculiar/x509 agrees with the core on every certificate fixture (issue 13)', function () {
	this.timeout(120_000);

	test('subject, issuer, serial, validity, extensions and thumbprints', async () => {
		const files = certificateFiles();
		let compared = 0;
		const failures: string[] = [];
		for (const file of files) {
			const loaded = loadCertificatesSync(new Uint8Array(readFileSync(file))).value;
			for (const [i, { certificate }] of loaded.entries()) {
				const where = `${file.slice(fixturePath('').length)} #${i}`;
				let theirs: unknown;
				try {
					theirs = plain(await fromPeculiar(certificate.der));
				} catch (err) {
					failures.push(`${where}: @peculiar/x509 cannot parse it: ${err instanceof Error ? err.message : String(err)}`);
					continue;
				}
				try {
					assert.deepEqual(plain(fromCore(certificate)), theirs);
					compared++;
				} catch (err) {
					failures.push(`${where}: ${err instanceof Error ? err.message : String(err)}`);
				}
			}
		}
		assert.deepEqual(failures, []);
		// Not vacuous: the lab PKI, the 301-certificate bundle and the chain scenarios are all there.
		assert.ok(compared >= 350, `only ${compared} certificates compared from ${files.length} files`);
		console.log(`      ${compared} certificates from ${files.length} files agree`);
	});
});
