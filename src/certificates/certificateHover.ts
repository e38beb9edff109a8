/** Hovers on DNs, thumbprints and PEM blocks in text documents: a thin adapter over core/text and the index. */
import * as vscode from 'vscode';
import type { IndexedCertificate } from '../core/certificateIndex';
import { dnInfo, findDnAt, findThumbprintAt, pemBlockAt, pemBlockText, pemInfo, type DnInfo } from '../core/text';
import type { CertificateIndex } from './certificateIndex';
import { isFolderFile } from '../shared/workspaceFiles';

/** The command the hover links run (also a palette command). */
export const OPEN_COMMAND = 'schannelLens.openInCertificateView';

/** Escapes the Markdown characters that matter mid-line (values come from files and must render as text). */
function md(text: string): string {
	return text.replace(/[\\`*_[\]|<>]/g, '\\$&');
}

function openLink(c: IndexedCertificate, label: string, describe: (file: string) => string): string {
	const args = encodeURIComponent(JSON.stringify([c.file, c.index]));
	return `[${md(label)}](command:${OPEN_COMMAND}?${args} "${vscode.l10n.t('Open in Certificate View')}") — ${md(describe(c.file))}${c.store ? ` (${md(c.store)})` : ''}`;
}

function fileLink(c: IndexedCertificate, describe: (file: string) => string): string {
	const args = encodeURIComponent(JSON.stringify([c.file, c.index]));
	return `[${md(describe(c.file))}](command:${OPEN_COMMAND}?${args} "${vscode.l10n.t('Open in Certificate View')}")${c.store ? ` (${md(c.store)})` : ''}`;
}

function certLine(c: IndexedCertificate, now: Date, describe: (file: string) => string): string {
	const expired = Date.parse(c.notAfterIso) < now.getTime();
	const flags = [expired ? vscode.l10n.t('⚠ expired') : undefined, c.isCa ? vscode.l10n.t('CA') : undefined, c.clientAuth ? vscode.l10n.t('client auth') : undefined].filter(Boolean).join(', ');
	return `- ${openLink(c, c.title, describe)}${flags ? ` · ${flags}` : ''} · SHA-1 \`${c.sha1}\``;
}

/** One line per distinct certificate (by SHA-1), its files after it: several copies do not repeat the thumbprint (issue 15). */
function groupedLines(matches: readonly IndexedCertificate[], now: Date, describe: (file: string) => string, max: number): string[] {
	const bySha1 = new Map<string, IndexedCertificate[]>();
	for (const c of matches) bySha1.set(c.sha1, [...(bySha1.get(c.sha1) ?? []), c]);
	const lines: string[] = [];
	// The index gives the copies in one order (a .cer first: the one to open), whatever order it read the files in.
	for (const copies of [...bySha1.values()].slice(0, max)) {
		lines.push(certLine(copies[0]!, now, describe));
		if (copies.length > 1) {
			const files = copies.slice(1, 6).map((c) => fileLink(c, describe)).join(', ');
			lines.push(`  - ${copies.length > 6 ? vscode.l10n.t('also in {0} and {1} more files', files, copies.length - 6) : vscode.l10n.t('also in {0}', files)}`);
		}
	}
	if (bySha1.size > max) lines.push(`- ${vscode.l10n.t('… and {0} more certificates', bySha1.size - max)}`);
	return lines;
}

/** Markdown of a DN hover. */
export function dnMarkdown(info: DnInfo, describe: (file: string) => string, indexText: string): string {
	// A DN typed in a log carries no string types: they come from the matching certificate, or are a guess (issue 15).
	const typeHeader = info.exact ? vscode.l10n.t('Type (in the certificate)') : vscode.l10n.t('Type (a guess)');
	const lines = [`**${vscode.l10n.t('Distinguished name')}**`, '', `| | ${vscode.l10n.t('Value')} | ${typeHeader} |`, '|---|---|---|'];
	for (const r of info.rdns) lines.push(`| ${md(r.label)}${r.multiValued ? ' (+)' : ''} | ${md(r.value)} | ${r.type.replace(/ \(estimated\)$/, '')} |`);
	lines.push('', info.exact
		? vscode.l10n.t('Text does not show string types; these are the matching workspace certificate\'s encoding.')
		: vscode.l10n.t('Text does not show string types: these are how Windows\' CertStrToName would probably encode it (PrintableString where the characters allow, else UTF8String); the certificate itself may differ.'));
	lines.push('', info.exact
		? vscode.l10n.t('DER size: **{0} bytes**; in a TLS CertificateRequest issuer list it takes **{1} bytes** (2-byte length + DER).', info.derBytes, info.issuerListBytes)
		: vscode.l10n.t('DER size: **{0} bytes** (estimated from the text); in a TLS CertificateRequest issuer list it takes **{1} bytes** (2-byte length + DER).', info.derBytes, info.issuerListBytes));
	if (info.matches.length) {
		const distinct = new Set(info.matches.map((c) => c.sha1)).size;
		lines.push('', distinct === 1 ? vscode.l10n.t('Subject of 1 workspace certificate:') : vscode.l10n.t('Subject of {0} workspace certificates:', distinct));
		lines.push(...groupedLines(info.matches, new Date(), describe, 10));
		if (info.differentBytes.length) lines.push('', vscode.l10n.t('⚠ {0} of them read the same but are encoded differently (string types): Windows compares names byte by byte and treats them as different issuers.', info.differentBytes.length));
	} else lines.push('', vscode.l10n.t('No workspace certificate has this subject. _{0}._', md(indexText)));
	return lines.join('\n');
}

function trusted(text: string): vscode.MarkdownString {
	const m = new vscode.MarkdownString(text);
	m.isTrusted = { enabledCommands: [OPEN_COMMAND] };
	return m;
}

export class CertificateHoverProvider implements vscode.HoverProvider {
	constructor(private readonly _index: CertificateIndex) {}

	provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
		const line = document.lineAt(position.line).text;
		const describe = (file: string) => this._index.describeFile(file);
		const thumb = findThumbprintAt(line, position.character);
		if (thumb) {
			const found = this._index.lookup.bySha1(thumb.sha1);
			if (found.length === 0) return undefined;
			const text = [`**${vscode.l10n.t('Certificate {0}', md(found[0]!.title))}**`, '', md(found[0]!.subject), '', vscode.l10n.t('Issued by {0}', md(found[0]!.issuer)), vscode.l10n.t('Valid {0} to {1}', found[0]!.notBeforeIso, found[0]!.notAfterIso), '', ...groupedLines(found, new Date(), describe, 10)].join('\n');
			return new vscode.Hover(trusted(text), new vscode.Range(position.line, thumb.start, position.line, thumb.end));
		}
		const dn = findDnAt(line, position.character);
		if (dn) {
			const info = dnInfo(dn.text, this._index.lookup);
			if (info) return new vscode.Hover(trusted(dnMarkdown(info, describe, this._index.statusText)), new vscode.Range(position.line, dn.start, position.line, dn.end));
		}
		return this._pemHover(document, position);
	}

	private _pemHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
		const block = pemBlockAt(document, position.line);
		if (!block) return undefined;
		const { certificates, problems } = pemInfo(pemBlockText(document, block), new Date());
		const lines = [vscode.l10n.t('**PEM block "{0}"** (lines {1}–{2})', md(block.label), block.startLine + 1, block.endLine + 1), ''];
		for (const c of certificates) {
			const state = c.state === 'expired' ? vscode.l10n.t('⚠ expired') : c.state === 'notYetValid' ? vscode.l10n.t('◷ not yet valid') : vscode.l10n.t('✓ valid');
			lines.push(`- **${md(c.subject)}**`, `  - ${vscode.l10n.t('issued by {0}', md(c.issuer))}`, `  - ${vscode.l10n.t('{0} to {1} ({2})', c.notBefore, c.notAfter, state)}${c.isCa ? ` · ${vscode.l10n.t('CA')}` : ''} · ${md(c.keyText)}`, `  - ${vscode.l10n.t('SHA-1 `{0}` · subject {1} bytes DER', c.sha1, c.subjectBytes)}`);
		}
		for (const p of problems.slice(0, 5)) lines.push(`- ✗ ${md(p)}`);
		if (isFolderFile(document.uri)) lines.push('', `[${vscode.l10n.t('Open in Certificate View')}](command:${OPEN_COMMAND}?${encodeURIComponent(JSON.stringify([document.uri.toString(), 0]))})`);
		return new vscode.Hover(trusted(lines.join('\n')), new vscode.Range(block.startLine, 0, block.endLine, document.lineAt(block.endLine).text.length));
	}
}

/** Documents the hovers apply to: the languages and file patterns of the settings. */
export function hoverSelector(): vscode.DocumentFilter[] {
	const c = vscode.workspace.getConfiguration('schannelLens.hover');
	const languages = c.get<string[]>('languages', []);
	const patterns = c.get<string[]>('filePatterns', []);
	return [...languages.map((language) => ({ language })), ...patterns.map((pattern) => ({ pattern }))];
}
