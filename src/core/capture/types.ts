/** Result types of the capture reader (the `capture --json` schema of docs/cli.md). */

/** A problem met while reading a capture; reading always goes on after it. */
export interface CaptureProblem {
	/** Frame number (from 1, as Wireshark counts) or null when the problem is not tied to a frame. */
	readonly frame: number | null;
	/** Byte offset in the (decompressed) capture file, or null. */
	readonly offset: number | null;
	readonly message: string;
}

/** One DN of a CertificateRequest's certificate_authorities list. */
export interface DistinguishedNameEntry {
	/** Hex of the whole DER Name (SEQUENCE header included). */
	readonly der: string;
	/** RFC 4514 text, or a note when the DER does not decode. */
	readonly text: string;
}

/** A CertificateRequest as read from the wire (or decrypted). */
export interface CertificateRequestInfo {
	/** Frame holding the last byte of the message. */
	readonly frame: number;
	/** ClientCertificateType values (empty for TLS 1.3, which has none). */
	readonly certificateTypes: number[];
	/** SignatureScheme values (TLS 1.2 field or the TLS 1.3 extension). */
	readonly signatureAlgorithms: number[];
	readonly distinguishedNames: readonly DistinguishedNameEntry[];
	/** Length of the certificate_authorities vector as on the wire (tshark `tls.handshake.dnames_len`). */
	readonly listBytes: number;
	/** Number of TLS records the message spans. */
	readonly records: number;
	/** Whole handshake message length (4-byte header included). */
	readonly messageBytes: number;
}

/** A certificate from a Certificate message. */
export interface CertificateSummary {
	readonly sha1: string;
	readonly sha256: string;
	readonly subject: string;
	readonly issuer: string;
	/** DER of the certificate (not in the JSON). */
	readonly der?: Uint8Array;
}

/** Alert level name. */
export type AlertLevel = 'warning' | 'fatal';

/** An alert record. */
export interface AlertInfo {
	readonly frame: number;
	readonly from: 'client' | 'server';
	/** null when the alert is encrypted and could not be decrypted. */
	readonly level: AlertLevel | null;
	/** Numeric AlertDescription; null when encrypted and not decrypted. */
	readonly description: number | null;
	readonly name: string | null;
	/** The alert was encrypted on the wire (whether or not it was decrypted: then `description` is set). */
	readonly encrypted: boolean;
}

/** Severity of a verdict. */
export type VerdictSeverity = 'ok' | 'info' | 'warning' | 'error';

/**
 * What a verdict is built on: `conclusion` when the capture holds what the verdict needs, `incomplete` when
 * the capture ends (or has a hole) before the part that decides it; then `message` starts with
 * "Incomplete: the capture ends before …" and draws no conclusion about the missing part.
 */
export type VerdictKind = 'conclusion' | 'incomplete';

/** The verdict on one handshake, in words. */
export interface Verdict {
	readonly kind: VerdictKind;
	readonly severity: VerdictSeverity;
	readonly code: string;
	readonly message: string;
	/** With kind `incomplete`: the part of the handshake the capture does not hold, e.g. `the end of the server's first flight (ServerHelloDone)`. */
	readonly missing?: string;
}

/** Why a handshake's record ended: its connection closed (FIN/RST), a new handshake began on it, or the capture ended first. */
export type HandshakeEnd = 'closed' | 'next-handshake' | 'capture-end';

/** Everything learned about one TLS handshake. */
export interface HandshakeResult {
	/** TCP stream index (from 0, in order of first packet, as tshark's tcp.stream). */
	readonly stream: number;
	readonly client: string;
	readonly server: string;
	readonly firstFrame: number;
	readonly sni: string | null;
	readonly alpn: string[];
	readonly versions: { readonly offered: string[]; readonly selected: string | null };
	readonly cipherSuite: string | null;
	/** TLS 1.3 (or a post-handshake renegotiation): the handshake after ServerHello was encrypted. */
	readonly encryptedHandshake: boolean;
	/** A TLS ≤1.2 renegotiation inside the encrypted session (seen by decrypting it with the key log), as IIS does to ask for a client certificate. */
	readonly renegotiation: boolean;
	/**
	 * The capture holds this handshake whole: from its ClientHello to its end (both Finished, a fatal alert,
	 * the connection's close, or the next handshake) with no bytes missing in between. When false, the
	 * verdict's kind is `incomplete` unless what it says does not depend on the missing part.
	 */
	readonly complete: boolean;
	/** How the handshake's record ended. */
	readonly end: HandshakeEnd;
	/** Whether the encrypted part was decrypted with a key log. */
	readonly decrypted: boolean;
	readonly certificateRequest: CertificateRequestInfo | null;
	readonly serverCertificates: CertificateSummary[];
	/** null when the client sent no Certificate message (or it could not be seen). */
	readonly clientCertificates: CertificateSummary[] | null;
	readonly alerts: AlertInfo[];
	/** Facts that feed the verdict (not all are in the JSON). */
	readonly facts: HandshakeFacts;
	readonly verdict: Verdict;
}

/** Observations behind a verdict. */
export interface HandshakeFacts {
	sawClientHello: boolean;
	sawServerHello: boolean;
	helloRetryRequest: boolean;
	clientFinished: boolean;
	serverFinished: boolean;
	applicationData: boolean;
	/** Encrypted handshake records after the initial handshake (renegotiation / IIS post-handshake request). */
	encryptedRenegotiation: boolean;
	/** A decrypted renegotiation followed this handshake on the same connection. */
	renegotiatedLater: boolean;
	/** The server's ServerHelloDone (end of its first TLS ≤1.2 flight) was seen. */
	serverHelloDone: boolean;
	/** Client sent a CertificateVerify (seen readable or decrypted). */
	certificateVerify: boolean;
	/** Data missing somewhere in the handshake (gap or truncation). */
	incomplete: boolean;
	/** Bytes missing inside the stream (a TCP gap or a packet cut by the snapshot length), not only at its end. */
	gap: boolean;
	/** Such a gap hit the server's side before the end of its first flight (where a CertificateRequest would be). */
	serverFlightGap: boolean;
	/** Key log entries existed for this connection but decryption failed. */
	decryptFailed: boolean;
}

/** Container formats the reader recognises. */
export type CaptureFormat = 'pcap' | 'pcap-ns' | 'pcapng' | 'unknown';

/** Summary of a whole capture, known at the end. */
export interface CaptureSummary {
	readonly format: CaptureFormat;
	readonly compressed: boolean;
	readonly linkTypes: number[];
	readonly packets: number;
	/** Bytes of capture data read (after decompression). */
	readonly bytes: number;
	readonly handshakes: number;
	readonly problems: number;
}
