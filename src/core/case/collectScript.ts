// The PowerShell script that collects one Windows machine's Schannel evidence into a folder the doctor reads.
// Pure: builds text only. The extension opens it as an untitled document for the user to read and run on Windows;
// nothing here runs it. test/unit/core/case/collectScript.test.ts checks every command against an allow-list.

import * as l10n from '@vscode/l10n';

/** Options for {@link collectionScript}. */
export interface CollectionScriptOptions {
	/** The machine's part in the mutual-TLS case. A client also exports the current user's personal store. Default: server. */
	readonly role?: 'server' | 'client';
}

/** A registry key exported with `reg export`, and the file it goes to. */
export interface RegistryExport {
	readonly key: string;
	readonly file: string;
}

/** A certificate store exported with `Export-Certificate -Type SST`, and the file it goes to. */
export interface StoreExport {
	/** `Cert:` drive path below `Cert:\`, e.g. `LocalMachine\Root`. */
	readonly store: string;
	readonly file: string;
}

/** The SCHANNEL key export (the settings the `.reg` diagnostics read). */
export const SCHANNEL_EXPORT: RegistryExport = { key: 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL', file: 'schannel-settings.reg' };

/**
 * Registry-backed certificate stores, exported as `.reg`: these also work where Export-Certificate does not exist
 * (Windows Server 2008 R2 and older), and they keep the physical stores apart (the Root logical store also
 * includes the group-policy and enterprise Root stores).
 */
export const REGISTRY_STORE_EXPORTS: readonly RegistryExport[] = [
	{ key: 'HKLM\\SOFTWARE\\Microsoft\\SystemCertificates\\ROOT', file: 'root-store.reg' },
	{ key: 'HKLM\\SOFTWARE\\Microsoft\\SystemCertificates\\AuthRoot', file: 'authroot-store.reg' },
	{ key: 'HKLM\\SOFTWARE\\Microsoft\\SystemCertificates\\CA', file: 'ca-store.reg' },
	{ key: 'HKLM\\SOFTWARE\\Microsoft\\SystemCertificates\\ClientAuthIssuer', file: 'clientauthissuer-store.reg' },
	{ key: 'HKLM\\SOFTWARE\\Policies\\Microsoft\\SystemCertificates\\Root', file: 'policy-root-store.reg' },
	{ key: 'HKLM\\SOFTWARE\\Microsoft\\EnterpriseCertificates\\Root', file: 'enterprise-root-store.reg' },
];

/** Certificate stores exported as serialized stores (`.sst`) for each role. */
export function storeExports(role: 'server' | 'client'): StoreExport[] {
	const machine = ['Root', 'AuthRoot', 'CA', 'ClientAuthIssuer', 'My'].map((s) => ({ store: `LocalMachine\\${s}`, file: `${s}.sst` }));
	return role === 'client' ? [...machine, { store: 'CurrentUser\\My', file: 'CurrentUser-My.sst' }] : machine;
}

/** Event logs exported with `wevtutil epl`. The CAPI2 log is off by default; the script does not turn it on. */
export const EVENT_LOG_EXPORTS: readonly { readonly log: string; readonly file: string }[] = [
	{ log: 'System', file: 'system.evtx' },
	{ log: 'Application', file: 'application.evtx' },
	{ log: 'Microsoft-Windows-CAPI2/Operational', file: 'capi2.evtx' },
];

/** The other files the script writes, in the order it writes them. */
export const OTHER_FILES = ['netsh-sslcert.txt', 'schannel-dll-version.txt', 'windows-version.txt', 'schannel-lens.json', 'collection-summary.txt'] as const;

/** Every file name the script can write into its output folder. */
export function collectedFileNames(role: 'server' | 'client' = 'server'): string[] {
	return [SCHANNEL_EXPORT.file, ...REGISTRY_STORE_EXPORTS.map((e) => e.file), ...storeExports(role).map((e) => e.file), ...EVENT_LOG_EXPORTS.map((e) => e.file), ...OTHER_FILES];
}

/** A PowerShell single-quoted string literal. */
function ps(s: string): string {
	return `'${s.replace(/'/g, "''")}'`;
}

/**
 * The collection script, for Windows PowerShell 2.0 and later (steps that need a newer Windows say so in the
 * summary instead of failing the run). It only reads: it creates one folder
 * `.\schannel-lens-<COMPUTERNAME>-<yyyyMMdd-HHmmss>` and writes the exports into it.
 *
 * @example
 * const content = collectionScript({ role: 'client' });
 * await vscode.workspace.openTextDocument({ language: 'powershell', content });
 */
export function collectionScript(options: CollectionScriptOptions = {}): string {
	const role = options.role ?? 'server';
	const fileList = [
		`    ${SCHANNEL_EXPORT.file.padEnd(30)} ${l10n.t('reg export of {0}', SCHANNEL_EXPORT.key)}`,
		...REGISTRY_STORE_EXPORTS.map((e) => `    ${e.file.padEnd(30)} ${l10n.t('reg export of {0}', e.key)}`),
		...storeExports(role).map((e) => `    ${e.file.padEnd(30)} ${l10n.t('Export-Certificate -Type SST of {0}', `Cert:\\${e.store}`)}`),
		`    ${'netsh-sslcert.txt'.padEnd(30)} ${l10n.t('netsh http show sslcert (the HTTP.sys / IIS SSL bindings)')}`,
		`    ${'schannel-dll-version.txt'.padEnd(30)} ${l10n.t('file version of {0}', '%SystemRoot%\\System32\\schannel.dll')}`,
		`    ${'windows-version.txt'.padEnd(30)} ${l10n.t('Windows caption, version and build')}`,
		...EVENT_LOG_EXPORTS.map((e) => `    ${e.file.padEnd(30)} ${l10n.t('wevtutil epl (a copy) of the {0} event log', e.log)}`),
		`    ${'schannel-lens.json'.padEnd(30)} ${l10n.t('{0} for the Schannel Lens doctor', '{ "name", "role", "windows" }')}`,
		`    ${'collection-summary.txt'.padEnd(30)} ${l10n.t('which steps worked, were skipped or failed')}`,
	];
	const registrySteps = [SCHANNEL_EXPORT, ...REGISTRY_STORE_EXPORTS]
		.map((e) => `Invoke-CollectionStep ${ps(`${e.key} -> ${e.file}`)} { reg export ${ps(e.key)} "$out\\${e.file}" /y | Out-Null }`)
		.join('\n');
	const storeList = storeExports(role)
		.map((e) => `    @(${ps(e.store)}, ${ps(e.file)})`)
		.join(',\n');
	const logList = EVENT_LOG_EXPORTS.map((e) => `    @(${ps(e.log)}, ${ps(e.file)})`).join(',\n');

	// The header is a comment: it is in the display language; the commands below it are not translated.
	const header = [
		l10n.t('Schannel Lens collection script (role: {0})', role),
		l10n.t('Made by the Schannel Lens extension for VS Code. Read it before you run it.'),
		'',
		l10n.t('WHAT IT DOES'),
		l10n.t('  It only READS this machine and changes nothing on it: it writes no registry value, adds or removes no\n  certificate, changes no setting and opens no network connection. Private keys are never exported.\n  The one thing it creates is a new folder in the current directory,'),
		l10n.t('  {0}, holding:', '.\\schannel-lens-<COMPUTERNAME>-<yyyyMMdd-HHmmss>'),
		...fileList,
		l10n.t('  Each step runs on its own: a step that fails is listed at the end and the others still run.\n  The CAPI2 log is off by default; this script does not turn it on, so capi2.evtx may hold no events.'),
		...(role === 'client' ? [l10n.t('  CurrentUser-My.sst is the personal store of the account that runs this script: run it as the user\n  (or service account) whose client certificate is in question.')] : []),
		'',
		l10n.t('HOW TO RUN'),
		l10n.t('  Save it as collect-schannel.ps1, open 64-bit Windows PowerShell as Administrator (the System log and some\n  stores need it), go to a folder with some free space, and run:'),
		'    powershell -NoProfile -ExecutionPolicy Bypass -File .\\collect-schannel.ps1',
		l10n.t('  (-ExecutionPolicy Bypass applies to this one run only.)\n  Copy the folder it prints to the machine with VS Code, open it, and run "Schannel Lens: Diagnose Folder"\n  on it (or: schannel-lens doctor <folder>).'),
	];

	return `<#
${header.join('\n')}
#>

$ErrorActionPreference = 'Stop'
$role = ${ps(role)}
$stamp = Get-Date -Format 'yyyyMMdd-HHmmss'
$out = Join-Path (Get-Location -PSProvider FileSystem).Path ('schannel-lens-' + $env:COMPUTERNAME + '-' + $stamp)
New-Item -ItemType Directory -Path $out | Out-Null
$results = @()

# Runs one step; records OK, SKIPPED (a throw starting with 'SKIP: ') or FAILED with the reason. Native tools
# (reg, netsh, wevtutil) report failure by exit code, so that is checked too.
function Invoke-CollectionStep([string]$name, [scriptblock]$action) {
    $global:LASTEXITCODE = 0
    try {
        & $action
        if ($LASTEXITCODE -ne 0) { throw ('exit code ' + $LASTEXITCODE) }
        $script:results += ('OK       ' + $name)
    } catch {
        $message = [string]$_.Exception.Message
        if ($message.StartsWith('SKIP: ')) { $script:results += ('SKIPPED  ' + $name + ': ' + $message.Substring(6)) }
        else { $script:results += ('FAILED   ' + $name + ': ' + $message) }
    }
}

$isAdmin = ([Security.Principal.WindowsPrincipal][Security.Principal.WindowsIdentity]::GetCurrent()).IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)
if (-not $isAdmin) { Write-Warning 'Not running as Administrator: the System log and some stores may not be exported.' }

# 1. The SCHANNEL settings and the registry-backed certificate stores (reg export only reads).
${registrySteps}

# 2. The certificate stores as serialized stores (.sst). Certificates only: Export-Certificate never exports private keys.
$certStores = @(
${storeList}
)
foreach ($pair in $certStores) {
    $store = $pair[0]
    $file = $pair[1]
    Invoke-CollectionStep ('Cert:\\' + $store + ' -> ' + $file) {
        if (-not (Get-Command Export-Certificate -ErrorAction SilentlyContinue)) { throw 'SKIP: Export-Certificate needs Windows 8 / Windows Server 2012 or later; the .reg store exports hold the same certificates' }
        $certs = @(Get-ChildItem -Path ('Cert:\\' + $store))
        if ($certs.Count -eq 0) { throw 'SKIP: the store is empty' }
        Export-Certificate -Cert $certs -FilePath "$out\\$file" -Type SST | Out-Null
    }
}

# 3. The HTTP.sys (IIS) SSL bindings: client-certificate negotiation and CTL stores per binding.
Invoke-CollectionStep 'netsh http show sslcert -> netsh-sslcert.txt' { netsh http show sslcert | Out-File -FilePath "$out\\netsh-sslcert.txt" -Width 400 }

# 4. The Schannel.dll and Windows versions. FileVersionNumbers is built from the file's numeric version fields;
#    the FileVersion text can show an older or shorter revision than the file really has.
Invoke-CollectionStep 'schannel.dll version -> schannel-dll-version.txt' {
    $info = (Get-Item -Path "$env:SystemRoot\\System32\\schannel.dll").VersionInfo
    $info | Format-List FileVersion, ProductVersion, FileName | Out-File -FilePath "$out\\schannel-dll-version.txt" -Width 400
    ('FileVersionNumbers : {0}.{1}.{2}.{3}' -f $info.FileMajorPart, $info.FileMinorPart, $info.FileBuildPart, $info.FilePrivatePart) | Out-File -FilePath "$out\\schannel-dll-version.txt" -Append
}
$os = $null
Invoke-CollectionStep 'Windows version -> windows-version.txt' {
    if (Get-Command Get-CimInstance -ErrorAction SilentlyContinue) { $script:os = Get-CimInstance -ClassName Win32_OperatingSystem }
    else { $script:os = Get-WmiObject -Class Win32_OperatingSystem }
    $script:os | Format-List Caption, Version, BuildNumber, OSArchitecture, CSDVersion | Out-File -FilePath "$out\\windows-version.txt" -Width 400
    $ubr = (Get-ItemProperty -Path 'HKLM:\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion' -ErrorAction SilentlyContinue).UBR
    if ($ubr) { ('UBR : ' + $ubr) | Out-File -FilePath "$out\\windows-version.txt" -Append }
}

# 5. The event logs (wevtutil epl copies a log into a file; it does not clear or change the log).
$eventLogs = @(
${logList}
)
foreach ($pair in $eventLogs) {
    $log = $pair[0]
    $file = $pair[1]
    Invoke-CollectionStep ($log + ' event log -> ' + $file) { wevtutil epl $log "$out\\$file" /ow:true }
}

# 6. What the doctor needs to know about this machine.
Invoke-CollectionStep 'schannel-lens.json' {
    $caption = ''
    if ($os) { $caption = ([string]$os.Caption).Trim() }
    $fields = @($env:COMPUTERNAME, $role, $caption) | ForEach-Object { ([string]$_) -replace '\\\\', '\\\\' -replace '"', '\\"' }
    ('{{ "name": "{0}", "role": "{1}", "windows": "{2}" }}' -f $fields[0], $fields[1], $fields[2]) | Out-File -FilePath "$out\\schannel-lens.json" -Encoding UTF8
}

# Summary.
$results | Out-File -FilePath "$out\\collection-summary.txt"
Write-Host ''
Write-Host ('Schannel Lens collected into ' + $out)
foreach ($line in $results) { Write-Host $line }
Write-Host 'Nothing on this machine was changed.'
`;
}
