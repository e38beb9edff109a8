import { detectContainer, formatRfc4514, formatWindows, loadCertificates, ekuName, type LoadedCertificate, type X509Problem } from '../../core/x509';
import { ExitCode, worst, type ExitCodeValue } from '../exitCodes';
import { readInput, rejectInput, type Output } from '../io';
import type { CommandSpec } from './command';

/** A problem as `cert --json` prints it (docs/cli.md). */
export interface CertProblem {
	offset: number;
	severity: X509Problem['severity'];
	message: string;
}

/** One certificate in `cert --json` (docs/cli.md). */
export interface CertResult {
	source: { file: string; index: number; container: string; offset: number; pemLine: number | null; pemLabel: string | null; storePath: string | null; storeLocation: string | null; storeName: string | null; sha1MatchesKey: boolean | null; friendlyName: string | null; hasPrivateKey: boolean | null };
	subject: string;
	issuer: string;
	subjectWindows: string;
	issuerWindows: string;
	serial: string;
	notBefore: string;
	notAfter: string;
	sha1: string;
	sha256: string;
	signatureAlgorithm: string;
	keyAlgorithm: string;
	keySize: number | null;
	keyCurve: string | null;
	eku: string[] | null;
	keyUsage: string[] | null;
	basicConstraints: { ca: boolean; pathLength: number | null; critical: boolean } | null;
	ski: string | null;
	aki: string | null;
	subjectAltName: string[] | null;
	selfIssued: boolean;
	problems: CertProblem[];
}

/** One file's result in `cert --json`. */
export interface CertFileResult {
	file: string;
	container: string;
	certificates: CertResult[];
	/** Problems not tied to one certificate. */
	problems: CertProblem[];
}

/** `schannel-lens cert`: load certificates from any supported container and print their fields. */
export const certCommand: CommandSpec = {
	name: 'cert',
	summary: 'Load certificates (PEM, DER, .p7b, .sst, registry Blobs and .reg exports, .pfx) and print their fields',
	usage: 'schannel-lens cert FILE... [--password P] [--json]',
	options: { password: { type: 'string', description: 'password for .pfx/.p12 files' } },
	async run(args, json, io) {
		if (args.positionals.length === 0) {
			io.err('schannel-lens: cert needs at least one FILE (see schannel-lens cert --help)');
			return ExitCode.Usage;
		}
		const password = typeof args.values.password === 'string' ? args.values.password : undefined;
		let code: ExitCodeValue = ExitCode.Ok;
		const files: CertFileResult[] = [];
		for (const file of args.positionals) {
			const input = readInput(file);
			if (!input.ok) {
				code = worst(code, rejectInput(io, file, input.reason));
				continue;
			}
			const kind = detectContainer(input.bytes);
			const loaded = await loadCertificates(input.bytes, { fileName: file, ...(password !== undefined ? { password } : {}), crypto: globalThis.crypto.subtle });
			if (kind === 'unknown' || kind === 'empty' || (loaded.value.length === 0 && loaded.problems.some((p) => p.message.startsWith('no certificate found')))) {
				const first = loaded.problems.find((p) => p.severity === 'error');
				code = worst(code, rejectInput(io, file, first ? `${first.message} (byte offset ${first.offset})` : 'no certificate found'));
				continue;
			}
			const result = toFileResult(file, kind, loaded.value, loaded.problems);
			files.push(result);
			if (loaded.problems.some((p) => p.severity === 'error')) code = worst(code, ExitCode.Findings);
		}
		print(files, json, io);
		return code;
	},
};

function toProblem(p: X509Problem): CertProblem {
	return { offset: p.offset, severity: p.severity, message: p.message };
}

function toFileResult(file: string, container: string, certs: readonly LoadedCertificate[], problems: readonly X509Problem[]): CertFileResult {
	const attached = new Set<X509Problem>(certs.flatMap((c) => c.problems));
	return {
		file,
		container: container === 'certificate-der' ? 'der' : container,
		certificates: certs.map((c) => toCertResult(file, c)),
		problems: problems.filter((p) => !attached.has(p)).map(toProblem),
	};
}

/** The JSON view of one loaded certificate. */
export function toCertResult(file: string, loaded: LoadedCertificate): CertResult {
	const c = loaded.certificate;
	const s = loaded.source;
	const bc = c.basicConstraints;
	return {
		source: {
			file,
			index: s.index,
			container: s.container,
			offset: s.offset,
			pemLine: s.pemLine === undefined ? null : s.pemLine + 1,
			pemLabel: s.pemLabel ?? null,
			storePath: s.storePath ?? null,
			storeLocation: s.storeLocation ?? null,
			storeName: s.storeName ?? null,
			sha1MatchesKey: s.sha1MatchesKey ?? null,
			friendlyName: s.friendlyName ?? null,
			hasPrivateKey: s.hasPrivateKey ?? null,
		},
		subject: formatRfc4514(c.subject),
		issuer: formatRfc4514(c.issuer),
		subjectWindows: formatWindows(c.subject),
		issuerWindows: formatWindows(c.issuer),
		serial: c.serialHex,
		notBefore: c.notBeforeIso,
		notAfter: c.notAfterIso,
		sha1: c.sha1,
		sha256: c.sha256,
		signatureAlgorithm: c.signatureAlgorithm.name,
		keyAlgorithm: c.publicKey.algorithm,
		keySize: c.publicKey.bits ?? null,
		keyCurve: c.publicKey.curve ?? null,
		eku: c.extendedKeyUsage?.map((e) => e.oid) ?? null,
		keyUsage: c.keyUsage ?? null,
		basicConstraints: bc ? { ca: bc.ca, pathLength: bc.pathLength ?? null, critical: bc.critical } : null,
		ski: c.subjectKeyIdentifier ?? null,
		aki: c.authorityKeyIdentifier?.keyIdentifier ?? null,
		subjectAltName: c.subjectAltName?.map((g) => `${g.type}:${g.value}`) ?? null,
		selfIssued: c.isSelfIssued,
		problems: loaded.problems.map(toProblem),
	};
}

function print(files: CertFileResult[], json: boolean, io: Output): void {
	if (json) {
		io.out(JSON.stringify({ schemaVersion: 1, command: 'cert', files }, null, 2));
		return;
	}
	for (const f of files) {
		for (const c of f.certificates) printCert(c, io);
		for (const p of f.problems) io.out(`${f.file}: byte ${p.offset}: ${p.severity}: ${p.message}`);
		const errors = [...f.problems, ...f.certificates.flatMap((c) => c.problems)].filter((p) => p.severity === 'error').length;
		io.out(`${f.file}: ${f.container}, ${f.certificates.length} certificate${f.certificates.length === 1 ? '' : 's'}, ${errors} error${errors === 1 ? '' : 's'}`);
	}
}


function ekuText(oid: string): string {
	const name = ekuName(oid);
	return name ? `${name} (${oid})` : oid;
}

/** "expired" / "not yet valid" beside the dates, against the clock of the run (issue 15). */
function validityMarks(c: CertResult, now: Date): { notBefore: string; notAfter: string } {
	const before = Date.parse(c.notBefore);
	const after = Date.parse(c.notAfter);
	return {
		notBefore: `${c.notBefore}${before > now.getTime() ? '  (NOT YET VALID)' : ''}`,
		notAfter: `${c.notAfter}${after < now.getTime() ? '  (EXPIRED)' : ''}`,
	};
}

function printCert(c: CertResult, io: Output): void {
	const dates = validityMarks(c, new Date());
	const s = c.source;
	const where = [s.container, `#${s.index}`, s.pemLine !== null ? `line ${s.pemLine}` : `offset ${s.offset}`, s.storePath].filter(Boolean).join(', ');
	const bc = c.basicConstraints;
	const rows: [string, string | null][] = [
		['subject', c.subject],
		['issuer', c.issuer],
		['serial', c.serial],
		['notBefore', dates.notBefore],
		['notAfter', dates.notAfter],
		['sha1', c.sha1],
		['sha256', c.sha256],
		['key', `${c.keyAlgorithm}${c.keySize !== null ? ` ${c.keySize} bits` : ''}${c.keyCurve ? ` (${c.keyCurve})` : ''}`],
		['eku', c.eku ? (c.eku.length ? c.eku.map(ekuText).join(', ') : '(empty)') : null],
		['basicConstraints', bc ? `CA:${bc.ca ? 'TRUE' : 'FALSE'}${bc.pathLength !== null ? `, pathlen:${bc.pathLength}` : ''}${bc.critical ? ' (critical)' : ''}` : null],
		['ski', c.ski],
		['aki', c.aki],
		['friendlyName', s.friendlyName],
	];
	io.out(`${s.file} [${where}]`);
	for (const [k, v] of rows) if (v !== null) io.out(`  ${`${k}:`.padEnd(18)}${v}`);
	for (const p of c.problems) io.out(`  ${p.severity}: byte ${p.offset}: ${p.message}`);
}
