// npm run package — production build, then schannel-lens-<version>.vsix at the repo root.
// Everything the extension runs is bundled into dist/, so the .vsix carries no node_modules (--no-dependencies).
// The .vscodeignore is an allow-list; this script checks the result against the same list, so a stray file
// (a source map, a test fixture, a 300 MB .cache) fails the build instead of shipping.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoRoot } from './codeServer.mjs';

const MAX_BYTES = 2 * 1024 * 1024;

// What a .vsix may hold: vsce's own two files, and under extension/ what .vscodeignore lets through.
const ALLOWED = [
	/^\[Content_Types\]\.xml$/,
	/^extension\.vsixmanifest$/,
	/^extension\/(package\.json|README\.md|CHANGELOG\.md|LICENSE(\.txt|\.md)?)$/i,
	/^extension\/dist\/(extension|cli|pkcs12Worker|parseWorker|web\/(extension|pkcs12Worker|parseWorker))\.js$/,
	/^extension\/dist\/webview\/[^]+$/,
	/^extension\/(media|syntaxes|language-configuration)\/[^]+$/,
	// Translations (issue 13 item 7): the manifest's and the extension's strings.
	/^extension\/package\.nls(\.[a-z-]+)?\.json$/,
	/^extension\/l10n\/bundle\.l10n(\.[a-z-]+)?\.json$/,
];

function build() {
	const result = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'build.mjs'), '--production'], { stdio: 'inherit', cwd: repoRoot });
	if (result.status !== 0) throw new Error('node scripts/build.mjs --production failed');
}

/** Entry names and sizes of a zip, read from its central directory (no unzip binary or zip dependency). */
export function listZip(path) {
	const zip = readFileSync(path);
	let eocd = -1;
	// The end-of-central-directory record sits in the last 22 bytes plus an optional comment (< 64 KiB).
	for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
		if (zip.readUInt32LE(i) === 0x06054b50) {
			eocd = i;
			break;
		}
	}
	if (eocd < 0) throw new Error(`${path} is not a zip file`);
	const count = zip.readUInt16LE(eocd + 10);
	let offset = zip.readUInt32LE(eocd + 16);
	const entries = [];
	for (let n = 0; n < count; n++) {
		if (zip.readUInt32LE(offset) !== 0x02014b50) throw new Error(`${path}: bad central directory entry ${n}`);
		const size = zip.readUInt32LE(offset + 24);
		const nameLength = zip.readUInt16LE(offset + 28);
		const extraLength = zip.readUInt16LE(offset + 30);
		const commentLength = zip.readUInt16LE(offset + 32);
		entries.push({ name: zip.toString('utf8', offset + 46, offset + 46 + nameLength), size });
		offset += 46 + nameLength + extraLength + commentLength;
	}
	return entries;
}

/** Builds for production and writes the .vsix; returns its absolute path. Throws on any violation. */
export async function packageExtension({ quiet = false } = {}) {
	build();
	const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
	const packagePath = join(repoRoot, `schannel-lens-${version}.vsix`);
	const { createVSIX } = await import('@vscode/vsce');
	// vsce prints the whole file tree and a DONE line through console; `npm start` wants one line (issue 15).
	const captured = [];
	const saved = { log: console.log, info: console.info, warn: console.warn };
	if (quiet) for (const k of Object.keys(saved)) console[k] = (...args) => captured.push(args.join(' '));
	try {
		// rewriteRelativeLinks: false — the README's screenshots (docs/images/) are relative links and the package has
		// no repository URL to point them at; vsce refuses to package otherwise. The VSIX does not carry docs/.
		await createVSIX({ cwd: repoRoot, packagePath, dependencies: false, allowMissingRepository: true, rewriteRelativeLinks: false });
	} catch (error) {
		if (quiet) saved.warn(captured.join('\n'));
		throw error;
	} finally {
		Object.assign(console, saved);
	}
	const bytes = statSync(packagePath).size;
	const entries = listZip(packagePath);
	const unexpected = entries.filter((entry) => !ALLOWED.some((pattern) => pattern.test(entry.name)));
	if (!quiet) {
		for (const entry of entries) console.log(`  ${String(entry.size).padStart(9)}  ${entry.name}`);
		console.log(`${relative(process.cwd(), packagePath) || packagePath}: ${(bytes / 1024).toFixed(1)} KiB, ${entries.length} entries`);
	}
	if (unexpected.length > 0) throw new Error(`unexpected files in the .vsix (fix .vscodeignore):\n  ${unexpected.map((e) => e.name).join('\n  ')}`);
	if (!entries.some((e) => e.name === 'extension/dist/extension.js')) throw new Error('the .vsix lacks extension/dist/extension.js');
	// The manifest's %keys% are unreadable without their English (and German) texts.
	for (const name of ['package.nls.json', 'package.nls.de.json']) {
		if (!entries.some((e) => e.name === `extension/${name}`)) throw new Error(`the .vsix lacks extension/${name}`);
	}
	if (bytes > MAX_BYTES) throw new Error(`${packagePath} is ${bytes} bytes, over the ${MAX_BYTES}-byte budget`);
	return packagePath;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
	try {
		await packageExtension();
	} catch (error) {
		console.error(`[package] ${error instanceof Error ? error.message : error}`);
		process.exit(1);
	}
}
