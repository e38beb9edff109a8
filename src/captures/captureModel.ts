/** Core handshake results → the capture editor's plain-JSON view model (no vscode: unit-testable; words via @vscode/l10n). */
import * as l10n from '@vscode/l10n';
import { alertWords, type AlertInfo, type CertificateSummary, type HandshakeResult } from '../core/capture';
import { cutLine } from '../core/issuers/cutLine';
import type { AlertView, CertificateRowView, ConnectionView, DnEntryView, TimelineEntry } from '../protocol/captureView';

/** Sizes of the DN list entries and Schannel's cut line (the core's {@link cutLine}: the issuer list uses it too). */
export function dnEntries(names: readonly { der: string; text: string }[], limitBytes: number): DnEntryView[] {
	const { cumulative, cutFrom } = cutLine(names.map((n) => n.der.length / 2), limitBytes);
	return names.map((n, i) => ({ text: n.text, bytes: n.der.length / 2, cumulative: cumulative[i]!, cut: i >= cutFrom }));
}

function certificateRow(c: CertificateSummary): CertificateRowView {
	return { subject: c.subject, issuer: c.issuer, sha1: c.sha1, sha256: c.sha256, hasDer: c.der !== undefined };
}

function alertView(a: AlertInfo): AlertView {
	const decrypted = a.encrypted && a.description !== null;
	return { frame: a.frame, from: a.from, level: a.level ?? 'encrypted', encrypted: a.encrypted, decrypted, code: a.description, name: a.name, text: a.from === 'client' ? l10n.t('{0}, from the client', alertWords(a)) : l10n.t('{0}, from the server', alertWords(a)) };
}

function clientCertificateText(certs: readonly CertificateSummary[] | null, requested: boolean): string {
	if (certs === null) return requested ? l10n.t('not sent') : '—';
	if (certs.length === 0) return l10n.t('none (empty Certificate)');
	return certs[0]!.subject;
}

function timeline(h: HandshakeResult): TimelineEntry[] {
	const f = h.facts;
	const req = h.certificateRequest;
	const out: TimelineEntry[] = [];
	const add = (ok: boolean, frame: number | null, text: string) => {
		if (ok) out.push({ frame, text });
	};
	add(h.renegotiation, null, l10n.t('Renegotiation inside the encrypted session (decrypted with the key log)'));
	add(f.sawClientHello, h.firstFrame, h.sni ? l10n.t('ClientHello (SNI {0}), offers {1}', h.sni, h.versions.offered.join(', ') || '?') : l10n.t('ClientHello, offers {0}', h.versions.offered.join(', ') || '?'));
	add(f.helloRetryRequest, null, 'HelloRetryRequest');
	add(f.sawServerHello, null, `ServerHello: ${h.versions.selected ?? '?'}, ${h.cipherSuite ?? '?'}`);
	add(h.serverCertificates.length > 0, null, l10n.t('Server Certificate: {0} certificate(s)', h.serverCertificates.length));
	add(req !== null, req?.frame ?? null, l10n.t('CertificateRequest: {0} CA names, {1} bytes in {2} record(s)', req?.distinguishedNames.length ?? 0, req?.listBytes ?? 0, req?.records ?? 0));
	if (h.clientCertificates !== null) out.push({ frame: null, text: h.clientCertificates.length ? l10n.t('Client Certificate: {0}', h.clientCertificates[0]!.subject) : l10n.t('Client Certificate: empty (no certificate)') });
	else if (req) out.push({ frame: null, text: l10n.t('Client Certificate: not seen') });
	add(f.certificateVerify, null, l10n.t('Client CertificateVerify'));
	add(f.clientFinished, null, l10n.t('Client Finished'));
	add(f.serverFinished, null, l10n.t('Server Finished'));
	add(f.encryptedRenegotiation, null, l10n.t('Encrypted renegotiation (post-handshake)'));
	add(f.applicationData, null, l10n.t('Application data'));
	for (const a of h.alerts) out.push({ frame: a.frame, text: l10n.t('Alert: {0}', alertView(a).text) });
	add(f.incomplete, null, l10n.t('Capture incomplete: data missing in this connection'));
	add(h.verdict.kind === 'incomplete', null, h.verdict.missing ? l10n.t('Incomplete: the capture does not hold {0}', h.verdict.missing) : l10n.t('Incomplete: the capture does not hold the rest of the handshake'));
	return out;
}

/** One connection's view. `limitBytes` is the target OS issuer list limit. */
export function connectionView(h: HandshakeResult, id: number, limitBytes: number): ConnectionView {
	const req = h.certificateRequest;
	const dnList = req ? dnEntries(req.distinguishedNames, limitBytes) : [];
	const alerts = h.alerts.map(alertView);
	return {
		id,
		stream: h.stream,
		firstFrame: h.firstFrame,
		client: h.client,
		server: h.server,
		sni: h.sni ?? '',
		version: h.versions.selected ?? (h.versions.offered[0] ? `${h.versions.offered[0]}?` : '?'),
		offeredVersions: h.versions.offered,
		cipherSuite: h.cipherSuite ?? '',
		alpn: h.alpn,
		clientAuthRequested: req !== null,
		caCount: dnList.length,
		caBytes: req?.listBytes ?? 0,
		caRecords: req?.records ?? 0,
		dnList,
		caKeptByTarget: dnList.filter((d) => !d.cut).length,
		clientCertificates: h.clientCertificates?.map(certificateRow) ?? null,
		clientCertificateText: clientCertificateText(h.clientCertificates, req !== null),
		serverCertificates: h.serverCertificates.map(certificateRow),
		alerts,
		alertText: alerts.map((a) => (a.name ? `${a.name} (${a.code})` : l10n.t('encrypted'))).join(', '),
		encryptedHandshake: h.encryptedHandshake,
		decrypted: h.decrypted,
		renegotiation: h.renegotiation,
		complete: h.complete,
		verdictKind: h.verdict.kind,
		severity: h.verdict.severity,
		verdictCode: h.verdict.code,
		verdictMessage: h.verdict.message,
		timeline: timeline(h),
	};
}

/** The DN list as text: one line per entry with bytes and running total, and the cut line. */
export function dnListText(c: ConnectionView, fileName: string, targetOs: string, limitBytes: number): string {
	const lines = [
		`# ${l10n.t('Acceptable CA names sent by {0} to {1} (stream {2}) in {3}', c.server, c.client, c.stream, fileName)}`,
		`# ${l10n.t('{0} names, {1} bytes; bytes = DER length, total = running sum of 2-byte prefix + DER', c.caCount, c.caBytes)}`,
		`# ${l10n.t('Cut line: {0} sends at most {1} bytes', targetOs, limitBytes)}`,
		'',
	];
	let cutDrawn = false;
	c.dnList.forEach((d, i) => {
		if (d.cut && !cutDrawn) {
			lines.push(`---- ${l10n.t('{0} cuts the list here ({1} bytes); the {2} entries below are not sent', targetOs, limitBytes, c.caCount - i)} ----`);
			cutDrawn = true;
		}
		lines.push(`${String(i + 1).padStart(4)}  ${String(d.bytes).padStart(5)} B  ${l10n.t('total')} ${String(d.cumulative).padStart(6)}  ${d.text}`);
	});
	return lines.join('\n') + '\n';
}
