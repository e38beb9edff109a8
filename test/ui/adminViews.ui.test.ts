// UI (issue 15): what a Windows admin sees at 1280×800 in light, dark and high-contrast themes.
// The capture is test/fixtures/captures/tls12-mtls-truncated-list-nocert.pcapng, byte for byte the samples'
// web01/failing-mtls-handshake.pcapng (make-samples.sh; a unit test checks the copy); the chain is
// alice.client (samples/clients/alice.cer; test/fixtures/pki/client-alice.pem is the same certificate). Every table cell and chain node shows its whole text: no "…",
// no clipped cell, no node line wider than its box. Screenshots: test-results/views-<view>-<theme>.png,
// copied to docs/images/ by `npm run screenshots`.
import * as assert from 'node:assert/strict';
import { workbench, type Workbench } from './workbench';

const THEMES = [
	['light', 'Light Modern'],
	['dark', 'Dark Modern'],
	['hc', 'Dark High Contrast'],
] as const;

interface Box {
	text: string;
	scrollWidth: number;
	clientWidth: number;
	scrollHeight: number;
	clientHeight: number;
}

async function setTheme(wb: Workbench, name: string): Promise<void> {
	// Right after start-up the picker can open before the built-in themes are listed and then show only
	// "Browse Additional Color Themes…": open it again (five tries, 10 s each).
	for (let attempt = 1; ; attempt++) {
		await wb.runCommand('Preferences: Color Theme');
		// The palette turns into the theme picker; typing before that would filter the commands instead.
		const input = wb.page.locator('.quick-input-widget input[placeholder*="Color Theme"]');
		await input.waitFor({ state: 'visible' });
		await input.fill(name);
		const row = wb.page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: name }).first();
		try {
			await row.waitFor({ state: 'visible', timeout: 10_000 });
		} catch (error) {
			if (attempt === 5) throw error;
			await wb.page.keyboard.press('Escape');
			continue;
		}
		await row.click();
		await wb.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
		return;
	}
}

suite('What an admin sees at 1280×800 (issue 15)', () => {
	let wb: Workbench;

	suiteSetup(async function () {
		this.timeout(180_000);
		wb = await workbench();
		await wb.page.setViewportSize({ width: 1280, height: 800 });
	});

	suiteTeardown(async function () {
		this.timeout(60_000);
		await setTheme(wb, 'Dark Modern').catch(() => undefined);
		await wb.page.setViewportSize({ width: 1400, height: 900 });
	});

	for (const [key, theme] of THEMES) {
		test(`${theme}: the capture table shows every column's whole text with the side bar open`, async function () {
			this.timeout(120_000);
			await wb.closeAllEditors();
			await setTheme(wb, theme);
			await wb.openTab('captures/tls12-mtls-truncated-list-nocert.pcapng');
			const view = wb.webview();
			await view.locator('body[data-status=done]').waitFor({ timeout: 30_000 });
			const row = view.locator('.table-body .row').first();
			await row.waitFor();
			await row.click();
			await view.locator('.verdict-banner').waitFor();
			const cells = await view.locator('.row .cell').evaluateAll((els) =>
				els.map((e) => {
					const x = e as unknown as Box & { textContent: string | null };
					return { text: x.textContent ?? '', scrollWidth: x.scrollWidth, clientWidth: x.clientWidth, scrollHeight: x.scrollHeight, clientHeight: x.clientHeight };
				}),
			);
			assert.ok(cells.length >= 22, 'header and one row');
			for (const c of cells) {
				assert.ok(!c.text.includes('…'), `no ellipsis: ${c.text}`);
				assert.ok(c.scrollWidth <= c.clientWidth + 1 && c.scrollHeight <= c.clientHeight + 1, `cell shows all its text (${c.scrollWidth}×${c.scrollHeight} in ${c.clientWidth}×${c.clientHeight}): ${c.text}`);
			}
			// Nothing needed is off-screen: the table is no wider than the editor (no horizontal scroll).
			const table = await view.locator('.table').evaluate((e) => {
				const x = e as unknown as { scrollWidth: number; clientWidth: number };
				return { scrollWidth: x.scrollWidth, clientWidth: x.clientWidth };
			});
			assert.ok(table.scrollWidth <= table.clientWidth + 1, `no horizontal scroll (${table.scrollWidth} > ${table.clientWidth})`);
			await wb.page.mouse.move(1270, 560); // no hover tooltip in the picture
			await wb.screenshot(`views-capture-${key}`);
		});

		test(`${theme}: three connections, each row as tall as its own text, no word broken`, async function () {
			this.timeout(120_000);
			await wb.closeAllEditors();
			await wb.openTab('captures/mixed-verdicts.pcapng');
			const view = wb.webview();
			await view.locator('body[data-status=done]').waitFor({ timeout: 30_000 });
			await view.locator('.table-body .row').nth(2).waitFor();
			const measured = await view.locator('.table-body').evaluate((body) => {
				interface Rects {
					length: number;
					[i: number]: { top: number; height: number };
				}
				interface Text {
					nodeType: number;
					data: string;
				}
				interface Cell {
					childNodes: ArrayLike<Text>;
					textContent: string | null;
					scrollWidth: number;
					clientWidth: number;
					scrollHeight: number;
					clientHeight: number;
				}
				const b = body as unknown as { ownerDocument: { createRange(): { setStart(n: Text, o: number): void; setEnd(n: Text, o: number): void; getClientRects(): Rects } }; querySelectorAll(s: string): ArrayLike<Cell & { offsetHeight: number; querySelectorAll(s: string): ArrayLike<Cell> }> };
				const rows = Array.from(b.querySelectorAll('.row'));
				const split: string[] = [];
				const clipped: string[] = [];
				for (const row of rows) {
					for (const cell of Array.from(row.querySelectorAll('.cell'))) {
						if (cell.scrollWidth > cell.clientWidth + 1 || cell.scrollHeight > cell.clientHeight + 1) clipped.push(cell.textContent ?? '');
						for (const node of Array.from(cell.childNodes)) {
							if (node.nodeType !== 3) continue;
							for (const m of node.data.matchAll(/\S+/g)) {
								const range = b.ownerDocument.createRange();
								range.setStart(node, m.index ?? 0);
								range.setEnd(node, (m.index ?? 0) + m[0].length);
								const rects = range.getClientRects();
								const tops = new Set<number>();
								for (let i = 0; i < rects.length; i++) if (rects[i]!.height > 0) tops.add(Math.round(rects[i]!.top));
								if (tops.size > 1) split.push(m[0]);
							}
						}
					}
				}
				return { heights: rows.map((r) => r.offsetHeight), split, clipped };
			});
			assert.equal(measured.heights.length, 3, 'three connections');
			assert.deepEqual(measured.split, [], 'no word or token between break points is split over two lines');
			assert.deepEqual(measured.clipped, [], 'every cell shows all its text');
			assert.ok(Math.min(...measured.heights) < Math.max(...measured.heights), `rows take their own heights: ${measured.heights.join(', ')} px`);
			await wb.page.mouse.move(1270, 560);
			await wb.screenshot(`views-capture-rows-${key}`);
		});

		test(`${theme}: chain nodes show their whole text`, async function () {
			this.timeout(120_000);
			await wb.closeAllEditors();
			await wb.openFile('pki/client-alice.pem'); // the samples' clients/alice.cer, as PEM
			await wb.runCommand('Schannel Lens: Show Trust Chain');
			const view = wb.webview();
			await view.locator('svg g.node').first().waitFor({ timeout: 60_000 });
			const lines = await view.locator('svg text').evaluateAll((els) =>
				els.map((e) => {
					const t = e as unknown as { textContent: string | null; getComputedTextLength(): number; parentNode: { querySelector(s: string): { getAttribute(n: string): string | null } | null } | null };
					const rect = t.parentNode?.querySelector('rect');
					return { text: t.textContent ?? '', width: t.getComputedTextLength(), box: Number(rect?.getAttribute('width') ?? 'NaN') };
				}),
			);
			assert.ok(lines.length > 4);
			for (const l of lines) {
				assert.ok(!l.text.includes('…'), `no ellipsis: ${l.text}`);
				if (Number.isFinite(l.box)) assert.ok(l.width <= l.box - 10, `"${l.text}" (${l.width.toFixed(0)} px) fits its ${l.box}px box`);
			}
			await wb.page.mouse.move(1270, 560);
			await wb.screenshot(`views-chain-${key}`);
		});
	}
});
