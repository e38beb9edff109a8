import { closeSync, fstatSync, openSync, readFileSync, readSync, statSync, writeSync, writevSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { alertWords, CaptureReader, DecodeCache, KeyLog, type CaptureProblem, type CaptureSummary, type DistinguishedNameEntry, type HandshakeResult, type VerdictKnowledge } from '../../core/capture';
import { clientChainNames, clientsFromSources } from '../../core/issuers';
import { windowsOption } from '../options';
import { loadSources } from '../storeSources';
import { ExitCode, worst, type ExitCodeValue } from '../exitCodes';
import { processOutput, type Output } from '../io';
import type { CommandSpec } from './command';
import { JsonBytes, writeHandshakeJson } from './captureJson';

/** Problems kept per file in the output; the rest are counted in `problemsOmitted`. */
const MAX_PROBLEMS = 1000;
/**
 * Bytes read from the file per chunk: memory stays flat whatever the capture size. 1 MB reads measured faster than
 * 4 MB on a 1 GB capture (the chunk the reader parses is still in the CPU cache after the kernel copied it).
 */
const CHUNK = 1 << 20;
/**
 * V8's optimising compiler runs on background threads and, with its default budget (132 KB of bytecode executed
 * before a function is optimised), compiles ~110 functions of a capture run, most of them per-connection or
 * per-handshake code (TCP flow open, ClientHello parse, verdict, JSON writer) that runs only a few thousand times:
 * ~0.15–0.19 s of CPU on a 1 GB capture, a quarter of the run. Four times that budget leaves such code to the
 * baseline tiers and still optimises the per-packet and per-record loops: measured on the 1 GB corpus, CPU
 * 0.72 -> 0.65 s without keys and 0.99 -> 0.87 s with the key log; output identical. Set when the command runs,
 * before the capture code is first called (V8 reads the budget when a function gets its feedback). Node documents
 * setting V8 flags after start as unsupported in general; this one only moves when functions are optimised.
 */
const INTERRUPT_BUDGET = '--interrupt-budget=524288';

/** One handshake in `capture --json` (docs/cli.md). */
export interface CaptureHandshakeJson {
	stream: number;
	client: string;
	server: string;
	firstFrame: number;
	sni: string | null;
	alpn: string[];
	versions: { offered: string[]; selected: string | null };
	cipherSuite: string | null;
	encryptedHandshake: boolean;
	decrypted: boolean;
	/** A TLS <=1.2 renegotiation inside the encrypted session (read with the key log). */
	renegotiation: boolean;
	/** The capture holds the handshake whole (see HandshakeResult.complete). */
	complete: boolean;
	end: HandshakeResult['end'];
	certificateRequest: null | {
		frame: number;
		certificateTypes: number[];
		signatureAlgorithms: number[];
		distinguishedNames: DistinguishedNameEntry[];
		listBytes: number;
		records: number;
		messageBytes: number;
	};
	serverCertificates: { sha1: string; sha256: string; subject: string; issuer: string }[];
	clientCertificates: null | { sha1: string; sha256: string; subject: string; issuer: string }[];
	/** `encrypted`: encrypted on the wire; `decrypted`: read with the key log (then level, description and name are set). */
	alerts: { frame: number; from: 'client' | 'server'; level: 'warning' | 'fatal' | null; description: number | null; name: string | null; encrypted: boolean; decrypted: boolean }[];
	/** `kind` is `incomplete` when the capture ends (or has a hole) before the part that decides; `missing` names it. */
	verdict: { kind: 'conclusion' | 'incomplete'; severity: string; code: string; message: string; missing?: string };
}

/** One file in `capture --json`. */
export interface CaptureFileJson {
	file: string;
	format: CaptureSummary['format'];
	compressed: boolean;
	handshakes: CaptureHandshakeJson[];
	problems: CaptureProblem[];
	problemsOmitted: number;
	linkTypes: number[];
	packets: number;
	bytes: number;
}

export const captureCommand: CommandSpec = {
	name: 'capture',
	summary: 'Read pcap/pcapng captures: TLS handshakes, CertificateRequest CA lists, certificates, alerts, verdicts',
	usage: 'schannel-lens capture FILE... [--keylog FILE] [--dns] [--target-os NAME] [--clients FILE]... [--json]',
	options: {
		keylog: { type: 'string', description: 'NSS key log (SSLKEYLOGFILE: CLIENT_RANDOM, RSA and TLS 1.3 lines) to decrypt handshakes, renegotiations and alerts' },
		dns: { type: 'boolean', description: 'text output: list every CA name of each CertificateRequest with its bytes and the running total' },
		'target-os': { type: 'string', description: 'the Windows version of the server (its issuer-list limit is used in verdicts)' },
		clients: { type: 'string', multiple: true, description: 'client certificates (files or folders, with their intermediates): verdicts say whether one chains to a listed CA' },
	},
	async run(args, json, io) {
		if (io === processOutput) setFlagsFromString(INTERRUPT_BUDGET); // the CLI's own process only, not a host or test run calling in
		if (args.positionals.length === 0) return usage(io, 'capture needs at least one FILE');
		const targetOs = windowsOption(args);
		if (targetOs instanceof Error) return usage(io, targetOs.message);
		const clientSpecs = Array.isArray(args.values.clients) ? args.values.clients.filter((c): c is string => typeof c === 'string') : [];
		const clientSources = await loadSources(clientSpecs);
		for (const e of clientSources.errors) io.err(e);
		if (clientSources.errors.length) return ExitCode.Usage;
		const { clients, known } = clientsFromSources(clientSources.files);
		const knowledge = { ...(targetOs ? { targetOs } : {}), ...(clients.length ? { clientCertificates: clientChainNames(clients, known) } : {}) };
		const keyLog = new KeyLog();
		const keylogFile = args.values.keylog;
		if (typeof keylogFile === 'string') {
			try {
				const bad = keyLog.addText(readFileSync(keylogFile, 'utf8'));
				if (bad.length) io.err(`schannel-lens: ${keylogFile}: ${bad.length} line(s) are not "LABEL client_random secret" (first: line ${bad[0]}); they are ignored`);
			} catch (err) {
				return usage(io, `${keylogFile}: cannot read the key log (${err instanceof Error ? err.message : String(err)})`);
			}
		}
		// Cache hits compare repeated CA lists and certificates byte for byte: Node's memcmp does it natively.
		const cache = new DecodeCache({ equal: (a, b) => Buffer.compare(a, b) === 0 });
		// Writing the shared CA-list JSON as ready-made bytes keeps 100+ MB outputs fast (no re-encoding per handshake).
		const out = new JsonOut(io, json, io === processOutput ? stdoutBytes() : undefined);
		let code: ExitCodeValue = ExitCode.Ok;
		for (const file of args.positionals) {
			const why = unreadable(file);
			if (why) {
				io.err(`schannel-lens: ${file}: ${why}`);
				code = worst(code, ExitCode.Usage);
				continue;
			}
			code = worst(code, await readOne(file, keyLog, cache, out, io, json, knowledge, args.values.dns === true));
		}
		out.close();
		return code;
	},
};

async function readOne(file: string, keyLog: KeyLog, cache: DecodeCache, out: JsonOut, io: Output, json: boolean, knowledge: VerdictKnowledge, dns: boolean): Promise<ExitCodeValue> {
	const problems: CaptureProblem[] = [];
	let omitted = 0;
	let errors = 0;
	let count = 0;
	const reader: CaptureReader = new CaptureReader({
		keyLog,
		cache,
		knowledge,
		onHandshake: (h) => {
			count++;
			if (h.verdict.severity === 'error') errors++;
			if (json) out.handshake(file, reader, h);
			else for (const line of handshakeText(file, h, dns)) io.out(line);
		},
		onProblem: (p) => {
			if (problems.length < MAX_PROBLEMS) problems.push(p);
			else omitted++;
		},
	});
	try {
		// One reused buffer: the reader keeps no reference to a chunk after push() returns.
		const fd = openSync(file, 'r');
		try {
			const buf = new Uint8Array(CHUNK);
			for (let n = readSync(fd, buf, 0, CHUNK, null); n > 0; n = readSync(fd, buf, 0, CHUNK, null)) reader.push(buf.subarray(0, n));
		} finally {
			closeSync(fd);
		}
	} catch (err) {
		reader.end();
		io.err(`schannel-lens: ${file}: ${err instanceof Error ? err.message : String(err)}`);
		return ExitCode.Usage;
	}
	const summary = reader.end();
	if (summary.format === 'unknown') {
		out.abandon(file);
		io.err(`schannel-lens: ${file}: not a capture: no pcap, pcapng or gzip magic number at byte offset 0`);
		return ExitCode.Usage;
	}
	if (json) out.fileEnd(file, summary, problems, omitted);
	else {
		for (const p of problems) io.out(`${file}: ${p.frame !== null ? `frame ${p.frame}: ` : ''}${p.offset !== null ? `offset ${p.offset}: ` : ''}problem: ${p.message}`);
		io.out(`${file}: ${summary.compressed ? 'gzip-compressed ' : ''}${summary.format}, link types ${summary.linkTypes.join(', ') || 'none'}, ${summary.packets} packets, ${count} TLS handshake${count === 1 ? '' : 's'}, ${summary.problems} problem${summary.problems === 1 ? '' : 's'}`);
	}
	return errors > 0 ? ExitCode.Findings : ExitCode.Ok;
}

/**
 * Raw byte output to stdout. When stdout is a file or a character device (`> out.json`, `> /dev/null`), Node's stdout
 * stream writes synchronously with no buffering, so writing to the descriptor directly (writev: many pieces in one
 * call) keeps the order and skips the stream's per-write bookkeeping. Pipes and terminals keep the stream (with a
 * copy: the stream may hold on to what it was given).
 */
function stdoutBytes(): (chunks: Uint8Array[]) => void {
	let direct = false;
	try {
		const st = fstatSync(1);
		direct = st.isFile() || (st.isCharacterDevice() && !process.stdout.isTTY);
	} catch {
		direct = false;
	}
	if (!direct) return (chunks) => void process.stdout.write(Buffer.concat(chunks));
	return (chunks) => {
		let total = 0;
		for (const c of chunks) total += c.length;
		let skip = writevSync(1, chunks);
		if (skip === total) return;
		for (const c of chunks) {
			if (skip >= c.length) {
				skip -= c.length;
				continue;
			}
			for (let at = skip; at < c.length; ) at += writeSync(1, c, at, c.length - at);
			skip = 0;
		}
	};
}

/** Raw output goes out when this much text is gathered, or this many parts (text between CA lists, and the lists held by reference) are waiting. */
const FLUSH_BYTES = 1 << 16;
const FLUSH_PIECES = 64;

/**
 * Writes the JSON as the capture is read: one handshake per line, so memory does not grow with the output. With a raw
 * byte writer (the process's stdout), the bytes of many handshakes go out in one writev, each CA list's JSON as
 * ready-made bytes (made once per distinct list: no re-encoding of 100 KB per handshake).
 */
class JsonOut {
	private opened = false;
	private fileOpen: string | undefined;
	private files = 0;
	private handshakes = 0;
	private readonly o = new JsonBytes();

	constructor(private readonly io: Output, private readonly json: boolean, private readonly raw?: (chunks: Uint8Array[]) => void) {}

	handshake(file: string, reader: CaptureReader, h: HandshakeResult): void {
		this.begin(file, reader.formatSoFar, reader.compressedSoFar);
		if (this.handshakes++) this.o.ascii(',');
		writeHandshakeJson(this.o, h);
		if (!this.raw) {
			this.io.out(this.o.text());
			this.o.reset();
			return;
		}
		this.o.ascii('\n');
		if (this.o.ownBytes > FLUSH_BYTES || this.o.pieces >= FLUSH_PIECES) this.flush();
	}

	private line(text: string): void {
		if (!this.raw) return this.io.out(text);
		this.o.utf8(`${text}\n`);
		if (this.o.ownBytes > FLUSH_BYTES) this.flush();
	}

	private flush(): void {
		if (this.raw && this.o.size) this.raw(this.o.chunks());
		this.o.reset();
	}

	fileEnd(file: string, s: CaptureSummary, problems: CaptureProblem[], omitted: number): void {
		this.begin(file, s.format, s.compressed);
		this.line(`],"problems":${JSON.stringify(problems)},"problemsOmitted":${omitted},"linkTypes":${JSON.stringify(s.linkTypes)},"packets":${s.packets},"bytes":${s.bytes}}`);
		this.fileOpen = undefined;
	}

	/** A file that turned out not to be a capture after handshakes were written cannot happen (no packets, no handshakes). */
	abandon(_file: string): void {
		this.fileOpen = undefined;
	}

	close(): void {
		if (!this.json) return;
		if (!this.opened) this.line('{"schemaVersion":1,"command":"capture","files":[');
		this.line(']}');
		this.flush();
	}

	private begin(file: string, format: string, compressed: boolean): void {
		if (!this.opened) {
			this.opened = true;
			this.line('{"schemaVersion":1,"command":"capture","files":[');
		}
		if (this.fileOpen === file) return;
		this.fileOpen = file;
		this.handshakes = 0;
		this.line(`${this.files++ ? ',' : ''}{"file":${JSON.stringify(file)},"format":${JSON.stringify(format)},"compressed":${compressed},"handshakes":[`);
	}
}

/** The JSON form of a handshake (drops the internal fields). */
export function handshakeJson(h: HandshakeResult): CaptureHandshakeJson {
	const cert = (c: HandshakeResult['serverCertificates'][number]): CaptureHandshakeJson['serverCertificates'][number] => ({ sha1: c.sha1, sha256: c.sha256, subject: c.subject, issuer: c.issuer });
	const cr = h.certificateRequest;
	return {
		stream: h.stream,
		client: h.client,
		server: h.server,
		firstFrame: h.firstFrame,
		sni: h.sni,
		alpn: h.alpn,
		versions: h.versions,
		cipherSuite: h.cipherSuite,
		encryptedHandshake: h.encryptedHandshake,
		decrypted: h.decrypted,
		renegotiation: h.renegotiation,
		complete: h.complete,
		end: h.end,
		certificateRequest: cr
			? { frame: cr.frame, certificateTypes: cr.certificateTypes, signatureAlgorithms: cr.signatureAlgorithms, distinguishedNames: cr.distinguishedNames as DistinguishedNameEntry[], listBytes: cr.listBytes, records: cr.records, messageBytes: cr.messageBytes }
			: null,
		serverCertificates: h.serverCertificates.map(cert),
		clientCertificates: h.clientCertificates ? h.clientCertificates.map(cert) : null,
		alerts: h.alerts.map((a) => ({ frame: a.frame, from: a.from, level: a.level, description: a.description, name: a.name, encrypted: a.encrypted, decrypted: a.encrypted && a.description !== null })),
		verdict: { kind: h.verdict.kind, severity: h.verdict.severity, code: h.verdict.code, message: h.verdict.message, ...(h.verdict.missing ? { missing: h.verdict.missing } : {}) },
	};
}

const num = (x: number): string => String(x).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** The text form of one handshake: the summary line (verdict), then indented details. */
export function handshakeText(file: string, h: HandshakeResult, dns: boolean): string[] {
	const lines = [`${file}: stream ${h.stream} ${h.client} → ${h.server} ${h.versions.selected ?? '?'}: ${h.verdict.severity}: ${h.verdict.message}`];
	const notes = [h.cipherSuite ?? 'cipher suite not seen', `from frame ${h.firstFrame}`];
	if (h.renegotiation) notes.push('renegotiation inside the encrypted session');
	if (h.decrypted) notes.push('decrypted with the key log');
	else if (h.encryptedHandshake) notes.push('encrypted, not decrypted');
	if (!h.complete) notes.push(h.verdict.kind === 'incomplete' ? `incomplete: the capture does not hold ${h.verdict.missing}` : 'not all of it is in the capture');
	lines.push(`  ${notes.join('; ')}`);
	const cr = h.certificateRequest;
	if (cr) {
		const names = cr.distinguishedNames.length;
		lines.push(`  CertificateRequest (frame ${cr.frame}): ${num(names)} CA name${names === 1 ? '' : 's'}, ${num(cr.listBytes)} bytes${cr.records > 1 ? ` across ${cr.records} records` : ''}; message ${num(cr.messageBytes)} bytes`);
		if (dns) {
			let total = 0;
			cr.distinguishedNames.forEach((d, i) => {
				const bytes = d.der.length / 2;
				total += 2 + bytes;
				lines.push(`    ${String(i + 1).padStart(4)}. ${d.text}  (${num(bytes)} bytes of DER + 2; list total ${num(total)} bytes)`);
			});
		}
	} else lines.push('  CertificateRequest: none seen');
	const certs = (list: readonly { subject: string; sha1: string }[]): string => list.map((c) => c.subject || c.sha1).join(' ← ');
	if (h.serverCertificates.length) lines.push(`  server certificates: ${certs(h.serverCertificates)}`);
	if (h.clientCertificates) lines.push(`  client certificates: ${h.clientCertificates.length ? certs(h.clientCertificates) : 'none (empty Certificate message)'}`);
	for (const a of h.alerts) lines.push(`  alert (frame ${a.frame}, ${a.from}): ${alertWords(a)}`);
	return lines;
}

function unreadable(file: string): string | undefined {
	try {
		const st = statSync(file);
		if (st.isDirectory()) return 'is a directory, not a file';
		if (!st.isFile()) return 'is not a regular file';
		if (st.size === 0) return 'is empty (0 bytes)';
		return undefined;
	} catch (err) {
		const code = (err as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') return 'no such file';
		if (code === 'EACCES') return 'permission denied';
		return err instanceof Error ? err.message : String(err);
	}
}

function usage(io: Output, message: string): ExitCodeValue {
	io.err(`schannel-lens: ${message} (see schannel-lens capture --help)`);
	return ExitCode.Usage;
}
