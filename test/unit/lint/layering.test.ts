import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { REPO_ROOT } from '../../support/fixtures';

/** Lints a snippet as if it lived at `file`, and returns the rule ids that fired. */
async function rulesFor(file: string, code: string): Promise<string[]> {
	const eslint = new ESLint({ cwd: REPO_ROOT });
	const [result] = await eslint.lintText(code, { filePath: join(REPO_ROOT, file) });
	return (result?.messages ?? []).map((m) => m.ruleId ?? 'parse');
}

suite('layering is enforced by lint (issue 2)', () => {
	const cases: { file: string; code: string; rule: string }[] = [
		{ file: 'src/core/x.ts', code: "import * as vscode from 'vscode';\nexport const x = vscode;\n", rule: '@typescript-eslint/no-restricted-imports' },
		{ file: 'src/core/x.ts', code: "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", rule: '@typescript-eslint/no-restricted-imports' },
		{ file: 'src/core/x.ts', code: "import * as path from 'path';\nexport const x = path;\n", rule: '@typescript-eslint/no-restricted-imports' },
		{ file: 'src/core/x.ts', code: 'export const x = Buffer.from([1]);\n', rule: 'no-restricted-globals' },
		{ file: 'src/protocol/x.ts', code: "import { Uri } from 'vscode';\nexport const x = Uri;\n", rule: '@typescript-eslint/no-restricted-imports' },
		{ file: 'webview/x/main.ts', code: "import { window } from 'vscode';\nexport const x = window;\n", rule: '@typescript-eslint/no-restricted-imports' },
		{ file: 'webview/x/main.ts', code: "document.body.innerHTML = 'x';\n", rule: 'no-restricted-properties' },
		{ file: 'src/x.ts', code: "import * as t from '@vscode/webview-ui-toolkit';\nexport const x = t;\n", rule: 'no-restricted-imports' },
	];
	for (const c of cases) {
		test(`${c.file}: ${c.code.split('\n')[0]} → ${c.rule}`, async () => {
			assert.ok((await rulesFor(c.file, c.code)).includes(c.rule));
		});
	}

	test('allowed: type-only vscode import in core, Node built-ins in the host layer', async () => {
		assert.deepEqual(await rulesFor('src/core/x.ts', "import type { Uri } from 'vscode';\nexport type X = Uri;\n"), []);
		assert.deepEqual(await rulesFor('src/cli/x.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"), []);
	});
});
