import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { decodeRegBytes, parseRegBytes } from '../core/reg';
import { clientCertificatesFrom, storeCertificatesFrom, type ClientCertificate, type StoreCertificate } from '../core/issuers';
import { storeCertificatesFromReg } from '../core/stores';
import { certificatesFromReg, loadCertificates, type LoadedCertificate } from '../core/x509';
import { readInput } from './io';

/** What a set of sources gave: store entries, all certificates seen, and one-line errors. */
export interface LoadedSources {
	readonly stores: StoreCertificate[];
	readonly errors: string[];
	/** Every certificate decoded, for client judgements and chains. */
	readonly loaded: { file: string; certs: LoadedCertificate[] }[];
	/** The raw `.reg` texts (SCHANNEL settings travel with store exports). */
	readonly regTexts: { file: string; text: string }[];
}

const CERT_FILE = /\.(reg|sst|pem|crt|cer|der|p7b|p7c|pfx|p12)$/i;

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
	const result: LoadedSources = { stores: [], errors: [], loaded: [], regTexts: [] };
	for (const spec of specs) {
		const m = /^([A-Za-z][\w .-]*)=(.+)$/.exec(spec);
		const store = m ? m[1]! : 'Root';
		for (const file of expand(m ? m[2]! : spec)) {
			const input = readInput(file);
			if (!input.ok) {
				result.errors.push(`schannel-lens: ${file}: ${input.reason}`);
				continue;
			}
			if (/\.reg$/i.test(file)) {
				const doc = parseRegBytes(input.bytes);
				const regCerts = certificatesFromReg(doc);
				result.regTexts.push({ file, text: decodeRegBytes(input.bytes).text });
				result.stores.push(...storeCertificatesFromReg(regCerts, file));
				result.loaded.push({ file, certs: regCerts.flatMap((rc, index) => (rc.certificate ? [{ certificate: rc.certificate, der: rc.certificate.der, source: { container: 'reg' as const, index, offset: 0 }, problems: rc.problems }] : [])) });
				continue;
			}
			const { value, problems } = await loadCertificates(input.bytes, { fileName: file, ...(password ? { password } : {}), crypto: globalThis.crypto.subtle });
			if (value.length === 0) {
				const first = problems[0];
				result.errors.push(`schannel-lens: ${file}: no certificate found${first ? ` (${first.message} at byte offset ${first.offset})` : ''}`);
				continue;
			}
			result.loaded.push({ file, certs: value });
			result.stores.push(...storeCertificatesFrom(value, store, file));
		}
	}
	return result;
}

/** Client certificates from files or folders. */
export async function loadClients(specs: readonly string[], password?: string): Promise<{ clients: ClientCertificate[]; known: StoreCertificate[]; errors: string[] }> {
	const loaded = await loadSources(specs, password);
	const clients = loaded.loaded.flatMap((l) => clientCertificatesFrom(l.certs, l.file));
	const known = loaded.loaded.flatMap((l) => storeCertificatesFrom(l.certs.filter((c) => c.certificate.basicConstraints?.ca), 'CA', l.file));
	return { clients, known, errors: loaded.errors };
}
