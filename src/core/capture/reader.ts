/** The capture reader: a push parser from file bytes to TLS handshake results, in bounded memory. */
import * as l10n from '@vscode/l10n';
import { ContainerReader, detectContainer } from './container';
import { DecodeCache } from './decodeCache';
import { FlowTable } from './flows';
import { GzipDecoder } from './inflate';
import { KeyLog } from './keyLog';
import { LinkDecoder } from './link';
import { createTls13Decryptor, type Tls13Decryptor } from './tls13';
import { defaultCrypto, type CryptoProvider } from '../crypto/provider';
import type { CaptureProblem, CaptureSummary, HandshakeResult } from './types';
import type { VerdictKnowledge } from './verdict';

/** Options of a {@link CaptureReader}. */
export interface CaptureReaderOptions {
	/** TLS 1.3 secrets given beside the capture; secrets found in the capture (pcapng DSB) are added to it. */
	readonly keyLog?: KeyLog;
	/** Extra knowledge for the verdicts (workspace client certificates, target Windows version). */
	readonly knowledge?: VerdictKnowledge;
	/** Hashes and AEAD for decryption; the host's native crypto by default ({@link defaultCrypto}). */
	readonly crypto?: CryptoProvider;
	/** Shared decode cache (e.g. across the files of one CLI run). */
	readonly cache?: DecodeCache;
	/** Called for each handshake as soon as its connection ends (or at the end of the capture). */
	readonly onHandshake?: (h: HandshakeResult) => void;
	/** Called for each problem; reading goes on. */
	readonly onProblem?: (p: CaptureProblem) => void;
}

const TLS_KEY_LOG = 0x544c534b;
const RECENT_FRAMES = 1 << 16;

/**
 * Push parser for pcap, pcapng and gzip-compressed captures. Feed it chunks of any size with
 * {@link CaptureReader.push}, then call {@link CaptureReader.end}. It never throws on bad input.
 * @example
 * const r = new CaptureReader({ onHandshake: (h) => console.log(h.verdict.message) });
 * for (const chunk of chunks) r.push(chunk);
 * const summary = r.end();
 */
export class CaptureReader {
	readonly keyLog: KeyLog;
	/** Resolved on first use (a key log's first decryption): reading without keys builds and touches no crypto. */
	private cryptoProvider: CryptoProvider | undefined;
	/** File offsets of the last frames (a ring), so problems found later still name the frame's offset. */
	private readonly recentOffsets = new Float64Array(RECENT_FRAMES).fill(-1);
	private readonly cache: DecodeCache;
	private readonly container: ContainerReader;
	private readonly link: LinkDecoder;
	private readonly flows: FlowTable;
	private gzip: GzipDecoder | undefined;
	private head = new Uint8Array(0);
	private decided = false;
	private compressed = false;
	private handshakes = 0;
	private problems = 0;
	private packetOffset: number | null = null;
	private currentFrame = 0;
	private ended = false;
	private broken = false;

	constructor(private readonly options: CaptureReaderOptions = {}) {
		this.keyLog = options.keyLog ?? new KeyLog();
		const keyLog = this.keyLog;
		// eslint-disable-next-line @typescript-eslint/no-this-alias -- the host object's getter needs the reader
		const self = this;
		this.cache = options.cache ?? new DecodeCache();
		const host = {
			cache: this.cache,
			knowledge: options.knowledge,
			emit: (h: HandshakeResult) => {
				this.handshakes++;
				options.onHandshake?.(h);
			},
			problem: (frame: number, message: string) => this.problem(frame, this.offsetOf(frame), message),
			decryptor: (random: Uint8Array, suite: number) => this.decryptor(random, suite),
			masterSecret: (random: Uint8Array) => this.keyLog.secrets(random)?.get('CLIENT_RANDOM'),
			premaster: (encrypted: Uint8Array) => this.keyLog.premaster(encrypted),
			get wantsTranscript() {
				return keyLog.hasRsa;
			},
			get crypto() {
				return self.crypto;
			},
		};
		this.flows = new FlowTable(host);
		this.link = new LinkDecoder({ segment: (s) => this.flows.segment(s), problem: (f, m) => host.problem(f, m) });
		this.container = new ContainerReader({
			packet: (frame, linkType, data, start, end, origLen, _time, offset) => {
				this.currentFrame = frame;
				this.packetOffset = offset;
				this.recentOffsets[frame % RECENT_FRAMES] = offset;
				this.link.packet(frame, linkType, data, start, end, origLen);
			},
			secrets: (type, data) => {
				if (type === TLS_KEY_LOG) this.keyLog.addText(new TextDecoder().decode(data));
			},
			problem: (frame, offset, message) => this.problem(frame, offset, message),
		});
	}

	/** The container format, once the first bytes are read ('unknown' before). */
	get formatSoFar(): CaptureSummary['format'] {
		return this.container.format;
	}

	/** Whether the file is gzip-compressed (known after the first bytes). */
	get compressedSoFar(): boolean {
		return this.compressed;
	}

	/** Feeds the next chunk of the file. The chunk is not kept after the call returns. */
	push(chunk: Uint8Array): void {
		if (this.ended || chunk.length === 0) return;
		// A plain view: subclasses such as Node's Buffer make every subarray() slower.
		if (Object.getPrototypeOf(chunk) !== Uint8Array.prototype) chunk = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
		if (!this.decided) {
			const joined = new Uint8Array(this.head.length + chunk.length);
			joined.set(this.head);
			joined.set(chunk, this.head.length);
			if (joined.length < 4) {
				this.head = joined;
				return;
			}
			this.decided = true;
			this.head = new Uint8Array(0);
			if (detectContainer(joined) === 'gzip') {
				this.compressed = true;
				this.gzip = new GzipDecoder((bytes) => this.container.push(bytes));
			}
			chunk = joined;
		}
		this.guard(() => (this.gzip ? this.gzip.push(chunk) : this.container.push(chunk)));
	}

	/** Safety net: a bug met on strange input becomes a problem and reading stops, instead of an exception. */
	private guard(f: () => void): void {
		if (this.broken) return;
		try {
			f();
		} catch (err) {
			this.broken = true;
			this.problem(this.currentFrame || null, this.packetOffset, l10n.t('internal error while reading (reading stopped here): {0}', err instanceof Error ? err.message : String(err)));
		}
	}

	/** Ends the input: closes every connection, reports their handshakes, and returns the summary. */
	end(): CaptureSummary {
		if (!this.ended) {
			this.ended = true;
			if (!this.decided && this.head.length) {
				this.decided = true;
				this.guard(() => this.container.push(this.head));
			}
			const gzip = this.gzip;
			if (gzip) {
				this.guard(() => gzip.end());
				if (gzip.error) this.problem(null, null, l10n.t('gzip: {0} (compressed byte offset {1}); the data before it was read', gzip.error.message, gzip.error.offset));
			}
			this.guard(() => this.container.end());
			this.broken = false;
			this.guard(() => this.flows.finish());
		}
		return {
			format: this.container.format,
			compressed: this.compressed,
			linkTypes: [...this.container.linkTypes].sort((a, b) => a - b),
			packets: this.container.frames,
			bytes: this.container.bytes,
			handshakes: this.handshakes,
			problems: this.problems,
		};
	}

	private problem(frame: number | null, offset: number | null, message: string): void {
		this.problems++;
		this.options.onProblem?.({ frame, offset, message });
	}

	private get crypto(): CryptoProvider {
		return (this.cryptoProvider ??= this.options.crypto ?? defaultCrypto());
	}

	private decryptor(random: Uint8Array, suite: number): Tls13Decryptor | undefined {
		const secrets = this.keyLog.secrets(random);
		return secrets ? createTls13Decryptor(suite, secrets, this.crypto) : undefined;
	}

	/** The file offset of a frame among the last {@link RECENT_FRAMES}, else null. */
	private offsetOf(frame: number): number | null {
		if (frame === this.currentFrame) return this.packetOffset;
		if (frame <= 0 || frame > this.currentFrame || this.currentFrame - frame >= RECENT_FRAMES) return null;
		const o = this.recentOffsets[frame % RECENT_FRAMES]!;
		return o >= 0 ? o : null;
	}
}

/** Everything a capture holds, for callers that have the whole file in memory (tests, small files). */
export interface CaptureReport extends CaptureSummary {
	readonly handshakeResults: HandshakeResult[];
	readonly problemList: CaptureProblem[];
}

/** Reads a whole capture held in memory (convenience over {@link CaptureReader}). */
export function readCapture(bytes: Uint8Array, options: Omit<CaptureReaderOptions, 'onHandshake' | 'onProblem'> = {}, chunkSize = 1 << 20): CaptureReport {
	const handshakeResults: HandshakeResult[] = [];
	const problemList: CaptureProblem[] = [];
	const r = new CaptureReader({ ...options, onHandshake: (h) => handshakeResults.push(h), onProblem: (p) => problemList.push(p) });
	for (let i = 0; i < bytes.length; i += chunkSize) r.push(bytes.subarray(i, i + chunkSize));
	return { ...r.end(), handshakeResults, problemList };
}
