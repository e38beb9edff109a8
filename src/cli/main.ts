import { processOutput } from './io';
import { runCli } from './run';

declare const SCHANNEL_LENS_VERSION: string | undefined;

const version = typeof SCHANNEL_LENS_VERSION === 'string' ? SCHANNEL_LENS_VERSION : '0.0.0-dev';

void runCli(process.argv.slice(2), processOutput, version).then((code) => {
	process.exitCode = code;
});
