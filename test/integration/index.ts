// Entry point of the integration suite inside a real extension host. The same `run()` serves
// @vscode/test-electron (desktop, test/runElectron.ts) and code-server (scripts/integration.mjs, which passes
// this file as extensionTestsPath in the workbench payload). Output goes through console.log, which the host
// forwards to the test runner (stdout for Electron, codeAutomationLog for the browser workbench).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { setDefaultCrypto } from '../../src/core/crypto/provider';
import { nodeCrypto } from '../../src/shared/nodeCrypto';

// The tests call the core directly (expected values): it gets Node's crypto, as the extension host's bundle does.
setDefaultCrypto(nodeCrypto);

/** Marker line the runners and CI read; printed exactly once per run. */
const RESULT_PREFIX = '@@schannel-lens-result integration';

/** All compiled *.test.js files under this folder, found without a glob dependency. */
function findTestFiles(dir: string): string[] {
	const files: string[] = [];
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) files.push(...findTestFiles(path));
		else if (entry.name.endsWith('.test.js')) files.push(path);
	}
	return files.sort();
}

export function run(): Promise<void> {
	console.log(`[host] VS Code ${vscode.version} (${vscode.env.appName}), uiKind=${vscode.UIKind[vscode.env.uiKind]}`);
	// The spec reporter prints one line per test and the passing/failing counts. No colours: the output
	// ends up in CI logs and in a browser console, where escape codes are noise.
	const mocha = new Mocha({ ui: 'tdd', reporter: 'spec', color: false, timeout: 20_000 });
	// INTEGRATION_ONLY=generatedDocuments (or a,b) runs the files whose name contains it (one of them) (a quicker loop while working on one feature).
	const only = process.env.INTEGRATION_ONLY;
	for (const file of findTestFiles(__dirname).filter((f) => !only || only.split(',').some((o) => f.includes(o)))) mocha.addFile(file);
	return new Promise((resolve, reject) => {
		try {
			const runner = mocha.run((failures) => {
				const passed = runner.stats?.passes ?? 0;
				console.log(`${RESULT_PREFIX} passed=${passed} failed=${failures}`);
				if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
				else resolve();
			});
		} catch (error) {
			// A test file that throws while loading never reaches the callback above.
			console.log(`${RESULT_PREFIX} passed=0 failed=1`);
			reject(error instanceof Error ? error : new Error(String(error)));
		}
	});
}
