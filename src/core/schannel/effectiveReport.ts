import type { EffectiveEntry, EffectiveState } from './effective';
import type { WindowsVersion } from './os';

const WORDS: Record<EffectiveState, string> = {
	enabled: 'enabled',
	disabled: 'disabled',
	disabledByDefault: 'disabled by default',
	notSupported: 'not supported',
	unknown: 'unknown',
};

const GROUPS: [EffectiveEntry['group'], string][] = [
	['protocol', 'Protocols'],
	['cipher', 'Ciphers'],
	['hash', 'Hashes'],
	['keyExchange', 'Key exchange'],
];

function decided(e: EffectiveEntry): string {
	if (e.decidedBy.length === 0) return 'OS default';
	return e.decidedBy.map((d) => `line ${d.line + 1}: \`${d.text}\``).join('; ');
}

/** The effective configuration as a Markdown report (one table per group). */
export function formatEffectiveMarkdown(entries: readonly EffectiveEntry[], os: WindowsVersion, fileName: string): string {
	const out = [`# Effective Schannel configuration`, '', `File: \`${fileName}\` · Target: **${os.name}**`, '', 'A state comes from the file when a line decided it, otherwise from the OS default (Microsoft, "Protocols in TLS/SSL (Schannel SSP)"). Values other than REG_DWORD are ignored (inferred).'];
	for (const [group, title] of GROUPS) {
		const rows = entries.filter((e) => e.group === group);
		out.push('', `## ${title}`, '');
		if (group === 'protocol') {
			out.push('| Protocol | Role | Effective | OS default | Decided by |', '|---|---|---|---|---|');
			for (const e of rows) out.push(`| ${e.name} | ${e.role} | **${WORDS[e.state]}** | ${WORDS[e.osDefault]} | ${decided(e)}${e.note ? ` (${e.note})` : ''} |`);
		} else {
			out.push('| Name | Effective | OS default | Decided by |', '|---|---|---|---|');
			for (const e of rows) out.push(`| ${e.name} | **${WORDS[e.state]}** | ${WORDS[e.osDefault]} | ${decided(e)} |`);
		}
	}
	return `${out.join('\n')}\n`;
}
