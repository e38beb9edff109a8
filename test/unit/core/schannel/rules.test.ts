import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRegText } from '../../../../src/core/reg';
import { ALL_RULES, checkSchannel, findWindowsVersion, resolveTargetOs, WINDOWS_VERSIONS } from '../../../../src/core/schannel';
import { REPO_ROOT } from '../../../support/fixtures';

const S = '[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL';
const P = `${S}\\Protocols`;

/** Codes found in a .reg body for a target OS (the file's `; target:` line wins, as in the editor). */
export function codesFor(body: string, os = 'Windows Server 2008 R2'): string[] {
	const text = `Windows Registry Editor Version 5.00\r\n\r\n${body.replace(/\n/g, '\r\n')}\r\n`;
	const target = resolveTargetOs(text, os);
	return checkSchannel(parseRegText(text), { os: target.os, ...(target.comment ? { targetComment: target.comment } : {}) }).map((f) => f.code);
}

type Case = { positive: string; negative: string; os?: string; negativeOs?: string };

/** One positive and one negative example per rule code (issue 5). */
const CASES: Record<string, Case> = {
	'sch.wrong-type': { positive: `${P}\\TLS 1.2\\Server]\n"Enabled"="1"`, negative: `${P}\\TLS 1.2\\Server]\n"Enabled"=dword:00000001` },
	'sch.value-out-of-range': { positive: `${S}]\n"SendTrustedIssuerList"=dword:00000002`, negative: `${S}]\n"SendTrustedIssuerList"=dword:00000000` },
	'sch.unknown-value': { positive: `${S}]\n"SendTrustedIssuersList"=dword:00000000`, negative: `${S}]\n"SendTrustedIssuerList"=dword:00000000` },
	'sch.unknown-key': { positive: `${P}\\TLS1.2\\Server]\n"Enabled"=dword:00000001`, negative: `${P}\\TLS 1.2\\Server]\n"Enabled"=dword:00000001` },
	'sch.wrong-level': { positive: `${P}\\TLS 1.2]\n"Enabled"=dword:00000001`, negative: `${P}\\TLS 1.2\\Client]\n"Enabled"=dword:00000001` },
	'sch.cipher-slash-split': { positive: `${S}\\Ciphers\\RC4 128\\128]\n"Enabled"=dword:00000000`, negative: `${S}\\Ciphers\\RC4 128/128]\n"Enabled"=dword:00000000` },
	'sch.division-slash': { positive: `${S}\\Ciphers\\RC4 128\u2215128]\n"Enabled"=dword:00000000`, negative: `${S}\\Ciphers\\RC4 128/128]\n"Enabled"=dword:00000000` },
	'sch.enabled-nonstandard': { positive: `${P}\\TLS 1.2\\Server]\n"Enabled"=dword:ffffffff`, negative: `${P}\\TLS 1.2\\Server]\n"Enabled"=dword:00000001` },
	'sch.half-disabled': { positive: `${P}\\TLS 1.2\\Server]\n"Enabled"=dword:00000001\n"DisabledByDefault"=dword:00000001`, negative: `${P}\\TLS 1.2\\Server]\n"Enabled"=dword:00000001\n"DisabledByDefault"=dword:00000000` },
	'sch.disabledbydefault-needed': { positive: `${P}\\TLS 1.2\\Server]\n"Enabled"=dword:00000001`, negative: `${P}\\TLS 1.2\\Server]\n"Enabled"=dword:00000001\n"DisabledByDefault"=dword:00000000` },
	'sch.legacy-protocol-enabled': { positive: `${P}\\SSL 3.0\\Server]\n"Enabled"=dword:00000001`, negative: `${P}\\SSL 3.0\\Server]\n"Enabled"=dword:00000000` },
	'sch.tls13-unsupported': { positive: `${P}\\TLS 1.3\\Server]\n"Enabled"=dword:00000001`, negative: `${P}\\TLS 1.3\\Server]\n"Enabled"=dword:00000001`, negativeOs: 'Windows Server 2022' },
	'sch.protocol-not-supported': { positive: `${P}\\DTLS 1.2\\Server]\n"Enabled"=dword:00000001`, negative: `${P}\\DTLS 1.2\\Server]\n"Enabled"=dword:00000001`, negativeOs: 'Windows Server 2016' },
	'sch.client-server-mismatch': { positive: `${P}\\TLS 1.0\\Client]\n"Enabled"=dword:00000000\n${P}\\TLS 1.0\\Server]\n"Enabled"=dword:00000001`, negative: `${P}\\TLS 1.0\\Client]\n"Enabled"=dword:00000000\n${P}\\TLS 1.0\\Server]\n"Enabled"=dword:00000000` },
	'sch.undocumented-value': { positive: `${S}]\n"DisableRenegoOnServer"=dword:00000001`, negative: `${S}]\n"AllowInsecureRenegoClients"=dword:00000000` },
	'sch.no-effect-on-target': { positive: `${S}]\n"ClientAuthTrustMode"=dword:00000002`, negative: `${S}]\n"ClientAuthTrustMode"=dword:00000002`, negativeOs: 'Windows Server 2012' },
	'sch.messaging-zero': { positive: `${S}\\Messaging]\n"MessageLimitClient"=dword:00000000`, negative: `${S}\\Messaging]\n"MessageLimitClient"=dword:00008000` },
	'sch.messaging-small': { positive: `${S}\\Messaging]\n"MessageLimitClient"=dword:00001000`, negative: `${S}\\Messaging]\n"MessageLimitClient"=dword:00008000` },
	'sch.issuer-list-sent': { positive: `${S}]\n"SendTrustedIssuerList"=dword:00000001`, negative: `${S}]\n"SendTrustedIssuerList"=dword:00000000` },
	'sch.wrong-hive': { positive: `[HKEY_CURRENT_USER\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL]\n"ClientCacheTime"=dword:00000000`, negative: `${S}]\n"ClientCacheTime"=dword:00000000` },
	'sch.numbered-control-set': { positive: `[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Control\\SecurityProviders\\SCHANNEL]\n"ClientCacheTime"=dword:00000000`, negative: `${S}]\n"ClientCacheTime"=dword:00000000` },
	'sch.misplaced-value': { positive: `${S}]\n"FIPSAlgorithmPolicy"=dword:00000001`, negative: `[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Lsa]\n"FIPSAlgorithmPolicy"=dword:00000001` },
	'sch.overridden': { positive: `${S}]\n"ClientCacheTime"=dword:00000000\n"ClientCacheTime"=dword:00000001`, negative: `${S}]\n"ClientCacheTime"=dword:00000000\n"ServerCacheTime"=dword:00000001` },
	'sch.reboot-required': { positive: `${S}]\n"EventLogging"=dword:00000007`, negative: `${S}]\n"ClientCacheTime"=dword:00000000` },
	'sch.weak-key-length': { positive: `${S}\\KeyExchangeAlgorithms\\Diffie-Hellman]\n"ServerMinKeyBitLength"=dword:00000400`, negative: `${S}\\KeyExchangeAlgorithms\\Diffie-Hellman]\n"ServerMinKeyBitLength"=dword:00000800` },
	'sch.winhttp-no-tls12': { positive: `[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\WinHttp]\n"DefaultSecureProtocols"=dword:00000200`, negative: `[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\WinHttp]\n"DefaultSecureProtocols"=dword:00000a00` },
	'sch.dotnet-not-system-default': { positive: `[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319]\n"SystemDefaultTlsVersions"=dword:00000000`, negative: `[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319]\n"SystemDefaultTlsVersions"=dword:00000001` },
	'sch.weak-cipher-suite': { positive: `[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Cryptography\\Configuration\\SSL\\00010002]\n"Functions"="TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_RSA_WITH_RC4_128_SHA"`, negative: `[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Cryptography\\Configuration\\SSL\\00010002]\n"Functions"="TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"` },
	'sch.unknown-target': { positive: `; target: Windows Server 2007\n${S}]`, negative: `; target: Windows Server 2012 R2\n${S}]` },
};

suite('Schannel rules: one positive and one negative case per code (issue 5)', () => {
	test('every rule in the catalog has cases, and every case names a rule', () => {
		assert.deepEqual(ALL_RULES.map((r) => r.code).sort(), Object.keys(CASES).sort());
	});
	for (const [code, c] of Object.entries(CASES)) {
		test(`${code}: fires on the positive case`, () => {
			assert.ok(codesFor(c.positive, c.os).includes(code), `${code} expected in ${JSON.stringify(codesFor(c.positive, c.os))}`);
		});
		test(`${code}: silent on the negative case`, () => {
			assert.ok(!codesFor(c.negative, c.negativeOs ?? c.os).includes(code));
		});
	}

	test('every rule has a severity, evidence and an https docs link', () => {
		for (const r of ALL_RULES) {
			assert.match(r.docs, /^https:\/\//, r.code);
			assert.ok(['error', 'warning', 'info', 'hint'].includes(r.severity), r.code);
			assert.ok(['documented', 'inferred', 'unknown'].includes(r.evidence), r.code);
		}
	});

	test('did-you-mean names the intended spelling', () => {
		const text = (body: string) => `Windows Registry Editor Version 5.00\r\n\r\n${body}\r\n`;
		const os = findWindowsVersion('2008r2')!;
		const msg = (body: string) => checkSchannel(parseRegText(text(body)), { os }).map((f) => f.message).join('\n');
		assert.match(msg(`${P}\\TLS1.2\\Server]\r\n"Enabled"=dword:1`), /Did you mean "TLS 1\.2"\?/);
		assert.equal(msg(`${P}\\TLS1.2]`), '', 'a misspelt key without values changes nothing and is not reported');
		assert.match(msg(`${S}]\r\n"SendTrustedIssuersList"=dword:0`), /Did you mean "SendTrustedIssuerList"\?/);
		assert.match(msg(`${P}\\TLS 1.2\\Server]\r\n"Enable"=dword:1`), /Did you mean "Enabled"\?/);
	});

	test('the target OS setting lists exactly the known versions (package.json)', () => {
		const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
		const setting = pkg.contributes.configuration.properties['schannelLens.targetOs'];
		assert.deepEqual(setting.enum, WINDOWS_VERSIONS.map((w) => w.name));
		assert.equal(setting.default, 'Windows Server 2008 R2');
	});
});

suite('docs/rules.md', () => {
	test('documents every rule code', () => {
		const doc = readFileSync(join(REPO_ROOT, 'docs', 'rules.md'), 'utf8');
		for (const r of ALL_RULES) assert.ok(doc.includes(`\`${r.code}\``), `${r.code} is documented`);
	});

	test('gives each rule its severity from the catalog (issue 15: severities rank by harm)', () => {
		const doc = readFileSync(join(REPO_ROOT, 'docs', 'rules.md'), 'utf8');
		for (const r of ALL_RULES) {
			const row = new RegExp(`^\\| \`${r.code.replace(/\./g, '\\.')}\` \\| (\\w+) \\|`, 'm').exec(doc);
			assert.equal(row?.[1], r.severity, `${r.code}: docs/rules.md says ${row?.[1]}, the catalog ${r.severity}`);
		}
	});
});
