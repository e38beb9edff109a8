/** The verdict on one handshake, in words, optionally joined with what the workspace knows. */
import { toHex } from '../crypto';
import type { WindowsVersion } from '../schannel/os';
import type { AlertInfo, CertificateRequestInfo, HandshakeResult, Verdict, VerdictSeverity } from './types';

/** A client certificate the workspace holds, reduced to what matching against a CA list needs. */
export interface KnownClientCertificate {
	/** How to name it in messages, e.g. `CN=alice.client`. */
	readonly label: string;
	/** DER of its issuer Name and of every CA subject above it that the workspace knows. */
	readonly chainNames: readonly Uint8Array[];
}

/** Optional extra knowledge for verdicts. Everything works without it. */
export interface VerdictKnowledge {
	readonly clientCertificates?: readonly KnownClientCertificate[];
	/** The Windows version the server runs (its issuer list limit is used). */
	readonly targetOs?: WindowsVersion;
}

/** The handshake facts a verdict reads. */
export type VerdictInput = Omit<HandshakeResult, 'verdict'>;

const RANK: Record<VerdictSeverity, number> = { ok: 0, info: 1, warning: 2, error: 3 };
const CLIENT_AUTH_ALERTS = new Set([40, 41, 42, 43, 44, 45, 46, 48, 49, 51, 116]);
const MESSAGE_LIMIT_CLIENT = 32768;

class Words {
	severity: VerdictSeverity = 'ok';
	code = '';
	readonly parts: string[] = [];
	say(severity: VerdictSeverity, text: string, code?: string): void {
		this.parts.push(text);
		if (code && (!this.code || RANK[severity] > RANK[this.severity])) this.code = code;
		if (RANK[severity] > RANK[this.severity]) this.severity = severity;
	}
}

/** 38764 → `38,764` (toLocaleString is slow in hot loops). */
const n = (x: number): string => String(x).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const alertText = (a: AlertInfo): string => `${a.name} (${a.description})${a.encrypted ? ', encrypted on the wire and decrypted with the key log' : ''}`;

/**
 * An alert in words, the same in the CLI, the JSON (`encrypted`/`decrypted`) and the editor.
 * @example alertWords(a) // 'warning close_notify (0), encrypted on the wire and decrypted with the key log'
 */
export function alertWords(a: AlertInfo): string {
	const what = a.description === null ? '' : `${a.level ?? ''} ${a.name ?? 'alert'} (${a.description})`.trim();
	if (!a.encrypted) return what;
	return a.description === null ? 'encrypted on the wire; its code cannot be read without the key log' : `${what}, encrypted on the wire and decrypted with the key log`;
}

/** The part of the handshake the capture does not hold that the verdict would need, or undefined. */
function missingPart(h: VerdictInput): string | undefined {
	const f = h.facts;
	const cr = h.certificateRequest;
	if (h.complete || !f.sawClientHello) return undefined;
	if (!f.sawServerHello) return "the server's answer (ServerHello)";
	const tls13 = h.versions.selected === 'TLS 1.3';
	if (tls13 && h.encryptedHandshake && !h.decrypted) return undefined; // unreadable anyway; said below
	if (!cr) {
		if (f.serverFlightGap) return "the server's first flight, where a CertificateRequest would be";
		if (tls13) return f.serverFinished ? undefined : "the server's Finished (a CertificateRequest would come before it)";
		return f.serverHelloDone || f.serverFinished || f.applicationData ? undefined : "the end of the server's first flight (ServerHelloDone), where a CertificateRequest would be";
	}
	if (h.clientCertificates === null && !(h.encryptedHandshake && !h.decrypted)) return "the client's answer to the CertificateRequest (its Certificate message)";
	if (h.clientCertificates !== null && !f.serverFinished && !f.applicationData) return "the server's answer to the client's Certificate (its Finished or an alert)";
	return undefined;
}

/**
 * Judges one handshake.
 * @example handshakeVerdict(result).message // 'Mutual TLS succeeded with CN=alice.client.'
 */
export function handshakeVerdict(h: VerdictInput, knowledge?: VerdictKnowledge): Verdict {
	const w = new Words();
	const f = h.facts;
	const cr = h.certificateRequest;
	const fatal = h.alerts.find((a) => a.level === 'fatal' && a.description !== null);
	const encryptedAlert = h.alerts.some((a) => a.description === null);
	if (!f.sawClientHello && !f.sawServerHello && !cr) {
		w.say('info', 'Only part of this TLS connection was captured: no ClientHello or ServerHello.', 'partial');
	}
	if (h.renegotiation) w.say('ok', 'This handshake is a renegotiation inside the encrypted session (read by decrypting it with the key log).');
	if (cr) describeRequest(w, cr, knowledge, h.renegotiation);
	const clientCert = h.clientCertificates?.[0];
	const missing = fatal ? undefined : missingPart(h);
	if (missing) {
		const how = f.serverFlightGap && !cr ? 'bytes are missing from the capture in' : f.gap ? 'bytes are missing from the capture before' : 'the capture ends before';
		const unknown = !cr ? 'whether the server asked for a client certificate' : h.clientCertificates === null ? 'whether the client sent a certificate' : 'whether the server accepted the client certificate';
		w.say('info', `Incomplete: ${how} ${missing}, so ${unknown} is not known.`, 'incomplete');
	} else if (fatal) {
		const who = fatal.from === 'server' ? 'server' : 'client';
		if (who === 'server' && cr && h.clientCertificates && h.clientCertificates.length === 0) {
			w.say('error', `The client sent no certificate, and the server ended the handshake: ${alertText(fatal)}.`, 'client-certificate-missing');
			matchWorkspace(w, cr, knowledge);
		} else if (who === 'server' && cr && clientCert) {
			w.say('error', `The server rejected the client certificate (${clientCert.subject || clientCert.sha1}): ${alertText(fatal)}.`, 'client-certificate-rejected');
			if (fatal.description === 48) matchWorkspace(w, cr, knowledge);
		} else if (who === 'server' && cr && CLIENT_AUTH_ALERTS.has(fatal.description!)) {
			w.say('error', `The server ended the handshake after asking for a client certificate: ${alertText(fatal)}.`, 'server-alert');
		} else if (who === 'client' && CLIENT_AUTH_ALERTS.has(fatal.description!) && !h.clientCertificates) {
			w.say('error', `The client rejected the server's certificate: ${alertText(fatal)}.`, 'server-certificate-rejected');
		} else {
			w.say('error', `The ${who} ended the handshake with a fatal alert: ${alertText(fatal)}.`, `${who}-alert`);
		}
	} else if (cr) {
		if (h.clientCertificates === null) {
			const hidden = h.encryptedHandshake && !h.decrypted;
			w.say('warning', hidden ? 'The client\'s answer is encrypted.' : 'The client\'s Certificate message was not seen in the capture.', 'client-certificate-unseen');
		} else if (h.clientCertificates.length === 0) {
			if (f.serverFinished || f.applicationData) w.say('warning', 'The client sent no certificate and the server went on without one (client certificates are optional there).', 'client-certificate-empty');
			else {
				w.say('error', 'The client sent no certificate.', 'client-certificate-missing');
				matchWorkspace(w, cr, knowledge);
			}
		} else if (f.serverFinished || f.applicationData) {
			w.say('ok', `Mutual TLS succeeded with ${clientCert!.subject || `the certificate ${clientCert!.sha1}`}.`, 'mutual-tls-ok');
		} else {
			w.say('info', `The client sent ${clientCert!.subject || 'a certificate'}; the capture does not show how the server answered.`, 'mutual-tls-unfinished');
		}
	} else if (h.encryptedHandshake && !h.decrypted && h.versions.selected === 'TLS 1.3') {
		const why = f.decryptFailed ? ' The key log had secrets for it, but they did not decrypt the records.' : ' Give a key log (--keylog FILE, or a pcapng with a Decryption Secrets Block) to read it.';
		w.say('info', `TLS 1.3: everything after the ServerHello is encrypted, so whether the server asked for a client certificate cannot be seen.${why}`, 'tls13-encrypted');
	} else if (f.encryptedRenegotiation) {
		w.say('warning', 'The server did not ask for a client certificate in the first handshake, but encrypted handshake messages followed: a renegotiation inside the encrypted session, as IIS does when it asks for a client certificate later. That CertificateRequest is encrypted and cannot be read here (clientcertnegotiation=enable on the http.sys binding moves it into the first handshake).', 'renegotiation-encrypted');
	} else if (f.sawServerHello && (f.serverFinished || f.applicationData) && f.renegotiatedLater) {
		w.say('info', 'The server did not ask for a client certificate in this first handshake; a renegotiation followed on the same connection (the next handshake of this stream).', 'no-client-certificate-request-before-renegotiation');
	} else if (f.sawServerHello && (f.serverFinished || f.applicationData)) {
		w.say('info', 'The server did not ask for a client certificate; the handshake completed without one.', 'no-client-certificate-request');
	} else if (f.sawClientHello) {
		w.say('info', f.sawServerHello ? 'The handshake did not complete in the capture; the server did not ask for a client certificate before it stopped.' : 'No answer from the server to the ClientHello in the capture.', 'unfinished');
	}
	const readableWarning = h.alerts.find((a) => a.level === 'warning' && a.description !== null && a.description !== 0);
	if (readableWarning && !fatal) w.say('warning', `The ${readableWarning.from} sent a warning alert: ${alertText(readableWarning)}.`, 'warning-alert');
	if (encryptedAlert && !fatal) w.say('ok', 'An encrypted alert followed (its code cannot be read without keys; often close_notify).');
	if (f.incomplete && !missing) w.say('info', 'Part of the handshake is missing from the capture.');
	if (!w.code) w.code = 'tls';
	const verdict = { kind: missing ? ('incomplete' as const) : ('conclusion' as const), severity: w.severity, code: w.code, message: w.parts.join(' ') };
	return missing ? { ...verdict, missing } : verdict;
}

function describeRequest(w: Words, cr: CertificateRequestInfo, knowledge: VerdictKnowledge | undefined, renegotiation: boolean): void {
	const names = cr.distinguishedNames.length;
	const span = `${n(cr.listBytes)} bytes${cr.records > 1 ? ` across ${cr.records} records` : ''}`;
	if (renegotiation) w.say('ok', 'The client certificate was requested by renegotiation, as IIS does when "Negotiate Client Certificate" is off.');
	w.say('ok', names === 0
		? 'Server asked for a client certificate with an empty list of acceptable CAs (the client may offer any certificate).'
		: `Server asked for a client certificate with ${n(names)} acceptable CA name${names === 1 ? '' : 's'} (${span}).`);
	const os = knowledge?.targetOs;
	const limit = os?.issuerListLimit.bytes ?? 16384;
	if (cr.listBytes > limit) {
		w.say('warning', os
			? `A ${os.name} server sends at most ${n(limit)} bytes, so this list did not come from one.`
			: `That is more than the ${n(limit)} bytes a Windows Schannel server sends (it truncates longer lists and logs event 36885).`, 'ca-list-too-long');
	}
	if (cr.messageBytes > MESSAGE_LIMIT_CLIENT) {
		w.say('warning', `The CertificateRequest is ${n(cr.messageBytes)} bytes; a Windows client rejects handshake messages over ${n(MESSAGE_LIMIT_CLIENT)} bytes (MessageLimitClient).`, 'message-over-client-limit');
	}
}

function matchWorkspace(w: Words, cr: CertificateRequestInfo, knowledge: VerdictKnowledge | undefined): void {
	const known = knowledge?.clientCertificates;
	if (!known || known.length === 0 || cr.distinguishedNames.length === 0) return;
	const listed = new Set(cr.distinguishedNames.map((d) => d.der));
	const fits = known.filter((k) => k.chainNames.some((der) => listed.has(toHex(der).toLowerCase())));
	if (fits.length === 0) w.say('error', 'None of the known client certificates chains to a listed CA → see KB 2464556.', 'no-workspace-certificate-fits');
	else w.say('info', `Known client certificate${fits.length === 1 ? '' : 's'} ${fits.map((k) => k.label).join(', ')} chain${fits.length === 1 ? 's' : ''} to a listed CA: check that the client can use ${fits.length === 1 ? 'it' : 'them'} (private key, Client Authentication EKU).`);
}
