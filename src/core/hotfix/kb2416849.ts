import * as l10n from '@vscode/l10n';
import type { Evidence } from '../reg/types';

/** A four-part Windows file version. */
export interface FileVersion {
	readonly major: number;
	readonly minor: number;
	readonly build: number;
	readonly revision: number;
	readonly text: string;
}

/** The verdict for one Schannel.dll version. */
export interface HotfixVerdict {
	readonly version: FileVersion;
	readonly status: 'fixed' | 'not-fixed' | 'unknown' | 'not-applicable';
	/** GDR or LDR (QFE) branch, from the revision number. */
	readonly branch?: 'GDR' | 'LDR' | 'rollup';
	/** The LDR version KB 2416849 ships for this build. */
	readonly fixedIn?: string;
	readonly os?: string;
	readonly reasoning: readonly string[];
	readonly evidence: Evidence;
}

/** KB 2416849's file table (documented): the LDR Schannel.dll that carries the fix, per build. */
const FIXES: Record<string, { os: string; revision: number }> = {
	'6.0.6002': { os: 'Windows Vista SP2 / Windows Server 2008 SP2', revision: 22568 },
	'6.1.7600': { os: 'Windows 7 / Windows Server 2008 R2 (RTM)', revision: 20861 },
	'6.1.7601': { os: 'Windows 7 SP1 / Windows Server 2008 R2 SP1', revision: 21624 },
};

/** Revisions at or above this are on the LDR (QFE) branch for NT 6.0/6.1 (reference §3.3, from NASL plugins). */
const LDR_FROM = 20000;

const VERSION = /\b(\d{1,2})[.,](\d{1,2})[.,](\d{4,5})[.,](\d{1,6})\b/g;

/**
 * Finds Schannel.dll versions in pasted text: a bare `6.1.7601.21624`, `(Get-Item …).VersionInfo`
 * output (`FileVersion : 6.1.7601.17514 (win7sp1_rtm.101119-1850)`), `wmic datafile get version`
 * output, or a hotfix file listing. Only NT 5.x–6.x-looking versions are returned, once each.
 */
export function findVersions(text: string): FileVersion[] {
	const seen = new Set<string>();
	const out: FileVersion[] = [];
	for (const m of text.matchAll(VERSION)) {
		const [major, minor, build, revision] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
		const key = `${major}.${minor}.${build}.${revision}`;
		if (seen.has(key) || major < 5 || major > 10) continue;
		seen.add(key);
		out.push({ major, minor, build, revision, text: key });
	}
	return out;
}

/**
 * Decides whether a Schannel.dll version carries the KB 2416849 fix (reference §3.3):
 * the fix is LDR-only; LDR builds are cumulative, so a later LDR revision has it too; no source
 * says whether a GDR update picked it up, so GDR versions are "not fixed / unknown".
 */
export function checkKb2416849(version: FileVersion): HotfixVerdict {
	const buildKey = `${version.major}.${version.minor}.${version.build}`;
	const fix = FIXES[buildKey];
	if (!fix) {
		if (version.major > 6 || (version.major === 6 && version.minor >= 2)) {
			return { version, status: 'not-applicable', reasoning: [l10n.t('KB 2416849 applies to Windows Vista, Server 2008, Windows 7 and Server 2008 R2 only; Windows 8 / Server 2012 and later are not listed.')], evidence: 'inferred' };
		}
		if (buildKey === '6.0.6001') return { version, status: 'unknown', os: 'Windows Vista SP1 / Server 2008 RTM', reasoning: [l10n.t('KB 2416849 lists no Schannel.dll for build 6001 (Vista SP1 / Server 2008 RTM); whether the hotfix covered it is not known. Install SP2 and the hotfix.')], evidence: 'unknown' };
		return { version, status: 'not-applicable', reasoning: [l10n.t('Build {0} is not one KB 2416849 covers (6.0.6002, 6.1.7600, 6.1.7601).', buildKey)], evidence: 'documented' };
	}
	const fixedIn = `${buildKey}.${fix.revision}`;
	const base = { version, fixedIn, os: fix.os };
	if (version.build === 7601 && version.revision >= 23000) {
		return { ...base, status: 'fixed', branch: 'rollup', reasoning: [l10n.t('Windows 7 SP1 revisions from 23xxx on come from the 2016 convenience rollup and the monthly rollups, a single branch that contains earlier hotfixes (inferred; confirm against the rollup\'s file list if it matters).')], evidence: 'inferred' };
	}
	if (version.revision >= LDR_FROM) {
		const reasoning = [l10n.t('Revision {0} is on the LDR (hotfix) branch (revisions ≥ {1} on NT 6.x).', version.revision, LDR_FROM), l10n.t('KB 2416849\'s LDR file for {0} is {1}.', fix.os, fixedIn)];
		if (version.revision >= fix.revision) {
			reasoning.push(version.revision === fix.revision ? l10n.t('This is that file: the fix is installed.') : l10n.t('LDR builds are cumulative, so this later LDR file contains the fix (inferred).'));
			return { ...base, status: 'fixed', branch: 'LDR', reasoning, evidence: version.revision === fix.revision ? 'documented' : 'inferred' };
		}
		reasoning.push(l10n.t('This LDR file is older than the fix: install KB 2416849.'));
		return { ...base, status: 'not-fixed', branch: 'LDR', reasoning, evidence: 'documented' };
	}
	return {
		...base,
		status: 'not-fixed',
		branch: 'GDR',
		reasoning: [
			l10n.t('Revision {0} is on the GDR branch (below {1}).', version.revision, LDR_FROM),
			l10n.t('KB 2416849 is a hotfix: its fix ships only in the LDR file {0}. No source says whether a later GDR update included it, so this file is presumed not fixed.', fixedIn),
			l10n.t('Installing the hotfix moves Schannel.dll to the LDR branch; later updates keep it there.'),
		],
		evidence: 'unknown',
	};
}

/**
 * The verdict in words, one line: the status, how sure it is and the branch, e.g.
 * "presumably not fixed (GDR branch); the fix is in 6.1.7601.21624" (issue 15: the headline and the
 * reasoning below it say the same thing).
 */
export function hotfixVerdictWords(r: HotfixVerdict): string {
	const status = r.status === 'not-fixed' ? l10n.t('not fixed') : r.status === 'not-applicable' ? l10n.t('not applicable') : r.status === 'fixed' ? l10n.t('fixed') : l10n.t('unknown');
	const sure = r.status === 'unknown' ? status : r.evidence === 'unknown' ? l10n.t('presumably {0}', status) : r.evidence === 'inferred' ? l10n.t('{0} (inferred)', status) : status;
	const branch = r.branch ? ` (${r.branch === 'rollup' ? l10n.t('rollup') : l10n.t('{0} branch', r.branch)})` : '';
	const where = r.fixedIn && r.status !== 'fixed' ? l10n.t('; the fix is in {0}', r.fixedIn) : '';
	return `${sure}${branch}${where}`;
}
