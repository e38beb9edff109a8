import type { Range, RegKey, RegValue, Severity } from '../reg/types';
import type { RuleInfo } from './catalog';
import type { WindowsVersion } from './os';
import type { FixData, SchannelFinding } from './types';

/** What the issuer-list computation found for this machine (issue 6 computes it). */
export interface IssuerListSummary {
	/** Certificates whose names are sent. */
	readonly count: number;
	/** The list's size by the three counts of reference §2.2. */
	readonly derBytes: number;
	readonly vectorBytes: number;
	/** Entries past the limit, by the estimated enumeration order. */
	readonly cutCount: number;
	/** Which store feeds the list, e.g. `Root`. */
	readonly store: string;
	/** Where to report when the file has no SCHANNEL key (a store-only export): its first store key. */
	readonly anchor?: Range;
}

/** Collects findings for one file; rules report through it. */
export class Checker {
	readonly findings: SchannelFinding[] = [];
	/** The SendTrustedIssuerList line, if the file sets it to non-zero. */
	issuerList: { key: RegKey; value: RegValue } | undefined;

	constructor(readonly os: WindowsVersion) {}

	report(rule: RuleInfo, message: string, range: Range, fixes: readonly FixData[] = [], severity: Severity = rule.severity): void {
		this.findings.push({ code: rule.code, severity, message, range, evidence: rule.evidence, docs: rule.docs, fixes });
	}

	issuerListLine(key: RegKey, value: RegValue): void {
		this.issuerList = { key, value };
	}
}
