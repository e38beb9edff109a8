import * as l10n from '@vscode/l10n';
import type { EffectiveEntry } from './effective';
import { stateWords as words } from './stateWords';
import type { WindowsVersion } from './os';

const roleWords = (role: EffectiveEntry['role']): string => (role === 'client' ? l10n.t('client') : role === 'server' ? l10n.t('server') : role);

const groups = (): [EffectiveEntry['group'], string][] => [
	['protocol', l10n.t('Protocols')],
	['cipher', l10n.t('Ciphers')],
	['hash', l10n.t('Hashes')],
	['keyExchange', l10n.t('Key exchange')],
];

function decided(e: EffectiveEntry): string {
	if (e.decidedBy.length === 0) return l10n.t('OS default');
	return e.decidedBy.map((d) => l10n.t('line {0}: `{1}`', d.line + 1, d.text)).join('; ');
}

/** The effective configuration as a Markdown report (one table per group). */
export function formatEffectiveMarkdown(entries: readonly EffectiveEntry[], os: WindowsVersion, fileName: string): string {
	const out = [
		l10n.t('# Effective Schannel configuration'),
		'',
		l10n.t('File: `{0}` · Target: **{1}**', fileName, os.name),
		'',
		l10n.t('A state comes from the file when a line decided it, otherwise from the OS default (Microsoft, "Protocols in TLS/SSL (Schannel SSP)"). Values other than REG_DWORD are ignored (inferred).'),
	];
	for (const [group, title] of groups()) {
		const rows = entries.filter((e) => e.group === group);
		out.push('', `## ${title}`, '');
		if (group === 'protocol') {
			out.push(l10n.t('| Protocol | Role | Effective | OS default | Decided by |'), '|---|---|---|---|---|');
			for (const e of rows) out.push(`| ${e.name} | ${roleWords(e.role)} | **${words(e.state)}** | ${words(e.osDefault)} | ${decided(e)}${e.note ? ` (${e.note})` : ''} |`);
		} else {
			out.push(l10n.t('| Name | Effective | OS default | Decided by |'), '|---|---|---|---|');
			for (const e of rows) out.push(`| ${e.name} | **${words(e.state)}** | ${words(e.osDefault)} | ${decided(e)} |`);
		}
	}
	return `${out.join('\n')}\n`;
}
