/**
 * What the Schannel and CAPI2 events mean and what to check, with every fact tagged documented (a Microsoft
 * source, named) or inferred (our reading; the reason is given). Paraphrased from the project's Schannel reference §7.
 */
import * as l10n from '@vscode/l10n';
import { alertName } from '../capture/tlsNames';
import { capi2Chain, capi2Hex, findNode, hresultText, trustFlagNames, TRUST_ERROR_FLAGS } from './capi2';
import type { EventNode, EventRecord } from './types';

export type Evidence = 'documented' | 'inferred';

/** Knowledge about one event id of one provider. */
export interface EventKnowledge {
	provider: 'Schannel' | 'CAPI2';
	id: number;
	title: string;
	/** What it means, in plain words. */
	meaning: string;
	/** What to look at next. */
	check: string[];
	evidence: Evidence;
	/** Where a documented fact comes from (KB number, reference key). */
	source: string;
	/** A KB article this event is the trace of. */
	kb?: string;
}

/** One decoded field of an event. */
export interface ExplainedField {
	name: string;
	value: string;
	/** The value in words (`40 handshake_failure`). */
	text: string;
	evidence: Evidence;
}

/** What `explainEvent` gives for an event it knows. */
export interface EventExplanation extends EventKnowledge {
	fields: ExplainedField[];
	/** Correlation hints (all inferred, see the reference §7). */
	hints: string[];
}

/** The knowledge base in the current display language: l10n.t runs when it is built, not when the module loads. */
function entries(): EventKnowledge[] {
	const EVT = l10n.t('Schannel event message table (EVT-TABLE in the reference, cross-checked against KB2801679 and KB933430)');
	const S = (id: number, title: string, meaning: string, check: string[], extra: Partial<EventKnowledge> = {}): EventKnowledge => ({ provider: 'Schannel', id, title, meaning, check, evidence: 'documented', source: EVT, ...extra });

	const ALERT_CHECK = [
		l10n.t('The alert code names what failed (see the field). 40 handshake_failure or 116 certificate_required on a server that asks for client certificates often means the client sent none.'),
		l10n.t('Match the time with a capture of the same machine: the handshake with this alert shows which side gave up and why.'),
	];

	const SCHANNEL: EventKnowledge[] = [
		S(36864, l10n.t('Schannel package loaded'), l10n.t('The Schannel security package was loaded (informational).'), []),
		S(36867, l10n.t('Creating a TLS credential'), l10n.t('Schannel is creating a client or server credential (informational, logged when verbose logging is on).'), []),
		S(36868, l10n.t('TLS credential private key properties'), l10n.t("The credential's private key properties: cryptographic provider, key name and type (informational)."), [l10n.t('Check the key lives in the provider the application can use (CNG vs legacy CSP).')]),
		S(36869, l10n.t('Credential certificate has no private key information'), l10n.t("The credential's certificate has no private-key information property: typically a bad backup/restore or enrollment."), [l10n.t('Re-import the certificate with its private key (PFX), or repair it with `certutil -repairstore`.')]),
		S(36870, l10n.t('Fatal error accessing the credential private key'), l10n.t('A fatal error occurred when accessing the TLS client or server credential private key. The event carries the cryptographic module error code and an internal error state.'), [l10n.t('Check the account (for a server: SYSTEM / the service account) can read the private key (certlm.msc → Manage Private Keys).'), l10n.t('Check the key still exists (0x8009030D SEC_E_UNKNOWN_CREDENTIALS and NTE_BAD_KEYSET are the usual codes).')]),
		S(36871, l10n.t('Fatal error creating a TLS credential'), l10n.t('A fatal error occurred while creating a TLS client or server credential; the event carries the internal error state (10013 is the common one).'), [l10n.t('Check the protocols and cipher suites enabled in the SCHANNEL registry keys: a credential whose protocols are all disabled fails to be created (inferred from common reports, not documented).'), l10n.t("Check the certificate's private key is accessible (as for 36870).")]),
		S(36872, l10n.t("The certificate's chain could not be retrieved"), l10n.t("The specified certificate's chain could not be retrieved (see KB 954755)."), [l10n.t('Import the intermediate CA certificates into the machine store.')]),
		S(36873, l10n.t('No supported cipher suites (client)'), l10n.t('The client found no supported cipher suites when initiating a connection.'), [l10n.t('Compare the enabled cipher suites and protocols of both sides.')]),
		S(36874, l10n.t('No common cipher suite (server)'), l10n.t("A TLS connection request arrived but none of the client's cipher suites are supported by the server."), [l10n.t('Compare the protocol and cipher suites the client offers (a capture shows them) with the server\'s enabled suites and protocols (registry and Group Policy "SSL Cipher Suite Order").')]),
		S(36875, l10n.t('No suitable client certificate'), l10n.t('The remote server requested TLS client authentication, but no suitable client certificate could be found; an anonymous connection will be attempted.'), [l10n.t("Check the client certificate's issuer is in the server's CertificateRequest list (a capture shows the list; KB 2464556 explains why it can be cut)."), l10n.t('Check the client certificate has a private key and the Client Authentication EKU.')]),
		S(36876, l10n.t('Server certificate did not validate'), l10n.t('The server certificate received by this client did not validate; the event carries the error code.'), [l10n.t('Read the code; build the chain with "Show Trust Chain" or see the CAPI2 event 11 at the same time.')]),
		S(36877, l10n.t('Client certificate did not validate'), l10n.t('The client certificate received by this server did not validate; the event carries the error code.'), [l10n.t('Build the client chain against the server\'s Root store; the CAPI2 log (event 11) at the same time shows how Windows judged it.')]),
		S(36878, l10n.t('Client certificate not suitable for direct mapping'), l10n.t('The client certificate is not suitable for direct mapping to an account: its issuing authority is not sufficiently trusted.'), [l10n.t('Check the issuing CA is in NTAuth / the mapping configuration of the server.')]),
		S(36879, l10n.t('Client certificate not mapped to an account'), l10n.t('The client certificate could not be mapped to an account (not necessarily fatal).'), [l10n.t('Check the certificate mapping configured for the service (IIS, AD).')]),
		S(36880, l10n.t('Handshake completed'), l10n.t('A TLS handshake completed (protocol, cipher suite, exchange strength, target, local and remote subject); informational.'), []),
		S(36881, l10n.t('Server certificate expired or not yet valid'), l10n.t('The server certificate received by this client is expired or not yet valid.'), [l10n.t('Check both clocks and the certificate dates.')]),
		S(36882, l10n.t('Server certificate from an untrusted CA'), l10n.t('The server certificate received by this client was issued by a certificate authority that is not trusted.'), [l10n.t("Add the server's root CA to the client's Trusted Root store, or check the chain.")]),
		S(36883, l10n.t('Server certificate revoked'), l10n.t('The server certificate received by this client has been revoked.'), [l10n.t('Check the CRL / OCSP status of the certificate.')]),
		S(36884, l10n.t('Server certificate name mismatch'), l10n.t('The server certificate received by this client does not contain the expected name.'), [l10n.t('Compare the name the client connects to with the certificate subject alternative names.')]),
		S(
			36885,
			l10n.t('Trusted issuer list truncated (KB 2464556)'),
			l10n.t('When asking for client authentication, this server sends a list of trusted certificate authorities; this server trusts so many that the list has grown too long and was truncated.'),
			[
				l10n.t("Clients whose CA was cut off the list send no certificate (they log 36875) and fail. Run \"Check Trusted Issuer List\" on the server's Root store export to see the cut and the fix plans."),
				l10n.t('The documented fixes: remove roots the server does not need, or set SendTrustedIssuerList=0 (Windows Server 2008 R2 and later: ClientAuthTrustMode).'),
			],
			{ kb: 'KB2464556', source: l10n.t('KB2464556, KB2801679 and KB933430 quote this event') },
		),
		S(36886, l10n.t('No suitable default server credential'), l10n.t('No suitable default server credential exists on this system; applications that use the system default credentials (e.g. the directory server) cannot accept TLS connections. IIS is not affected.'), [l10n.t('Enroll a server certificate with Server Authentication EKU and a private key in the machine store.')]),
		S(36887, l10n.t('Fatal alert received'), l10n.t('A fatal TLS alert was received from the remote endpoint; the parameter is the TLS alert code.'), ALERT_CHECK),
		S(36888, l10n.t('Fatal alert generated and sent'), l10n.t('A fatal TLS alert was generated and sent to the remote endpoint; the event carries the alert code (and on later versions the target name and Schannel error state).'), [...ALERT_CHECK, l10n.t('The Schannel error state (when present) is internal; Microsoft does not document the values.')]),
		S(36889, l10n.t("The certificate's chain is incomplete"), l10n.t("The specified certificate's chain is incomplete (see KB 954755)."), [l10n.t('Import the intermediate CA certificates into the machine store.')]),
		S(36896, l10n.t('DTLS: verification failed'), l10n.t('DTLS: a received record did not verify.'), []),
		S(36897, l10n.t('DTLS: replay window'), l10n.t('DTLS: a record fell outside the replay window.'), []),
		S(36898, l10n.t('DTLS: duplicate record'), l10n.t('DTLS: a duplicate record was received.'), []),
		S(36899, l10n.t('DTLS: retransmission'), l10n.t('DTLS: a flight was retransmitted.'), []),
		S(36912, l10n.t('Session ticket key material not found'), l10n.t('The key material for TLS session tickets was not found at the given path.'), [l10n.t('Check the session ticket key configuration (Enable-TlsSessionTicketKey).')]),
	];

	const C = (id: number, title: string, meaning: string, check: string[], evidence: Evidence, source: string): EventKnowledge => ({ provider: 'CAPI2', id, title, meaning, check, evidence, source });
	const CAPI2_LOG = l10n.t('the event itself: CAPI2 names the Windows API in its UserData element');
	const AUTO_ROOT = l10n.t('Inferred: event text of the Application log\'s CAPI2 automatic root update events (KB 2464556 says the Root store grows through automatic root updates); the wording per id is not from a Microsoft document');

	const CAPI2: EventKnowledge[] = [
		C(10, l10n.t('Chain building started'), l10n.t('CertGetCertificateChain was called (start marker; the result is event 11 with the same CorrelationAuxInfo TaskId).'), [], 'documented', CAPI2_LOG),
		C(11, l10n.t('Chain built (CertGetCertificateChain)'), l10n.t("The chain as Windows built it: every element with its CERT_TRUST_* error and info status, the revocation result per element, and the chain's overall status."), [l10n.t('An error status other than 0 on the leaf or the chain is why Windows rejected the certificate; "Show as chain" draws it beside what Schannel Lens computes.'), l10n.t('CERT_TRUST_REVOCATION_STATUS_UNKNOWN / IS_OFFLINE_REVOCATION: the CRL or OCSP responder was not reachable (see events 53).')], 'documented', CAPI2_LOG),
		C(30, l10n.t('Chain policy checked (CertVerifyCertificateChainPolicy)'), l10n.t('The policy check of a built chain (SSL, Authenticode, base…): the Status element gives the failing chain and element index and the error.'), [l10n.t('A non-zero Result value is the policy error (for SSL e.g. CERT_E_CN_NO_MATCH).')], 'documented', CAPI2_LOG),
		C(40, l10n.t('Revocation check started'), l10n.t('CertVerifyRevocation was called (start marker; the result is event 41).'), [], 'documented', CAPI2_LOG),
		C(41, l10n.t('Revocation checked (CertVerifyRevocation)'), l10n.t('The revocation check of one certificate: which CRL or OCSP response was used, and the result.'), [l10n.t('RevocationStatus error 0 means not revoked; 80092013 means the revocation server was offline.')], 'documented', CAPI2_LOG),
		C(42, l10n.t('Revocation information rejected'), l10n.t('CAPI2 rejected a CRL or OCSP response it retrieved (e.g. out of date or badly signed).'), [l10n.t('Check the CRL publication of the issuing CA.')], 'documented', CAPI2_LOG),
		C(50, l10n.t('URL retrieval from cache started'), l10n.t('CryptRetrieveObjectByUrl (cache) started.'), [], 'documented', CAPI2_LOG),
		C(51, l10n.t('URL retrieval from cache'), l10n.t('CryptRetrieveObjectByUrl looked in the URL cache.'), [], 'documented', CAPI2_LOG),
		C(52, l10n.t('URL retrieval from the network started'), l10n.t('CryptRetrieveObjectByUrl (wire) started.'), [], 'documented', CAPI2_LOG),
		C(53, l10n.t('URL retrieval from the network (CryptRetrieveObjectByUrlWire)'), l10n.t('A CRL, OCSP response or AIA certificate was fetched from its URL; on failure the Result holds the network error.'), [l10n.t('A failure here on an offline server explains CERT_TRUST_REVOCATION_STATUS_UNKNOWN / IS_OFFLINE_REVOCATION in event 11.')], 'documented', CAPI2_LOG),
		C(80, l10n.t('WinVerifyTrust started'), l10n.t('WinVerifyTrust (Authenticode) started.'), [], 'documented', CAPI2_LOG),
		C(81, 'WinVerifyTrust', l10n.t('Authenticode verification of a file or catalog.'), [], 'documented', CAPI2_LOG),
		C(82, l10n.t('Catalog lookup'), l10n.t('CryptCATAdminEnumCatalogFromHash: a catalog lookup by file hash.'), [], 'documented', CAPI2_LOG),
		C(90, l10n.t('Certificates and CRLs seen (X509Objects)'), l10n.t("The certificates' and CRLs' fields CAPI2 saw in the operation with the same TaskId (subject, issuer, serial, validity, extensions)."), [l10n.t('Use it to see which exact certificate (thumbprint) event 11 refers to.')], 'documented', CAPI2_LOG),
		C(4097, l10n.t('Root certificate added by automatic root update'), l10n.t('A third-party root certificate was added to the Root store by the automatic root certificate update (the event data gives its subject and SHA-1 thumbprint).'), [l10n.t('Each such event makes the Root store, and so the trusted issuer list Schannel sends, larger (KB 2464556). Count them to date the growth.')], 'inferred', AUTO_ROOT),
		C(4100, l10n.t('Disallowed certificate list updated'), l10n.t('The automatic update of the disallowed (untrusted) certificate list succeeded.'), [], 'inferred', AUTO_ROOT),
		C(4107, l10n.t('Root list extraction failed'), l10n.t('Extracting the third-party root list from the automatic update cabinet failed (the event text gives the URL and the error).'), [l10n.t('Often an expired signing certificate of the cab or no network; the Root store is then not updated.')], 'inferred', AUTO_ROOT),
		C(4108, l10n.t('Root list update event'), l10n.t('An automatic root update event about the third-party root list (cab retrieval or verification).'), [], 'inferred', AUTO_ROOT),
		C(4109, l10n.t('Root certificate removed by automatic root update'), l10n.t('A third-party root certificate was removed from the Root store by the automatic root certificate update.'), [], 'inferred', AUTO_ROOT),
		C(4110, l10n.t('Root list update event'), l10n.t('An automatic root update event about the third-party root list (cab retrieval).'), [], 'inferred', AUTO_ROOT),
		C(4111, l10n.t('Root list sequence number retrieved'), l10n.t('The sequence number of the third-party root list was retrieved (automatic root update).'), [], 'inferred', AUTO_ROOT),
		C(4112, l10n.t('Disallowed list update event'), l10n.t('An automatic update event about the disallowed certificate list.'), [], 'inferred', AUTO_ROOT),
		C(4113, l10n.t('Disallowed list update event'), l10n.t('An automatic update event about the disallowed certificate list.'), [], 'inferred', AUTO_ROOT),
	];
	return [...SCHANNEL, ...CAPI2];
}

let table: { key: string; map: Map<string, EventKnowledge> } | undefined;

/** Built once per display language (the key is one translated title). */
function knowledgeTable(): Map<string, EventKnowledge> {
	const key = l10n.t('Handshake completed');
	if (table?.key !== key) table = { key, map: new Map(entries().map((k) => [`${k.provider}:${k.id}`, k])) };
	return table.map;
}


/** Every event the knowledge base describes. */
export const EVENT_KNOWLEDGE: readonly EventKnowledge[] = entries();

/** `Schannel`, `CAPI2` or undefined for a provider name as logs and exports write it. */
export function knownProvider(provider: string): 'Schannel' | 'CAPI2' | undefined {
	const p = provider.toLowerCase();
	if (p === 'schannel' || p === 'microsoft-windows-schannel') return 'Schannel';
	if (p === 'microsoft-windows-capi2' || p === 'capi2' || p === 'crypt32') return 'CAPI2';
	return undefined;
}

/** The knowledge entry of an event, or undefined. */
export function eventKnowledge(provider: string, id: number): EventKnowledge | undefined {
	const p = knownProvider(provider);
	return p ? knowledgeTable().get(`${p}:${id}`) : undefined;
}

/** `<Data Name=…>` values of EventData, in order, with their names ('' when unnamed). */
export function eventDataValues(data: EventNode | null): { name: string; value: string }[] {
	if (!data) return [];
	if (data.name === 'EventData') return data.children.filter((c) => c.name === 'Data').map((c) => ({ name: c.attributes.Name ?? '', value: c.text }));
	return [];
}

/** The TLS alert code of a 36887/36888 event (EventData `AlertDesc`, the first numeric value, or the message text), or undefined. */
export function alertCode(event: Pick<EventRecord, 'id' | 'data' | 'message'>): number | undefined {
	const values = eventDataValues(event.data);
	const named = values.find((v) => /alert/i.test(v.name));
	const first = named ?? values.find((v) => /^\s*\d{1,3}\s*$/.test(v.value));
	if (first && /^\s*\d{1,3}\s*$/.test(first.value)) return Number(first.value);
	const text = event.message ?? (event.data?.name === 'Message' ? event.data.text : '');
	const m = /(?:(?:alert|error) code is|alert was (?:received|generated)[^:.]*:|Warnungscode lautet|Warnungscode ist)\s*:?\s*(\d{1,3})\b/i.exec(text) ?? /\b(?:alert|Warnung)\D{0,80}?(\d{1,3})\b/i.exec(text);
	return m ? Number(m[1]) : undefined;
}

/** Explains an event the knowledge base knows: meaning, checks, decoded fields, hints; undefined for others. */
export function explainEvent(event: EventRecord): EventExplanation | undefined {
	const k = eventKnowledge(event.provider, event.id);
	if (!k) return undefined;
	const fields: ExplainedField[] = [];
	const hints: string[] = [];
	const values = eventDataValues(event.data);
	if (k.provider === 'Schannel') {
		if (event.id === 36887 || event.id === 36888) {
			const code = alertCode(event);
			if (code !== undefined) fields.push({ name: 'alert', value: String(code), text: `${code} ${alertName(code)}`, evidence: 'documented' });
			for (const v of values) if (/state/i.test(v.name)) fields.push({ name: v.name, value: v.value, text: l10n.t('Schannel internal error state {0} (not documented)', v.value), evidence: 'inferred' });
			if (code === 40 || code === 116) hints.push(l10n.t('With client authentication required, this alert usually means the client sent no certificate: check for 36885 on the server and 36875 on the client (inferred, reference §7).'));
			if (code === 48 || code === 46) hints.push(l10n.t('The certificate was rejected: unknown CA (48) or another certificate problem (46); a CAPI2 event 11 at the same time shows the chain (inferred).'));
		}
		if (event.id === 36870 || event.id === 36871 || event.id === 36876 || event.id === 36877) {
			for (const v of values) {
				const n = capi2Hex(v.value.replace(/^0x/i, ''));
				if (/^0x[0-9a-f]{8}$/i.test(v.value.trim()) && !Number.isNaN(n)) fields.push({ name: v.name || 'error', value: v.value, text: hresultText(n), evidence: 'documented' });
				else if (/state/i.test(v.name)) fields.push({ name: v.name, value: v.value, text: l10n.t('internal error state {0} (not documented)', v.value), evidence: 'inferred' });
				else if (v.name) fields.push({ name: v.name, value: v.value, text: v.value, evidence: 'documented' });
			}
		}
		if (event.id === 36874 || event.id === 36888 || event.id === 36880) {
			for (const v of values) if (/protocol|cipher/i.test(v.name)) fields.push({ name: v.name, value: v.value, text: v.value, evidence: 'documented' });
			if (event.id === 36874) hints.push(l10n.t('Typical causes: the client offers only protocols or suites the server disabled (for example TLS 1.0 only, or only RC4/3DES suites); compare with the SCHANNEL registry export of the server (inferred).'));
		}
		if (event.id === 36885) hints.push(l10n.t('Look for 36888 alerts on this server and 36875/36887 on clients at the same times (inferred, reference §7).'));
	} else if (event.id === 11) {
		const chain = capi2Chain(event);
		if (chain) {
			const errs = trustFlagNames(chain.errorStatus, TRUST_ERROR_FLAGS);
			fields.push({ name: 'chain errorStatus', value: `0x${chain.errorStatus.toString(16)}`, text: errs.join(', ') || l10n.t('no error'), evidence: 'documented' });
			fields.push({ name: 'elements', value: String(chain.elements.length), text: chain.elements.map((e) => e.subject).join(' ← '), evidence: 'documented' });
		}
	} else if (event.id === 4097 || event.id === 4109) {
		const [subject, thumbprint] = values.map((v) => v.value);
		if (subject !== undefined) fields.push({ name: 'subject', value: subject, text: subject, evidence: 'inferred' });
		if (thumbprint !== undefined) fields.push({ name: 'sha1', value: thumbprint, text: thumbprint, evidence: 'inferred' });
	} else {
		const result = findNode(event.data, 'Result');
		const n = capi2Hex(result?.attributes.value);
		if (result && !Number.isNaN(n)) fields.push({ name: 'result', value: result.attributes.value ?? '', text: result.text.trim() || hresultText(n), evidence: 'documented' });
	}
	return { ...k, fields, hints };
}
