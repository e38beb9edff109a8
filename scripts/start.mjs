// npm start — try Schannel Lens in a browser: builds and packages the .vsix, installs it into code-server
// (VS Code 1.100.3) and serves <repo>/samples on http://127.0.0.1:$PORT (default 8080) until Ctrl-C.
// Settings and installed extensions persist in .cache/start/, so they survive restarts.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ensureCodeServer, cacheDir, repoRoot, startCodeServer } from './codeServer.mjs';
import { packageExtension } from './package.mjs';

const samplesDir = join(repoRoot, 'samples');
const stateDir = join(cacheDir, 'start');

function parsePort(value) {
	const port = Number(value ?? 8080);
	if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`PORT must be a TCP port number, got ${value}`);
	return port;
}

/** Fails early with a clear message instead of code-server's EADDRINUSE stack. */
function assertPortFree(port) {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', () => reject(new Error(`127.0.0.1:${port} is in use; set PORT to another port`)));
		probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
	});
}

// samples/README.md opens by itself, rendered (issue 15): VS Code's "readme" start-up editor opens a
// folder's README.md in the Markdown preview.
const START_SETTINGS = { 'workbench.startupEditor': 'readme' };

/** Adds the start settings to a settings.json an earlier run wrote (startCodeServer writes one only when none exists). */
function addStartSettings(userDataDir) {
	const file = join(userDataDir, 'User', 'settings.json');
	if (!existsSync(file)) return;
	try {
		const settings = JSON.parse(readFileSync(file, 'utf8'));
		const missing = Object.entries(START_SETTINGS).filter(([k]) => !(k in settings));
		if (missing.length) writeFileSync(file, JSON.stringify({ ...settings, ...Object.fromEntries(missing) }, null, '\t') + '\n');
	} catch {
		// a settings.json with comments was edited by the user: leave it as it is
	}
}

async function main() {
	const port = parsePort(process.env.PORT);
	if (!existsSync(samplesDir)) throw new Error(`${samplesDir} does not exist: the sample workspace is missing (npm run fixtures?)`);
	await assertPortFree(port);
	const vsix = await packageExtension({ quiet: true });
	ensureCodeServer();
	addStartSettings(join(stateDir, 'user-data'));
	const server = await startCodeServer({
		port,
		workspace: samplesDir,
		settings: START_SETTINGS,
		userDataDir: join(stateDir, 'user-data'),
		extensionsDir: join(stateDir, 'extensions'),
		installVsix: vsix,
		quiet: !process.env.SCHANNEL_LENS_VERBOSE,
	});
	// encodeURI keeps the slashes readable; code-server accepts the folder path as is.
	console.log(`Schannel Lens is running: ${server.url}?folder=${encodeURI(samplesDir)}`);
	console.log('Press Ctrl-C to stop.');
	// startCodeServer's signal hooks stop code-server gracefully on SIGINT/SIGTERM and then exit;
	// until then this keeps the event loop alive.
	setInterval(() => {}, 1 << 30);
}

try {
	await main();
} catch (error) {
	console.error(`[start] ${error instanceof Error ? error.message : error}`);
	process.exit(1);
}
