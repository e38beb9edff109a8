import * as l10n from '@vscode/l10n';
import { decodeRegBytes, parseRegBytes } from '../reg';
import { storeCertificatesFromReg } from './fromRegistry';
import type { SubtleCryptoLike } from '../crypto/subtle';
import { certificatesFromReg, loadCertificates, parseCtl, type CertificateTrustList, type LoadedCertificate } from '../x509';
import { clientCertificatesFrom, storeCertificatesFrom } from './fromCertificates';
import type { ClientCertificate } from './clients';
import type { StoreCertificate } from './types';

/** What one source file gave for the issuer-list check. */
export interface SourceFile {
	readonly file: string;
	readonly stores: StoreCertificate[];
	readonly certs: LoadedCertificate[];
	/** The `.reg` text, when the source is an export (its SCHANNEL settings count too). */
	readonly regText?: string;
	/** A certificate trust list (`authroot.stl`): which roots automatic update trusts, and for what. */
	readonly ctl?: CertificateTrustList;
	/** One-line reason when nothing could be read. */
	readonly error?: string;
}

/** `NAME=PATH` → store and path; a plain path is the Root store. */
export function parseStoreSpec(spec: string): { store: string; path: string } {
	const m = /^([A-Za-z][\w .-]*)=(.+)$/.exec(spec);
	return m ? { store: m[1]!, path: m[2]! } : { store: 'Root', path: spec };
}

/**
 * Reads one store source from its bytes: `.reg` exports carry their own store names; any other
 * container (.sst, PEM, PKCS#7, DER, .pfx) counts as `store`.
 */
export async function readStoreSource(file: string, bytes: Uint8Array, store: string, options: { password?: string; crypto?: SubtleCryptoLike } = {}): Promise<SourceFile> {
	if (/\.stl$/i.test(file)) {
		const { value, problems } = parseCtl(bytes);
		if (!value) return { file, stores: [], certs: [], error: l10n.t('not a certificate trust list ({0})', problems[0]?.message ?? 'unreadable') };
		return { file, stores: [], certs: [], ctl: value };
	}
	if (/\.reg$/i.test(file)) {
		const regCerts = certificatesFromReg(parseRegBytes(bytes));
		const certs = regCerts.flatMap((rc, index) => (rc.certificate ? [{ certificate: rc.certificate, der: rc.certificate.der, source: { container: 'reg' as const, index, offset: 0, storeName: rc.storeName }, problems: rc.problems }] : []));
		return { file, stores: storeCertificatesFromReg(regCerts, file), certs, regText: decodeRegBytes(bytes).text };
	}
	const { value, problems } = await loadCertificates(bytes, { fileName: file, ...(options.password ? { password: options.password } : {}), ...(options.crypto ? { crypto: options.crypto } : {}) });
	if (value.length === 0) {
		const first = problems[0];
		return { file, stores: [], certs: [], error: l10n.t('no certificate found{0}', first ? l10n.t(' ({0} at byte offset {1})', first.message, first.offset) : '') };
	}
	return { file, stores: storeCertificatesFrom(value, store, file), certs: value };
}

/** Client certificates and the CA certificates that came with them (to follow their chains). */
export function clientsFromSources(sources: readonly SourceFile[]): { clients: ClientCertificate[]; known: StoreCertificate[] } {
	return {
		clients: sources.flatMap((s) => clientCertificatesFrom(s.certs, s.file)),
		known: sources.flatMap((s) => storeCertificatesFrom(s.certs.filter((c) => c.certificate.basicConstraints?.ca), 'CA', s.file)),
	};
}
