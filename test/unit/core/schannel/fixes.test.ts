import * as assert from 'node:assert/strict';
import { parseRegText } from '../../../../src/core/reg';
import { applyEdits, checkSchannel, findWindowsVersion } from '../../../../src/core/schannel';

const HEAD = 'Windows Registry Editor Version 5.00\r\n\r\n';
const S = '[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL';

/** Applies the named fix of the first finding with `code`, and re-checks the result. */
function fix(body: string, code: string, title: RegExp, os = '2008r2'): { text: string; codes: string[] } {
	const text = `${HEAD}${body}`;
	const target = findWindowsVersion(os)!;
	const finding = checkSchannel(parseRegText(text), { os: target }).find((f) => f.code === code);
	assert.ok(finding, `${code} found`);
	const chosen = finding.fixes.find((f) => title.test(f.title));
	assert.ok(chosen, `a fix matching ${title} among ${finding.fixes.map((f) => f.title).join(', ')}`);
	const fixed = applyEdits(text, chosen.edits);
	const reparsed = parseRegText(fixed);
	assert.deepEqual(reparsed.problems, [], 'the fixed text parses cleanly');
	return { text: fixed.slice(HEAD.length), codes: checkSchannel(reparsed, { os: target }).map((f) => f.code) };
}

suite('Schannel quick fixes produce the documented text (issue 5)', () => {
	test('wrong type: "Enabled"="1" → dword:00000001', () => {
		const r = fix(`${S}\\Protocols\\TLS 1.2\\Server]\r\n"Enabled"="1"\r\n"DisabledByDefault"=dword:00000000\r\n`, 'sch.wrong-type', /REG_DWORD 1/);
		assert.equal(r.text, `${S}\\Protocols\\TLS 1.2\\Server]\r\n"Enabled"=dword:00000001\r\n"DisabledByDefault"=dword:00000000\r\n`);
		assert.ok(!r.codes.includes('sch.wrong-type'));
	});

	test('missing DisabledByDefault on 2008 R2 is added after Enabled', () => {
		const r = fix(`${S}\\Protocols\\TLS 1.2\\Client]\r\n"Enabled"=dword:00000001\r\n`, 'sch.disabledbydefault-needed', /DisabledByDefault/);
		assert.equal(r.text, `${S}\\Protocols\\TLS 1.2\\Client]\r\n"Enabled"=dword:00000001\r\n"DisabledByDefault"=dword:00000000\r\n`);
		assert.ok(!r.codes.includes('sch.disabledbydefault-needed'));
	});

	test('Enabled directly under the protocol moves under Client and Server', () => {
		const r = fix(`${S}\\Protocols\\TLS 1.2]\r\n"Enabled"=dword:00000001\r\n\r\n${S}]\r\n"EventLogging"=dword:00000001\r\n`, 'sch.wrong-level', /Move/, '2012');
		assert.equal(r.text, `${S}\\Protocols\\TLS 1.2]\r\n\r\n${S}\\Protocols\\TLS 1.2\\Client]\r\n"Enabled"=dword:00000001\r\n\r\n${S}\\Protocols\\TLS 1.2\\Server]\r\n"Enabled"=dword:00000001\r\n\r\n${S}]\r\n"EventLogging"=dword:00000001\r\n`);
		assert.ok(!r.codes.includes('sch.wrong-level'));
	});

	test('a value in the middle of its section moves too, the rest stays', () => {
		const r = fix(`${S}\\Protocols\\TLS 1.2]\r\n"Enabled"=dword:00000001\r\n"Other"=dword:00000000\r\n`, 'sch.wrong-level', /Move/, '2012');
		assert.equal(r.text, `${S}\\Protocols\\TLS 1.2]\r\n"Other"=dword:00000000\r\n\r\n${S}\\Protocols\\TLS 1.2\\Client]\r\n"Enabled"=dword:00000001\r\n\r\n${S}\\Protocols\\TLS 1.2\\Server]\r\n"Enabled"=dword:00000001\r\n`);
	});

	test('RC4 128\\128 is renamed to RC4 128/128', () => {
		const r = fix(`${S}\\Ciphers\\RC4 128\\128]\r\n"Enabled"=dword:00000000\r\n`, 'sch.cipher-slash-split', /Rename/);
		assert.equal(r.text, `${S}\\Ciphers\\RC4 128/128]\r\n"Enabled"=dword:00000000\r\n`);
		assert.ok(!r.codes.includes('sch.cipher-slash-split'));
	});

	test('TLS1.2 is renamed to TLS 1.2', () => {
		const r = fix(`${S}\\Protocols\\TLS1.2\\Server]\r\n"Enabled"=dword:00000001\r\n"DisabledByDefault"=dword:00000000\r\n`, 'sch.unknown-key', /TLS 1\.2/);
		assert.ok(r.text.startsWith(`${S}\\Protocols\\TLS 1.2\\Server]`));
		assert.ok(!r.codes.includes('sch.unknown-key'));
	});

	test('SendTrustedIssuerList=1 → 0', () => {
		const r = fix(`${S}]\r\n"SendTrustedIssuerList"=dword:00000001\r\n`, 'sch.issuer-list-sent', /Set SendTrustedIssuerList to 0/);
		assert.equal(r.text, `${S}]\r\n"SendTrustedIssuerList"=dword:00000000\r\n`);
	});
});
