/** Collects the facts of one handshake and turns them into a {@link HandshakeResult}. */
import type { DecodeCache } from './decodeCache';
import { parseCertificateList, parseCertificateRequest, type ClientHelloInfo, type ServerHelloInfo } from './handshakeParse';
import { alertName, cipherSuiteName, versionName } from './tlsNames';
import type { AlertInfo, CertificateRequestInfo, CertificateSummary, HandshakeEnd, HandshakeFacts, HandshakeResult, Verdict } from './types';

export type { HandshakeEnd } from './types';
import { handshakeVerdict, type VerdictKnowledge } from './verdict';

/** Placeholder until the verdict is made (never handed out). */
const PENDING: Verdict = { kind: 'conclusion', severity: 'info', code: '', message: '' };

/** What a builder needs from the reader. */
export interface BuilderHost {
	readonly cache: DecodeCache;
	readonly knowledge: VerdictKnowledge | undefined;
	emit(result: HandshakeResult): void;
	problem(frame: number, message: string): void;
}

/** Mutable state of one handshake. */
export class HandshakeBuilder {
	readonly facts: HandshakeFacts = {
		sawClientHello: false,
		sawServerHello: false,
		helloRetryRequest: false,
		clientFinished: false,
		serverFinished: false,
		applicationData: false,
		encryptedRenegotiation: false,
		renegotiatedLater: false,
		serverHelloDone: false,
		certificateVerify: false,
		incomplete: false,
		gap: false,
		serverFlightGap: false,
		decryptFailed: false,
	};
	encryptedHandshake = false;
	decrypted = false;
	clientRandom: Uint8Array | undefined;
	private ch: ClientHelloInfo | undefined;
	private sh: ServerHelloInfo | undefined;
	private firstFrame: number;
	private cr: CertificateRequestInfo | null = null;
	private serverCerts: CertificateSummary[] = [];
	private clientCerts: CertificateSummary[] | null = null;
	private readonly alerts: AlertInfo[] = [];
	private emitted = false;
	private touched = false;

	constructor(private readonly host: BuilderHost, private readonly stream: number, private readonly addresses: () => { client: string; server: string }, firstFrame: number, private readonly renegotiation = false) {
		this.firstFrame = firstFrame;
	}

	/** Whether a CertificateRequest was seen. */
	get hasCertificateRequest(): boolean {
		return this.cr !== null;
	}

	/** The version the ServerHello selected, else the ClientHello's legacy version. */
	selectedVersion(): number {
		return this.sh?.version ?? this.ch?.legacyVersion ?? 0x0303;
	}

	clientHello(ch: ClientHelloInfo, frame: number, _sslv2: boolean): void {
		if (!this.facts.sawClientHello) this.firstFrame = frame;
		this.facts.sawClientHello = true;
		this.touched = true;
		this.ch = ch;
		this.clientRandom = ch.random;
	}

	serverHello(sh: ServerHelloInfo, _frame: number): void {
		this.touched = true;
		this.facts.sawServerHello = true;
		if (sh.helloRetryRequest) this.facts.helloRetryRequest = true;
		else this.sh = sh;
	}

	certificates(from: 'client' | 'server', body: Uint8Array, tls13: boolean, frame: number): void {
		this.touched = true;
		const r = parseCertificateList(body, tls13);
		if (r.problem) this.host.problem(frame, r.problem);
		const list = r.certificates.map((der) => this.host.cache.certificate(der));
		if (from === 'server') this.serverCerts = list;
		else this.clientCerts = list;
	}

	certificateRequest(body: Uint8Array, version: number, frame: number, records: number, messageBytes: number): void {
		this.touched = true;
		const f = parseCertificateRequest(body, version);
		if (f.problem) this.host.problem(frame, `CertificateRequest: ${f.problem}`);
		this.cr = {
			frame,
			certificateTypes: f.certificateTypes,
			signatureAlgorithms: f.signatureAlgorithms,
			distinguishedNames: this.host.cache.names(f.list),
			listBytes: f.listBytes,
			records,
			messageBytes,
		};
	}

	alert(frame: number, from: 'client' | 'server', level: number | null, description: number | null, encrypted: boolean): void {
		this.touched = true;
		this.alerts.push({
			frame,
			from,
			level: level === null ? null : level === 2 ? 'fatal' : 'warning',
			description,
			name: description === null ? null : alertName(description),
			encrypted,
		});
	}

	/** Hands the result to the host once; handshakes with no TLS content are dropped. */
	emit(end: HandshakeEnd): void {
		if (this.emitted || !this.touched) return;
		this.emitted = true;
		this.host.emit(this.result(end));
	}

	private result(end: HandshakeEnd): HandshakeResult {
		const { client, server } = this.addresses();
		// One object (the verdict is set on it once made): no copy of twenty fields per handshake.
		const result: { -readonly [K in keyof HandshakeResult]: HandshakeResult[K] } = {
			stream: this.stream,
			client,
			server,
			firstFrame: this.firstFrame,
			sni: this.ch?.sni ?? null,
			alpn: this.ch?.alpn ?? [],
			versions: { offered: (this.ch?.versions ?? []).map(versionName), selected: this.sh ? versionName(this.sh.version) : null },
			cipherSuite: this.sh ? cipherSuiteName(this.sh.cipherSuite) : null,
			encryptedHandshake: this.encryptedHandshake || this.facts.encryptedRenegotiation,
			renegotiation: this.renegotiation,
			complete: this.isComplete(end),
			end,
			decrypted: this.decrypted,
			certificateRequest: this.cr,
			serverCertificates: this.serverCerts,
			clientCertificates: this.clientCerts,
			alerts: this.alerts,
			facts: this.facts,
			verdict: PENDING,
		};
		result.verdict = handshakeVerdict(result, this.host.knowledge);
		return result;
	}

	/** From ClientHello to an end, with nothing missing in between. */
	private isComplete(end: HandshakeEnd): boolean {
		const f = this.facts;
		if (!f.sawClientHello || f.incomplete) return false;
		const fatal = this.alerts.some((a) => a.level === 'fatal');
		return end !== 'capture-end' || fatal || (f.clientFinished && f.serverFinished) || f.applicationData;
	}
}
