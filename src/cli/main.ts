import { processOutput } from './io';
import { runCli } from './run';

declare const SCHANNEL_LENS_VERSION: string | undefined;

const version = typeof SCHANNEL_LENS_VERSION === 'string' ? SCHANNEL_LENS_VERSION : '0.0.0-dev';

// Piped into `head`: stop quietly instead of crashing on EPIPE.
for (const stream of [process.stdout, process.stderr]) {
	stream.on('error', (err: NodeJS.ErrnoException) => {
		if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
	});
}

void runCli(process.argv.slice(2), processOutput, version).then((code) => {
	process.exitCode = code;
});
