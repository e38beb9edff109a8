import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';
import { REPO_ROOT } from '../../support/fixtures';

let grammar: textmate.IGrammar;

/** Tokenizes lines and returns [text, innermost scope] pairs, skipping whitespace-only tokens. */
function tokens(lines: string[]): [string, string][] {
	const out: [string, string][] = [];
	let stack = textmate.INITIAL;
	for (const line of lines) {
		const r = grammar.tokenizeLine(line, stack);
		for (const t of r.tokens) {
			const text = line.slice(t.startIndex, t.endIndex);
			if (text.trim()) out.push([text, t.scopes[t.scopes.length - 1]!]);
		}
		stack = r.ruleStack;
	}
	return out;
}

function scopeOf(lines: string[], text: string): string | undefined {
	return tokens(lines).find(([t]) => t === text)?.[1];
}

suite('reg TextMate grammar (syntaxes/reg.tmLanguage.json)', () => {
	suiteSetup(async () => {
		const wasm = readFileSync(join(REPO_ROOT, 'node_modules/vscode-oniguruma/release/onig.wasm'));
		await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
		const registry = new textmate.Registry({
			onigLib: Promise.resolve({ createOnigScanner: (p) => new oniguruma.OnigScanner(p), createOnigString: (s) => new oniguruma.OnigString(s) }),
			loadGrammar: async () => textmate.parseRawGrammar(readFileSync(join(REPO_ROOT, 'syntaxes/reg.tmLanguage.json'), 'utf8'), 'reg.tmLanguage.json'),
		});
		const g = await registry.loadGrammar('source.reg');
		assert.ok(g, 'grammar loads');
		grammar = g;
	});

	test('headers and comments', () => {
		assert.equal(scopeOf(['Windows Registry Editor Version 5.00'], 'Windows Registry Editor Version 5.00'), 'keyword.other.header.reg');
		assert.equal(scopeOf(['REGEDIT4'], 'REGEDIT4'), 'keyword.other.header.reg');
		assert.equal(tokens(['; a comment'])[1]?.[1], 'comment.line.semicolon.reg');
	});

	test('keys, key deletions, root abbreviations', () => {
		const key = ['[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet]'];
		assert.equal(scopeOf(key, 'HKEY_LOCAL_MACHINE'), 'support.constant.root-key.reg');
		assert.equal(scopeOf(key, '\\SYSTEM\\CurrentControlSet'), 'entity.name.section.key-path.reg');
		assert.equal(scopeOf(['[-HKEY_CURRENT_USER\\X]'], '-'), 'keyword.operator.deletion.reg');
		assert.equal(scopeOf(['[HKLM\\X]'], 'HKLM'), 'invalid.deprecated.root-key-abbreviation.reg');
	});

	test('value names, strings with escapes, dword, =- deletions', () => {
		const line = ['"Path"="C:\\\\x\\"y"'];
		assert.equal(scopeOf(line, 'Path'), 'variable.other.property.value-name.reg');
		assert.equal(scopeOf(line, '\\\\'), 'constant.character.escape.reg');
		assert.equal(scopeOf(line, '\\"'), 'constant.character.escape.reg');
		assert.equal(scopeOf(['"Enabled"=dword:00000001'], 'dword'), 'storage.type.dword.reg');
		assert.equal(scopeOf(['"Enabled"=dword:00000001'], '00000001'), 'constant.numeric.hex.reg');
		assert.equal(scopeOf(['"Enabled"=dword:0x1'], '0x1'), 'invalid.illegal.dword.reg');
		assert.equal(scopeOf(['"Old"=-'], '-'), 'keyword.operator.deletion.reg');
		assert.equal(scopeOf(['@="default"'], '@'), 'variable.language.default-value.reg');
	});

	test('hex(N) data continues over ,\\ lines and comment lines, then stops', () => {
		const lines = ['"Blob"=hex(7):41,00,\\', '  42,00,\\', '; between', '  00,00', '"Next"=dword:1'];
		const t = tokens(lines);
		assert.deepEqual(t.find(([x]) => x === '7'), ['7', 'constant.numeric.type.reg']);
		assert.deepEqual(t.filter(([x]) => x === '42'), [['42', 'constant.numeric.hex.reg']]);
		assert.ok(t.some(([, s]) => s === 'comment.line.semicolon.reg'), 'comment inside the data');
		assert.deepEqual(t.find(([x]) => x === 'Next'), ['Next', 'variable.other.property.value-name.reg'], 'the next value is not taken as hex');
	});
});
