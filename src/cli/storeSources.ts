import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseStoreSpec, readStoreSource, type SourceFile, type StoreCertificate } from '../core/issuers';
import type { LoadedCertificate } from '../core/x509';
import { readInput } from './io';

/** What a set of sources gave: store entries, all certificates seen, and one-line errors. */
export interface LoadedSources {
	readonly stores: StoreCertificate[];
	readonly errors: string[];
	/** Every certificate decoded, for client judgements and chains. */
	readonly loaded: { file: string; certs: LoadedCertificate[] }[];
	/** The raw `.reg` texts (SCHANNEL settings travel with store exports). */
	readonly regTexts: { file: string; text: string }[];
	readonly files: SourceFile[];
}

const CERT_FILE = /\.(reg|sst|stl|pem|crt|cer|der|p7b|p7c|pfx|p12)$/i;

/** Files of a source: the file itself, or the certificate files in a folder (not recursive). */
function expand(path: string): string[] {
	try {
		if (statSync(path).isDirectory()) return readdirSync(path).filter((f) => CERT_FILE.test(f)).sort().map((f) => join(path, f));
	} catch {
		// readInput reports it.
	}
	return [path];
}

/**
 * Loads store sources. `NAME=PATH` names the store; a bundle, file or folder without a name is the
 * Root store; `.reg` exports carry their own store names.
 */
export async function loadSources(specs: readonly string[], password?: string): Promise<LoadedSources> {
	const files: SourceFile[] = [];
	const errors: string[] = [];
	for (const spec of specs) {
		const { store, path } = parseStoreSpec(spec);
		for (const file of expand(path)) {
			const input = readInput(file);
			if (!input.ok) {
				errors.push(`schannel-lens: ${file}: ${input.reason}`);
				continue;
			}
			const source = await readStoreSource(file, input.bytes, store, { ...(password ? { password } : {}), crypto: globalThis.crypto.subtle });
			if (source.error) errors.push(`schannel-lens: ${file}: ${source.error}`);
			else files.push(source);
		}
	}
	return {
		files,
		errors,
		stores: files.flatMap((f) => f.stores),
		loaded: files.map((f) => ({ file: f.file, certs: f.certs })),
		regTexts: files.flatMap((f) => (f.regText !== undefined ? [{ file: f.file, text: f.regText }] : [])),
	};
}
