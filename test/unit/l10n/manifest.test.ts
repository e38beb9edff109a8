// The manifest's strings are %keys% with English and German texts (issue 13 item 7).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../support/fixtures';

const read = (name: string) => JSON.parse(readFileSync(join(REPO_ROOT, name), 'utf8')) as Record<string, unknown>;

/** Every string value of the manifest with its JSON path. */
function strings(value: unknown, path: string, out: [string, string][]): [string, string][] {
	if (typeof value === 'string') out.push([path, value]);
	else if (Array.isArray(value)) value.forEach((v, i) => strings(v, `${path}[${i}]`, out));
	else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) strings(v, `${path}.${k}`, out);
	return out;
}

// Fields VS Code shows to people; each must be a %key%.
const SHOWN = /\.(displayName|description|markdownDescription|enumDescriptions\[\d+\]|markdownEnumDescriptions\[\d+\]|title|shortTitle|name|contextualTitle|contents|deprecationMessage|markdownDeprecationMessage)$/;

suite('l10n: manifest (issue 13 item 7)', () => {
	const pkg = read('package.json');
	const en = read('package.nls.json') as Record<string, string>;
	const de = read('package.nls.de.json') as Record<string, string>;

	test('every shown manifest text is a %key% that package.nls.json defines', () => {
		const shown = strings(pkg, '', []).filter(([path]) => SHOWN.test(path) && path !== '.name' && !path.startsWith('.scripts') && !path.startsWith('.repository'));
		assert.ok(shown.length > 40, `found ${shown.length} shown texts`);
		for (const [path, value] of shown) {
			const m = /^%(.+)%$/.exec(value);
			assert.ok(m, `${path} is not localized: ${JSON.stringify(value)}`);
			assert.equal(typeof en[m[1]!], 'string', `${path}: package.nls.json has no "${m[1]}"`);
		}
	});

	test('package.nls.json has no key the manifest does not use', () => {
		const used = new Set(strings(pkg, '', []).map(([, v]) => /^%(.+)%$/.exec(v)?.[1]).filter(Boolean));
		assert.deepEqual(Object.keys(en).filter((k) => !used.has(k)), []);
	});

	test('package.nls.de.json has every key of package.nls.json, translated, with the same command links', () => {
		assert.deepEqual(Object.keys(de).sort(), Object.keys(en).sort());
		const links = (s: string) => [...s.matchAll(/\(command:[^)]*\)|`[^`]*`/g)].map((m) => m[0]);
		let differs = 0;
		for (const key of Object.keys(en)) {
			assert.ok(de[key]!.trim().length > 0, `${key}: empty German text`);
			assert.deepEqual(links(de[key]!), links(en[key]!), `${key}: command links and code spans`);
			if (de[key] !== en[key]) differs++;
		}
		// Product names stay as they are; everything else is German.
		assert.ok(differs >= Object.keys(en).length - 5, `only ${differs} of ${Object.keys(en).length} texts differ from English`);
	});
});
