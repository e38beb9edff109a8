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
	return `[${md(label)}](command:${OPEN_COMMAND}?${args} "Open in Certificate View") — ${md(describe(c.file))}${c.store ? ` (${md(c.store)})` : ''}`;
}

function fileLink(c: IndexedCertificate, describe: (file: string) => string): string {
	const args = encodeURIComponent(JSON.stringify([c.file, c.index]));
	return `[${md(describe(c.file))}](command:${OPEN_COMMAND}?${args} "Open in Certificate View")${c.store ? ` (${md(c.store)})` : ''}`;
}

function certLine(c: IndexedCertificate, now: Date, describe: (file: string) => string): string {
	const expired = Date.parse(c.notAfterIso) < now.getTime();
	const flags = [expired ? '⚠ expired' : undefined, c.isCa ? 'CA' : undefined, c.clientAuth ? 'client auth' : undefined].filter(Boolean).join(', ');
	return `- ${openLink(c, c.title, describe)}${flags ? ` · ${flags}` : ''} · SHA-1 \`${c.sha1}\``;
}

/** One line per distinct certificate (by SHA-1), its files after it: several copies do not repeat the thumbprint (issue 15). */
function groupedLines(matches: readonly IndexedCertificate[], now: Date, describe: (file: string) => string, max: number): string[] {
	const bySha1 = new Map<string, IndexedCertificate[]>();
	for (const c of matches) bySha1.set(c.sha1, [...(bySha1.get(c.sha1) ?? []), c]);
	const lines: string[] = [];
	for (const copies of [...bySha1.values()].slice(0, max)) {
		lines.push(certLine(copies[0]!, now, describe));
		if (copies.length > 1) lines.push(`  - also in ${copies.slice(1, 6).map((c) => fileLink(c, describe)).join(', ')}${copies.length > 6 ? ` and ${copies.length - 6} more files` : ''}`);
	}
	if (bySha1.size > max) lines.push(`- … and ${bySha1.size - max} more certificates`);
	return lines;
}

/** Markdown of a DN hover. */
export function dnMarkdown(info: DnInfo, describe: (file: string) => string, indexText: string): string {
	// A DN typed in a log carries no string types: they come from the matching certificate, or are a guess (issue 15).
	const typeHeader = info.exact ? 'Type (in the certificate)' : 'Type (a guess)';
	const lines = ['**Distinguished name**', '', `| | Value | ${typeHeader} |`, '|---|---|---|'];
	for (const r of info.rdns) lines.push(`| ${md(r.label)}${r.multiValued ? ' (+)' : ''} | ${md(r.value)} | ${r.type.replace(/ \(estimated\)$/, '')} |`);
	lines.push('', info.exact
		? 'Text does not show string types; these are the matching workspace certificate\'s encoding.'
		: 'Text does not show string types: these are how Windows\' CertStrToName would probably encode it (PrintableString where the characters allow, else UTF8String); the certificate itself may differ.');
	lines.push('', `DER size: **${info.derBytes} bytes**${info.exact ? '' : ' (estimated from the text)'}; in a TLS CertificateRequest issuer list it takes **${info.issuerListBytes} bytes** (2-byte length + DER).`);
	if (info.matches.length) {
		const distinct = new Set(info.matches.map((c) => c.sha1)).size;
		lines.push('', `Subject of ${distinct} workspace certificate${distinct === 1 ? '' : 's'}:`);
		lines.push(...groupedLines(info.matches, new Date(), describe, 10));
		if (info.differentBytes.length) lines.push('', `⚠ ${info.differentBytes.length} of them read the same but are encoded differently (string types): Windows compares names byte by byte and treats them as different issuers.`);
	} else lines.push('', `No workspace certificate has this subject. _${md(indexText)}._`);
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
			const text = [`**Certificate ${md(found[0]!.title)}**`, '', md(found[0]!.subject), '', `Issued by ${md(found[0]!.issuer)}`, `Valid ${found[0]!.notBeforeIso} to ${found[0]!.notAfterIso}`, '', ...groupedLines(found, new Date(), describe, 10)].join('\n');
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
		const lines = [`**PEM block "${md(block.label)}"** (lines ${block.startLine + 1}–${block.endLine + 1})`, ''];
		for (const c of certificates) {
			const state = c.state === 'expired' ? '⚠ expired' : c.state === 'notYetValid' ? '◷ not yet valid' : '✓ valid';
			lines.push(`- **${md(c.subject)}**`, `  - issued by ${md(c.issuer)}`, `  - ${c.notBefore} to ${c.notAfter} (${state})${c.isCa ? ' · CA' : ''} · ${md(c.keyText)}`, `  - SHA-1 \`${c.sha1}\` · subject ${c.subjectBytes} bytes DER`);
		}
		for (const p of problems.slice(0, 5)) lines.push(`- ✗ ${md(p)}`);
		if (isFolderFile(document.uri)) lines.push('', `[Open in Certificate View](command:${OPEN_COMMAND}?${encodeURIComponent(JSON.stringify([document.uri.toString(), 0]))})`);
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
