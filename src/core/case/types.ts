/** The case: the machine(s) under diagnosis, each a set of artefacts with roles (issue 10). */
import type { HandshakeResult, CaptureProblem, CaptureSummary } from '../capture/types';
import type { ClientCertificate } from '../issuers/clients';
import type { StoreCertificate } from '../issuers/types';
import type { RegDocument } from '../reg/types';
import type { WindowsVersion } from '../schannel/os';
import type { LoadedCertificate } from '../x509';
import type { EventFileFormat, EventProblem, EventRecord } from '../events/types';
import type { SslCertBinding } from './netsh';

/** What a file is, by content. */
export type ArtefactKind = 'registry' | 'certificates' | 'pfx' | 'capture' | 'events' | 'netsh' | 'version-text' | 'manifest' | 'trust-list' | 'other';

/** The role a file plays for its machine: a certificate store, the SCHANNEL settings, evidence. */
export type ArtefactRole = 'Root' | 'AuthRoot' | 'CA' | 'ClientAuthIssuer' | 'My' | 'settings' | 'client-certificates' | 'capture' | 'events' | 'bindings' | 'schannel-version' | 'manifest' | 'trust-list' | 'unknown';

/** Where in a file something is: the evidence a finding rests on. */
export interface Place {
	readonly file: string;
	/** Line (from 1) in a text file. */
	readonly line?: number;
	/** Frame (from 1) in a capture. */
	readonly frame?: number;
	/** Record number in an event log. */
	readonly record?: number;
	/** Byte offset. */
	readonly offset?: number;
	/** Uppercase SHA-1 of the certificate the finding is about. */
	readonly thumbprint?: string;
}

/** Why an artefact cannot be taken as whole. */
export interface Damage {
	readonly message: string;
	readonly place: Place;
}

/** One file of a machine. */
export interface Artefact {
	/** Path as the host names it (relative to the workspace or the current directory). */
	readonly file: string;
	readonly kind: ArtefactKind;
	readonly roles: readonly ArtefactRole[];
	readonly bytes: number;
	/** Set when the file is cut or corrupt: conclusions built on it are partial. */
	readonly damaged?: Damage;
	/** One line when nothing usable could be read. */
	readonly error?: string;
}

/** A capture as the diagnosis needs it: the handshakes and the reader's problems. */
export interface CaptureArtefact {
	readonly file: string;
	readonly handshakes: readonly HandshakeResult[];
	readonly problems: readonly CaptureProblem[];
	readonly packets: number;
}

/** An event log (or Event Viewer export) of the machine: the events the diagnosis weighs, and the reader's problems. */
export interface EventArtefact {
	readonly file: string;
	/** Schannel 36885/36887/36888, CAPI2 11 and the automatic root update events (4097, 4100, 4107–4113). */
	readonly events: readonly EventRecord[];
	readonly records: number;
	readonly problems: readonly EventProblem[];
}

/** The SCHANNEL values that decide the issuer list, with the line that set each. */
export interface IssuerSettings {
	readonly file: string;
	readonly sendTrustedIssuerList?: { readonly value: number; readonly line: number };
	readonly clientAuthTrustMode?: { readonly value: number; readonly line: number };
	readonly messageLimitClient?: { readonly value: number; readonly line: number };
	readonly doc: RegDocument;
	readonly text: string;
}

/** How the machine's Windows version is known. */
export interface WindowsInfo {
	readonly version: WindowsVersion;
	/** The name as the artefact wrote it (e.g. `Windows 7` for the 2008 R2 Schannel). */
	readonly label: string;
	readonly from: 'manifest' | 'target-comment' | 'version-text' | 'user';
	readonly place?: Place;
}

/** A certificate the case holds, with where it came from. */
export interface CaseCertificate {
	readonly loaded: LoadedCertificate;
	readonly file: string;
	readonly role: ArtefactRole;
}

/** One machine: a server or a client, from one folder (or as `schannel-lens.json` names it). */
export interface Machine {
	readonly name: string;
	readonly role: 'server' | 'client' | 'unknown';
	readonly folder: string;
	/** Undefined when nothing says which Windows it runs: then conclusions that depend on it are unknown. */
	readonly windows?: WindowsInfo;
	readonly artefacts: readonly Artefact[];
	/** Local-machine store certificates (Root, AuthRoot, CA, ClientAuthIssuer) as the issuer list takes them. */
	readonly stores: readonly StoreCertificate[];
	/** Which stores were exported at all (an exported empty store is known empty; a missing one is unknown). */
	readonly storesPresent: ReadonlySet<string>;
	/** Stores whose export is damaged: their contents are a lower bound. */
	readonly storesDamaged: ReadonlySet<string>;
	readonly settings?: IssuerSettings;
	readonly clients: readonly (ClientCertificate & { readonly file: string; readonly issuer: string; readonly notAfter?: Date; readonly notBefore?: Date; readonly clientAuth: boolean })[];
	/** Every certificate read (chains are followed over these). */
	readonly certificates: readonly CaseCertificate[];
	readonly captures: readonly CaptureArtefact[];
	readonly events: readonly EventArtefact[];
	readonly bindings: readonly SslCertBinding[];
	/** Schannel.dll versions found in version text files. */
	readonly schannelVersions: readonly { readonly text: string; readonly place: Place }[];
}

/** A case: the machines of one diagnosis. */
export interface Case {
	readonly machines: readonly Machine[];
}

/** A file handed to the case builder by a host (CLI: node:fs; extension: workspace.fs). */
export interface CaseFile {
	/** The name to show (relative path). */
	readonly path: string;
	readonly size: number;
	/** The whole file (certificate stores, .reg, text). */
	read(): Promise<Uint8Array>;
	/** The file in chunks (captures); falls back to read(). */
	chunks?(): AsyncIterable<Uint8Array>;
	/** The file read as a capture elsewhere (the extension: in a worker thread); without it the builder reads it here. */
	parseCapture?(): Promise<CaseCaptureRead>;
	/** The file read as an event log or export elsewhere, keeping the events `keep` accepts (format 'unknown': it is none). */
	parseEvents?(keep: (e: EventRecord) => boolean): Promise<CaseEventsRead>;
}

/** What a capture gave the case builder. */
export interface CaseCaptureRead {
	readonly handshakes: HandshakeResult[];
	readonly problems: CaptureProblem[];
	readonly summary: CaptureSummary;
	/** Bytes of the file read. */
	readonly bytes: number;
}

/** What an event log or export gave the case builder (only the events kept). */
export interface CaseEventsRead {
	readonly format: EventFileFormat;
	readonly events: EventRecord[];
	readonly problems: EventProblem[];
	readonly records: number;
}

/** A folder handed to the case builder: one machine unless its manifest says otherwise. */
export interface CaseFolder {
	readonly path: string;
	readonly files: readonly CaseFile[];
}
