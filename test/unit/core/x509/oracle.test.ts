import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatRfc4514, loadCertificatesSync, type Certificate } from '../../../../src/core/x509';
import { fixturePath } from '../../../support/fixtures';

/** OpenSSL's long names for EKU OIDs (it prints unknown ones as dotted OIDs). */
const EKU_NAMES: Record<string, string> = {
	'TLS Web Server Authentication': '1.3.6.1.5.5.7.3.1',
	'TLS Web Client Authentication': '1.3.6.1.5.5.7.3.2',
	'Code Signing': '1.3.6.1.5.5.7.3.3',
	'E-mail Protection': '1.3.6.1.5.5.7.3.4',
	'IPSec End System': '1.3.6.1.5.5.7.3.5',
	'IPSec Tunnel': '1.3.6.1.5.5.7.3.6',
	'IPSec User': '1.3.6.1.5.5.7.3.7',
	'Time Stamping': '1.3.6.1.5.5.7.3.8',
	'OCSP Signing': '1.3.6.1.5.5.7.3.9',
	'Any Extended Key Usage': '2.5.29.37.0',
	'Microsoft Server Gated Crypto': '1.3.6.1.4.1.311.10.3.3',
	'Netscape Server Gated Crypto': '2.16.840.1.113730.4.1',
	'Microsoft Encrypted File System': '1.3.6.1.4.1.311.10.3.4',
	'Microsoft Smartcard Login': '1.3.6.1.4.1.311.20.2.2',
	'ipsec Internet Key Exchange': '1.3.6.1.5.5.7.3.17',
};

interface OpenSslView {
	subject?: string;
	issuer?: string;
	serial?: string;
	notBefore?: string;
	notAfter?: string;
	sha1?: string;
	sha256?: string;
	basicConstraints?: string;
	eku?: string[];
	ski?: string;
	aki?: string;
}

function parseOpenSsl(lines: string[]): OpenSslView {
	const v: OpenSslView = {};
	const value = (l: string): string => l.slice(l.indexOf('=') + 1);
	for (let i = 0; i < lines.length; i++) {
		const l = lines[i]!;
		const next = (lines[i + 1] ?? '').trim();
		if (l.startsWith('subject=')) v.subject = value(l);
		else if (l.startsWith('issuer=')) v.issuer = value(l);
		else if (l.startsWith('serial=')) v.serial = value(l);
		else if (l.startsWith('notBefore=')) v.notBefore = new Date(value(l)).toISOString().replace('.000Z', 'Z');
		else if (l.startsWith('notAfter=')) v.notAfter = new Date(value(l)).toISOString().replace('.000Z', 'Z');
		else if (/^sha1 Fingerprint=/i.test(l)) v.sha1 = value(l).replace(/:/g, '');
		else if (/^sha256 Fingerprint=/i.test(l)) v.sha256 = value(l).replace(/:/g, '');
		else if (l.startsWith('X509v3 Basic Constraints:')) v.basicConstraints = `${next}${l.includes('critical') ? ' critical' : ''}`;
		else if (l.startsWith('X509v3 Extended Key Usage:')) v.eku = next.split(', ').map((n) => EKU_NAMES[n] ?? n);
		else if (l.startsWith('X509v3 Subject Key Identifier:')) v.ski = next.replace(/:/g, '');
		else if (l.startsWith('X509v3 Authority Key Identifier:')) {
			const id = next.replace(/^keyid:/, '');
			if (/^([0-9A-F]{2}:)*[0-9A-F]{2}$/.test(id)) v.aki = id.replace(/:/g, '');
		}
	}
	return v;
}

function ours(c: Certificate): OpenSslView {
	const bc = c.basicConstraints;
	return {
		subject: formatRfc4514(c.subject),
		issuer: formatRfc4514(c.issuer),
		serial: c.serialHex,
		notBefore: c.notBeforeIso,
		notAfter: c.notAfterIso,
		sha1: c.sha1,
		sha256: c.sha256,
		...(bc ? { basicConstraints: `CA:${bc.ca ? 'TRUE' : 'FALSE'}${bc.pathLength !== undefined ? `, pathlen:${bc.pathLength}` : ''}${bc.critical ? ' critical' : ''}` } : {}),
		...(c.extendedKeyUsage ? { eku: c.extendedKeyUsage.map((e) => e.oid) } : {}),
		...(c.subjectKeyIdentifier ? { ski: c.subjectKeyIdentifier } : {}),
		...(c.authorityKeyIdentifier?.keyIdentifier ? { aki: c.authorityKeyIdentifier.keyIdentifier } : {}),
	};
}

/** Splits an RFC 2253 string into [type, value] pairs (escapes kept) with types compared case-insensitively. */
function canonicalDn(dn: string): string {
	return dn
		.split(/(?<!\\)[,+]/)
		.map((ava) => {
			const eq = ava.indexOf('=');
			return `${ava.slice(0, eq).toLowerCase()}=${ava.slice(eq + 1)}`;
		})
		.join(',');
}

function runBash(script: string, args: string[]): Promise<string> {
	return new Promise((resolve, reject) => {
		const child = spawn('bash', ['-c', script, 'oracle', ...args]);
		let out = '';
		child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
		child.on('error', reject);
		child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`openssl loop exited ${code}`))));
	});
}

suite('x509 oracle: fields equal what openssl x509 reports', function () {
	this.timeout(180_000);

	test('lab PKI, bundle-300 and ≥ 100 system certificates (/etc/ssl/certs)', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'schannel-lens-oracle-'));
		const files: string[] = [];
		const pki = fixturePath('pki');
		for (const f of readdirSync(pki)) if (f.endsWith('.cer')) files.push(join(pki, f));
		// bundle-300.pem split with a regex (independent of the loader under test).
		const bundle = readFileSync(join(pki, 'bundle-300.pem'), 'latin1').match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
		bundle.forEach((pem, i) => {
			const p = join(dir, `bundle-${i}.pem`);
			writeFileSync(p, `${pem}\n`);
			files.push(p);
		});
		let system = 0;
		try {
			for (const f of readdirSync('/etc/ssl/certs')) {
				if (!f.endsWith('.pem')) continue;
				files.push(join('/etc/ssl/certs', f));
				system++;
			}
		} catch {
			// counted below
		}
		assert.ok(system >= 100, `only ${system} certificates in /etc/ssl/certs/*.pem (need ≥ 100: install ca-certificates)`);
		assert.ok(bundle.length >= 300);
		const script = `for f in "$@"; do echo "@@@ $f"; case "$f" in *.cer) i=DER;; *) i=PEM;; esac
openssl x509 -inform $i -in "$f" -noout -subject -issuer -serial -dates -fingerprint -sha1 -nameopt RFC2253,-esc_msb -ext basicConstraints,extendedKeyUsage,subjectKeyIdentifier,authorityKeyIdentifier 2>/dev/null
openssl x509 -inform $i -in "$f" -noout -fingerprint -sha256; done`;
		// Eight openssl loops in parallel; each prints "@@@ FILE" before that file's report.
		const slices = Array.from({ length: 8 }, (_, k) => files.filter((_, i) => i % 8 === k));
		const outputs = await Promise.all(slices.map((slice) => runBash(script, slice)));
		const chunks = outputs.join('').split('@@@ ').slice(1);
		assert.equal(chunks.length, files.length);
		const mismatches: string[] = [];
		let compared = 0;
		for (const chunk of chunks) {
			const [file, ...lines] = chunk.split('\n');
			const expected = parseOpenSsl(lines);
			const loaded = loadCertificatesSync(new Uint8Array(readFileSync(file!)));
			assert.equal(loaded.value.length, 1, `${file}: ${JSON.stringify(loaded.problems)}`);
			const actual = ours(loaded.value[0]!.certificate);
			actual.subject = canonicalDn(actual.subject!);
			actual.issuer = canonicalDn(actual.issuer!);
			expected.subject = canonicalDn(expected.subject ?? '');
			expected.issuer = canonicalDn(expected.issuer ?? '');
			for (const key of Object.keys({ ...expected, ...actual }) as (keyof OpenSslView)[]) {
				if (JSON.stringify(actual[key]) !== JSON.stringify(expected[key])) mismatches.push(`${file} ${key}: ours ${JSON.stringify(actual[key])} openssl ${JSON.stringify(expected[key])}`);
			}
			compared++;
		}
		assert.deepEqual(mismatches.slice(0, 20), []);
		assert.ok(compared >= 100 + 300);
	});
});
