// A real VS Code host for tests and `npm start`, without internet: code-server 4.100.3 (= VS Code 1.100.3,
// the newest that runs on Node 20) installed from the npm registry into <repo>/.cache/code-server, and
// Debian's /usr/bin/chromium driven by playwright-core. Facts: docs in /work/shared/reference/vscode-host-testing.md.
//   ensureCodeServer()            install once (idempotent; fast when the right version is there)
//   startCodeServer({ ... })      start on 127.0.0.1, wait for /healthz, return { url, port, stop() }
//   launchChromium()              headless Debian chromium with a fresh profile
//   workbenchUrl(server, { folder, payload })
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CODE_SERVER_VERSION = '4.100.3';
export const cacheDir = join(repoRoot, '.cache');
const installDir = join(cacheDir, 'code-server');
const packageDir = join(installDir, 'node_modules', 'code-server');
const entryPoint = join(packageDir, 'out', 'node', 'entry.js');
// Written only after a complete install, so an interrupted install is redone instead of half-used.
const markerFile = join(installDir, 'installed-version');

// @vscode/ripgrep (a dependency of the VS Code inside code-server) downloads rg from GitHub in its
// postinstall. It first looks in $TMPDIR/vscode-ripgrep-cache-<its version>/<asset>, so we put the binary
// there, taken from the npm package @vscode/ripgrep-linux-<arch>, which ships it as bin/rg.
const RIPGREP_PACKAGE_VERSION = '1.18.0';
const RIPGREP_CACHE = 'vscode-ripgrep-cache-1.15.11';
const RIPGREP_ASSETS = {
	x64: 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz',
	arm64: 'ripgrep-v13.0.0-10-aarch64-unknown-linux-musl.tar.gz',
};

const log = (message) => console.log(`[code-server] ${message}`);

function installedVersion() {
	try {
		return readFileSync(markerFile, 'utf8').trim();
	} catch {
		return undefined;
	}
}

// Variables an outer `npm run` exports that would point the install elsewhere: npm_config_prefix=/usr would
// send code-server's nested `npm install` (its postinstall) into /usr, local_prefix at the repo.
const OUTER_NPM_CONFIG = new Set(['prefix', 'local_prefix', 'global_prefix', 'global', 'user_agent', 'yes']);

/** npm's environment for the install: the four fixes; the user's npm settings (registry, cache, proxy) stay. */
function installEnv(tmp) {
	const env = {};
	for (const [key, value] of Object.entries(process.env)) {
		const lower = key.toLowerCase();
		const config = lower.startsWith('npm_config_') ? lower.slice('npm_config_'.length) : undefined;
		if (config !== undefined ? !OUTER_NPM_CONFIG.has(config) : !lower.startsWith('npm_')) env[key] = value;
	}
	return {
		...env,
		TMPDIR: tmp, // where @vscode/ripgrep looks for its pre-seeded download
		// code-server's postinstall refuses to run as root without it; npm 11 then warns that it does not know
		// the setting (the install filters that one line out), so it is set for root only.
		...(process.getuid?.() === 0 ? { npm_config_unsafe_perm: 'true' } : {}),
		npm_config_yes: 'true', // node-pty's postinstall runs `npx node-gyp`, which would stop on a prompt
		npm_config_fund: 'false',
		npm_config_audit: 'false',
		npm_config_update_notifier: 'false',
		// Node's headers come with Debian's nodejs package; node-gyp would download them otherwise.
		...(!env.npm_config_nodedir && existsSync('/usr/include/node/node.h') ? { npm_config_nodedir: '/usr' } : {}),
		PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
		CI: 'true', // no interactive prompts, no progress spinners
	};
}

function run(command, args, options, dropStderr) {
	const result = spawnSync(command, args, { stdio: ['ignore', 'inherit', dropStderr ? 'pipe' : 'inherit'], ...options });
	// Lines the user can do nothing about (npm's "unknown config unsafe-perm", issue 15) are dropped; the rest is shown.
	if (dropStderr && result.stderr) process.stderr.write(result.stderr.toString('utf8').split('\n').filter((l) => !dropStderr.test(l)).join('\n'));
	if (result.error) throw result.error;
	if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed with exit code ${result.status}`);
}

/** Puts rg where @vscode/ripgrep's postinstall looks before downloading. */
function seedRipgrep(tmp, env) {
	const asset = RIPGREP_ASSETS[process.arch];
	if (!asset) throw new Error(`No ripgrep mapping for ${process.arch}; add one to scripts/codeServer.mjs`);
	const target = join(tmp, RIPGREP_CACHE, asset);
	if (existsSync(target)) return;
	log(`seeding the ripgrep download cache from @vscode/ripgrep-linux-${process.arch}@${RIPGREP_PACKAGE_VERSION}`);
	const work = join(tmp, 'ripgrep-seed');
	rmSync(work, { recursive: true, force: true });
	mkdirSync(work, { recursive: true });
	run('npm', ['pack', '--silent', `@vscode/ripgrep-linux-${process.arch}@${RIPGREP_PACKAGE_VERSION}`], { cwd: work, env, stdio: ['ignore', 'ignore', 'inherit'] });
	const tgz = readdirSync(work).find((name) => name.endsWith('.tgz'));
	if (!tgz) throw new Error('npm pack produced no tarball');
	run('tar', ['-xzf', tgz], { cwd: work });
	mkdirSync(dirname(target), { recursive: true });
	// The cached asset is a tar.gz with a single `rg` at its root.
	run('tar', ['-czf', target, '-C', join(work, 'package', 'bin'), 'rg']);
	rmSync(work, { recursive: true, force: true });
}

function codeServerManifest() {
	return {
		name: 'schannel-lens-code-server-cache',
		private: true,
		description: 'Test host for Schannel Lens, installed by scripts/codeServer.mjs. Not part of the extension.',
		dependencies: { 'code-server': CODE_SERVER_VERSION },
		// npm 11.19 lists dependencies whose install scripts are not approved here. Today that is advisory
		// (the scripts run; strict-allow-scripts=false); a later npm may block them, so approve the two that
		// have such scripts. code-server's postinstall runs `npm install` in lib/vscode (kerberos, node-pty,
		// @vscode/ripgrep …), which npm also only reports: its output is hidden unless --foreground-scripts.
		allowScripts: { 'code-server': true, argon2: true },
	};
}

const isInstalled = () => installedVersion() === CODE_SERVER_VERSION && existsSync(entryPoint);

function pidAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
}

/**
 * Runs `install` under a lock directory holding the installer's pid, so two test scripts started together on a
 * fresh machine do not both install into the same folder. A lock whose process is gone (Ctrl-C) is stale.
 */
function withInstallLock(install) {
	const lock = join(cacheDir, 'code-server.lock');
	mkdirSync(cacheDir, { recursive: true });
	let announced = false;
	for (;;) {
		try {
			mkdirSync(lock);
			break;
		} catch (error) {
			if (error.code !== 'EEXIST') throw error;
		}
		let owner = 0;
		try {
			owner = Number(readFileSync(join(lock, 'pid'), 'utf8'));
		} catch {
			// Just created (no pid yet) or just released.
		}
		if (owner && !pidAlive(owner)) {
			rmSync(lock, { recursive: true, force: true });
			continue;
		}
		if (!announced) log(`waiting for another process (pid ${owner || '?'}) to finish installing code-server`);
		announced = true;
		Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
		if (isInstalled()) return;
	}
	try {
		writeFileSync(join(lock, 'pid'), String(process.pid));
		if (!isInstalled()) install();
	} finally {
		rmSync(lock, { recursive: true, force: true });
	}
}

/** Installs code-server into <repo>/.cache/code-server unless that exact version is already there. */
export function ensureCodeServer() {
	if (!isInstalled()) withInstallLock(install);
	return entryPoint;
}

function install() {
	const started = Date.now();
	log(`installing code-server@${CODE_SERVER_VERSION} into ${installDir} (first run only: 39 s measured on an idle 2-core machine, minutes when it is busy)`);
	rmSync(installDir, { recursive: true, force: true });
	const tmp = join(installDir, 'tmp');
	mkdirSync(tmp, { recursive: true });
	const env = installEnv(tmp);
	seedRipgrep(tmp, env);
	writeFileSync(join(installDir, 'package.json'), JSON.stringify(codeServerManifest(), null, '\t') + '\n');
	run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=warn', '--prefix', installDir], { cwd: installDir, env, maxBuffer: 64 * 1024 * 1024 }, /unsafe-perm/);
	// --config: otherwise code-server writes a default config into ~/.config/code-server.
	const probeConfig = join(tmp, 'probe.yaml');
	writeFileSync(probeConfig, 'auth: none\n');
	const version = spawnSync(process.execPath, [entryPoint, '--config', probeConfig, '--version'], { encoding: 'utf8' });
	if (version.status !== 0 || !version.stdout.includes(`${CODE_SERVER_VERSION} `)) {
		throw new Error(`code-server did not install cleanly: ${version.stdout}${version.stderr}`);
	}
	rmSync(tmp, { recursive: true, force: true });
	writeFileSync(markerFile + '.tmp', CODE_SERVER_VERSION + '\n');
	renameSync(markerFile + '.tmp', markerFile);
	log(`installed ${version.stdout.trim().split('\n').pop()} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

/** A free TCP port on loopback (the OS picks; we release it right away for code-server to take). */
export function freePort() {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

// Everything we started (code-servers, browsers), so an exit or Ctrl-C never leaves one behind:
// `stop` is the graceful async way, `kill` the synchronous last resort for the process 'exit' event.
const resources = new Set();
let exitHooksInstalled = false;

function killGroup(pid, signal) {
	try {
		process.kill(-pid, signal);
	} catch {
		// Already gone.
	}
}

function track(resource) {
	installExitHooks();
	resources.add(resource);
	return () => resources.delete(resource);
}

function installExitHooks() {
	if (exitHooksInstalled) return;
	exitHooksInstalled = true;
	process.on('exit', () => {
		for (const resource of resources) resource.kill();
	});
	for (const [signal, number] of [['SIGINT', 2], ['SIGTERM', 15], ['SIGHUP', 1]]) {
		process.once(signal, async () => {
			console.error(`[code-server] ${signal}: stopping`);
			const all = Promise.all([...resources].map((resource) => resource.stop().catch(() => {})));
			await Promise.race([all, new Promise((resolve) => setTimeout(resolve, 8000))]);
			// The conventional exit status of a death by signal.
			process.exit(128 + number);
		});
	}
}

/** Runs code-server's CLI once (e.g. --install-extension) with the same folders the server will use. */
export function codeServerCli(args, { userDataDir, extensionsDir, home }) {
	run(process.execPath, [ensureCodeServer(), '--config', join(home, 'config.yaml'), '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, ...args], {
		stdio: ['ignore', 'inherit', 'inherit'],
		env: hostEnv(home),
	});
}

/**
 * Environment of code-server: its own data (logs, heartbeat, a default config.yaml) goes under `home`
 * through the XDG variables instead of ~/.local/share and ~/.config.
 */
function hostEnv(home) {
	return {
		...process.env,
		XDG_DATA_HOME: join(home, 'xdg-data'),
		XDG_CONFIG_HOME: join(home, 'xdg-config'),
		PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
	};
}

// A calm workbench for tests and demos: no welcome page, no update or marketplace checks.
const QUIET_SETTINGS = {
	'workbench.startupEditor': 'none',
	'git.openRepositoryInParentFolders': 'never', // the repo holds the test workspace; no prompt over the editor
	'workbench.tips.enabled': false,
	'telemetry.telemetryLevel': 'off',
	'extensions.autoCheckUpdates': false,
	'extensions.autoUpdate': false,
	'update.mode': 'none',
	'security.workspace.trust.enabled': false,
};

function writeDefaultSettings(userDataDir, settings) {
	const file = join(userDataDir, 'User', 'settings.json');
	if (existsSync(file)) return;
	mkdirSync(dirname(file), { recursive: true });
	writeFileSync(file, JSON.stringify(settings, null, '\t') + '\n');
}

async function waitForHealth(url, child, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null || child.signalCode !== null) throw new Error(`code-server exited early (${child.exitCode ?? child.signalCode})`);
		try {
			const response = await fetch(new URL('healthz', url), { signal: AbortSignal.timeout(2000) });
			if (response.ok) return;
		} catch {
			// Not listening yet.
		}
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	throw new Error(`code-server did not answer ${url}healthz within ${timeoutMs / 1000} s`);
}

/**
 * Starts code-server on 127.0.0.1 with no auth and throwaway (or given) profile folders.
 * `settings` are written to the user settings.json unless one exists (a persistent userDataDir keeps the user's).
 * @param {{ port?: number, workspace?: string, userDataDir?: string, extensionsDir?: string,
 *   installVsix?: string, extraArgs?: string[], settings?: object, quiet?: boolean, workspaceTrust?: boolean }} options
 */
export async function startCodeServer(options = {}) {
	const entry = ensureCodeServer();
	const port = options.port ?? (await freePort());
	const home = mkdtempSync(join(tmpdir(), 'schannel-lens-host-'));
	const userDataDir = options.userDataDir ?? join(home, 'user-data');
	const extensionsDir = options.extensionsDir ?? join(home, 'extensions');
	mkdirSync(userDataDir, { recursive: true });
	mkdirSync(extensionsDir, { recursive: true });
	writeDefaultSettings(userDataDir, { ...QUIET_SETTINGS, ...options.settings });
	const configFile = join(home, 'config.yaml');
	writeFileSync(configFile, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
	if (options.installVsix) {
		log(`installing ${options.installVsix}`);
		codeServerCli(['--install-extension', options.installVsix, '--force'], { userDataDir, extensionsDir, home });
	}
	const args = [
		entry,
		'--config', configFile,
		'--user-data-dir', userDataDir,
		'--extensions-dir', extensionsDir,
		'--disable-telemetry',
		'--disable-update-check',
		// Tests of Restricted Mode need workspace trust (scripts/restrictedMode.mjs); everything else runs without it.
		...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
		'--disable-getting-started-override',
		...(options.extraArgs ?? []),
		...(options.workspace ? [options.workspace] : []),
	];
	// Quiet runs keep code-server's log in a file and show it only if startup fails.
	const logFile = join(home, 'code-server.log');
	const output = options.quiet ? openSync(logFile, 'a') : 'inherit';
	// detached: its own process group, so stop() reaches the server's extension host and pty children too.
	const child = spawn(process.execPath, args, { detached: true, stdio: ['ignore', output, output], env: hostEnv(home) });
	if (typeof output === 'number') closeSync(output);
	const exited = new Promise((resolve) => child.once('exit', resolve));
	const url = `http://127.0.0.1:${port}/`;
	let stopping;
	const stop = () => {
		stopping ??= (async () => {
			killGroup(child.pid, 'SIGTERM');
			const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), 5000);
			if (child.exitCode === null && child.signalCode === null) await exited;
			clearTimeout(timer);
			// The group may outlive its leader for a moment (extension host shutting down).
			kill();
			untrack();
		})();
		return stopping;
	};
	const kill = () => {
		killGroup(child.pid, 'SIGKILL');
		rmSync(home, { recursive: true, force: true });
	};
	const untrack = track({ stop, kill });
	try {
		await waitForHealth(url, child, 60_000);
	} catch (error) {
		if (options.quiet && existsSync(logFile)) console.error(readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n'));
		await stop();
		throw error;
	}
	return { url, port, userDataDir, extensionsDir, stop };
}

/** The workbench URL for a folder, with an optional `payload` (extensionDevelopmentPath, extensionTestsPath …). */
export function workbenchUrl(server, { folder, payload } = {}) {
	const url = new URL(server.url);
	if (folder) url.searchParams.set('folder', folder);
	if (payload) {
		// Paths in the payload are URIs of the remote (server) side: vscode-remote://host:port/abs/path.
		const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
		const pairs = Object.entries(payload).map(([key, value]) => [key, key.endsWith('Path') ? remote(value) : String(value)]);
		url.searchParams.set('payload', JSON.stringify(pairs));
	}
	return url.toString();
}

/** Headless Debian chromium through playwright-core (Playwright's own browser download is unreachable here). */
export async function launchChromium() {
	process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD = '1';
	const { chromium } = await import('playwright-core');
	const profile = mkdtempSync(join(tmpdir(), 'schannel-lens-chromium-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		headless: true,
		viewport: { width: 1400, height: 900 },
		// Our own signal hooks close the browser and code-server together (Playwright's would exit first).
		handleSIGINT: false,
		handleSIGTERM: false,
		handleSIGHUP: false,
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-breakpad', '--disable-dev-shm-usage'],
		// Chromium creates ~/.config/chromium/Crash Reports before it reads --user-data-dir; keep it in the profile.
		env: { ...process.env, XDG_CONFIG_HOME: join(profile, 'xdg-config'), XDG_CACHE_HOME: join(profile, 'xdg-cache') },
	});
	const removeProfile = () => rmSync(profile, { recursive: true, force: true });
	let closing;
	const close = () => {
		closing ??= context
			.close()
			.catch(() => {})
			.then(() => {
				removeProfile();
				untrack();
			});
		return closing;
	};
	// On exit Playwright kills the browser itself (its own 'exit' hook); the profile folder is ours.
	const untrack = track({ stop: close, kill: removeProfile });
	return { context, close };
}

// `node scripts/codeServer.mjs` installs code-server (useful to warm a CI cache).
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
	ensureCodeServer();
	log(`ready: ${CODE_SERVER_VERSION} at ${installDir}`);
}
