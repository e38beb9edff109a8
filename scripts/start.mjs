// npm start — try Schannel Lens in a browser: builds and packages the .vsix, installs it into code-server
// (VS Code 1.100.3) and serves <repo>/samples on http://127.0.0.1:$PORT (default 8080) until Ctrl-C.
// Settings and installed extensions persist in .cache/start/, so they survive restarts.
import { existsSync } from 'node:fs';
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

async function main() {
	const port = parsePort(process.env.PORT);
	if (!existsSync(samplesDir)) throw new Error(`${samplesDir} does not exist: the sample workspace is missing (npm run fixtures?)`);
	await assertPortFree(port);
	const vsix = await packageExtension({ quiet: true });
	ensureCodeServer();
	const server = await startCodeServer({
		port,
		workspace: samplesDir,
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
