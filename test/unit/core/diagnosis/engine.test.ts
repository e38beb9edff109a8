import * as assert from 'node:assert/strict';
import { buildCase, type CaseFolder } from '../../../../src/core/case';
import { diagnose, type Diagnosis } from '../../../../src/core/diagnosis';
import { doctorReport, doctorText } from '../../../../src/core/diagnosis/report';
import { loadCertificatesSync } from '../../../../src/core/x509';
import { readFixture } from '../../../support/fixtures';

const NOW = new Date('2026-12-01T00:00:00Z');
const ROOT = 'reg/store-root-too-long.regedit4.reg';
const SETTINGS = 'reg/schannel-2008r2.regedit4.reg';
const CAPTURE = 'captures/tls12-mtls-truncated-list-nocert.pcapng';
const labRootSha1 = loadCertificatesSync(readFixture('pki/root-ca.cer')).value[0]!.certificate.sha1;

type F = { name: string; bytes: Uint8Array };
const fx = (name: string, fixture: string): F => ({ name, bytes: readFixture(fixture) });
const text = (name: string, s: string): F => ({ name, bytes: new TextEncoder().encode(s) });
const cut = (f: F, n: number): F => ({ name: f.name, bytes: f.bytes.subarray(0, n) });
const manifest = (o: object): F => text('schannel-lens.json', JSON.stringify(o));

function folder(path: string, files: readonly F[]): CaseFolder {
	return { path, files: files.map((f) => ({ path: `${path}/${f.name}`, size: f.bytes.length, read: () => Promise.resolve(f.bytes) })) };
}

const SERVER_MANIFEST = manifest({ name: 'WEB01', role: 'server', windows: 'Windows Server 2008 R2' });
const clients = (extra: F[] = []) =>
	folder('clients', [manifest({ name: 'CLIENTS', role: 'client' }), fx('alice.cer', 'pki/client-alice.cer'), fx('dave.cer', 'pki/client-expired.cer'), fx('bob.cer', 'pki/client-otherca.cer'), fx('issuing-ca-1.cer', 'pki/intermediate-ca.cer'), fx('other-root-ca.cer', 'pki/other-root-ca.cer'), ...extra]);

async function run(...folders: CaseFolder[]): Promise<Diagnosis> {
	return diagnose(await buildCase(folders, { crypto: globalThis.crypto.subtle }), { now: NOW });
}

const codes = (d: Diagnosis) => new Set(d.findings.map((f) => f.code));
const outcome = (d: Diagnosis, cn: string) => d.clients.find((c) => c.subject.includes(`CN=${cn}`))!;
const seen = new Set<string>();
function record(d: Diagnosis): Diagnosis {
	for (const f of d.findings) seen.add(f.code);
	return d;
}

/** Nothing built on a missing or cut input may say "fits", "ok", "unused" or "did not ask". */
function assertNoConfidentGuess(d: Diagnosis): void {
	for (const s of d.servers) assert.notEqual(s.verdict, 'fits', `server ${s.machine} says fits`);
	assert.ok(!d.findings.some((f) => f.code === 'issuers.fits'));
	for (const p of d.plans) for (const r of p.remove ?? []) assert.ok(!(r.reasons as readonly string[]).includes('unused'));
	assert.ok(!/did not ask/i.test(JSON.stringify(d)), 'says the server did not ask');
}

suite('diagnosis engine (issue 10)', () => {
	test('the samples story: the capture is the ground truth; alice and dave lose their cut root, bob has the wrong CA, plan (a) keeps the Lab Root', async () => {
		const d = record(await run(folder('web01', [SERVER_MANIFEST, fx('root-store.reg', ROOT), fx('schannel-settings.reg', SETTINGS), fx('capture.pcapng', CAPTURE), text('schannel-dll-version.txt', 'FileVersion      : 6.1.7601.17514 (win7sp1_rtm.101119-1850)\r\n')]), clients()));
		const server = d.servers[0]!;
		assert.equal(server.verdict, 'over');
		assert.equal(server.confidence, 'observed');
		assert.equal(server.names, 301);
		assert.equal(server.withLength, 22252);
		assert.equal(server.sentNames, 221);
		assert.equal(server.cut.count, 80);
		assert.equal(server.observed?.names, 221);
		assert.ok(server.observed!.predictedRight > 0 && server.observed!.predictedRight <= 301);
		assert.deepEqual([outcome(d, 'alice.client').outcome, outcome(d, 'alice.client').reasonCode], ['no-certificate', 'ca-cut']);
		assert.deepEqual([outcome(d, 'dave.expired.client').outcome, outcome(d, 'dave.expired.client').reasonCode], ['no-certificate', 'ca-cut']);
		assert.equal(outcome(d, 'dave.expired.client').expired, '2022-01-01');
		assert.deepEqual([outcome(d, 'bob.otherca.client').outcome, outcome(d, 'bob.otherca.client').reasonCode], ['no-certificate', 'wrong-ca']);
		assert.match(d.headline, /alice\.client and dave\.expired\.client cannot log on to WEB01: their root CA is among the 80 names Schannel cut from a 22,252-byte list/);
		const a = d.plans.find((p) => p.id === 'remove-roots')!;
		assert.ok(a.available);
		assert.ok(a.keptNeeded!.includes(labRootSha1), 'plan (a) keeps the Lab Root');
		assert.ok(!a.remove!.some((r) => r.sha1 === labRootSha1));
		assert.deepEqual(d.plans.map((p) => p.risk), ['low', 'medium', 'high']);
		for (const c of ['issuers.over-limit', 'issuers.order-check', 'client.ca-cut', 'client.wrong-ca', 'client.expired', 'hotfix.kb2416849']) assert.ok(codes(d).has(c), c);
		const report = doctorReport(await buildCase([folder('web01', [SERVER_MANIFEST, fx('root-store.reg', ROOT), fx('schannel-settings.reg', SETTINGS)])]), d);
		assert.equal(report.command, 'doctor');
		assert.match(doctorText(report), /Fixes, lowest risk first/);
	});

	test('without the capture the cut is an estimate, and says so', async () => {
		const d = record(await run(folder('web01', [SERVER_MANIFEST, fx('root-store.reg', ROOT), fx('schannel-settings.reg', SETTINGS)]), clients()));
		assert.equal(d.servers[0]!.verdict, 'over');
		assert.equal(d.servers[0]!.cut.confidence, 'estimate');
		const alice = outcome(d, 'alice.client');
		assert.equal(alice.confidence, 'estimate');
		assert.match(alice.missing ?? '', /capture/);
		assert.match(d.headline, /would cut \(estimate\)/);
	});

	test('no Root store export: every answer is unknown and names the export; plan (a) is not offered', async () => {
		const d = record(await run(folder('web01', [SERVER_MANIFEST, fx('schannel-settings.reg', SETTINGS)]), clients()));
		assertNoConfidentGuess(d);
		assert.equal(d.servers[0]!.verdict, 'unknown');
		assert.match(d.servers[0]!.unknown!.decide, /Root store export/);
		assert.ok(codes(d).has('case.store-missing'));
		for (const c of d.clients) assert.equal(c.outcome, 'unknown');
		assert.ok(d.clients.every((c) => /Root store export/.test(c.missing ?? '')));
		assert.equal(d.plans.find((p) => p.id === 'remove-roots')!.available, false);
	});

	test('a Root store export cut at 200,000 bytes is damage, never "fits", and blocks plan (a)', async () => {
		const root = cut(fx('root-store.reg', ROOT), 200_000);
		const d = record(await run(folder('web01', [SERVER_MANIFEST, root, fx('schannel-settings.reg', SETTINGS)]), clients()));
		assertNoConfidentGuess(d);
		const damage = d.findings.find((f) => f.code === 'case.artefact-damaged')!;
		assert.ok(damage.evidence[0]!.line! > 1);
		assert.equal(d.servers[0]!.verdict, 'unknown');
		assert.equal(d.servers[0]!.lowerBound, true);
		assert.equal(d.plans.find((p) => p.id === 'remove-roots')!.available, false);
	});

	test('a cut export whose readable part is already over the limit is "over" (a lower bound), still without plan (a)', async () => {
		const full = fx('root-store.reg', ROOT);
		const d = record(await run(folder('web01', [SERVER_MANIFEST, cut(full, Math.floor(full.bytes.length * 0.95)), fx('schannel-settings.reg', SETTINGS)]), clients()));
		assert.equal(d.servers[0]!.verdict, 'over');
		assert.equal(d.servers[0]!.lowerBound, true);
		assert.equal(d.plans.find((p) => p.id === 'remove-roots')!.available, false);
		for (const c of d.clients.filter((x) => x.reasonCode !== 'wrong-ca')) assert.notEqual(c.outcome, 'offers');
		assert.ok(!d.clients.some((c) => c.reasonCode === 'wrong-ca'), 'a cut store cannot prove a CA untrusted');
	});

	test('a capture cut at 9,000 bytes never says the server did not ask', async () => {
		const d = record(await run(folder('web01', [SERVER_MANIFEST, fx('schannel-settings.reg', SETTINGS), cut(fx('capture.pcapng', CAPTURE), 9000)]), clients()));
		assertNoConfidentGuess(d);
		assert.ok(codes(d).has('capture.incomplete'));
		assert.ok(d.findings.find((f) => f.code === 'case.artefact-damaged')!.evidence.some((e) => e.offset !== undefined || e.frame !== undefined));
	});

	test('a client whose issuing CA is not in the case is unknown, names the CA, and blocks plan (a)', async () => {
		const d = record(await run(folder('web01', [SERVER_MANIFEST, fx('root-store.reg', ROOT), fx('schannel-settings.reg', SETTINGS)]), folder('c', [manifest({ role: 'client' }), fx('alice.cer', 'pki/client-alice.cer')])));
		const alice = outcome(d, 'alice.client');
		assert.equal(alice.outcome, 'unknown');
		assert.equal(alice.reasonCode, 'chain-unknown');
		assert.match(alice.missing!, /Issuing CA 1/);
		const a = d.plans.find((p) => p.id === 'remove-roots')!;
		assert.equal(a.available, false);
		assert.match(a.blockedBy!, /Issuing CA 1/);
		assert.ok(codes(d).has('client.chain-unknown'));
	});

	test('the Windows version unknown: the answer is unknown when versions disagree, and says what decides it', async () => {
		const settings = new TextDecoder().decode(readFixture(SETTINGS)).replace(/^; target:.*$/m, '');
		const d = record(await run(folder('web01', [fx('root-store.reg', ROOT), text('schannel-settings.reg', settings)]), clients()));
		assert.ok(codes(d).has('case.windows-unknown'));
		assert.equal(d.servers[0]!.verdict, 'over', 'SendTrustedIssuerList=1 and over 16 KB: over on every version');
		const d2 = record(await run(folder('web01', [fx('root-store.reg', ROOT), text('schannel-settings.reg', settings.replace(/"SendTrustedIssuerList"=dword:0*1/i, ''))]), clients()));
		assert.equal(d2.servers[0]!.verdict, 'unknown');
		assert.match(d2.servers[0]!.unknown!.decide, /Windows version/);
	});

	test('SendTrustedIssuerList=0: not sent, every client offers', async () => {
		const settings = new TextDecoder().decode(readFixture(SETTINGS)).replace(/"SendTrustedIssuerList"=dword:0*1/i, '"SendTrustedIssuerList"=dword:00000000');
		const d = record(await run(folder('web01', [SERVER_MANIFEST, fx('root-store.reg', ROOT), text('schannel-settings.reg', settings)]), clients()));
		assert.equal(d.servers[0]!.verdict, 'not-sent');
		assert.ok(d.clients.every((c) => c.outcome === 'offers' && c.reasonCode === 'no-list'));
		assert.ok(codes(d).has('issuers.not-sent') && codes(d).has('client.offers'));
		assert.equal(d.plans.length, 0);
	});

	test('no SCHANNEL export and no capture: whether the list is sent is unknown', async () => {
		const d = record(await run(folder('web01', [SERVER_MANIFEST, fx('root-store.reg', ROOT)]), clients()));
		assert.ok(codes(d).has('case.settings-missing'));
		assert.equal(d.servers[0]!.verdict, 'unknown');
		assert.match(d.servers[0]!.unknown!.decide, /SCHANNEL/);
		assertNoConfidentGuess(d);
	});

	test('a capture of the whole list against a smaller Root export: the exports do not match the server, so the answer is unknown', async () => {
		const d = record(await run(folder('web01', [SERVER_MANIFEST, fx('Root.p7b', 'pki/lab-chain.p7b'), fx('schannel-settings.reg', SETTINGS), fx('capture.pcapng', 'captures/tls12-mtls-bigcalist.pcapng')]), clients()));
		assert.ok(codes(d).has('issuers.exports-mismatch'));
		assert.equal(d.servers[0]!.verdict, 'unknown', 'exports that are not what the server used decide nothing');
		assert.match(d.servers[0]!.unknown!.decide, /at the time of the capture/);
	});

	test('a small Root store: the list fits and a listed client offers', async () => {
		const d = record(await run(folder('web01', [SERVER_MANIFEST, fx('Root.p7b', 'pki/lab-chain.p7b'), fx('schannel-settings.reg', SETTINGS)]), clients()));
		assert.equal(d.servers[0]!.verdict, 'fits');
		assert.equal(outcome(d, 'alice.client').outcome, 'offers');
		assert.ok(codes(d).has('issuers.fits'));
	});

	test('a certificate bundle of unknown role and an unreadable file are findings, not silent', async () => {
		const d = record(await run(folder('web01', [SERVER_MANIFEST, fx('root-store.reg', ROOT), fx('schannel-settings.reg', SETTINGS), fx('bundle.pem', 'pki/bundle-300.pem'), text('broken.cer', 'not a certificate')]), clients()));
		assert.ok(codes(d).has('case.role-unknown'));
		assert.ok(codes(d).has('case.artefact-unreadable'));
	});

	test('schannel-lens.json errors name the key', async () => {
		const d = record(await run(folder('web01', [text('schannel-lens.json', '{ "role": "router" }'), fx('root-store.reg', ROOT)])));
		assert.ok(d.findings.some((f) => f.code === 'case.artefact-unreadable' && /"role"/.test(f.message)));
	});

	test('what the collection script writes: the Windows caption and the Schannel.dll version numbers decide', async () => {
		const d = record(await run(folder('web01', [fx('root-store.reg', ROOT), fx('schannel-settings.reg', SETTINGS), text('windows-version.txt', '\r\nCaption        : Microsoft Windows Server 2012 R2 Standard\r\nVersion        : 6.3.9600\r\n'), text('schannel-dll-version.txt', 'FileVersion    : 6.1.7601.17514 (win7sp1_rtm.101119-1850)\r\nFileVersionNumbers : 6.1.7601.21624\r\n')])));
		const c = await buildCase([folder('web01', [fx('schannel-settings.reg', SETTINGS), text('windows-version.txt', 'Caption : Microsoft Windows Server 2012 R2 Standard\r\n')])]);
		assert.equal(c.machines[0]!.windows?.from, 'target-comment', 'the SCHANNEL export\'s "; target:" line wins over the version text');
		const hotfix = d.findings.filter((f) => f.code === 'hotfix.kb2416849');
		assert.equal(hotfix.length, 1, 'one version: the numbers, not the stale FileVersion string');
		assert.match(hotfix[0]!.message, /6\.1\.7601\.21624: carries the KB 2416849 fix/);
		const plain = await buildCase([folder('srv', [text('windows-version.txt', 'Caption : Microsoft Windows Server 2012 R2 Standard\r\n')])]);
		assert.equal(plain.machines[0]!.windows?.version.name, 'Windows Server 2012 R2');
	});

	test('netsh bindings: a binding\'s own CTL store makes the list unknown until that store is exported; renegotiation is said', async () => {
		const d = record(await run(folder('adfs', [manifest({ name: 'ADFS', role: 'server', windows: 'Windows Server 2012 R2' }), fx('root-store.reg', ROOT), fx('clientauthissuer.reg', 'reg/store-clientauthissuer.regedit4.reg'), fx('schannel-settings.reg', SETTINGS), fx('netsh-sslcert.txt', 'netsh/jpazureid-adfs-cba-ts.txt'), fx('netsh-sslcert-2.txt', 'netsh/azure-pipelines-extensions-140.txt')])));
		assert.equal(d.servers[0]!.verdict, 'unknown');
		assert.match(d.servers[0]!.unknown!.decide, /export of the store \w+/);
		assert.ok(codes(d).has('binding.ctl-store'));
		assert.ok(codes(d).has('binding.renegotiation'));
		assertNoConfidentGuess(d);
	});

	test('event logs as evidence (issue 11): 36885 proves the cut, alerts meet the capture, root updates are dated, CAPI2 chains join the clients', async () => {
		const d = record(await run(folder('web01', [SERVER_MANIFEST, fx('root-store.reg', ROOT), fx('schannel-settings.reg', SETTINGS), fx('capture.pcapng', CAPTURE), fx('system.xml', 'events/schannel-server.xml'), fx('capi2.xml', 'events/capi2-lab-chain.xml'), fx('Application.evtx', 'events/EventLog__Application.evtx')]), clients()));
		const truncated = d.findings.find((f) => f.code === 'events.issuer-list-truncated')!;
		assert.match(truncated.message, /holds 3 Schannel events 36885/);
		assert.deepEqual(truncated.evidence.map((e) => e.record), [120450, 120452, 120458]);
		const alerts = d.findings.filter((f) => f.code === 'events.alerts');
		const sent40 = alerts.find((f) => /36888.*alert 40/.test(f.message))!;
		assert.ok(sent40.evidence.some((e) => e.frame !== undefined), 'matched with the alert the capture shows the server sending');
		assert.match(d.findings.find((f) => f.code === 'events.root-updates')!.message, /^6 root certificates were added by automatic root update/);
		assert.match(d.clients.find((c) => c.subject.includes('CN=alice.client'))!.reason, /Windows built its chain with CERT_TRUST_REVOCATION_STATUS_UNKNOWN.*CAPI2 event 11, web01\/capi2\.xml record 88412/);
		assert.ok(!d.findings.some((f) => f.code === 'case.artefact-unreadable'));
	});

	test('a damaged event log is a damaged artefact, and the events before the damage still count', async () => {
		const log = fx('system.evtx', 'events/evtx__sample_with_a_bad_chunk_magic.evtx');
		const d = record(await run(folder('web01', [SERVER_MANIFEST, fx('root-store.reg', ROOT), fx('schannel-settings.reg', SETTINGS), log])));
		assert.ok(d.findings.some((f) => f.code === 'case.artefact-damaged' && f.evidence[0]!.file.endsWith('system.evtx') && f.evidence[0]!.offset !== undefined));
	});

	suiteTeardown(() => {
		// Every code the engine can emit is exercised above, except the netsh binding codes (tested with the netsh parser) and
		// the at-risk / order-unknown / not-listed edges (synthetic stores, engine.edges.test.ts).
		const expected = ['case.artefact-damaged', 'case.artefact-unreadable', 'case.role-unknown', 'case.windows-unknown', 'case.settings-missing', 'case.store-missing', 'issuers.over-limit', 'issuers.fits', 'issuers.not-sent', 'issuers.unknown', 'issuers.order-check', 'issuers.exports-mismatch', 'capture.incomplete', 'hotfix.kb2416849', 'binding.ctl-store', 'binding.renegotiation', 'events.issuer-list-truncated', 'events.alerts', 'events.root-updates', 'client.ca-cut', 'client.wrong-ca', 'client.chain-unknown', 'client.list-unknown', 'client.offers', 'client.expired'];
		const missing = expected.filter((c) => !seen.has(c));
		assert.deepEqual(missing, [], `finding codes never produced: ${missing.join(', ')}`);
	});
});
