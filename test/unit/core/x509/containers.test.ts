import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRegBytes } from '../../../../src/core/reg';
import { toHex } from '../../../../src/core/crypto';
import { certificatesFromReg, classifyStoreKey, detectContainer, loadCertificates, loadCertificatesSync, parseSerializedStore } from '../../../../src/core/x509';
import { fixturePath, readFixture } from '../../../support/fixtures';

const subtle = globalThis.crypto.subtle;
const text = (s: string): Uint8Array => new TextEncoder().encode(s);

suite('x509 load: containers detected by content', () => {
	const root = readFixture('pki/root-ca.cer');
	const rootPem = readFileSync(fixturePath('pki/root-ca.pem'), 'latin1');
	const serverPem = readFileSync(fixturePath('pki/server.pem'), 'latin1');

	test('PEM: several blocks, CRLF, text around them, line numbers and offsets', () => {
		const input = `Bag Attributes\r\n  friendlyName: x\r\n${rootPem.replace(/\n/g, '\r\n')}some text\r\n${serverPem.replace(/\n/g, '\r\n')}`;
		const r = loadCertificatesSync(text(input));
		assert.deepEqual(r.problems, []);
		assert.equal(r.value.length, 2);
		assert.equal(r.value[0]!.source.pemLine, 2);
		assert.equal(r.value[0]!.source.offset, input.indexOf('-----BEGIN'));
		assert.equal(r.value[1]!.source.offset, input.lastIndexOf('-----BEGIN'));
		assert.equal(toHex(r.value[0]!.der), toHex(root));
	});

	test('PEM labels: TRUSTED CERTIFICATE (with trust trailer), X509 CERTIFICATE, PKCS7, bare base64', () => {
		const trusted = execFileSync('openssl', ['x509', '-in', fixturePath('pki/root-ca.pem'), '-addtrust', 'clientAuth', '-trustout'], { encoding: 'latin1' });
		assert.match(trusted, /BEGIN TRUSTED CERTIFICATE/);
		const t = loadCertificatesSync(text(trusted));
		assert.equal(t.value.length, 1, JSON.stringify(t.problems));
		assert.equal(toHex(t.value[0]!.der), toHex(root));
		const x509 = loadCertificatesSync(text(rootPem.replace(/CERTIFICATE/g, 'X509 CERTIFICATE')));
		assert.equal(x509.value.length, 1);
		const p7pem = execFileSync('openssl', ['pkcs7', '-inform', 'DER', '-in', fixturePath('pki/lab-chain.p7b')], { encoding: 'latin1' });
		const p7 = loadCertificatesSync(text(p7pem));
		assert.equal(p7.value.length, 2);
		assert.equal(p7.value[0]!.source.inner, 'pkcs7');
		const bare = rootPem.replace(/-----[^-]+-----/g, '').trim();
		assert.equal(loadCertificatesSync(text(bare)).value.length, 1);
	});

	test('DER certificate and DER PKCS#7', () => {
		assert.equal(detectContainer(root), 'certificate-der');
		assert.equal(loadCertificatesSync(root).value[0]!.source.container, 'der');
		const p7 = loadCertificatesSync(readFixture('pki/lab-chain.p7b'));
		assert.equal(p7.value.length, 2);
		assert.ok(p7.value.every((c) => c.source.container === 'pkcs7'));
	});

	test('SST: all 434 certificates load; each SHA-1 equals its stored SHA1_HASH property', () => {
		const bytes = readFixture('public/t0rik__winrootCAupdate__roots.sst');
		assert.equal(detectContainer(bytes), 'sst');
		const r = loadCertificatesSync(bytes);
		assert.equal(r.problems.filter((p) => p.severity === 'error').length, 0, JSON.stringify(r.problems.slice(0, 3)));
		assert.equal(r.value.length, 434);
		let withFriendly = 0;
		for (const c of r.value) {
			const prop = c.source.properties?.find((p) => p.id === 3);
			assert.ok(prop, 'the store holds a SHA1_HASH property for every certificate');
			assert.equal(prop.decoded.kind === 'hex' && prop.decoded.hex, c.certificate.sha1);
			const sha256 = c.source.properties?.find((p) => p.id === 98);
			if (sha256?.decoded.kind === 'hex') assert.equal(sha256.decoded.hex, c.certificate.sha256);
			if (c.source.friendlyName) withFriendly++;
		}
		assert.equal(withFriendly, 434);
		const elements = parseSerializedStore(bytes).value;
		assert.ok(elements[0]!.properties.some((p) => p.name === 'FRIENDLY_NAME'));
	});

	test('serialized Blob: the MS-GPEF single-entry vector and a Blob with properties', () => {
		const blob = new Uint8Array(12 + root.length);
		blob.set([0x20, 0, 0, 0, 1, 0, 0, 0]);
		new DataView(blob.buffer).setUint32(8, root.length, true);
		blob.set(root, 12);
		assert.equal(detectContainer(blob), 'blob');
		const r = loadCertificatesSync(blob);
		assert.equal(r.value.length, 1);
		assert.equal(r.value[0]!.source.offset, 12);
		const name = new Uint8Array([...Array.from('Lab root\0', (ch) => [ch.charCodeAt(0), 0]).flat()]);
		const withProp = new Uint8Array([11, 0, 0, 0, 1, 0, 0, 0, name.length, 0, 0, 0, ...name, ...blob]);
		const p = loadCertificatesSync(withProp);
		assert.equal(p.value[0]!.source.friendlyName, 'Lab root');
		const truncated = loadCertificatesSync(blob.subarray(0, 500));
		assert.equal(truncated.value.length, 0);
		assert.match(truncated.problems[0]!.message, /claims \d+ bytes/);
		assert.equal(truncated.problems[0]!.offset, 8);
	});

	test('.reg exports: every certificate Blob in test/fixtures/public loads and its SHA-1 equals the key name', () => {
		let total = 0;
		const dirs = ['public', 'reg'];
		for (const dir of dirs) {
			let files: string[] = [];
			try {
				files = readdirSync(fixturePath(dir)).filter((f) => f.endsWith('.reg'));
			} catch {
				continue;
			}
			for (const f of files) {
				const found = certificatesFromReg(parseRegBytes(readFixture(`${dir}/${f}`)));
				for (const rc of found) {
					assert.ok(rc.certificate, `${f} ${rc.keyPath}: ${JSON.stringify(rc.problems)}`);
					assert.ok(rc.sha1MatchesKey, `${f} ${rc.keyPath}`);
					total++;
				}
			}
		}
		assert.ok(total >= 14, `only ${total} Blobs found`);
	});

	test('.reg via loadCertificates: container reg with store path', () => {
		const r = loadCertificatesSync(readFixture('public/dmcert__CertTool__root__R4RootCA.reg'));
		assert.ok(r.value.length >= 1);
		assert.equal(r.value[0]!.source.container, 'reg');
		assert.match(r.value[0]!.source.storePath ?? '', /SystemCertificates\\.+\\Certificates\\[0-9A-F]{40}$/i);
	});

	test('store key classification', () => {
		assert.deepEqual(classifyStoreKey('HKEY_LOCAL_MACHINE', 'SOFTWARE\\Microsoft\\SystemCertificates\\Root\\Certificates\\AB'), { storeLocation: 'LOCAL_MACHINE', storeName: 'Root', thumbprintKey: 'AB' });
		assert.equal(classifyStoreKey('HKEY_CURRENT_USER', 'Software\\Policies\\Microsoft\\SystemCertificates\\CA\\Certificates\\AB')?.storeLocation, 'CURRENT_USER_GROUP_POLICY');
		assert.equal(classifyStoreKey('HKEY_LOCAL_MACHINE', 'SOFTWARE\\Microsoft\\EnterpriseCertificates\\NTAuth\\Certificates\\AB')?.storeLocation, 'LOCAL_MACHINE_ENTERPRISE');
		assert.deepEqual(classifyStoreKey('HKEY_LOCAL_MACHINE', 'SOFTWARE\\Microsoft\\Cryptography\\Services\\NTDS\\SystemCertificates\\My\\Certificates\\AB'), { storeLocation: 'SERVICES', storeName: 'My', thumbprintKey: 'AB', owner: 'NTDS' });
		assert.equal(classifyStoreKey('HKEY_USERS', 'S-1-5-18\\Software\\Microsoft\\SystemCertificates\\My\\Certificates\\AB')?.storeLocation, 'USERS');
		assert.equal(classifyStoreKey('HKEY_LOCAL_MACHINE', 'SOFTWARE\\Microsoft\\SystemCertificates\\Root\\CRLs\\AB'), undefined);
	});
});

suite('x509 load: PKCS#12', () => {
	const alice = readFixture('pki/client-alice.cer');

	const cases: [string, string | undefined][] = [
		['pki/client-alice.pfx', 'test'],
		['pki/client-alice-legacy.pfx', 'test'],
		['pki/client-alice-nopass.pfx', undefined],
	];
	for (const [file, password] of cases) {
		test(`${file} (${password === undefined ? 'no password' : 'password'}): certificates, key marked`, async () => {
			const r = await loadCertificates(readFixture(file), { crypto: subtle, ...(password !== undefined ? { password } : {}) });
			assert.deepEqual(r.problems.filter((p) => p.severity === 'error'), []);
			assert.ok(r.value.length >= 2);
			const leaf = r.value.find((c) => toHex(c.der) === toHex(alice));
			assert.ok(leaf, 'alice is in the PFX');
			assert.equal(leaf.source.hasPrivateKey, true);
		});
	}

	test('wrong password → "wrong password or corrupted file: MAC check failed"; missing → asks for it', async () => {
		for (const file of ['pki/client-alice.pfx', 'pki/client-alice-legacy.pfx']) {
			const wrong = await loadCertificates(readFixture(file), { password: 'nope', crypto: subtle });
			assert.equal(wrong.value.length, 0);
			assert.match(wrong.problems[0]!.message, /^wrong password or corrupted file: MAC check failed$/);
			// The host prompts for a password on the code, not the (translated) message.
			assert.equal(wrong.problems[0]!.code, 'pkcs12-password');
			const none = await loadCertificates(readFixture(file), { crypto: subtle });
			assert.match(none.problems[0]!.message, /password-protected/);
			assert.equal(none.problems[0]!.code, 'pkcs12-password');
			// Over the iteration bound: not derived, said with its code (the Certificates view offers to open it).
			const bounded = await loadCertificates(readFixture(file), { password: 'test', crypto: subtle, maxIterations: 1 });
			assert.ok(bounded.problems.some((p) => p.code === 'pkcs12-iterations' && /over the limit of 1 /.test(p.message)), JSON.stringify(bounded.problems));
			assert.ok(!bounded.problems.some((p) => p.code === 'pkcs12-password'), JSON.stringify(bounded.problems));
		}
	});

	test('3DES certificate bags, PBES2 without crypto, empty password (generated with openssl in a temp dir)', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'schannel-lens-p12-'));
		const out = join(dir, 'des.pfx');
		execFileSync('openssl', ['pkcs12', '-export', '-legacy', '-certpbe', 'PBE-SHA1-3DES', '-in', fixturePath('pki/client-alice.pem'), '-inkey', fixturePath('pki/client-alice.key'), '-passout', 'pass:pw', '-out', out]);
		const des = await loadCertificates(readFileSync(out), { password: 'pw' });
		assert.equal(des.value.length, 1, JSON.stringify(des.problems));
		const noCrypto = await loadCertificates(readFixture('pki/client-alice.pfx'), { password: 'test' });
		assert.match(noCrypto.problems.map((p) => p.message).join('\n'), /WebCrypto/);
		const empty = join(dir, 'empty.pfx');
		execFileSync('openssl', ['pkcs12', '-export', '-in', fixturePath('pki/client-alice.pem'), '-inkey', fixturePath('pki/client-alice.key'), '-passout', 'pass:', '-out', empty]);
		const e = await loadCertificates(readFileSync(empty), { crypto: subtle });
		assert.equal(e.value.length, 1, JSON.stringify(e.problems));
		writeFileSync(join(dir, 'x'), '');
	});
});
