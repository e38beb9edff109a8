import * as assert from 'node:assert/strict';
import { parseRegBytes, RegType, type RegDocument } from '../../../../src/core/reg';
import { readFixture } from '../../../support/fixtures';

type Expect = { encoding: 'utf16le' | 'ansi'; keys: number; values: number; deletions?: number; check?: (doc: RegDocument) => void };

function value(doc: RegDocument, keySuffix: string, name: string) {
	const key = doc.keys.find((k) => k.path.toLowerCase().endsWith(keySuffix.toLowerCase()));
	assert.ok(key, `key …${keySuffix}`);
	const v = key.values.find((x) => x.name === name);
	assert.ok(v, `value ${name} under …${keySuffix}`);
	return v;
}

const num = (doc: RegDocument, key: string, name: string) => {
	const v = value(doc, key, name);
	assert.equal(v.type, RegType.DWORD);
	return v.decoded.kind === 'number' ? v.decoded.value : NaN;
};

/**
 * Every `.reg` file of ../shared/data/reg (copied to test/fixtures/public), with what regedit's
 * rules say it holds, read off the files' text (issue 5: parses without error, expected keys and values).
 */
const EXPORTS: Record<string, Expect> = {
	'IntExplorer-Creator__Internet-Explorer-Addons__tls13.reg': {
		encoding: 'ansi',
		keys: 2,
		values: 3,
		check: (d) => {
			assert.equal(num(d, 'Protocols\\TLS 1.3\\Client', 'DisabledByDefault'), 0);
			assert.equal(num(d, 'Protocols\\TLS 1.3\\Client', 'Enabled'), 1);
			assert.equal(num(d, 'CurrentVersion\\Internet Settings', 'SecureProtocols'), 0xa80);
			assert.equal(d.keys[1]!.root, 'HKEY_CURRENT_USER');
		},
	},
	'PIKACHUIM__PikaCASetup__Scripts__root__CA-REMOVED.reg': { encoding: 'ansi', keys: 6, values: 0, deletions: 6 },
	'BengbuGuards__MythwareToolkit__RootCA.reg': { encoding: 'utf16le', keys: 1, values: 1, check: (d) => assert.equal(value(d, 'ROOT\\Certificates\\B759697225BF14DA7F67596D9A687058C4EBAC60', 'Blob').type, RegType.BINARY) },
	'RealTenzo__RealTenzo__cert.reg': { encoding: 'utf16le', keys: 1, values: 1, check: (d) => assert.equal(value(d, 'ROOT\\Certificates\\50E8E66831E80168D79A7969ECA005A323740371', 'Blob').type, RegType.BINARY) },
	'dmcert__CertTool__cross-sign__R4_RootCertificateAuthority.reg': { encoding: 'utf16le', keys: 1, values: 1, check: (d) => assert.equal(value(d, '\\CA\\Certificates\\2A68652C2C14CD0A7404E58C72085726602D36EE', 'Blob').type, RegType.BINARY) },
	'dmcert__CertTool__root__R4RootCA.reg': { encoding: 'utf16le', keys: 2, values: 2 },
	'PIKACHUIM__PikaCASetup__Scripts__test__CA-INSTALL.reg': {
		encoding: 'utf16le',
		keys: 4,
		values: 4,
		check: (d) => {
			assert.equal(num(d, 'Policies\\Microsoft\\SystemCertificates\\AuthRoot', 'DisableRootAutoUpdate'), 1);
			assert.equal(d.keys.filter((k) => k.values.some((v) => v.name === 'Blob')).length, 3);
		},
	},
	'PIKACHUIM__PikaCASetup__Scripts__root__CA-INSTALL.reg': {
		encoding: 'ansi',
		keys: 10,
		values: 15,
		check: (d) => {
			assert.deepEqual(value(d, 'Policies\\Microsoft\\SystemCertificates\\AuthRoot', 'RootDirUrl').decoded, { kind: 'string', value: 'https://pikachuim.github.io/testca/microsofts.sst' });
			assert.equal(num(d, 'ChainEngine\\Config', 'ChainUrlRetrievalTimeoutMilliseconds'), 15000);
			assert.equal(num(d, 'ChainEngine\\Config', 'CrossCertDownloadIntervalHours'), 168);
			assert.equal(num(d, 'TrustedPublisher\\Safer', 'AuthenticodeFlags'), 0x300);
			const peer = value(d, 'Root\\ProtectedRoots', 'PeerUsages');
			assert.equal(peer.type, RegType.MULTI_SZ);
			assert.ok(peer.decoded.kind === 'strings' && peer.decoded.value.every((s) => /^1\.3\.6\.1\./.test(s)), 'PeerUsages is a list of OIDs');
		},
	},
	'racetracks__windows_crypto__defaults.reg': { encoding: 'ansi', keys: 55, values: 55 },
	'racetracks__windows_crypto__tls12.reg': { encoding: 'ansi', keys: 55, values: 55, check: (d) => assert.equal(num(d, 'Protocols\\TLS 1.2\\Server', 'Enabled'), 0xffffffff) },
	'racetracks__windows_crypto__tls13.reg': { encoding: 'ansi', keys: 55, values: 55 },
	'fsackur__PsSsl__schannel.reg': { encoding: 'utf16le', keys: 8, values: 2 },
	'KieranJeffreySmart__windows-containers__tls12.reg': { encoding: 'ansi', keys: 2, values: 4 },
};

suite('every public .reg export parses as regedit would (issue 5)', () => {
	for (const [file, want] of Object.entries(EXPORTS)) {
		test(file, () => {
			const doc = parseRegBytes(readFixture(`public/${file}`));
			assert.deepEqual(doc.problems, [], 'no syntax problem');
			assert.equal(doc.header, 'v5');
			assert.equal(doc.encoding, want.encoding);
			assert.equal(doc.keys.length, want.keys);
			assert.equal(doc.keys.reduce((n, k) => n + k.values.length, 0), want.values);
			assert.equal(doc.keys.filter((k) => k.op === 'delete').length, want.deletions ?? 0);
			want.check?.(doc);
		});
	}
});
