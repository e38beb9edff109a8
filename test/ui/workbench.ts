// Drives the real VS Code workbench (code-server 1.100.3 in headless Debian chromium) for UI smoke tests.
// Started once per run and shared by every *.ui.test.ts: the packaged .vsix is installed like a user would,
// the workspace is test/fixtures. scripts/uiSmoke.mjs calls stopWorkbench() when mocha is done.
// Selectors are the workbench's own DOM (documented in /work/shared/reference/vscode-host-testing.md).
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, FrameLocator, Locator, Page } from 'playwright-core';

// out/test/ui/workbench.js → repo root (the module is only ever run compiled).
export const repoRoot = resolve(__dirname, '..', '..', '..');
export const resultsDir = join(repoRoot, 'test-results');
export const workspaceDir = join(repoRoot, 'test', 'fixtures');

// The shapes of scripts/codeServer.mjs and scripts/package.mjs that we use (plain JS modules, no typings).
interface CodeServer {
	url: string;
	port: number;
	stop(): Promise<void>;
}
interface CodeServerModule {
	startCodeServer(options: { workspace: string; installVsix?: string; quiet?: boolean }): Promise<CodeServer>;
	launchChromium(): Promise<{ context: BrowserContext; close(): Promise<void> }>;
	workbenchUrl(server: CodeServer, options: { folder?: string }): string;
}
interface PackageModule {
	packageExtension(options?: { quiet?: boolean }): Promise<string>;
}

/** ES modules from CommonJS: a computed specifier keeps both tsc and esbuild from turning it into require(). */
function importScript<T>(name: string): Promise<T> {
	return import(pathToFileURL(join(repoRoot, 'scripts', name)).href) as Promise<T>;
}

export class Workbench {
	constructor(
		readonly page: Page,
		readonly url: string,
	) {}

	/**
	 * Keys pressed while a webview has focus (e.g. a PFX password field) go to its iframe, not to the workbench:
	 * blur it first, so F1, Ctrl+P and Escape reach VS Code's keybindings.
	 */
	async releaseWebviewFocus(): Promise<void> {
		// A string, evaluated in the page: the tests' tsconfig has no DOM types.
		await this.page.evaluate("document.activeElement && document.activeElement.tagName === 'IFRAME' && document.activeElement.blur()");
	}

	/** Any `.quick-input-widget` session: F1 opens it with `>`; replacing the text switches the mode. */
	private async quickInput(text: string, rowText: string): Promise<void> {
		await this.releaseWebviewFocus();
		await this.page.keyboard.press('Escape');
		// A quick input still closing (a theme picker, the previous command) would hide the one F1 opens.
		await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
		await this.page.keyboard.press('F1');
		const input = this.page.locator('.quick-input-widget input');
		await input.waitFor({ state: 'visible' });
		await input.fill(text);
		const row = this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: rowText }).first();
		await row.waitFor({ state: 'visible', timeout: 15_000 });
		// A click picks exactly this row; Enter can land in the Explorer (when focus has not reached the input yet)
		// and open the file selected there instead.
		await row.click();
	}

	/** Runs a command by its palette title, e.g. 'Explorer: Focus on Outline View'. */
	async runCommand(title: string): Promise<void> {
		await this.quickInput(`>${title}`, title);
	}

	/** Opens a workspace file (path relative to test/fixtures) through Quick Open and waits for its editor. */
	async openFile(relativePath: string): Promise<Locator> {
		const name = relativePath.split('/').pop() ?? relativePath;
		await this.quickInput(relativePath, name);
		const tab = this.page.locator('.tabs-container .tab.active', { hasText: name });
		await tab.waitFor({ state: 'visible' });
		const editor = this.page.locator('.editor-instance .monaco-editor .view-lines').first();
		await editor.waitFor({ state: 'visible' });
		return editor;
	}

	/** Opens a workspace file through Quick Open and waits for its tab only (custom editors have no text view). */
	async openTab(relativePath: string): Promise<void> {
		const name = relativePath.split('/').pop() ?? relativePath;
		await this.quickInput(relativePath, name);
		await this.page.locator('.tabs-container .tab.active', { hasText: name }).waitFor();
	}

	async closeAllEditors(): Promise<void> {
		await this.runCommand('View: Close All Editors');
	}

	/** The status bar's language mode indicator ("Registry Export" for a .reg file). */
	languageStatus(): Locator {
		return this.page.locator('#status\\.editor\\.mode');
	}

	async openProblems(): Promise<void> {
		await this.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
		await this.page.locator('.markers-panel').waitFor({ state: 'visible' });
	}

	/** Rows of the Problems panel (open it first with openProblems()). */
	problemsRows(): Locator {
		return this.page.locator('.markers-panel .monaco-list-row');
	}

	/** Expands or collapses a side bar section by its title (e.g. the workspace folder, 'Outline', 'Timeline'). */
	async setSectionExpanded(title: string, expanded: boolean): Promise<void> {
		const header = this.page.locator('.part.sidebar .pane-header', { hasText: title }).first();
		await header.waitFor({ state: 'visible' });
		if ((await header.getAttribute('aria-expanded')) === String(expanded)) return;
		await header.click();
		await this.page.locator('.part.sidebar .pane-header[aria-expanded="' + expanded + '"]', { hasText: title }).first().waitFor();
		await this.waitForStableLayout(this.page.locator('.part.sidebar .pane-header').last());
	}

	/** Side bar sections resize with a short CSS transition; screenshots taken during it show half-moved panes. */
	async waitForStableLayout(target: Locator): Promise<void> {
		let previous = '';
		for (let i = 0; i < 40; i++) {
			const box = JSON.stringify(await target.boundingBox());
			if (box === previous) return;
			previous = box;
			await this.page.waitForTimeout(100);
		}
	}

	/** Rows of the Outline view in the Explorer. */
	outlineRows(): Locator {
		return this.page.locator('.outline-pane .monaco-list-row');
	}

	/** A screenshot at 1280x800 (the review size for UI changes), then back to the harness's size. */
	async screenshotAt1280(name: string): Promise<string> {
		const before = this.page.viewportSize();
		await this.page.setViewportSize({ width: 1280, height: 800 });
		try {
			await this.waitForStableLayout(this.page.locator('.part.editor'));
			return await this.screenshot(name);
		} finally {
			if (before) await this.page.setViewportSize(before);
		}
	}

	/** Content of the active webview, two frames deep. */
	webview(): FrameLocator {
		return this.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
	}

	/** Switches the colour theme (Ctrl+K Ctrl+T lists installed themes) and waits until the workbench shows it. */
	async setTheme(name: 'Light Modern' | 'Dark Modern' | 'Dark High Contrast'): Promise<void> {
		const themeClass = { 'Light Modern': 'vs', 'Dark Modern': 'vs-dark', 'Dark High Contrast': 'hc-black' }[name];
		const input = this.page.locator('.quick-input-widget input');
		const row = this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: name }).first();
		// A webview that takes the focus back a moment later swallows the chord or closes the picker: try again.
		for (let attempt = 1; ; attempt++) {
			await this.releaseWebviewFocus();
			await this.page.keyboard.press('Escape');
			await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
			await this.page.keyboard.press('Control+K');
			await this.page.keyboard.press('Control+T');
			const picked = await input
				.waitFor({ timeout: 3_000 })
				.then(() => input.fill(name, { timeout: 3_000 }))
				.then(() => row.waitFor({ timeout: 10_000 }))
				.then(() => input.press('Enter', { timeout: 3_000 }))
				.then(() => true, () => false);
			if (picked) break;
			if (attempt >= 5) throw new Error(`the color theme picker did not take "${name}"`);
		}
		await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
		await this.page.locator(`.monaco-workbench.${themeClass}`).waitFor();
	}

	/** Saves test-results/<name>.png and returns its path. */
	async screenshot(name: string): Promise<string> {
		mkdirSync(resultsDir, { recursive: true });
		const path = join(resultsDir, `${name.replace(/[^\w.-]+/g, '-')}.png`);
		await this.page.screenshot({ path });
		return path;
	}
}

interface Session {
	workbench: Workbench;
	stop(): Promise<void>;
}
let session: Promise<Session> | undefined;

async function start(): Promise<Session> {
	const { startCodeServer, launchChromium, workbenchUrl } = await importScript<CodeServerModule>('codeServer.mjs');
	const { packageExtension } = await importScript<PackageModule>('package.mjs');
	const vsix = await packageExtension({ quiet: true });
	const server = await startCodeServer({ workspace: workspaceDir, installVsix: vsix, quiet: !process.env.SCHANNEL_LENS_VERBOSE });
	let browser: Awaited<ReturnType<CodeServerModule['launchChromium']>> | undefined;
	try {
		browser = await launchChromium();
		const page = await browser.context.newPage();
		page.setDefaultTimeout(30_000);
		const url = workbenchUrl(server, { folder: workspaceDir });
		await page.goto(url);
		await page.locator('.monaco-workbench .part.editor').waitFor({ state: 'visible', timeout: 60_000 });
		// The status bar fills in once the extension host is up; before that, commands may be missing.
		await page.locator('.part.statusbar').waitFor({ state: 'visible' });
		const workbench = new Workbench(page, url);
		const opened = browser;
		return {
			workbench,
			stop: async () => {
				await opened.close();
				await server.stop();
			},
		};
	} catch (error) {
		await browser?.close();
		await server.stop();
		throw error;
	}
}

/** The shared workbench, started on first use (packaging, install and startup take ~15 s). */
export async function workbench(): Promise<Workbench> {
	session ??= start();
	return (await session).workbench;
}

/**
 * A second window of the shared server on another folder (the shared one is test/fixtures), at 1280×800:
 * suites that need the samples open a copy of them this way. Close its page when done.
 */
export async function workbenchOn(folder: string): Promise<Workbench> {
	const shared = await workbench();
	const page = await shared.page.context().newPage();
	page.setDefaultTimeout(30_000);
	await page.setViewportSize({ width: 1280, height: 800 });
	const url = new URL(shared.url);
	url.searchParams.set('folder', folder);
	await page.goto(url.toString());
	await page.locator('.monaco-workbench .part.editor').waitFor({ state: 'visible', timeout: 60_000 });
	await page.locator('.part.statusbar').waitFor({ state: 'visible' });
	return new Workbench(page, url.toString());
}

export async function stopWorkbench(): Promise<void> {
	if (!session) return;
	const current = session;
	session = undefined;
	await (await current.catch(() => undefined))?.stop();
}
