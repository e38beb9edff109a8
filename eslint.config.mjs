// Lint rules, and the layering the build depends on:
//   src/core      pure TypeScript: no `vscode`, no Node built-ins (it must also run in a browser extension host)
//   src/protocol  message and view-model types only: no `vscode`
//   webview       DOM code: no `vscode`, imports only src/protocol (types)
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

const noVscode = {
	name: 'vscode',
	message: 'The core, protocol and webview layers must not import vscode (a type-only import is allowed).',
	allowTypeImports: true,
};

export default tseslint.config(
	{ ignores: ['dist/**', 'out/**', 'node_modules/**', '.cache/**', 'test-results/**', 'test/fixtures/**', 'samples/**'] },
	js.configs.recommended,
	...tseslint.configs.recommended,
	{
		languageOptions: { globals: { ...globals.node } },
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
			'no-restricted-imports': ['error', { paths: [{ name: '@vscode/webview-ui-toolkit', message: 'Deprecated and archived (January 2025): use @vscode-elements/elements or plain HTML with --vscode-* variables.' }] }],
		},
	},
	{
		files: ['src/core/**/*.ts'],
		languageOptions: { globals: { ...globals['shared-node-browser'] } },
		rules: {
			'@typescript-eslint/no-restricted-imports': [
				'error',
				{
					paths: [noVscode, ...nodeBuiltins.map((name) => ({ name, message: 'src/core must run in a browser: no Node built-ins. Take bytes and callbacks as parameters instead.' }))],
				},
			],
			'no-restricted-globals': ['error', { name: 'Buffer', message: 'src/core must run in a browser: use Uint8Array.' }, { name: 'process', message: 'src/core must run in a browser.' }, { name: 'require', message: 'src/core uses ES imports only.' }],
		},
	},
	{
		files: ['src/protocol/**/*.ts'],
		rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths: [noVscode] }] },
	},
	{
		files: ['webview/**/*.ts'],
		languageOptions: { globals: { ...globals.browser } },
		rules: {
			'@typescript-eslint/no-restricted-imports': [
				'error',
				{ paths: [{ ...noVscode, message: "Can't use vscode in webviews." }, ...nodeBuiltins.map((name) => ({ name, message: 'Webviews run in a browser.' }))] },
			],
			'no-restricted-properties': [
				'error',
				{ property: 'innerHTML', message: 'Data from files never goes into innerHTML: use textContent / DOM nodes.' },
				{ property: 'outerHTML', message: 'Use DOM nodes.' },
				{ property: 'insertAdjacentHTML', message: 'Use DOM nodes.' },
			],
		},
	},
	{
		files: ['scripts/**/*.mjs', 'eslint.config.mjs'],
		languageOptions: { globals: { ...globals.node } },
	},
	{
		files: ['test/**/*.ts'],
		languageOptions: { globals: { ...globals.node, ...globals.mocha } },
	},
);
