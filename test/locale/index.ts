// Entry of the locale suite (scripts/locale.mjs passes it as extensionTestsPath): the host runs in German.
import Mocha from 'mocha';
import { join } from 'node:path';

/** Marker line scripts/locale.mjs reads; printed exactly once per run. */
const RESULT_PREFIX = '@@schannel-lens-result locale';

export function run(): Promise<void> {
	const mocha = new Mocha({ ui: 'tdd', reporter: 'spec', color: false, timeout: 30_000 });
	mocha.addFile(join(__dirname, 'locale.test.js'));
	return new Promise((resolve, reject) => {
		try {
			const runner = mocha.run((failures) => {
				console.log(`${RESULT_PREFIX} passed=${runner.stats?.passes ?? 0} failed=${failures}`);
				if (failures > 0) reject(new Error(`${failures} locale test(s) failed`));
				else resolve();
			});
		} catch (error) {
			console.log(`${RESULT_PREFIX} passed=0 failed=1`);
			reject(error instanceof Error ? error : new Error(String(error)));
		}
	});
}
