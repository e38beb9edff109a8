// An allow-list checker for the collection script (issue 10, item 6): tokenises PowerShell text the way the
// parser sees commands, finds every token in command position, and accepts only read-only commands, with
// argument rules for the few that write (only into the script's own output folder, `$out`). Deliberately
// strict: a construct it cannot follow (here-strings, hashtables, `$(...)` inside strings, backtick line
// continuations) is a violation, not a pass.

export interface Violation {
	readonly line: number;
	readonly message: string;
}

type Tok =
	| { kind: 'word'; text: string; line: number }
	| { kind: 'var'; text: string; line: number }
	| { kind: 'str'; text: string; line: number; expandable: boolean }
	| { kind: 'type'; text: string; line: number }
	| { kind: 'num'; text: string; line: number }
	| { kind: 'op'; text: string; line: number; gap: boolean }
	| { kind: 'nl'; text: '\n'; line: number };

/** Commands that only read or only format/print, accepted with any arguments. */
const READ_ONLY = new Set(
	[
		'Get-ChildItem', 'Get-Item', 'Get-ItemProperty', 'Get-CimInstance', 'Get-WmiObject', 'Get-Command', 'Get-Date', 'Get-Location',
		'Join-Path', 'Format-List', 'Format-Table', 'Select-Object', 'Where-Object', 'ForEach-Object', 'Sort-Object', 'Out-String', 'Out-Null',
		'ConvertTo-Json', 'Write-Host', 'Write-Warning', 'Write-Output',
	].map((c) => c.toLowerCase()),
);

/** Commands accepted only with the argument rules in {@link checkCommand}. */
const RULED = new Set(['reg', 'netsh', 'wevtutil', 'export-certificate', 'new-item', 'out-file', 'set-content', 'add-content']);

/** Functions the script may define and call (their bodies are checked like the rest). */
const SCRIPT_FUNCTIONS = new Set(['invoke-collectionstep']);

const KEYWORDS = new Set(['if', 'elseif', 'else', 'foreach', 'for', 'while', 'do', 'try', 'catch', 'finally', 'throw', 'return', 'break', 'continue', 'param', 'function']);

/** .NET types the script may name, and the only methods it may call. */
const TYPES = new Set(['string', 'scriptblock', 'security.principal.windowsprincipal', 'security.principal.windowsidentity', 'security.principal.windowsbuiltinrole']);
const METHODS = new Set(['getcurrent', 'isinrole', 'startswith', 'substring', 'trim']);

/** Checks a whole script; returns every violation (empty = accepted). */
export function checkPowerShell(script: string): Violation[] {
	const violations: Violation[] = [];
	const tokens = tokenize(script, violations);
	const commands = findCommands(tokens, violations);
	for (const c of commands) checkCommand(c, violations);
	return violations;
}

interface Command {
	readonly name: string;
	readonly args: Tok[];
	readonly line: number;
}

function tokenize(src: string, violations: Violation[]): Tok[] {
	const toks: Tok[] = [];
	let i = 0;
	let line = 1;
	const at = (s: string): boolean => src.startsWith(s, i);
	let gap = false; // white space right before the current token (`.Name (` is not a method call)
	while (i < src.length) {
		const c = src[i]!;
		const spaced = gap;
		gap = false;
		if (c === '\n') {
			toks.push({ kind: 'nl', text: '\n', line });
			line++;
			i++;
			continue;
		}
		if (c === ' ' || c === '\t' || c === '\r') {
			i++;
			gap = true;
			continue;
		}
		if (at('<#')) {
			const end = src.indexOf('#>', i + 2);
			const stop = end < 0 ? src.length : end + 2;
			line += countLines(src.slice(i, stop));
			i = stop;
			continue;
		}
		if (c === '#') {
			while (i < src.length && src[i] !== '\n') i++;
			continue;
		}
		if (c === '`') {
			violations.push({ line, message: 'backtick escape or line continuation outside a string: not supported by the checker' });
			i += 2;
			continue;
		}
		if (at("@'") || at('@"')) {
			violations.push({ line, message: 'here-string: not supported by the checker' });
			i += 2;
			continue;
		}
		if (c === "'") {
			let j = i + 1;
			let text = '';
			for (; j < src.length; j++) {
				if (src[j] === "'" && src[j + 1] === "'") {
					text += "'";
					j++;
				} else if (src[j] === "'") break;
				else text += src[j];
			}
			toks.push({ kind: 'str', text, line, expandable: false });
			line += countLines(text);
			i = j + 1;
			continue;
		}
		if (c === '"') {
			let j = i + 1;
			let text = '';
			for (; j < src.length; j++) {
				if (src[j] === '`') {
					text += src[j + 1] ?? '';
					j++;
				} else if (src[j] === '"' && src[j + 1] === '"') {
					text += '"';
					j++;
				} else if (src[j] === '"') break;
				else text += src[j];
			}
			if (text.includes('$(')) violations.push({ line, message: 'subexpression $(...) inside a string: not supported by the checker' });
			toks.push({ kind: 'str', text, line, expandable: true });
			line += countLines(text);
			i = j + 1;
			continue;
		}
		if (c === '$') {
			if (src[i + 1] === '(') {
				toks.push({ kind: 'op', text: '$(', line, gap: spaced });
				i += 2;
				continue;
			}
			const m = /^\$(?:\{[^}]*\}|[A-Za-z_][\w]*(?::[A-Za-z_][\w]*)?|[_?^$])/.exec(src.slice(i));
			const text = m ? m[0] : '$';
			toks.push({ kind: 'var', text, line });
			i += text.length;
			continue;
		}
		if (c === '[') {
			const m = /^\[([A-Za-z][\w.]*)\]/.exec(src.slice(i));
			if (m) {
				toks.push({ kind: 'type', text: m[1]!, line });
				i += m[0].length;
				continue;
			}
		}
		const op = ['@(', '@{', '::', '+=', '-=', '&&', '||', '>>', '2>&1', '2>', '*>', '(', ')', '{', '}', '[', ']', ';', '|', ',', '=', '&', '>', '<', '.', '+'].find((o) => at(o));
		if (op && !(op === '.' && /[\w\\]/.test(src[i + 1] ?? '') && toks.at(-1)?.kind !== 'var' && toks.at(-1)?.text !== ')' && toks.at(-1)?.kind !== 'word')) {
			toks.push({ kind: 'op', text: op, line, gap: spaced });
			i += op.length;
			continue;
		}
		if (/[0-9]/.test(c)) {
			const m = /^[0-9][\w.]*/.exec(src.slice(i))!;
			toks.push({ kind: 'num', text: m[0], line });
			i += m[0].length;
			continue;
		}
		// A bareword: command names, parameters (-Path), arguments (/y, http, C:\x), operators (-ne, -f).
		const m = /^[^\s(){}[\];|,='"`$&>]+/.exec(src.slice(i));
		if (m) {
			toks.push({ kind: 'word', text: m[0], line });
			i += m[0].length;
			continue;
		}
		violations.push({ line, message: `unexpected character ${JSON.stringify(c)}` });
		i++;
	}
	return toks;
}

function countLines(s: string): number {
	let n = 0;
	for (const ch of s) if (ch === '\n') n++;
	return n;
}

/** Tokens after which the next bareword is a command name. */
const COMMAND_STARTS = new Set(['\n', ';', '|', '(', '@(', '$(', '{', '=', '+=', '-=', '&&', '||']);

function findCommands(toks: Tok[], violations: Violation[]): Command[] {
	const commands: Command[] = [];
	let commandPosition = true;
	for (let i = 0; i < toks.length; i++) {
		const t = toks[i]!;
		if (t.kind === 'op' && t.text === '@{') violations.push({ line: t.line, message: 'hashtable literal: not supported by the checker' });
		if (t.kind === 'op' && (t.text === '>' || t.text === '>>' || t.text === '2>' || t.text === '*>')) {
			const target = toks[i + 1];
			if (!target || !isInOutputFolder(target)) violations.push({ line: t.line, message: `redirection ${t.text} to ${target ? describe(target) : 'nothing'}: only files in the output folder ($out) may be written` });
		}
		if (t.kind === 'type' && !TYPES.has(t.text.toLowerCase())) violations.push({ line: t.line, message: `.NET type [${t.text}] is not on the allow-list` });
		if (t.kind === 'op' && (t.text === '.' || t.text === '::')) {
			const member = toks[i + 1];
			const call = toks[i + 2];
			if (member?.kind === 'word' && call?.kind === 'op' && call.text === '(' && !call.gap && !METHODS.has(member.text.toLowerCase())) {
				violations.push({ line: t.line, message: `method call .${member.text}() is not on the allow-list` });
			}
		}
		if (t.kind === 'op' && t.text === '&') {
			const next = toks[i + 1];
			if (next?.kind !== 'var' || next.text.toLowerCase() !== '$action') violations.push({ line: t.line, message: `call operator & on ${next ? describe(next) : 'nothing'}: only the step runner's "& $action" is allowed` });
		}
		if (t.kind === 'op' && t.text === '.' && commandPosition) violations.push({ line: t.line, message: 'dot-sourcing is not allowed' });

		if (commandPosition && t.kind === 'word' && !t.text.startsWith('-')) {
			const lower = t.text.toLowerCase();
			if (KEYWORDS.has(lower)) {
				if (lower === 'function') {
					const name = toks[i + 1];
					if (name?.kind === 'word') {
						if (!SCRIPT_FUNCTIONS.has(name.text.toLowerCase())) violations.push({ line: name.line, message: `function ${name.text} is not on the allow-list` });
						i++;
					}
					commandPosition = false;
				} else commandPosition = lower === 'else' || lower === 'try' || lower === 'finally' || lower === 'do';
				continue;
			}
			let j = i + 1;
			const args: Tok[] = [];
			let depth = 0;
			for (; j < toks.length; j++) {
				const a = toks[j]!;
				if (a.kind === 'nl' && depth === 0) break;
				if (a.kind === 'op' && (a.text === '(' || a.text === '@(' || a.text === '$(' || a.text === '{')) depth++;
				if (a.kind === 'op' && (a.text === ')' || a.text === '}')) {
					if (depth === 0) break;
					depth--;
				}
				if (depth === 0 && a.kind === 'op' && (a.text === '|' || a.text === ';')) break;
				args.push(a);
			}
			commands.push({ name: t.text, args, line: t.line });
			commandPosition = false;
			continue;
		}
		// `=` starts a command only as an assignment (`$x = Get-Item …`), not inside an argument (`ipport=0.0.0.0:443`).
		const assignment = t.kind === 'op' && (t.text === '=' || t.text === '+=' || t.text === '-=');
		const prev = toks[i - 1];
		if (assignment) commandPosition = prev?.kind === 'var' || prev?.text === ']';
		else if (t.kind === 'nl' || (t.kind === 'op' && COMMAND_STARTS.has(t.text))) commandPosition = true;
		else commandPosition = false;
	}
	return commands;
}

function describe(t: Tok): string {
	return t.kind === 'str' ? JSON.stringify(t.text) : t.text;
}

/** `$out` itself, or a string that starts with `$out\` and does not climb out with `..`. */
function isInOutputFolder(t: Tok): boolean {
	if (t.kind === 'var') return t.text.toLowerCase() === '$out';
	if (t.kind === 'str' && t.expandable) return /^\$out\\[^\\]/i.test(t.text) && !t.text.split('\\').includes('..');
	return false;
}

/** The value after a named parameter (`-FilePath x`), or undefined. */
function param(args: Tok[], name: string): Tok | undefined {
	const i = args.findIndex((a) => a.kind === 'word' && a.text.toLowerCase() === `-${name.toLowerCase()}`);
	return i >= 0 ? args[i + 1] : undefined;
}

/** Positional arguments: words and strings that are not parameters nor a parameter's value. */
function positional(args: Tok[], switches: ReadonlySet<string> = new Set()): Tok[] {
	const out: Tok[] = [];
	for (let i = 0; i < args.length; i++) {
		const a = args[i]!;
		if (a.kind === 'word' && a.text.startsWith('-')) {
			if (!switches.has(a.text.toLowerCase())) i++;
			continue;
		}
		out.push(a);
	}
	return out;
}

function word(t: Tok | undefined): string {
	return t && (t.kind === 'word' || t.kind === 'str') ? t.text.toLowerCase() : '';
}

function checkCommand(c: Command, violations: Violation[]): void {
	const name = c.name.toLowerCase();
	const fail = (message: string): void => {
		violations.push({ line: c.line, message: `${c.name}: ${message}` });
	};
	if (READ_ONLY.has(name) || SCRIPT_FUNCTIONS.has(name)) return;
	if (!RULED.has(name)) {
		fail('not on the allow-list of read-only commands');
		return;
	}
	const pos = positional(c.args);
	switch (name) {
		case 'reg': {
			// reg export <key> <file> [/y]: reads a key into a file. Every other reg verb (add, delete, import, copy,
			// restore, load, unload, save, flags) is refused.
			if (word(c.args[0]) !== 'export') fail(`only "reg export" is allowed, not "reg ${word(c.args[0])}"`);
			else if (!c.args[2] || !isInOutputFolder(c.args[2])) fail(`reg export must write into the output folder, not ${c.args[2] ? describe(c.args[2]) : 'nothing'}`);
			else if (c.args.slice(3).some((a) => !(a.kind === 'word' && a.text.toLowerCase() === '/y'))) fail('reg export takes no argument but /y here');
			return;
		}
		case 'netsh': {
			if (word(c.args[0]) !== 'http' || word(c.args[1]) !== 'show') fail(`only "netsh http show …" is allowed, not "netsh ${c.args.map(describe).join(' ')}"`);
			return;
		}
		case 'wevtutil': {
			const verb = word(c.args[0]);
			if (verb !== 'epl' && verb !== 'export-log') fail(`only "wevtutil epl" is allowed, not "wevtutil ${verb}"`);
			else if (!c.args[2] || !isInOutputFolder(c.args[2])) fail(`wevtutil epl must write into the output folder, not ${c.args[2] ? describe(c.args[2]) : 'nothing'}`);
			else if (c.args.slice(3).some((a) => !(a.kind === 'word' && /^\/ow:(true|false)$/i.test(a.text)))) fail('wevtutil epl takes no option but /ow here');
			return;
		}
		case 'export-certificate': {
			const to = param(c.args, 'FilePath');
			if (!to || !isInOutputFolder(to)) fail(`must write into the output folder, not ${to ? describe(to) : 'nothing'}`);
			if (word(param(c.args, 'Type')) !== 'sst') fail('only -Type SST is allowed');
			return;
		}
		case 'new-item': {
			if (word(param(c.args, 'ItemType')) !== 'directory') fail('only New-Item -ItemType Directory is allowed');
			const path = param(c.args, 'Path') ?? pos[0];
			if (!path || path.kind !== 'var' || path.text.toLowerCase() !== '$out') fail(`may only create the output folder $out, not ${path ? describe(path) : 'nothing'}`);
			return;
		}
		default: {
			// out-file, set-content, add-content
			const to = param(c.args, name === 'out-file' ? 'FilePath' : 'Path') ?? positional(c.args, new Set(['-append', '-force', '-noclobber']))[0];
			if (!to || !isInOutputFolder(to)) fail(`may only write into the output folder, not ${to ? describe(to) : 'nothing'}`);
		}
	}
}
