import { gunzipSync } from 'node:zlib';
import { buildChains, CertificatePool, CHAIN_PROFILES, parseCrls, parsePeerName, parsePublicSuffixList, trustFlagInfo, type ChainPath, type ChainProfile, type ChainPurpose, type ChainResult, type Crl, type PeerName, type PublicSuffixList, type TrustFlagInfo } from '../../core/chain';
import { loadCertificates, type LoadedCertificate } from '../../core/x509';
import { ExitCode } from '../exitCodes';
import { readInput, type Output } from '../io';
import type { CommandSpec } from './command';

/** `chain --json` output (docs/cli.md). */
export interface ChainJson {
	schemaVersion: 1;
	command: 'chain';
	file: string;
	/** The rule set of the verdict (also in `result.profile`). */
	profile: ChainProfile;
	result: ChainResult;
	/** Windows / .NET names and the plain sentence of every flag that appears in `result`. */
	flags: Record<string, TrustFlagInfo>;
}

const PURPOSES: readonly ChainPurpose[] = ['client', 'server', 'any'];

function list(v: string | boolean | string[] | boolean[] | undefined): string[] {
	if (v === undefined || typeof v === 'boolean') return [];
	return (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');
}

/** Loads every certificate of `file`, or says why not (one line on stderr). */
async function load(file: string, io: Output, password: string | undefined): Promise<LoadedCertificate[] | undefined> {
	const input = readInput(file);
	if (!input.ok) {
		io.err(`schannel-lens: ${file}: ${input.reason}`);
		return undefined;
	}
	const loaded = await loadCertificates(input.bytes, { fileName: file, crypto: globalThis.crypto.subtle, ...(password !== undefined ? { password } : {}) });
	if (loaded.value.length === 0) {
		const first = loaded.problems.find((p) => p.severity === 'error');
		io.err(`schannel-lens: ${file}: ${first ? `${first.message} (byte offset ${first.offset})` : 'no certificate found'}`);
		return undefined;
	}
	return loaded.value;
}

/** `schannel-lens chain`: build and validate the chains of a leaf certificate, offline. */
export const chainCommand: CommandSpec = {
	name: 'chain',
	summary: 'Build and validate the certificate chains of a leaf offline, with Windows CERT_TRUST statuses',
	usage: 'schannel-lens chain LEAF [--store FILE...] [--anchors FILE...] [--crl FILE...] [--purpose client|server|any] [--profile windows|rfc5280|webpki] [--public-suffix-list FILE] [--host NAME | --ip ADDR] [--max-depth N] [--at ISO-8601] [--json]',
	options: {
		store: { type: 'string', multiple: true, description: 'intermediate / candidate certificates (any container; repeatable)' },
		anchors: { type: 'string', multiple: true, description: 'trust anchors: a Root store export or CA bundle (repeatable)' },
		crl: { type: 'string', multiple: true, description: 'CRL files to check revocation against (DER or PEM; never fetched)' },
		purpose: { type: 'string', description: 'client (default), server or any' },
		at: { type: 'string', description: 'validation time, ISO 8601 (default now)' },
		profile: { type: 'string', description: 'windows (default: what CryptoAPI enforces, RFC 5280 rules it waives as warnings), rfc5280 (strict) or webpki (rfc5280 plus the CA/Browser Forum Baseline Requirements)' },
		'public-suffix-list': { type: 'string', description: 'Public Suffix List file (public_suffix_list.dat, plain or .gz) for the Baseline Requirements wildcard rule; not shipped' },
		host: { type: 'string', description: 'DNS name the server certificate must carry (SAN dNSName, RFC 6125 wildcards)' },
		ip: { type: 'string', description: 'IP address the server certificate must carry (SAN iPAddress)' },
		'max-depth': { type: 'string', description: 'most intermediate CAs allowed between leaf and anchor (self-issued ones not counted)' },
		password: { type: 'string', description: 'password for .pfx/.p12 inputs' },
	},
	async run(args, json, io) {
		if (args.positionals.length !== 1) {
			io.err('schannel-lens: chain needs exactly one LEAF file (see schannel-lens chain --help)');
			return ExitCode.Usage;
		}
		const purpose = (typeof args.values.purpose === 'string' ? args.values.purpose : 'client') as ChainPurpose;
		if (!PURPOSES.includes(purpose)) {
			io.err(`schannel-lens: chain: --purpose must be client, server or any (got "${purpose}")`);
			return ExitCode.Usage;
		}
		const at = typeof args.values.at === 'string' ? new Date(args.values.at) : new Date();
		if (Number.isNaN(at.getTime())) {
			io.err(`schannel-lens: chain: --at is not an ISO 8601 time: "${String(args.values.at)}"`);
			return ExitCode.Usage;
		}
		const extra = peerOptions(args.values, io);
		if (!extra) return ExitCode.Usage;
		const password = typeof args.values.password === 'string' ? args.values.password : undefined;
		const file = args.positionals[0]!;
		const leafFile = await load(file, io, password);
		if (!leafFile) return ExitCode.Usage;
		const pool = new CertificatePool();
		pool.addAll(leafFile.slice(1).map((l) => l.certificate), file);
		for (const [names, anchor] of [[list(args.values.store), false], [list(args.values.anchors), true]] as const) {
			for (const name of names) {
				const certs = await load(name, io, password);
				if (!certs) return ExitCode.Usage;
				pool.addAll(certs.map((l) => l.certificate), name, { anchor });
			}
		}
		const crls: Crl[] = [];
		for (const name of list(args.values.crl)) {
			const input = readInput(name);
			const parsed = input.ok ? parseCrls(input.bytes, name) : undefined;
			if (!input.ok || !parsed || parsed.value.length === 0) {
				io.err(`schannel-lens: ${name}: ${input.ok ? (parsed?.problems[0]?.message ?? 'no CRL found') : input.reason}`);
				return ExitCode.Usage;
			}
			crls.push(...parsed.value);
		}
		let publicSuffixes: PublicSuffixList | undefined;
		if (typeof args.values['public-suffix-list'] === 'string') {
			publicSuffixes = loadSuffixList(args.values['public-suffix-list'], io);
			if (!publicSuffixes) return ExitCode.Usage;
		}
		const result = await buildChains(leafFile[0]!.certificate, pool, globalThis.crypto.subtle, { purpose, at, crls, leafSource: file, ...extra, ...(publicSuffixes ? { publicSuffixes } : {}) });
		if (json) io.out(JSON.stringify(toJson(file, result), null, 2));
		else printText(result, io);
		return result.verdict.trusted ? ExitCode.Ok : ExitCode.Findings;
	},
};

type Values = Parameters<CommandSpec['run']>[0]['values'];

/** The Public Suffix List from `file` (gzip is recognised by its magic bytes), or undefined after one line on stderr. */
function loadSuffixList(file: string, io: Output): PublicSuffixList | undefined {
	const input = readInput(file);
	if (!input.ok) {
		io.err(`schannel-lens: ${file}: ${input.reason}`);
		return undefined;
	}
	let bytes = input.bytes;
	if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
		try {
			bytes = new Uint8Array(gunzipSync(bytes));
		} catch (err) {
			io.err(`schannel-lens: ${file}: not a readable gzip file (${err instanceof Error ? err.message : String(err)})`);
			return undefined;
		}
	}
	const list = parsePublicSuffixList(new TextDecoder().decode(bytes), file);
	if (list.rules === 0) {
		io.err(`schannel-lens: ${file}: no public suffix rule found (expected the publicsuffix.org list format)`);
		return undefined;
	}
	return list;
}

/** `--profile`, `--host`/`--ip` and `--max-depth`, checked; undefined (after one line on stderr) when one is bad. */
function peerOptions(values: Values, io: Output): { profile: ChainProfile; peer?: PeerName; maxChainDepth?: number } | undefined {
	const profile = (typeof values.profile === 'string' ? values.profile : 'windows') as ChainProfile;
	if (!CHAIN_PROFILES.includes(profile)) {
		io.err(`schannel-lens: chain: --profile must be windows, rfc5280 or webpki (got "${profile}")`);
		return undefined;
	}
	const out: { profile: ChainProfile; peer?: PeerName; maxChainDepth?: number } = { profile };
	if (typeof values.host === 'string' && typeof values.ip === 'string') {
		io.err('schannel-lens: chain: give --host or --ip, not both');
		return undefined;
	}
	for (const kind of ['host', 'ip'] as const) {
		const text = values[kind];
		if (typeof text !== 'string') continue;
		const peer = parsePeerName(kind === 'host' ? 'dns' : 'ip', text);
		if (typeof peer === 'string') {
			io.err(`schannel-lens: chain: --${kind}: ${peer}`);
			return undefined;
		}
		out.peer = peer;
	}
	const depth = values['max-depth'];
	if (depth !== undefined) {
		if (typeof depth !== 'string' || !/^\d{1,3}$/.test(depth)) {
			io.err(`schannel-lens: chain: --max-depth must be a whole number from 0 to 999 (got "${String(depth)}")`);
			return undefined;
		}
		out.maxChainDepth = Number(depth);
	}
	return out;
}

function toJson(file: string, result: ChainResult): ChainJson {
	const flags: Record<string, TrustFlagInfo> = {};
	for (const s of result.chains.flatMap((c) => c.elements.flatMap((e) => e.status))) flags[s.flag] ??= trustFlagInfo(s.flag);
	return { schemaVersion: 1, command: 'chain', file, profile: result.profile, result, flags };
}

const MATCH: Record<string, string> = { nameAndKeyId: 'name + key id', nameAndIssuerSerial: 'name + issuer/serial', name: 'name only', nameKeyIdMismatch: 'name, but the key id differs' };

function printChain(result: ChainResult, chain: ChainPath, title: string, io: Output): void {
	io.out(`${title}: ${chain.verdict}${chain.errorFlags.length ? ` (${chain.errorFlags.join(', ')})` : ''}`);
	for (const e of chain.elements) {
		const n = result.nodes.find((x) => x.id === e.node)!;
		const edge = e.edge === null ? undefined : result.edges[e.edge]!;
		const tags = [n.trustAnchor ? 'trust anchor' : '', n.selfIssued ? 'self-issued' : '', `from ${n.sources.join(', ')}`].filter(Boolean).join(', ');
		io.out(`  [${e.depth}] ${n.subjectWindows}  (${tags})`);
		io.out(`      valid ${n.notBefore} .. ${n.notAfter}, serial ${n.serial}, ${n.publicKey}, sha1 ${n.sha1}`);
		if (edge) io.out(`      issuer matched by ${MATCH[edge.match]}; signature ${edge.signature} (${edge.signatureDetail})`);
		for (const s of e.status) {
			if (s.severity === 'info' && !s.flag.startsWith('HAS_NAME')) continue;
			const info = trustFlagInfo(s.flag);
			const name = info.windows || (s.flag === 'NOT_WEBPKI_CONFORMANT' ? 'CA/B Forum Baseline Requirements rule (no Windows status)' : 'RFC 5280 rule (no Windows status)');
			io.out(`      ${s.severity}: ${name}${info.dotnet ? ` (${info.dotnet})` : ''}: ${s.message}${s.rfc ? ` [${s.rfc}]` : ''}`);
		}
	}
}

function printText(result: ChainResult, io: Output): void {
	io.out(result.verdict.summary);
	const peer = result.peerName ? `, host ${result.peerName.value}` : '';
	const depth = result.maxChainDepth !== undefined ? `, at most ${result.maxChainDepth} intermediate CA(s)` : '';
	io.out(`Checked at ${result.at} for ${result.purpose} use under the ${result.profile} profile${result.publicSuffixList ? ` (public suffixes from ${result.publicSuffixList})` : ''}${peer}${depth}; ${result.chains.length} candidate chain${result.chains.length === 1 ? '' : 's'}${result.truncated ? ' (search cut at a limit)' : ''}.`);
	for (const l of result.limitsHit) io.out(`Work limit reached: ${l}.`);
	result.chains.forEach((c, i) => printChain(result, c, i === 0 ? 'Best chain' : `Alternative ${i}`, io));
	for (const m of result.missingIssuers) {
		io.out(`Missing issuer: ${m.issuerWindows}${m.authorityKeyId ? ` (key id ${m.authorityKeyId})` : ''}`);
		for (const u of m.caIssuers) io.out(`  fetch by hand: ${u}`);
		for (const n of m.nearMisses) io.out(`  near miss: ${n.subject}: ${n.reason}`);
	}
	const leaf = result.nodes.find((n) => n.id === result.leaf)!;
	const urls = [...leaf.crlDistributionPoints.map((u) => `CRL ${u}`), ...leaf.ocsp.map((u) => `OCSP ${u}`)];
	if (urls.length) io.out(`Revocation pointers of the leaf (not fetched): ${urls.join(', ')}`);
}
