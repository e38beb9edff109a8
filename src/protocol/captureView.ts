/** Messages and view model of the capture editor webview (types only: the host builds, the webview renders). */

/** Severity of a connection's verdict (as the core reports it). */
export type CaptureSeverity = 'ok' | 'info' | 'warning' | 'error';

/** One DN of the server's acceptable-CA list, with its size and where Schannel cuts the list. */
export interface DnEntryView {
	readonly text: string;
	/** DER length of the Name. */
	readonly bytes: number;
	/** Bytes on the wire so far: the sum of (2-byte length prefix + DER) for this entry and all before it. */
	readonly cumulative: number;
	/** True when `cumulative` exceeds the target OS limit: Schannel would not have sent this entry. */
	readonly cut: boolean;
}

/** A certificate seen in a Certificate message. */
export interface CertificateRowView {
	readonly subject: string;
	readonly issuer: string;
	/** Uppercase hex thumbprints. */
	readonly sha1: string;
	readonly sha256: string;
	/** Whether the DER was captured (the actions need it). */
	readonly hasDer: boolean;
}

/** One alert record. */
export interface AlertView {
	readonly frame: number;
	readonly from: 'client' | 'server';
	/** "fatal", "warning", or "encrypted" when it could not be decrypted. */
	readonly level: string;
	/** Encrypted on the wire (whether or not it was decrypted). */
	readonly encrypted: boolean;
	/** Read with the key log. */
	readonly decrypted: boolean;
	/** AlertDescription; null when encrypted. */
	readonly code: number | null;
	/** e.g. "handshake_failure"; null when encrypted. */
	readonly name: string | null;
	/** Display text, e.g. "fatal handshake_failure (40) from server". */
	readonly text: string;
}

/** One line of a connection's timeline, in frame order. */
export interface TimelineEntry {
	/** Frame number when the core reports one (ClientHello, CertificateRequest, alerts), else null. */
	readonly frame: number | null;
	readonly text: string;
}

/** One TLS connection (handshake) of the capture: a row of the table plus its details. */
export interface ConnectionView {
	/** Position in the model's list (stable while parsing: rows are only appended). */
	readonly id: number;
	readonly stream: number;
	readonly firstFrame: number;
	readonly client: string;
	readonly server: string;
	/** Empty when the client sent no server_name. */
	readonly sni: string;
	/** Selected version, or the highest offered, or "?". */
	readonly version: string;
	readonly offeredVersions: readonly string[];
	readonly cipherSuite: string;
	readonly alpn: readonly string[];
	/** The server sent a CertificateRequest (seen on the wire or decrypted). */
	readonly clientAuthRequested: boolean;
	/** CertificateRequest details, when there was one. */
	readonly caCount: number;
	/** Length of the certificate_authorities vector on the wire (0 without a request). */
	readonly caBytes: number;
	readonly caRecords: number;
	readonly dnList: readonly DnEntryView[];
	/** Entries left after Schannel's cut on the target OS (equals caCount when nothing is cut). */
	readonly caKeptByTarget: number;
	/** null: no Certificate message from the client seen; [] an empty one; otherwise the chain, leaf first. */
	readonly clientCertificates: readonly CertificateRowView[] | null;
	/** Short text for the table: the client leaf's subject, "none (empty)", "not sent" or "—". */
	readonly clientCertificateText: string;
	readonly serverCertificates: readonly CertificateRowView[];
	readonly alerts: readonly AlertView[];
	/** Table text of the alerts, e.g. "handshake_failure (40)". */
	readonly alertText: string;
	readonly encryptedHandshake: boolean;
	readonly decrypted: boolean;
	/** A TLS <=1.2 renegotiation inside the encrypted session, read with the key log. */
	readonly renegotiation: boolean;
	/** The capture holds the handshake whole. */
	readonly complete: boolean;
	/** `incomplete` when the capture ends before the part that decides the verdict. */
	readonly verdictKind: 'conclusion' | 'incomplete';
	readonly severity: CaptureSeverity;
	readonly verdictCode: string;
	readonly verdictMessage: string;
	readonly timeline: readonly TimelineEntry[];
}

/** Parsing state of the file. */
export type CaptureStatus = 'parsing' | 'done' | 'cancelled' | 'error';

/** Header facts of the whole capture. */
export interface CaptureHeaderView {
	readonly fileName: string;
	readonly status: CaptureStatus;
	/** e.g. "pcapng, 16 packets, 1 TLS handshake, 0 problems", or why reading failed. */
	readonly summaryText: string;
	/** The Windows version the cut line is drawn for (setting schannelLens.targetOs). */
	readonly targetOs: string;
	/** Its issuer list limit in bytes. */
	readonly limitBytes: number;
	/** Problems met while reading (first few, as sentences). */
	readonly problems: readonly string[];
	/** The key log used to decrypt (file name), or null. */
	readonly keyLog: string | null;
	/** The diagnosis engine's comparison of this capture's list with the server's store export (issue 10). */
	readonly caseAnswer?: {
		readonly machine: string;
		readonly headline: string;
		readonly storeNames?: number;
		readonly missing: readonly string[];
		readonly unknown?: string;
	};
}

/** The whole model the webview has received so far: the header and every connection. */
export interface CaptureModel {
	readonly header: CaptureHeaderView;
	readonly connections: readonly ConnectionView[];
}

//#region to webview
/** Start over: a new header and the first connections (on `ready` and when the file is read again). */
export interface ResetMessage {
	readonly type: 'reset';
	readonly model: CaptureModel;
}
/** More connections found while parsing, appended in order. */
export interface AppendMessage {
	readonly type: 'append';
	readonly connections: readonly ConnectionView[];
}
/** A new header (status or summary changed). */
export interface HeaderMessage {
	readonly type: 'header';
	readonly header: CaptureHeaderView;
}
/** Messages the host posts. */
export type ToWebview = ResetMessage | AppendMessage | HeaderMessage;
//#endregion

//#region from webview
/** The page is loaded and wants its model. */
export interface ReadyMessage {
	readonly type: 'ready';
}
/** Open one certificate (PEM, in an untitled editor). */
export interface OpenCertificateMessage {
	readonly type: 'openCertificate';
	readonly connection: number;
	readonly side: 'client' | 'server';
	readonly index: number;
}
/** Open a whole chain, or export all certificates of a connection, as PEM (untitled editor). */
export interface ChainMessage {
	readonly type: 'openChain' | 'exportCertificates';
	readonly connection: number;
	/** Omitted for exportCertificates: both sides. */
	readonly side?: 'client' | 'server';
}
/** Export the DN list of a connection as text (untitled editor). */
export interface ExportDnListMessage {
	readonly type: 'exportDnList';
	readonly connection: number;
}
/** Reopen the file with the default editor. */
export interface ReopenAsTextMessage {
	readonly type: 'reopenAsText';
}
/** Pick a key log file (SSLKEYLOGFILE) and read the capture again with it. */
export interface PickKeyLogMessage {
	readonly type: 'pickKeyLog';
}
/** Messages the webview posts. */
export type FromWebview = ReadyMessage | OpenCertificateMessage | ChainMessage | ExportDnListMessage | ReopenAsTextMessage | PickKeyLogMessage;
//#endregion

/** What the webview keeps across hide/show with getState/setState. */
export interface CaptureViewState {
	readonly selected?: number;
	readonly filter: string;
	readonly scrollTop: number;
}
