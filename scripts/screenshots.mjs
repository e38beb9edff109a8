// npm run screenshots — copies the README's pictures from the last UI run (test-results/, made by
// test/ui/adminViews.ui.test.ts and the other UI tests from the samples' files) to docs/images/.
// Run `npm run test:ui` first. Fails, naming the file, when a picture is missing: the README never
// points at a stale or absent image.
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './codeServer.mjs';

/** test-results/<name>.png → docs/images/<name>.png: the pictures README.md shows. */
export const README_IMAGES = ['doctor-light', 'doctor-dark', 'doctor-high-contrast-fixes', 'case-report-light', 'case-capture-dark', 'views-capture-light', 'views-capture-dark', 'views-capture-hc', 'views-chain-light', 'views-chain-dark', 'views-chain-hc', 'views-capture-rows-light', 'views-capture-rows-dark', 'views-capture-rows-hc', 'sidebar-start', 'walkthrough'];

const from = join(repoRoot, 'test-results');
const to = join(repoRoot, 'docs', 'images');
mkdirSync(to, { recursive: true });
const missing = README_IMAGES.filter((n) => !existsSync(join(from, `${n}.png`)));
if (missing.length) {
	console.error(`[screenshots] missing in test-results/: ${missing.map((n) => `${n}.png`).join(', ')}; run npm run test:ui first`);
	process.exit(1);
}
for (const n of README_IMAGES) {
	copyFileSync(join(from, `${n}.png`), join(to, `${n}.png`));
	console.log(`docs/images/${n}.png  ${(statSync(join(to, `${n}.png`)).size / 1024).toFixed(0)} KiB`);
}
