// Issue 3 part 3: the certificate editor's view model (plain strings) built from the core, without VS Code.
import * as assert from 'node:assert/strict';
import { CertificateLookup, summarizeCertificate } from '../../../src/core/certificateIndex';
import { loadCertificates, loadCertificatesSync } from '../../../src/core/x509';
import { buildFileModel, type ModelInput } from '../../../src/certificates/certificateModel';
import { readFixture } from '../../support/fixtures';

const NOW = new Date('2025-06-01T00:00:00Z');

function input(file: string, extra: Partial<ModelInput> = {}): ModelInput {
	const bytes = readFixture(file);
	const r = loadCertificatesSync(bytes);
	return { fileName: file, bytes, certificates: r.value, problems: r.problems, passwordGiven: false, now: NOW, indexText: 'test index', ...extra };
}

suite('certificate editor view model', () => {
	test('a leaf: General fields, state words, Details with named OIDs and thumbprints', () => {
		const m = buildFileModel(input('pki/client-alice.cer'));
		assert.equal(m.status, 'ok');
		assert.equal(m.containerText, 'DER certificate');
		const c = m.certificates[0]!;
		assert.equal(c.validity, 'valid');
		assert.match(c.validityText, /^Valid from 2024-01-01T00:00:00Z to 2039-01-01T00:00:00Z \(expires in 13 years\)$/);
		assert.deepEqual(c.purposes, ['Client Authentication']);
		assert.equal(c.keySummary, 'RSA (2048 Bits)');
		const row = (label: string) => c.details.find((d) => d.label === label)?.value;
		assert.equal(row('Basic Constraints (2.5.29.19)'), 'Subject Type=End Entity, Path Length Constraint=None [critical]');
		assert.equal(row('Key Usage (2.5.29.15)'), 'Digital Signature [critical]');
		assert.equal(row('Extended Key Usage (2.5.29.37)'), 'Client Authentication (1.3.6.1.5.5.7.3.2)');
		assert.equal(row('Thumbprint (SHA-1)'), c.sha1.toLowerCase());
		assert.ok(c.details.find((d) => d.label.startsWith('Subject Key Identifier'))?.hex, 'extension rows carry their raw hex');
	});

	test('expired and not-yet-valid read as words', () => {
		assert.match(buildFileModel(input('pki/client-expired.cer')).certificates[0]!.validityText, /^Expired on 2022-01-01T00:00:00Z \(3 years ago\)$/);
		const early = buildFileModel(input('pki/client-alice.cer', { now: new Date('2020-01-01T00:00:00Z') })).certificates[0]!;
		assert.equal(early.validity, 'notYetValid');
		assert.match(early.validityText, /^Not valid yet/);
	});

	test('Path from the lookup: root → issuing CA → leaf, or a missing issuer', () => {
		const lookup = new CertificateLookup();
		for (const f of ['pki/root-ca.cer', 'pki/intermediate-ca.cer']) lookup.setFile(f, loadCertificatesSync(readFixture(f)).value.map((c) => summarizeCertificate(f, c)));
		const full = buildFileModel(input('pki/client-alice.cer', { lookup })).certificates[0]!.path;
		assert.deepEqual(full.map((s) => s.title), ['Schannel Lens Lab Root CA', 'Schannel Lens Lab Issuing CA 1', 'alice.client']);
		const missing = buildFileModel(input('pki/client-missing-intermediate.cer', { lookup })).certificates[0]!.path;
		assert.equal(missing[0]!.found, false);
		assert.match(missing[0]!.subject, /Issuing CA 2/);
	});

	test('empty, truncated and locked files get a headline', async () => {
		const empty = buildFileModel({ ...input('pki/client-alice.cer'), bytes: new Uint8Array(), certificates: [], problems: loadCertificatesSync(new Uint8Array()).problems });
		assert.equal(empty.status, 'error');
		assert.match(empty.message!, /^The file is empty/);
		const pfx = readFixture('pki/client-alice.pfx');
		const locked = await loadCertificates(pfx, { crypto: globalThis.crypto.subtle });
		const m = buildFileModel({ ...input('pki/client-alice.cer'), bytes: pfx, certificates: locked.value, problems: locked.problems });
		assert.equal(m.status, 'needsPassword');
		const wrong = await loadCertificates(pfx, { password: 'x', crypto: globalThis.crypto.subtle });
		assert.match(buildFileModel({ ...input('pki/client-alice.cer'), bytes: pfx, certificates: wrong.value, problems: wrong.problems, passwordGiven: true }).message!, /^Wrong password/);
	});

	test('the model is plain JSON (it crosses postMessage)', () => {
		const m = buildFileModel(input('pki/lab-chain.p7b'));
		assert.deepEqual(JSON.parse(JSON.stringify(m)), m);
	});
});
