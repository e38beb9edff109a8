import * as assert from 'node:assert/strict';
import { parseRegBytes, parseRegText } from '../../../../src/core/reg';
import { effectiveConfiguration, findWindowsVersion, formatEffectiveMarkdown, type EffectiveEntry } from '../../../../src/core/schannel';
import { readFixture } from '../../../support/fixtures';

const HEAD = 'Windows Registry Editor Version 5.00\r\n\r\n';
const P = '[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols';

function state(body: string, os: string, name: string, role: EffectiveEntry['role']): EffectiveEntry {
	const entries = effectiveConfiguration(parseRegText(`${HEAD}${body}`), findWindowsVersion(os)!);
	const e = entries.find((x) => x.name === name && x.role === role);
	assert.ok(e);
	return e;
}

suite('effective Schannel configuration (three-state rule, OS defaults)', () => {
	const cases: [string, string, string, EffectiveEntry['role'], EffectiveEntry['state'], number[]][] = [
		['no keys: 2008 R2 default for TLS 1.2 is disabled by default', '', '2008r2', 'server', 'disabledByDefault', []],
		['no keys: 2012 default for TLS 1.2 is enabled', '', '2012', 'server', 'enabled', []],
		['Enabled=1 alone keeps 2008 R2 TLS 1.2 disabled by default (KB 245030)', `${P}\\TLS 1.2\\Server]\r\n"Enabled"=dword:1`, '2008r2', 'server', 'disabledByDefault', [4]],
		['DisabledByDefault=0 enables it', `${P}\\TLS 1.2\\Server]\r\n"Enabled"=dword:1\r\n"DisabledByDefault"=dword:0`, '2008r2', 'server', 'enabled', [4, 5]],
		['Enabled=0 disables it whatever DisabledByDefault says', `${P}\\TLS 1.2\\Server]\r\n"DisabledByDefault"=dword:0\r\n"Enabled"=dword:0`, '2012', 'server', 'disabled', [5]],
		['a REG_SZ "0" is ignored: OS default', `${P}\\TLS 1.2\\Server]\r\n"Enabled"="0"`, '2012', 'server', 'enabled', []],
		['the later line wins', `${P}\\TLS 1.2\\Client]\r\n"Enabled"=dword:0\r\n${P}\\TLS 1.2\\Client]\r\n"Enabled"=dword:1`, '2012', 'client', 'enabled', [6]],
		['a [-key] deletion restores the default', `${P}\\TLS 1.2\\Client]\r\n"Enabled"=dword:0\r\n[-HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols]`, '2012', 'client', 'enabled', []],
	];
	for (const [name, body, os, role, want, lines] of cases) {
		test(name, () => {
			const e = state(body, os, 'TLS 1.2', role);
			assert.equal(e.state, want);
			assert.deepEqual(e.decidedBy.map((d) => d.line + 1), lines);
		});
	}

	test('TLS 1.3 keys on 2008 R2: not supported, with a note', () => {
		const e = state(`${P}\\TLS 1.3\\Server]\r\n"Enabled"=dword:1`, '2008r2', 'TLS 1.3', 'server');
		assert.equal(e.state, 'notSupported');
		assert.match(e.note ?? '', /no effect/);
	});

	test('racetracks tls12.reg on 2008 R2: SSL/TLS 1.0/1.1 off, TLS 1.2 on, RC4 off', () => {
		const entries = effectiveConfiguration(parseRegBytes(readFixture('public/racetracks__windows_crypto__tls12.reg')), findWindowsVersion('2008r2')!);
		const get = (name: string, role: EffectiveEntry['role']) => entries.find((e) => e.name === name && e.role === role)?.state;
		assert.equal(get('SSL 3.0', 'server'), 'disabled');
		assert.equal(get('TLS 1.0', 'client'), 'disabled');
		assert.equal(get('TLS 1.2', 'server'), 'enabled');
		assert.equal(get('RC4 128/128', 'both'), 'disabled');
		const md = formatEffectiveMarkdown(entries, findWindowsVersion('2008r2')!, 'tls12.reg');
		assert.match(md, /\| TLS 1\.2 \| server \| \*\*enabled\*\* \| disabled by default \| line \d+: `"Enabled"=dword:ffffffff`; line \d+: `"DisabledByDefault"=dword:00000000` \|/);
	});
});
