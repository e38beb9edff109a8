/** Where a registry key sits, as far as Schannel and its neighbours care. */
export type SchannelPlace =
	| { readonly kind: 'schannel'; readonly hive: string }
	/** A key under SCHANNEL; `parts` are the components below SCHANNEL as written. */
	| { readonly kind: 'below'; readonly hive: string; readonly parts: readonly string[] }
	| { readonly kind: 'cipherSuitePolicy' }
	| { readonly kind: 'dotnet'; readonly version: string }
	| { readonly kind: 'winhttp' }
	| { readonly kind: 'fipsPolicy' };

const CONTROL_SET = /^SYSTEM\\(CurrentControlSet|ControlSet\d{3})\\Control\\SecurityProviders\\SCHANNEL(\\|$)/i;
const SUITE_POLICY = /^SOFTWARE\\Policies\\Microsoft\\Cryptography\\Configuration\\SSL\\00010002$/i;
const DOTNET = /^SOFTWARE\\(?:WOW6432Node\\)?Microsoft\\\.NETFramework\\(v[0-9.]+)$/i;
const WINHTTP = /^SOFTWARE\\(?:WOW6432Node\\)?Microsoft\\Windows\\CurrentVersion\\Internet Settings\\WinHttp$/i;
const LSA_FIPS = /^SYSTEM\\(CurrentControlSet|ControlSet\d{3})\\Control\\Lsa(\\FipsAlgorithmPolicy)?$/i;

/**
 * Classifies a key by its root and sub-path. SCHANNEL keys are recognised under any root, so a
 * SCHANNEL tree exported under HKEY_CURRENT_USER can be flagged instead of silently skipped.
 */
export function classify(root: string | undefined, subPath: string): SchannelPlace | undefined {
	const m = CONTROL_SET.exec(subPath);
	if (m) {
		const hive = root ?? '';
		const rest = subPath.slice(m[0].length);
		if (rest === '') return { kind: 'schannel', hive };
		return { kind: 'below', hive, parts: rest.split('\\') };
	}
	if (root !== 'HKEY_LOCAL_MACHINE') return undefined;
	if (SUITE_POLICY.test(subPath)) return { kind: 'cipherSuitePolicy' };
	const dotnet = DOTNET.exec(subPath);
	if (dotnet) return { kind: 'dotnet', version: dotnet[1]! };
	if (WINHTTP.test(subPath)) return { kind: 'winhttp' };
	if (LSA_FIPS.test(subPath)) return { kind: 'fipsPolicy' };
	return undefined;
}

/** True for `ControlSet001` etc.: an offline-hive export, applied to the running system only through CurrentControlSet. */
export function isNumberedControlSet(subPath: string): boolean {
	return /^SYSTEM\\ControlSet\d{3}\\/i.test(subPath);
}
