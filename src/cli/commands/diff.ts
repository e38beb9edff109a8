import { diffSnapshots, type SnapshotEntry } from '../../core/issuers';
import { formatRfc4514, type LoadedCertificate } from '../../core/x509';
import { ExitCode, type ExitCodeValue } from '../exitCodes';
import type { Output } from '../io';
import { loadSources } from '../storeSources';
import type { CommandSpec } from './command';

function entries(loaded: { file: string; certs: LoadedCertificate[] }[]): SnapshotEntry[] {
	return loaded.flatMap(({ certs }) =>
		certs.map((l) => ({
			store: l.source.storeName ?? 'Root',
			sha1: l.certificate.sha1,
			subject: formatRfc4514(l.certificate.subject),
			properties: (l.source.properties ?? []).filter((p) => p.id !== 3 && p.id !== 4 && p.id !== 32).map((p) => `${p.id}:${Array.from(p.value, (b) => b.toString(16).padStart(2, '0')).join('')}`).join('|'),
			isCa: l.certificate.basicConstraints?.ca === true,
		})),
	);
}

/** `schannel-lens diff BEFORE AFTER`: what changed between two exports of the same stores. */
export const diffCommand: CommandSpec = {
	name: 'diff',
	summary: 'Compare two exports of the same stores: removed roots and client certificates first (KB 2416849)',
	usage: 'schannel-lens diff BEFORE AFTER [--json]',
	options: {},
	async run(args, json, io): Promise<ExitCodeValue> {
		if (args.positionals.length !== 2) {
			io.err('schannel-lens diff: needs exactly two sources, BEFORE and AFTER');
			return ExitCode.Usage;
		}
		const [before, after] = await Promise.all(args.positionals.map((p) => loadSources([p])));
		const errors = [...before!.errors, ...after!.errors];
		for (const e of errors) io.err(e);
		if (errors.length) return ExitCode.Usage;
		const d = diffSnapshots(entries(before!.loaded), entries(after!.loaded));
		if (json) io.out(JSON.stringify({ schemaVersion: 1, command: 'diff', ...d }, null, 2));
		else printText(d, io);
		return d.removed.some((e) => /^(root|authroot|my)$/i.test(e.store)) ? ExitCode.Findings : ExitCode.Ok;
	},
};

function printText(d: ReturnType<typeof diffSnapshots>, io: Output): void {
	for (const e of d.removed) io.out(`removed  ${e.store}  ${e.sha1}  ${e.subject}`);
	for (const e of d.added) io.out(`added    ${e.store}  ${e.sha1}  ${e.subject}`);
	for (const c of d.changed) io.out(`changed  ${c.after.store}  ${c.after.sha1}  ${c.after.subject} (store properties differ)`);
	io.out(`${d.removed.length} removed, ${d.added.length} added, ${d.changed.length} changed, ${d.unchanged} unchanged`);
}
