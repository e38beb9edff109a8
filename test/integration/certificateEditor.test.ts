// Issue 3 part 3: the certificate editor in the real host. Each supported file type opens in the custom editor, and
// the model its webview received (read back through a test-only command) has the right certificates.
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { formatWindows, loadCertificatesSync } from '../../src/core/x509';
import { fixtureBytes, fixtureUri, hostErrorsDuring, indexReady, lastModel, openModel, tempDir, until } from './certificateSupport';

const ALICE = 'CN=alice.client, OU=Clients, O=Schannel Lens Lab, C=US';
const ROOT = 'CN=Schannel Lens Lab Root CA, OU=Fixtures, O=Schannel Lens Lab, C=US';
const ISSUING = 'CN=Schannel Lens Lab Issuing CA 1, OU=Fixtures, O=Schannel Lens Lab, C=US';

/** What the core reads from a fixture: the oracle for the model's subjects and thumbprints. */
function expected(relative: string): { subjects: string[]; sha1: string[] } {
	const r = loadCertificatesSync(fixtureBytes(relative));
	return { subjects: r.value.map((c) => formatWindows(c.certificate.subject)), sha1: r.value.map((c) => c.certificate.sha1) };
}

suite('Certificate editor in the real host (issue 3)', function () {
	// Webviews load in a real browser; on a busy machine the first paint of a 434-certificate store takes seconds.
	this.timeout(90_000); // openModel may open a stalled webview a second time (20 s + 45 s)
	let tmp: string;

	suiteSetup(() => {
		tmp = tempDir();
	});

	teardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

	test('.cer (DER): one certificate with subject, issuer, validity, purposes, thumbprints', async () => {
		const m = await openModel(fixtureUri('pki/client-alice.cer'));
		assert.equal(m.status, 'ok');
		assert.equal(m.certificates.length, 1);
		const c = m.certificates[0]!;
		assert.equal(c.title, 'alice.client');
		assert.equal(c.subject, ALICE);
		assert.equal(c.issuer, ISSUING);
		assert.equal(c.sha1, expected('pki/client-alice.cer').sha1[0]);
		assert.equal(c.validity, 'valid');
		assert.deepEqual(c.purposes, ['Client Authentication']);
		assert.equal(c.clientAuth, true);
		assert.equal(c.isCa, false);
		const labels = c.details.map((d) => d.label);
		for (const l of ['Version', 'Serial number', 'Public key', 'Thumbprint (SHA-1)', 'Thumbprint (SHA-256)']) assert.ok(labels.includes(l), `Details has ${l}`);
		assert.ok(labels.some((l) => /^Extended Key Usage \(2\.5\.29\.37\)$/.test(l)), `EKU row named with its OID: ${labels.join(' | ')}`);
		assert.equal(c.details.find((d) => d.label === 'Thumbprint (SHA-1)')?.value, c.sha1.toLowerCase());
	});

	test('.crt (PEM text), .der and .p7c copies open in the same editor', async () => {
		const cases: [string, string, number][] = [
			['pki/client-alice.pem', 'alice.crt', 1],
			['pki/root-ca.cer', 'root.der', 1],
			['pki/lab-chain.p7b', 'chain.p7c', 2],
		];
		for (const [source, name, count] of cases) {
			const target = join(tmp, name);
			copyFileSync(fixtureUri(source).fsPath, target);
			const m = await openModel(vscode.Uri.file(target));
			assert.equal(m.status, 'ok', `${name}: ${m.message}`);
			assert.equal(m.certificates.length, count, name);
			assert.deepEqual(m.certificates.map((c) => c.sha1), expected(source).sha1, name);
		}
	});

	test('.p7b: the chain, root first', async () => {
		const m = await openModel(fixtureUri('pki/lab-chain.p7b'));
		assert.equal(m.containerText, 'PKCS #7 certificates (.p7b)');
		assert.deepEqual(m.certificates.map((c) => c.subject), expected('pki/lab-chain.p7b').subjects);
		assert.ok(m.certificates.every((c) => c.isCa));
	});

	test('.sst: every certificate of a real serialized store', async () => {
		const m = await openModel(fixtureUri('public/t0rik__winrootCAupdate__roots.sst'));
		const want = expected('public/t0rik__winrootCAupdate__roots.sst');
		assert.equal(m.certificates.length, want.sha1.length);
		assert.ok(m.certificates.length > 400);
		assert.deepEqual(m.certificates.map((c) => c.sha1), want.sha1);
	});

	test('.pem opens on request (priority option): the 301-certificate bundle', async () => {
		const m = await openModel(fixtureUri('pki/bundle-300.pem'), 'schannelLens.certificatePem');
		assert.equal(m.certificates.length, 301);
		assert.equal(m.certificates[0]!.subject, ROOT);
		assert.match(m.certificates[2]!.subject, /Ωmega/);
	});

	test('.pfx: password form, wrong password retried, then the certificates', async () => {
		const uri = fixtureUri('pki/client-alice.pfx');
		const locked = await openModel(uri);
		assert.equal(locked.status, 'needsPassword');
		assert.match(locked.message ?? '', /password-protected/);
		await vscode.commands.executeCommand('schannelLens._test.submitPassword', uri.toString(), 'not-the-password');
		const wrong = await until(async () => ((await lastModel(uri))?.message?.startsWith('Wrong password') ? lastModel(uri) : undefined), 'the wrong-password model');
		assert.equal(wrong.status, 'needsPassword');
		await vscode.commands.executeCommand('schannelLens._test.submitPassword', uri.toString(), 'test');
		const open = await until(async () => ((await lastModel(uri))?.status === 'ok' ? lastModel(uri) : undefined), 'the unlocked model');
		assert.equal(open.certificates.length, 2);
		assert.equal(open.certificates[0]!.subject, ALICE);
		assert.equal(open.certificates[0]!.hasPrivateKey, true);
		assert.equal(open.certificates[0]!.friendlyName, 'alice.client');
	});

	test('.p12 without a password and the legacy (RC2/3DES) PFX open', async function () {
		this.timeout(60_000);
		const target = join(tmp, 'nopass.p12');
		copyFileSync(fixtureUri('pki/client-alice-nopass.pfx').fsPath, target);
		const m = await openModel(vscode.Uri.file(target));
		assert.equal(m.status, 'ok', m.message);
		assert.equal(m.certificates.length, 2);
		const legacy = fixtureUri('pki/client-alice-legacy.pfx');
		const locked = await openModel(legacy);
		assert.equal(locked.status, 'needsPassword', locked.message);
		await vscode.commands.executeCommand('schannelLens._test.submitPassword', legacy.toString(), 'test');
		const unlocked = await until(async () => ((await lastModel(legacy))?.status === 'ok' ? lastModel(legacy) : undefined), 'the legacy PFX unlocked').catch(async (e: Error) => assert.fail(`${e.message}; last model: ${JSON.stringify(await lastModel(legacy))}`));
		assert.equal(unlocked.certificates[0]!.subject, ALICE);
	});

	test('an expired certificate says so in words', async () => {
		const m = await openModel(fixtureUri('pki/client-expired.cer'));
		const c = m.certificates[0]!;
		assert.equal(c.validity, 'expired');
		assert.match(c.validityText, /^Expired on 2022-01-01T00:00:00Z \(\d+ (years|days) ago\)$/);
	});

	test('the Path tab shows the chain from the workspace index: root → issuing CA → leaf', async () => {
		await indexReady();
		const m = await openModel(fixtureUri('pki/client-alice.cer'), undefined, (x) => x.certificates[0]!.path.length === 3);
		assert.deepEqual(
			m.certificates[0]!.path.map((s) => [s.title, s.found]),
			[
				['Schannel Lens Lab Root CA', true],
				['Schannel Lens Lab Issuing CA 1', true],
				['alice.client', true],
			],
		);
	});

	test('a changed file is parsed again and the webview gets the new model', async () => {
		const target = join(tmp, 'changing.cer');
		copyFileSync(fixtureUri('pki/client-alice.cer').fsPath, target);
		const uri = vscode.Uri.file(target);
		await openModel(uri);
		copyFileSync(fixtureUri('pki/root-ca.cer').fsPath, target);
		const changed = await until(async () => ((await lastModel(uri))?.certificates[0]?.subject === ROOT ? true : undefined), 'the model after the file changed');
		assert.ok(changed);
	});

	suite('bad input: a clear message in the editor, nothing in the host error log', () => {
		const cases: { name: string; bytes: () => Uint8Array; message: RegExp }[] = [
			{ name: 'empty.cer', bytes: () => new Uint8Array(), message: /^The file is empty/ },
			{ name: 'truncated.cer', bytes: () => fixtureBytes('pki/client-alice.cer').subarray(0, 300), message: /^No certificate could be read from this file: DER certificate: value of \d+ bytes runs past the end/ },
			{ name: 'corrupted.pem', bytes: () => new TextEncoder().encode('-----BEGIN CERTIFICATE-----\nMIIB$$$$not base64 at all%%%%\n-----END CERTIFICATE-----\n'), message: /^No certificate could be read from this file: invalid base64 character/ },
			{ name: 'random-1mb.der', bytes: () => new Uint8Array(randomBytes(1024 * 1024)), message: /^No certificate could be read from this file/ },
			{ name: 'random-50mb.cer', bytes: () => new Uint8Array(randomBytes(50 * 1024 * 1024)), message: /^This file is 50\.0 MB; the certificate view opens files up to 20 MB/ },
		];
		for (const c of cases) {
			test(c.name, async () => {
				const target = join(tmp, c.name);
				writeFileSync(target, c.bytes());
				let model: Awaited<ReturnType<typeof openModel>> | undefined;
				const started = Date.now();
				const errors = await hostErrorsDuring(async () => {
					model = await openModel(vscode.Uri.file(target));
				});
				assert.ok(Date.now() - started < 15_000, 'answered quickly');
				assert.equal(model!.status, 'error');
				assert.match(model!.message ?? '', c.message);
				assert.equal(model!.certificates.length, 0);
				assert.deepEqual(errors, [], 'no error in the extension host logs');
			});
		}

		test('wrong PFX password', async () => {
			const target = join(tmp, 'wrong.pfx');
			copyFileSync(fixtureUri('pki/client-alice.pfx').fsPath, target);
			const uri = vscode.Uri.file(target);
			const errors = await hostErrorsDuring(async () => {
				await openModel(uri, undefined, (m) => m.status === 'needsPassword');
				await vscode.commands.executeCommand('schannelLens._test.submitPassword', uri.toString(), 'wrong');
				await until(async () => ((await lastModel(uri))?.message?.startsWith('Wrong password') ? true : undefined), 'the wrong-password message');
			});
			assert.deepEqual(errors, []);
		});
	});
});
