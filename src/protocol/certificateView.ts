/** Messages and view model of the certificate editor webview (types only: the host builds, the webview renders). */

/** Validity of a certificate at the time the model was built. */
export type ValidityState = 'valid' | 'expired' | 'notYetValid';

/** One labelled value in the General or Details tab; every string is already formatted for display. */
export interface FieldRow {
	readonly label: string;
	readonly value: string;
	/** Raw bytes as hex (extension values), shown on demand. */
	readonly hex?: string;
	/** Marks critical extensions. */
	readonly critical?: boolean;
}

/** One step of the certification path, from the certificate up to its root, as far as the workspace index knows. */
export interface PathStep {
	readonly title: string;
	readonly subject: string;
	/** Uppercase SHA-1; absent when the issuer was not found. */
	readonly sha1?: string;
	readonly state?: ValidityState;
	/** False for the "issuer not found" step that ends an incomplete path. */
	readonly found: boolean;
	/** Where the index found it (workspace-relative path), for the tooltip. */
	readonly location?: string;
}

/** Everything the webview shows about one certificate. */
export interface CertificateView {
	readonly index: number;
	/** Short title: the subject's CN (or the most specific attribute). */
	readonly title: string;
	/** Subject and issuer as Windows prints them (most specific first). */
	readonly subject: string;
	readonly issuer: string;
	readonly subjectRfc4514: string;
	readonly serial: string;
	readonly notBefore: string;
	readonly notAfter: string;
	readonly validity: ValidityState;
	/** A sentence such as "Expired on 2022-01-01 (3 years ago)". */
	readonly validityText: string;
	/** Intended purposes as the certificate dialog lists them ("Client Authentication", "All issuance policies"…). */
	readonly purposes: readonly string[];
	readonly isCa: boolean;
	readonly selfSigned: boolean;
	readonly clientAuth: boolean;
	readonly hasPrivateKey: boolean;
	readonly keySummary: string;
	/** Uppercase hex without separators (PowerShell `Thumbprint`, registry key names). */
	readonly sha1: string;
	readonly sha256: string;
	/** Where in the file: "PEM block at line 12", "SST element 3", "LocalMachine\\Root". */
	readonly sourceText: string;
	readonly friendlyName?: string;
	readonly details: readonly FieldRow[];
	readonly path: readonly PathStep[];
	/** Problems of this certificate, as sentences. */
	readonly problems: readonly string[];
}

/** A problem of the whole file. */
export interface FileProblem {
	readonly severity: 'error' | 'warning' | 'info';
	readonly message: string;
	/** Byte offset, when it helps. */
	readonly offset: number;
}

/**
 * What the file turned out to be: `ok` (certificates shown), `error` (nothing usable; `message` says why),
 * `needsPassword` (PKCS#12 locked; `message` says so, and says it again after a wrong password).
 */
export type FileStatus = 'ok' | 'error' | 'needsPassword';

/** The whole model of one opened file. */
export interface CertificateFileModel {
	readonly fileName: string;
	/** e.g. "PKCS#7 (.p7b)", "PEM", "Serialized store (.sst)". */
	readonly containerText: string;
	readonly status: FileStatus;
	/** The headline for `error` and `needsPassword`. */
	readonly message?: string;
	readonly certificates: readonly CertificateView[];
	readonly problems: readonly FileProblem[];
	/** Index of the certificate to select first (a CodeLens on a PEM block asks for one). */
	readonly initialSelection?: number;
	/** "Indexing…" or "4 certificates indexed": tells why the Path tab may be incomplete. */
	readonly indexText: string;
}

/** Tabs of the single-certificate view. */
export type CertificateTab = 'general' | 'details' | 'path';

//#region to webview
/** The model, on `ready` and whenever the file or the index changes. */
export interface ModelMessage {
	readonly type: 'model';
	readonly model: CertificateFileModel;
}
/** The certificate's DER as hex, in answer to `requestRaw`. */
export interface RawMessage {
	readonly type: 'raw';
	readonly index: number;
	readonly hex: string;
}
/** Select one certificate (Open in Certificate View on a PEM block of an already open file). */
export interface SelectMessage {
	readonly type: 'select';
	readonly index: number;
}
/** Messages the host posts. */
export type ToWebview = ModelMessage | RawMessage | SelectMessage;
//#endregion

//#region from webview
/** The page is loaded and wants its model. */
export interface ReadyMessage {
	readonly type: 'ready';
}
/** The user wants to unlock the PFX: the host asks for the password with a password input box. */
export interface AskPasswordMessage {
	readonly type: 'askPassword';
}
/** Copy one certificate as PEM, or a thumbprint, to the clipboard. */
export interface CopyMessage {
	readonly type: 'copy';
	readonly index: number;
	readonly what: 'pem' | 'sha1' | 'sha256';
}
/** Save one certificate as a new file. */
export interface SaveMessage {
	readonly type: 'save';
	readonly index: number;
	readonly format: 'der' | 'pem';
}
/** Ask for the DER hex of one certificate. */
export interface RequestRawMessage {
	readonly type: 'requestRaw';
	readonly index: number;
}
/** Open another certificate (a Path step) by SHA-1. */
export interface OpenCertificateMessage {
	readonly type: 'openCertificate';
	readonly sha1: string;
}
/** Open the chain view for one certificate of the file (it validates signatures, time, EKU). */
export interface ShowChainMessage {
	readonly type: 'showChain';
	readonly index: number;
}
/** Buttons without arguments: reveal the file in the Explorer, reopen as text. */
export interface SimpleActionMessage {
	readonly type: 'revealSource' | 'reopenAsText';
}
/** Messages the webview posts. */
export type FromWebview = ReadyMessage | AskPasswordMessage | CopyMessage | SaveMessage | RequestRawMessage | OpenCertificateMessage | ShowChainMessage | SimpleActionMessage;
//#endregion

/** What the webview keeps across hide/show with getState/setState. */
export interface CertificateViewState {
	/** Selected certificate; undefined = the list (files with many certificates). */
	readonly selected?: number;
	readonly tab: CertificateTab;
	readonly filter: string;
	readonly scrollTop: number;
	readonly listScrollTop: number;
}
