// Every command the README and docs/cli.md show runs on files in the repo (issue 15).
// The ```sh blocks are read from the documents themselves, so an example added later is checked too.
// Each `node dist/cli.js …` line runs through `sh -c` in the repository root (globs expand as a
// reader's shell would expand them) and must not exit 2 (bad usage or an unreadable input);
// 0 and 1 are the documented answers "no error-level finding" and "at least one".
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../support/fixtures';

const DOCUMENTS = ['README.md', 'docs/cli.md'];
const TIMEOUT_MS = 60_000;

interface ShellExample {
	document: string;
	/** 1-based line of the command's first line in the document. */
	line: number;
	/** The command, continuation lines joined, trailing `# comment` removed. */
	command: string;
}

/** The commands of every fenced ```sh (or ```bash, ```shell) block, continuation lines joined. */
function shellExamples(document: string, markdown: string): ShellExample[] {
	const out: ShellExample[] = [];
	const lines = markdown.split(/\r?\n/);
	let inBlock = false;
	let pending: { line: number; text: string } | undefined;
	for (let i = 0; i < lines.length; i++) {
		const raw = lines[i]!;
		const fence = /^\s*```\s*(\S*)/.exec(raw);
		if (fence) {
			if (!inBlock) inBlock = /^(sh|bash|shell|console)$/i.test(fence[1] ?? '');
			else inBlock = false;
			pending = undefined;
			continue;
		}
		if (!inBlock) continue;
		const text = stripComment(raw).trimEnd();
		if (pending) pending.text += ' ' + text.replace(/\\$/, '').trim();
		else if (text.trim() !== '') pending = { line: i + 1, text: text.replace(/\\$/, '').trim() };
		else continue;
		if (!text.endsWith('\\')) {
			out.push({ document, line: pending.line, command: pending.text.replace(/\s+/g, ' ').trim() });
			pending = undefined;
		}
	}
	return out;
}

/** Removes a `# comment` that starts after whitespace outside quotes. */
function stripComment(line: string): string {
	let quote: string | undefined;
	for (let i = 0; i < line.length; i++) {
		const c = line[i]!;
		if (quote) {
			if (c === quote) quote = undefined;
		} else if (c === '"' || c === "'") quote = c;
		else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]!))) return line.slice(0, i);
	}
	return line;
}

/** Why a documented command is not run, or undefined when it is. */
function skipReason(command: string): string | undefined {
	if (/^npm\b/.test(command)) return 'npm: installs, builds or starts servers (the build has run before the unit tests)';
	if (/^code\b/.test(command)) return 'code: needs desktop VS Code';
	if (/^(\w+=\S*\s+)*npm\b/.test(command)) return 'npm with environment variables: starts a server';
	if (/^schannel-lens\b/.test(command)) return 'schannel-lens: the installed program (npm install -g .); the same lines run as node dist/cli.js';
	if (!/^node dist\/cli\.js\b/.test(command)) return 'not a node dist/cli.js command';
	return undefined;
}

suite('docs: every shell example in README.md and docs/cli.md runs on files in the repo (issue 15)', () => {
	const examples = DOCUMENTS.flatMap((d) => shellExamples(d, readFileSync(join(REPO_ROOT, d), 'utf8')));
	const run = examples.filter((e) => skipReason(e.command) === undefined);
	const skipped = examples.filter((e) => skipReason(e.command) !== undefined);

	test('the extraction finds the documents\' commands, and says which it skips and why', () => {
		// The README's command-line section alone has nine; docs/cli.md one or more per command.
		assert.ok(run.length >= 15, `only ${run.length} node dist/cli.js examples found`);
		for (const d of DOCUMENTS) assert.ok(run.some((e) => e.document === d), `${d}: no node dist/cli.js example found`);
		for (const s of skipped) console.log(`      skipped ${s.document}:${s.line} ${s.command} — ${skipReason(s.command)}`);
		assert.ok(!run.some((e) => e.command.includes('\\')), 'continuation lines are joined');
	});

	test('dist/cli.js is built', () => {
		assert.ok(existsSync(join(REPO_ROOT, 'dist', 'cli.js')), 'dist/cli.js is missing: run `npm run build` first');
	});

	for (const e of run) {
		test(`${e.document}:${e.line} ${e.command}`, function () {
			this.timeout(TIMEOUT_MS + 10_000);
			const command = e.command.replace(/^node /, `${JSON.stringify(process.execPath)} `);
			const r = spawnSync('sh', ['-c', command], { cwd: REPO_ROOT, timeout: TIMEOUT_MS, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
			assert.equal(r.error, undefined, `${e.document}:${e.line}: ${r.error?.message}`);
			assert.equal(r.signal, null, `${e.document}:${e.line}: killed by ${r.signal} (timeout ${TIMEOUT_MS / 1000} s?)`);
			assert.notEqual(r.status, 2, `${e.document}:${e.line}: exit 2: ${r.stderr.trim()}`);
			assert.ok(r.status === 0 || r.status === 1, `${e.document}:${e.line}: exit ${r.status}: ${r.stderr.trim()}`);
			assert.ok(r.stdout.trim().length > 0, `${e.document}:${e.line}: printed nothing`);
		});
	}
});

suite('docs: the shell example extraction', () => {
	test('joins continuation lines, drops comments, ignores other fences', () => {
		const md = ['```sh', 'node dist/cli.js a \\', '    --b c   # note', '', 'npm test', '```', '```', 'node dist/cli.js synopsis', '```', '```json', '{"#":1}', '```'].join('\n');
		const got = shellExamples('x.md', md);
		assert.deepEqual(got, [
			{ document: 'x.md', line: 2, command: 'node dist/cli.js a --b c' },
			{ document: 'x.md', line: 5, command: 'npm test' },
		]);
		assert.equal(skipReason('npm test')?.startsWith('npm'), true);
		assert.equal(skipReason('node dist/cli.js a --b c'), undefined);
		assert.match(skipReason('code --install-extension x.vsix') ?? '', /desktop/);
	});
});
