// Issue 10, item 6: `netsh http show sslcert` output, parsed from real samples (test/fixtures/netsh/SOURCES.tsv).
// The expected values are read by hand off each sample's source page.
import * as assert from 'node:assert/strict';
import { bindingFacts, decodeText, parseNetshSslCert, type SslCertBinding } from '../../../../src/core/case/netsh';
import { readFixture } from '../../../support/fixtures';

const read = (name: string): string => decodeText(readFixture(`netsh/${name}`));

const CASES: { file: string; want: SslCertBinding[] }[] = [
	{
		file: 'azure-pipelines-extensions-140.txt',
		want: [{ binding: '0.0.0.0:443', kind: 'ip', certificateHash: '5226DC6C54559761CD471B86EB51C096252C90F2', appId: '{4dc3e181-e14b-4a21-b022-59fc669b0914}', negotiateClientCertificate: false, line: 5 }],
	},
	{
		file: 'adfsanalyzer-41.txt',
		want: [
			{
				binding: 'sts.margiestravel.com:443',
				kind: 'hostname',
				certificateHash: '2D125F4D735DEF823178E8F17E6579D04FB97B7A',
				appId: '{5d89a20c-beab-4389-9447-324788eb944a}',
				certificateStoreName: 'my',
				ctlStoreName: 'adfstrusteddevices',
				negotiateClientCertificate: false,
				line: 5,
			},
		],
	},
	{
		file: 'jpazureid-adfs-cba-ts.txt',
		want: [
			{
				binding: 'sts.test.com:49443',
				kind: 'hostname',
				certificateHash: '47B90E1E818BA8CF431D404FFF232F1BA17BF078',
				appId: '{5d89a20c-beab-4389-9447-324788eb944a}',
				certificateStoreName: 'MY',
				ctlStoreName: 'adfsclient',
				negotiateClientCertificate: true,
				line: 1,
			},
		],
	},
	{
		file: 'rasmusson-gist-2021.txt',
		want: [
			{
				binding: 'adfs.samlsecurity.com:443',
				kind: 'hostname',
				certificateHash: '0B9001B1842FB51F7AB7E4FA7DB77F7BD2916643',
				appId: '{5d89a20c-beab-4389-9447-324788eb944a}',
				certificateStoreName: 'MY',
				ctlStoreName: 'AdfsTrustedDevices',
				negotiateClientCertificate: false,
				line: 3,
			},
		],
	},
];

suite('netsh http show sslcert (issue 10 item 6)', () => {
	for (const { file, want } of CASES) {
		test(`${file}: every field, no problems`, () => {
			const r = parseNetshSslCert(read(file));
			assert.deepEqual(r.problems, []);
			assert.deepEqual(r.bindings, want);
		});
	}

	test('the bytes PowerShell writes (UTF-16LE + BOM, CRLF) and UTF-8 + BOM give the same bindings as the plain text', () => {
		const utf16 = readFixture('netsh/adfsanalyzer-41.utf16le-bom-crlf.txt');
		assert.deepEqual([utf16[0], utf16[1]], [0xff, 0xfe], 'the fixture really is UTF-16LE with a BOM');
		assert.ok(read('adfsanalyzer-41.utf16le-bom-crlf.txt').includes('\r\n'));
		assert.deepEqual(parseNetshSslCert(read('adfsanalyzer-41.utf16le-bom-crlf.txt')), parseNetshSslCert(read('adfsanalyzer-41.txt')));
		assert.deepEqual(parseNetshSslCert(read('azure-pipelines-extensions-140.utf8-bom-crlf.txt')), parseNetshSslCert(read('azure-pipelines-extensions-140.txt')));
	});

	test('decodeText: BOMs, BOM-less UTF-16LE, UTF-8 and ANSI', () => {
		const text = 'Ctl Store Name : Zürich';
		const utf16 = new Uint8Array(text.length * 2);
		for (let i = 0; i < text.length; i++) utf16[i * 2] = text.charCodeAt(i);
		assert.equal(decodeText(utf16), text, 'UTF-16LE without a BOM');
		assert.equal(decodeText(new TextEncoder().encode(text)), text, 'UTF-8');
		assert.equal(decodeText(Uint8Array.from([...text].map((c) => c.charCodeAt(0)))), text, 'windows-1252 (ü is 0xFC)');
		assert.equal(decodeText(new Uint8Array(0)), '');
		assert.equal(decodeText(Uint8Array.of(0xff, 0xfe, 0x41)), '', 'an odd trailing byte is dropped');
	});

	test('several bindings in one file, each with its own header line', () => {
		const all = ['azure-pipelines-extensions-140.txt', 'jpazureid-adfs-cba-ts.txt', 'rasmusson-gist-2021.txt'].map(read).join('\n');
		const r = parseNetshSslCert(all);
		assert.deepEqual(r.problems, []);
		assert.deepEqual(
			r.bindings.map((b) => [b.binding, b.negotiateClientCertificate, b.ctlStoreName ?? null]),
			[
				['0.0.0.0:443', false, null],
				['sts.test.com:49443', true, 'adfsclient'],
				['adfs.samlsecurity.com:443', false, 'AdfsTrustedDevices'],
			],
		);
		const lines = all.split('\n');
		for (const b of r.bindings) assert.match(lines[b.line - 1]!, new RegExp(`:\\s+${b.binding.replace(/\./g, '\\.')}$`), 'line points at the header');
	});

	test('a file cut inside a binding is reported, at every cut before its last required line', () => {
		const text = read('azure-pipelines-extensions-140.txt');
		const negotiate = text.indexOf('Negotiate Client Certificate');
		const hash = text.indexOf('Certificate Hash');
		for (let cut = text.indexOf('IP:port') + 30; cut < negotiate; cut += 7) {
			const r = parseNetshSslCert(text.slice(0, cut));
			assert.equal(r.bindings.length, 1, `cut at ${cut}`);
			const messages = r.problems.map((p) => p.message).join('\n');
			assert.match(messages, /no "Negotiate Client Certificate" line: the output looks cut/, `cut at ${cut}`);
			if (cut < hash) assert.match(messages, /no "Certificate Hash" line/);
			assert.ok(r.problems.filter((p) => /looks cut/.test(p.message)).every((p) => p.line === 5), 'the cut is reported at the binding header');
		}
		assert.deepEqual(parseNetshSslCert(text.slice(0, text.indexOf('\n', negotiate))).problems, []);
	});

	test('unreadable text gives problems with line numbers, never a throw', () => {
		// Labels in another language (made up here: no real localized sample was found) give no binding and say why.
		const notEnglish = 'SSL-Zertifikatbindungen:\n    IP-Port                      : 0.0.0.0:443\n    Zertifikathash               : 5226dc6c54559761cd471b86eb51c096252c90f2\n';
		const r = parseNetshSslCert(notEnglish);
		assert.equal(r.bindings.length, 0);
		assert.deepEqual(r.problems.map((p) => p.line), [1, 1]);
		assert.match(r.problems[1]!.message, /only the English output of netsh is read/);

		const bad = parseNetshSslCert('Certificate Hash : zz\nIP:port : 1.2.3.4:443\nCertificate Hash : xyz\nCertificate Hash : 00\nNegotiate Client Certificate : Maybe\nThe system cannot find the file specified.\n');
		assert.deepEqual(
			bad.problems.map((p) => [p.line, p.message.replace(/:.*/, '')]),
			[
				[1, '"Certificate Hash" appears before any binding header (IP'],
				[3, 'Certificate Hash is not hexadecimal'],
				[4, '"Certificate Hash" appears twice in binding 1.2.3.4'],
				[5, 'Negotiate Client Certificate is neither Enabled nor Disabled'],
				[6, 'not a "label '],
			],
		);
		assert.equal(bad.bindings[0]!.certificateHash, undefined);
		for (const junk of ['', '\u0000\u0001', ':::', ' : ', 'x'.repeat(100_000), '\r\r\n\n']) assert.doesNotThrow(() => parseNetshSslCert(junk));
		assert.deepEqual(parseNetshSslCert('\r\nSSL Certificate bindings:\r\n-------------------------\r\n\r\n'), { bindings: [], problems: [] }, 'no bindings is not a problem');
	});

	test('empty values and (null) are absent; a Central Certificate Store header; echoed prompts are skipped', () => {
		const r = parseNetshSslCert('C:\\Windows\\system32>netsh http show sslcert\n    Central Certificate Store    : 443\n    Certificate Hash             : (null)\n    Ctl Identifier          :\n    Negotiate Client Certificate : Enabled\n');
		assert.deepEqual(r.problems, []);
		assert.deepEqual(r.bindings, [{ binding: '443', kind: 'ccs', negotiateClientCertificate: true, line: 2 }]);
	});

	test('bindingFacts: own CTL store, renegotiation, the default store, each tagged', () => {
		const [adfs] = parseNetshSslCert(read('adfsanalyzer-41.txt')).bindings;
		const facts = bindingFacts(adfs!);
		assert.match(facts[0]!, /own CTL store "adfstrusteddevices"/);
		assert.match(facts[0]!, /Cert:\\LocalMachine\\adfstrusteddevices/);
		assert.match(facts[0]!, /documented: "What's new in TLS\/SSL \(Schannel SSP\)"/);
		assert.match(facts[0]!, /inferred/);
		const reneg = facts.find((f) => f.includes('Negotiate Client Certificate: Disabled'));
		assert.ok(reneg);
		assert.match(reneg, /renegotiation inside the encrypted session/);
		assert.match(reneg, /no CertificateRequest/);
		assert.match(reneg, /secondary source/);

		const [ip] = parseNetshSslCert(read('azure-pipelines-extensions-140.txt')).bindings;
		const ipFacts = bindingFacts(ip!);
		assert.match(ipFacts[0]!, /no CTL store of its own/);
		assert.ok(ipFacts.some((f) => /reads the server certificate from the MY store/.test(f)));

		const [jp] = parseNetshSslCert(read('jpazureid-adfs-cba-ts.txt')).bindings;
		const jpFacts = bindingFacts(jp!);
		assert.ok(jpFacts.some((f) => /Enabled.*first handshake/.test(f)));
		assert.ok(!jpFacts.some((f) => /renegotiation inside/.test(f)));
		assert.ok(!jpFacts.some((f) => /MY store/.test(f)), 'the store is named');
		assert.ok(bindingFacts({ binding: '443', kind: 'ccs', line: 1, ctlIdentifier: 'Lab CTL' }).some((f) => /Ctl Identifier "Lab CTL"/.test(f) && /unknown/.test(f)));
		assert.ok(bindingFacts({ binding: '443', kind: 'ccs', line: 1 }).some((f) => /is unknown/.test(f)), 'no Negotiate line: unknown');
	});
});
