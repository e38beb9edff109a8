// What the core makes of one fixture, reduced to a digest plus a few readable counts. The same module runs in
// Node (mocha) and, bundled by esbuild for the browser, in headless Chromium (test/unit/browser): the core must
// give the same results in both (issue 13: src/core is browser-safe, the web extension depends on it).
import { analyzeReg } from '../../src/core/analysis';
import { readCapture } from '../../src/core/capture';
import { decodeRegBytes, parseRegBytes } from '../../src/core/reg';
import { formatRfc4514, loadCertificates } from '../../src/core/x509';

/** The digest of everything the core returned, and counts a person can read in a failure message. */
export interface ProbeResult {
	readonly kind: 'reg' | 'capture' | 'certificates';
	readonly counts: Record<string, number | string>;
	readonly sha256: string;
}

/** JSON with bytes as hex, so both sides serialize byte arrays the same way. */
function canonical(value: unknown): string {
	return JSON.stringify(value, (_key, v: unknown) => {
		if (typeof v === 'bigint') return `${v}n`;
		if (v instanceof Uint8Array) return Array.from(v, (b) => b.toString(16).padStart(2, '0')).join('');
		if (v instanceof Map) return [...(v as Map<unknown, unknown>).entries()];
		if (v instanceof Set) return [...(v as Set<unknown>).values()];
		return v;
	});
}

async function digest(value: unknown): Promise<string> {
	const hash = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonical(value)));
	return Array.from(new Uint8Array(hash), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Runs the core on `bytes` as the file `name` would be read (a fixed clock, so validity checks agree). */
export async function probe(name: string, bytes: Uint8Array): Promise<ProbeResult> {
	if (/\.reg$/i.test(name)) {
		const doc = parseRegBytes(bytes);
		const analysis = analyzeReg(doc, decodeRegBytes(bytes).text, { now: new Date('2026-06-01T00:00:00Z'), fileName: name });
		return { kind: 'reg', counts: { keys: doc.keys.length, problems: doc.problems.length, findings: analysis.findings.length, certificates: analysis.certificates.length }, sha256: await digest({ doc, analysis }) };
	}
	if (/\.(pcap|pcapng|cap)(\.gz)?$/i.test(name)) {
		const report = readCapture(bytes);
		return { kind: 'capture', counts: { handshakes: report.handshakeResults.length, problems: report.problemList.length }, sha256: await digest(report) };
	}
	const loaded = await loadCertificates(bytes, { fileName: name, password: 'test', crypto: globalThis.crypto.subtle });
	const view = loaded.value.map((l) => ({ source: l.source, subject: formatRfc4514(l.certificate.subject), issuer: formatRfc4514(l.certificate.issuer), serial: l.certificate.serialHex, notAfter: l.certificate.notAfterIso, sha256: l.certificate.sha256, extensions: l.certificate.extensions }));
	return { kind: 'certificates', counts: { certificates: loaded.value.length, problems: loaded.problems.length, first: view[0]?.subject ?? '' }, sha256: await digest({ view, problems: loaded.problems }) };
}
