import * as l10n from '@vscode/l10n';
import type { Evidence, Severity } from '../reg/types';
import type { RuleInfo } from '../schannel/catalog';
import type { SchannelFinding } from '../schannel/types';
import { formatRfc4514, type RegCertificate } from '../x509';

const KB2802568 = 'https://support.microsoft.com/help/2802568';
const SYSSTORE = 'https://learn.microsoft.com/windows/win32/seccrypto/system-store-locations';

const rule = (code: string, severity: Severity, title: string, evidence: Evidence, docs: string): RuleInfo => ({ code, severity, title, evidence, docs });

/** Rules on certificate `Blob`s in `.reg` exports (issue 5 part 4). */
export const STORE_RULES = {
	thumbprintMismatch: rule('cert.thumbprint-mismatch', 'error', 'The key name is not the SHA-1 of its certificate', 'wine', SYSSTORE),
	undecodable: rule('cert.blob-undecodable', 'error', 'A Blob that holds no decodable certificate', 'documented', SYSSTORE),
	nonSelfSignedRoot: rule('cert.non-self-signed-root', 'warning', 'A certificate that is not self-signed in a Root store (KB 2802568)', 'documented', KB2802568),
	expiredRoot: rule('cert.expired-root', 'warning', 'An expired certificate in a Root store', 'documented', SYSSTORE),
	duplicate: rule('cert.duplicate', 'info', 'The same certificate or the same subject twice in one store', 'inferred', SYSSTORE),
} as const satisfies Record<string, RuleInfo>;

export const ALL_STORE_RULES: readonly RuleInfo[] = Object.values(STORE_RULES);

function finding(r: RuleInfo, message: string, rc: RegCertificate, range = rc.keyRange): SchannelFinding {
	return { code: r.code, severity: r.severity, message, range, evidence: r.evidence, docs: r.docs, fixes: [] };
}

function isRoot(rc: RegCertificate): boolean {
	return /^(root|authroot)$/i.test(rc.storeName);
}

/** Checks every certificate found in a `.reg` export's stores. `now` decides expiry. */
export function checkRegCertificates(regCerts: readonly RegCertificate[], now: Date): SchannelFinding[] {
	const out: SchannelFinding[] = [];
	const seenSha1 = new Map<string, RegCertificate>();
	const seenSubject = new Map<string, RegCertificate>();
	for (const rc of regCerts) {
		const cert = rc.certificate;
		if (!cert) {
			const first = rc.problems.find((p) => p.severity === 'error') ?? rc.problems[0];
			out.push(finding(STORE_RULES.undecodable, l10n.t('This Blob holds no certificate Windows could load{0}.', first ? l10n.t(': {0} (byte {1} of the Blob)', first.message, first.offset) : ''), rc, rc.valueRange));
			continue;
		}
		const store = `${rc.storeName} (${rc.storeLocation})`;
		if (!rc.sha1MatchesKey) {
			out.push(finding(STORE_RULES.thumbprintMismatch, l10n.t('The key is named {0}, but the certificate\'s SHA-1 is {1}. CryptoAPI names store keys by thumbprint; Wine skips such entries, and what Windows does is not documented.', rc.thumbprintKey, cert.sha1), rc));
		}
		if (isRoot(rc) && !cert.isSelfIssued) {
			out.push(finding(STORE_RULES.nonSelfSignedRoot, l10n.t('{0} is not self-signed (issued by {1}) but sits in {2}. On IIS 8 / Windows Server 2012 and later this makes client certificate authentication fail with HTTP 403.16 (CERT_E_UNTRUSTEDROOT), or 403.7 with SendTrustedIssuerList=1 (KB 2802568). Move it to the Intermediate Certification Authorities (CA) store.', formatRfc4514(cert.subject), formatRfc4514(cert.issuer), store), rc));
		}
		if (isRoot(rc) && cert.notAfter.getTime() < now.getTime()) {
			out.push(finding(STORE_RULES.expiredRoot, l10n.t('{0} expired on {1}. It vouches for nothing, yet its name still takes room in the trusted issuer list.', formatRfc4514(cert.subject), cert.notAfterIso), rc));
		}
		const storeKey = `${rc.storeLocation}\\${rc.storeName}`.toLowerCase();
		const bySha1 = `${storeKey}\\${cert.sha1}`;
		const bySubject = `${storeKey}\\${[...cert.subject.der].join(',')}`;
		const twin = seenSha1.get(bySha1);
		if (twin) out.push(finding(STORE_RULES.duplicate, l10n.t('The same certificate ({0}) is already in {1} on line {2}.', cert.sha1, store, twin.keyRange.start.line + 1), rc));
		else if (seenSubject.has(bySubject)) out.push(finding(STORE_RULES.duplicate, l10n.t('Another certificate in {0} (line {1}) has the same subject; if both feed the trusted issuer list, the name is sent twice.', store, seenSubject.get(bySubject)!.keyRange.start.line + 1), rc));
		seenSha1.set(bySha1, rc);
		if (!seenSubject.has(bySubject)) seenSubject.set(bySubject, rc);
	}
	return out;
}
