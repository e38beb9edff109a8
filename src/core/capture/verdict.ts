/** The verdict on one handshake, in words, optionally joined with what the workspace knows. */
import * as l10n from '@vscode/l10n';
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
const alertText = (a: AlertInfo): string => `${a.name} (${a.description})${a.encrypted ? l10n.t(', encrypted on the wire and decrypted with the key log') : ''}`;

/**
 * An alert in words, the same in the CLI, the JSON (`encrypted`/`decrypted`) and the editor.
 * @example alertWords(a) // 'warning close_notify (0), encrypted on the wire and decrypted with the key log'
 */
export function alertWords(a: AlertInfo): string {
	const what = a.description === null ? '' : `${a.level ?? ''} ${a.name ?? 'alert'} (${a.description})`.trim();
	if (!a.encrypted) return what;
	return a.description === null ? l10n.t('encrypted on the wire; its code cannot be read without the key log') : l10n.t('{0}, encrypted on the wire and decrypted with the key log', what);
}

/** The part of the handshake the capture does not hold that the verdict would need, or undefined. */
function missingPart(h: VerdictInput): string | undefined {
	const f = h.facts;
	const cr = h.certificateRequest;
	if (h.complete || !f.sawClientHello) return undefined;
	if (!f.sawServerHello) return l10n.t("the server's answer (ServerHello)");
	const tls13 = h.versions.selected === 'TLS 1.3';
	if (tls13 && h.encryptedHandshake && !h.decrypted) return undefined; // unreadable anyway; said below
	if (!cr) {
		if (f.serverFlightGap) return l10n.t("the server's first flight, where a CertificateRequest would be");
		if (tls13) return f.serverFinished ? undefined : l10n.t("the server's Finished (a CertificateRequest would come before it)");
		return f.serverHelloDone || f.serverFinished || f.applicationData ? undefined : l10n.t("the end of the server's first flight (ServerHelloDone), where a CertificateRequest would be");
	}
	if (h.clientCertificates === null && !(h.encryptedHandshake && !h.decrypted)) return l10n.t("the client's answer to the CertificateRequest (its Certificate message)");
	if (h.clientCertificates !== null && !f.serverFinished && !f.applicationData) return l10n.t("the server's answer to the client's Certificate (its Finished or an alert)");
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
		w.say('info', l10n.t('Only part of this TLS connection was captured: no ClientHello or ServerHello.'), 'partial');
	}
	if (h.renegotiation) w.say('ok', l10n.t('This handshake is a renegotiation inside the encrypted session (read by decrypting it with the key log).'));
	if (cr) describeRequest(w, cr, knowledge, h.renegotiation);
	const clientCert = h.clientCertificates?.[0];
	const missing = fatal ? undefined : missingPart(h);
	if (missing) {
		const how = f.serverFlightGap && !cr ? l10n.t('bytes are missing from the capture in') : f.gap ? l10n.t('bytes are missing from the capture before') : l10n.t('the capture ends before');
		const unknown = !cr ? l10n.t('whether the server asked for a client certificate') : h.clientCertificates === null ? l10n.t('whether the client sent a certificate') : l10n.t('whether the server accepted the client certificate');
		w.say('info', l10n.t('Incomplete: {0} {1}, so {2} is not known.', how, missing, unknown), 'incomplete');
	} else if (fatal) {
		const who = fatal.from === 'server' ? 'server' : 'client';
		if (who === 'server' && cr && h.clientCertificates && h.clientCertificates.length === 0) {
			w.say('error', l10n.t('The client sent no certificate, and the server ended the handshake: {0}.', alertText(fatal)), 'client-certificate-missing');
			matchWorkspace(w, cr, knowledge);
		} else if (who === 'server' && cr && clientCert) {
			w.say('error', l10n.t('The server rejected the client certificate ({0}): {1}.', clientCert.subject || clientCert.sha1, alertText(fatal)), 'client-certificate-rejected');
			if (fatal.description === 48) matchWorkspace(w, cr, knowledge);
		} else if (who === 'server' && cr && CLIENT_AUTH_ALERTS.has(fatal.description!)) {
			w.say('error', l10n.t('The server ended the handshake after asking for a client certificate: {0}.', alertText(fatal)), 'server-alert');
		} else if (who === 'client' && CLIENT_AUTH_ALERTS.has(fatal.description!) && !h.clientCertificates) {
			w.say('error', l10n.t('The client rejected the server\'s certificate: {0}.', alertText(fatal)), 'server-certificate-rejected');
		} else {
			w.say('error', who === 'server' ? l10n.t('The server ended the handshake with a fatal alert: {0}.', alertText(fatal)) : l10n.t('The client ended the handshake with a fatal alert: {0}.', alertText(fatal)), `${who}-alert`);
		}
	} else if (cr) {
		if (h.clientCertificates === null) {
			const hidden = h.encryptedHandshake && !h.decrypted;
			w.say('warning', hidden ? l10n.t('The client\'s answer is encrypted.') : l10n.t('The client\'s Certificate message was not seen in the capture.'), 'client-certificate-unseen');
		} else if (h.clientCertificates.length === 0) {
			if (f.serverFinished || f.applicationData) w.say('warning', l10n.t('The client sent no certificate and the server went on without one (client certificates are optional there).'), 'client-certificate-empty');
			else {
				w.say('error', l10n.t('The client sent no certificate.'), 'client-certificate-missing');
				matchWorkspace(w, cr, knowledge);
			}
		} else if (f.serverFinished || f.applicationData) {
			w.say('ok', l10n.t('Mutual TLS succeeded with {0}.', clientCert!.subject || l10n.t('the certificate {0}', clientCert!.sha1)), 'mutual-tls-ok');
		} else {
			w.say('info', l10n.t('The client sent {0}; the capture does not show how the server answered.', clientCert!.subject || l10n.t('a certificate')), 'mutual-tls-unfinished');
		}
	} else if (h.encryptedHandshake && !h.decrypted && h.versions.selected === 'TLS 1.3') {
		const why = f.decryptFailed ? l10n.t(' The key log had secrets for it, but they did not decrypt the records.') : l10n.t(' Give a key log (--keylog FILE, or a pcapng with a Decryption Secrets Block) to read it.');
		w.say('info', l10n.t('TLS 1.3: everything after the ServerHello is encrypted, so whether the server asked for a client certificate cannot be seen.{0}', why), 'tls13-encrypted');
	} else if (f.encryptedRenegotiation) {
		w.say('warning', l10n.t('The server did not ask for a client certificate in the first handshake, but encrypted handshake messages followed: a renegotiation inside the encrypted session, as IIS does when it asks for a client certificate later. That CertificateRequest is encrypted and cannot be read here (clientcertnegotiation=enable on the http.sys binding moves it into the first handshake).'), 'renegotiation-encrypted');
	} else if (f.sawServerHello && (f.serverFinished || f.applicationData) && f.renegotiatedLater) {
		w.say('info', l10n.t('The server did not ask for a client certificate in this first handshake; a renegotiation followed on the same connection (the next handshake of this stream).'), 'no-client-certificate-request-before-renegotiation');
	} else if (f.sawServerHello && (f.serverFinished || f.applicationData)) {
		w.say('info', l10n.t('The server did not ask for a client certificate; the handshake completed without one.'), 'no-client-certificate-request');
	} else if (f.sawClientHello) {
		w.say('info', f.sawServerHello ? l10n.t('The handshake did not complete in the capture; the server did not ask for a client certificate before it stopped.') : l10n.t('No answer from the server to the ClientHello in the capture.'), 'unfinished');
	}
	const readableWarning = h.alerts.find((a) => a.level === 'warning' && a.description !== null && a.description !== 0);
	if (readableWarning && !fatal) w.say('warning', readableWarning.from === 'server' ? l10n.t('The server sent a warning alert: {0}.', alertText(readableWarning)) : l10n.t('The client sent a warning alert: {0}.', alertText(readableWarning)), 'warning-alert');
	if (encryptedAlert && !fatal) w.say('ok', l10n.t('An encrypted alert followed (its code cannot be read without keys; often close_notify).'));
	if (f.incomplete && !missing) w.say('info', l10n.t('Part of the handshake is missing from the capture.'));
	if (!w.code) w.code = 'tls';
	const verdict = { kind: missing ? ('incomplete' as const) : ('conclusion' as const), severity: w.severity, code: w.code, message: w.parts.join(' ') };
	return missing ? { ...verdict, missing } : verdict;
}

/** What describeRequest said, to be said again for the next request of the same shape. */
type Said = readonly [severity: VerdictSeverity, text: string, code: string | undefined];
/**
 * describeRequest's sentences by request shape (names, bytes, records, renegotiation, target OS) and display
 * language. A capture repeats the same CA list in every handshake; formatting its four sentences each time (l10n.t
 * with arguments runs a regular-expression replace) was ~25 ms of a 1 GB capture's 3,776 handshakes. Bounded.
 */
const requestWords = new Map<string, readonly Said[]>();
const REQUEST_WORDS_MAX = 256;

function describeRequest(w: Words, cr: CertificateRequestInfo, knowledge: VerdictKnowledge | undefined, renegotiation: boolean): void {
	const os = knowledge?.targetOs;
	const limit = os?.issuerListLimit.bytes ?? 16384;
	const renegotiated = l10n.t('The client certificate was requested by renegotiation, as IIS does when "Negotiate Client Certificate" is off.');
	// The translated sentence stands for the display language: a new language gives new keys.
	const key = `${renegotiated}\u0000${renegotiation}\u0000${cr.distinguishedNames.length}\u0000${cr.listBytes}\u0000${cr.records}\u0000${cr.messageBytes}\u0000${os?.name ?? ''}\u0000${limit}`;
	let said = requestWords.get(key);
	if (said === undefined) {
		said = requestSentences(cr, os, limit, renegotiation ? renegotiated : undefined);
		if (requestWords.size >= REQUEST_WORDS_MAX) requestWords.clear();
		requestWords.set(key, said);
	}
	for (const [severity, text, code] of said) w.say(severity, text, code);
}

function requestSentences(cr: CertificateRequestInfo, os: WindowsVersion | undefined, limit: number, renegotiated: string | undefined): Said[] {
	const said: Said[] = [];
	const names = cr.distinguishedNames.length;
	const span = cr.records > 1 ? l10n.t('{0} bytes across {1} records', n(cr.listBytes), cr.records) : l10n.t('{0} bytes', n(cr.listBytes));
	if (renegotiated !== undefined) said.push(['ok', renegotiated, undefined]);
	said.push(['ok', names === 0
		? l10n.t('Server asked for a client certificate with an empty list of acceptable CAs (the client may offer any certificate).')
		: names === 1 ? l10n.t('Server asked for a client certificate with 1 acceptable CA name ({0}).', span) : l10n.t('Server asked for a client certificate with {0} acceptable CA names ({1}).', n(names), span), undefined]);
	if (cr.listBytes > limit) {
		said.push(['warning', os
			? l10n.t('A {0} server sends at most {1} bytes, so this list did not come from one.', os.name, n(limit))
			: l10n.t('That is more than the {0} bytes a Windows Schannel server sends (it truncates longer lists and logs event 36885).', n(limit)), 'ca-list-too-long']);
	}
	if (cr.messageBytes > MESSAGE_LIMIT_CLIENT) {
		said.push(['warning', l10n.t('The CertificateRequest is {0} bytes; a Windows client rejects handshake messages over {1} bytes (MessageLimitClient).', n(cr.messageBytes), n(MESSAGE_LIMIT_CLIENT)), 'message-over-client-limit']);
	}
	return said;
}

function matchWorkspace(w: Words, cr: CertificateRequestInfo, knowledge: VerdictKnowledge | undefined): void {
	const known = knowledge?.clientCertificates;
	if (!known || known.length === 0 || cr.distinguishedNames.length === 0) return;
	const listed = new Set(cr.distinguishedNames.map((d) => d.der));
	const fits = known.filter((k) => k.chainNames.some((der) => listed.has(toHex(der).toLowerCase())));
	if (fits.length === 0) w.say('error', l10n.t('None of the known client certificates chains to a listed CA → see KB 2464556.'), 'no-workspace-certificate-fits');
	else w.say('info', fits.length === 1
		? l10n.t('Known client certificate {0} chains to a listed CA: check that the client can use it (private key, Client Authentication EKU).', fits[0]!.label)
		: l10n.t('Known client certificates {0} chain to a listed CA: check that the client can use them (private key, Client Authentication EKU).', fits.map((k) => k.label).join(', ')));
}
