// npm run test:electron — the integration suite in desktop VS Code (Electron) via @vscode/test-electron.
// It downloads VS Code from update.code.visualstudio.com, so it needs internet: use it on a desktop.
// Offline (and in CI here) the same suite runs in code-server: npm run test:integration.
import { resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';

// out/test/runElectron.js → repo root.
const repoRoot = resolve(__dirname, '..', '..');

// The oldest VS Code engines.vscode allows, and the current release.
const VERSIONS = ['1.100.0', 'stable'];

async function main(): Promise<void> {
	for (const version of VERSIONS) {
		console.log(`[electron] VS Code ${version}`);
		await runTests({
			version,
			extensionDevelopmentPath: repoRoot,
			extensionTestsPath: resolve(repoRoot, 'out', 'test', 'integration', 'index'),
			// Other installed extensions stay out of the way; the one under development still loads.
			launchArgs: [resolve(repoRoot, 'test', 'fixtures'), '--disable-extensions'],
		});
	}
}

main().catch((error: unknown) => {
	console.error(`[electron] ${error instanceof Error ? error.message : String(error)}`);
	process.exit(1);
});
