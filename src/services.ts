import * as vscode from 'vscode';
import { CertificateIndex } from './certificates/certificateIndex';
import { Logger } from './shared/logger';

/** What every feature shares: the log and the workspace certificate index (built in the background). */
export interface Services extends vscode.Disposable {
	readonly logger: Logger;
	readonly certificateIndex: CertificateIndex;
}

/** Creates the shared services; `extension.ts` disposes them with the extension. */
export function createServices(): Services {
	const logger = new Logger('Schannel Lens');
	const certificateIndex = new CertificateIndex(logger);
	return { logger, certificateIndex, dispose: () => vscode.Disposable.from(certificateIndex, logger).dispose() };
}
