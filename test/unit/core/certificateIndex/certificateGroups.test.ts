// The Certificates view's model on the samples (issue 15): machine → store → file, states per certificate.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CertificateLookup, certificateStates, groupCertificates, summarizeCertificate, trustedRootSet } from '../../../../src/core/certificateIndex';
import { loadCertificatesSync } from '../../../../src/core/x509';
import { REPO_ROOT } from '../../../support/fixtures';

const SAMPLE_FILES = ['web01/root-store.reg', 'clients/alice.cer', 'clients/bob-other-ca.cer', 'clients/dave-expired.cer', 'clients/issuing-ca-1.cer', 'clients/other-root-ca.cer'];
const NOW = new Date('2026-06-01T00:00:00Z');

function sampleLookup(files: readonly string[]): CertificateLookup {
	const lookup = new CertificateLookup();
	for (const f of files) lookup.setFile(f, loadCertificatesSync(readFileSync(join(REPO_ROOT, 'samples', f))).value.map((c) => summarizeCertificate(f, c)));
	return lookup;
}

const folderOf = (f: string) => f.slice(0, f.lastIndexOf('/'));

suite('Certificates view model (issue 15)', () => {
	test('states of the sample clients: dave expired, bob ends at an untrusted root, alice and her CA are fine', () => {
		const lookup = sampleLookup(SAMPLE_FILES);
		const roots = trustedRootSet(lookup);
		assert.ok(roots.size > 300, `the Root store export's certificates are the trusted roots (${roots.size})`);
		const states = (file: string) => certificateStates(lookup.inFile(file)[0]!, lookup, roots, NOW);
		assert.deepEqual(states('clients/alice.cer'), []);
		assert.deepEqual(states('clients/issuing-ca-1.cer'), []);
		assert.deepEqual(states('clients/dave-expired.cer'), ['expired']);
		assert.deepEqual(states('clients/bob-other-ca.cer'), ['untrusted-root']);
		assert.deepEqual(states('clients/other-root-ca.cer'), ['untrusted-root']);
	});

	test('without the issuing CA, alice has a partial chain', () => {
		const lookup = sampleLookup(['web01/root-store.reg', 'clients/alice.cer']);
		assert.deepEqual(certificateStates(lookup.inFile('clients/alice.cer')[0]!, lookup, trustedRootSet(lookup), NOW), ['partial-chain']);
	});

	test('a server certificate has no client-auth EKU', () => {
		const lookup = new CertificateLookup();
		const f = 'pki/server.cer';
		lookup.setFile(f, loadCertificatesSync(readFileSync(join(REPO_ROOT, 'test/fixtures', f))).value.map((c) => summarizeCertificate(f, c)));
		assert.ok(certificateStates(lookup.inFile(f)[0]!, lookup, new Set(), NOW).includes('no-client-auth'));
	});

	test('grouped by machine (named by schannel-lens.json), then store, then file, with counts and unread files', () => {
		const lookup = sampleLookup(SAMPLE_FILES);
		const roots = trustedRootSet(lookup);
		const names = new Map([['web01', 'WEB01 (server)'], ['clients', 'CLIENTS (client)']]);
		const unread = [{ file: 'clients/alice-with-chain.pfx', reason: 'needs a password', needsPassword: true }];
		const machines = groupCertificates(lookup, folderOf, names, unread, (c) => certificateStates(c, lookup, roots, NOW).length > 0, (a, b) => a.localeCompare(b));
		assert.deepEqual(machines.map((m) => [m.name, m.count, m.flagged]), [
			['CLIENTS (client)', 5, 4], // dave expired, bob and Other Root untrusted, the .pfx unread
			['WEB01 (server)', lookup.inFile('web01/root-store.reg').length, machines[1]!.flagged],
		]);
		const web = machines[1]!;
		assert.ok(web.stores.every((s) => s.store !== undefined), 'a .reg export names its stores');
		assert.ok(web.stores.some((s) => /Root$/i.test(s.store ?? '')));
		const clients = machines[0]!;
		assert.deepEqual(clients.stores.map((s) => s.store), [undefined], 'loose files are one "certificate files" group');
		assert.deepEqual(clients.stores[0]!.files.map((f) => f.file), ['clients/alice-with-chain.pfx', 'clients/alice.cer', 'clients/bob-other-ca.cer', 'clients/dave-expired.cer', 'clients/issuing-ca-1.cer', 'clients/other-root-ca.cer']);
		assert.equal(clients.stores[0]!.files[0]!.unread?.needsPassword, true);
	});
});
