import type { Evidence } from '../reg/types';

/** Default state of a protocol for one role: Enabled, Disabled by default, Not supported. */
export type ProtocolDefault = 'enabled' | 'disabledByDefault' | 'notSupported' | 'unknown';

/** Protocol key names under `SCHANNEL\Protocols` (reference §1.3). */
export const PROTOCOLS = ['SSL 2.0', 'SSL 3.0', 'TLS 1.0', 'TLS 1.1', 'TLS 1.2', 'TLS 1.3', 'DTLS 1.0', 'DTLS 1.2'] as const;
export type ProtocolName = (typeof PROTOCOLS)[number];

/** A Windows version as far as Schannel behaviour differs. */
export interface WindowsVersion {
	readonly id: string;
	/** As Windows prints it, e.g. `Windows Server 2008 R2`. */
	readonly name: string;
	/** The other names of the same Schannel (client/server sibling). */
	readonly aliases: readonly string[];
	/** Ordering key: later versions have larger ranks. */
	readonly rank: number;
	/** Bytes the trusted issuer list is cut to, and how sure that number is (reference §2.1). */
	readonly issuerListLimit: { readonly bytes: number; readonly evidence: Evidence; readonly source: string };
	/** `SendTrustedIssuerList` when the value is absent (reference §1.2, documented). */
	readonly sendTrustedIssuerListDefault: boolean;
	/** 2012 and later take the list from the site store, then ClientAuthIssuer, then Root (reference §2.3). */
	readonly storeBasedIssuerList: boolean;
	/** Protocol defaults [client, server] from Microsoft's "Protocols in TLS/SSL (Schannel SSP)" table. */
	readonly protocols: Readonly<Record<ProtocolName, readonly [ProtocolDefault, ProtocolDefault]>>;
}

type Row = Record<ProtocolName, readonly [ProtocolDefault, ProtocolDefault]>;
const E = 'enabled';
const D = 'disabledByDefault';
const NS = 'notSupported';
const U = 'unknown';
const both = (v: ProtocolDefault) => [v, v] as const;

// Rows of the PROTOCOLS table (revision 2025-03-20), reference §1.3.
const ROW_2003: Row = { 'SSL 2.0': both(U), 'SSL 3.0': both(U), 'TLS 1.0': both(U), 'TLS 1.1': both(NS), 'TLS 1.2': both(NS), 'TLS 1.3': both(NS), 'DTLS 1.0': both(NS), 'DTLS 1.2': both(NS) };
const ROW_2008: Row = { 'SSL 2.0': [D, E], 'SSL 3.0': both(E), 'TLS 1.0': both(E), 'TLS 1.1': both(NS), 'TLS 1.2': both(NS), 'TLS 1.3': both(NS), 'DTLS 1.0': both(NS), 'DTLS 1.2': both(NS) };
const ROW_2008SP2: Row = { ...ROW_2008, 'TLS 1.1': both(D), 'TLS 1.2': both(D) };
const ROW_2008R2: Row = { ...ROW_2008SP2, 'DTLS 1.0': both(E) };
const ROW_2012: Row = { 'SSL 2.0': both(D), 'SSL 3.0': both(E), 'TLS 1.0': both(E), 'TLS 1.1': both(E), 'TLS 1.2': both(E), 'TLS 1.3': both(NS), 'DTLS 1.0': both(E), 'DTLS 1.2': both(NS) };
const ROW_2016: Row = { ...ROW_2012, 'SSL 2.0': both(NS), 'SSL 3.0': both(D), 'DTLS 1.2': both(E) };
const ROW_2022: Row = { ...ROW_2016, 'TLS 1.3': both(E) };

const KB2464556 = 'KB 2464556';
const LIMIT_12K = { bytes: 12288, evidence: 'documented', source: `${KB2464556} (Windows Server 2003)` } as const;
const LIMIT_16K = { bytes: 16384, evidence: 'documented', source: `${KB2464556}, KB 2801679` } as const;
const LIMIT_16K_INFERRED = { bytes: 16384, evidence: 'inferred', source: 'not stated for this version; presumed still 16 KB' } as const;

function v(id: string, name: string, aliases: string[], rank: number, limit: WindowsVersion['issuerListLimit'], protocols: Row): WindowsVersion {
	const modern = rank >= 60;
	return { id, name, aliases, rank, issuerListLimit: limit, sendTrustedIssuerListDefault: !modern, storeBasedIssuerList: modern, protocols };
}

/** Every Windows version Schannel Lens knows, oldest first. */
export const WINDOWS_VERSIONS: readonly WindowsVersion[] = [
	v('2003', 'Windows Server 2003', ['Windows XP'], 10, LIMIT_12K, ROW_2003),
	v('2003sp1', 'Windows Server 2003 SP1', ['Windows Server 2003 SP2', 'Windows XP SP2', 'Windows XP SP3'], 15, { ...LIMIT_16K, source: `${KB2464556} (2003 SP1/SP2 with KB 933940)` }, ROW_2003),
	v('2008', 'Windows Server 2008', ['Windows Vista'], 20, LIMIT_16K, ROW_2008),
	v('2008sp2', 'Windows Server 2008 SP2', ['Windows Vista SP2'], 25, LIMIT_16K, ROW_2008SP2),
	v('2008r2', 'Windows Server 2008 R2', ['Windows 7'], 30, LIMIT_16K, ROW_2008R2),
	v('2012', 'Windows Server 2012', ['Windows 8'], 60, { ...LIMIT_16K, source: 'KB 2801679, KB 2880390' }, ROW_2012),
	v('2012r2', 'Windows Server 2012 R2', ['Windows 8.1', 'Windows 10 1507', 'Windows 10 1511'], 70, LIMIT_16K_INFERRED, ROW_2012),
	v('2016', 'Windows Server 2016', ['Windows 10', 'Windows 10 1607'], 80, LIMIT_16K_INFERRED, ROW_2016),
	v('2019', 'Windows Server 2019', ['Windows 10 1809'], 90, LIMIT_16K_INFERRED, ROW_2016),
	v('2022', 'Windows Server 2022', ['Windows 11'], 100, LIMIT_16K_INFERRED, ROW_2022),
	v('2025', 'Windows Server 2025', ['Windows 11 24H2'], 110, LIMIT_16K_INFERRED, ROW_2022),
];

/** The default target: the last version whose Schannel sends the issuer list by default. */
export const DEFAULT_TARGET_OS = WINDOWS_VERSIONS.find((w) => w.id === '2008r2')!;

function squash(s: string): string {
	return s.toLowerCase().replace(/microsoft|windows|server|\bwin(?=\d)|\s|_|-/g, '').replace(/^w(?=\d)/, '').replace(/^2k(\d)/, '200$1');
}

/**
 * Finds a Windows version by name as Windows prints it (`Windows Server 2008 R2`), its client
 * sibling (`Windows 7`), or a short form (`2008r2`, `win7`, `2k8r2`), case-insensitive.
 */
export function findWindowsVersion(name: string): WindowsVersion | undefined {
	const want = squash(name);
	if (!want) return undefined;
	return WINDOWS_VERSIONS.find((w) => w.id === want || squash(w.name) === want || w.aliases.some((a) => squash(a) === want));
}

/** All names accepted for a version, for help texts and completion. */
export function versionNames(): string[] {
	return WINDOWS_VERSIONS.flatMap((w) => [w.name, ...w.aliases]);
}

/** TLS 1.3 is supported from Windows Server 2022 / Windows 11 (documented). */
export function supportsTls13(os: WindowsVersion): boolean {
	return os.protocols['TLS 1.3'][1] !== 'notSupported';
}
