import * as l10n from '@vscode/l10n';
import { computeIssuerList } from '../issuers/compute';
import type { IssuerListResult } from '../issuers/types';
import type { RegDocument } from '../reg/types';
import { checkSchannel } from '../schannel/check';
import type { IssuerListSummary } from '../schannel/checker';
import type { WindowsVersion } from '../schannel/os';
import { dwordOf, SchannelState } from '../schannel/state';
import { resolveTargetOs } from '../schannel/target';
import type { SchannelFinding } from '../schannel/types';
import { storeCertificatesFromReg } from '../issuers/fromRegistry';
import { checkRegCertificates } from '../stores/storeChecks';
import { certificatesFromReg, type RegCertificate } from '../x509/regStores';

/** Everything Schannel Lens says about one `.reg` file. */
export interface RegFileAnalysis {
	readonly os: WindowsVersion;
	readonly osFrom: 'comment' | 'setting' | 'default';
	/** Schannel rules and certificate-store rules, in file order. */
	readonly findings: readonly SchannelFinding[];
	readonly certificates: readonly RegCertificate[];
	/** The trusted issuer list, when the file holds the local machine's Root/ClientAuthIssuer stores. */
	readonly issuerList?: IssuerListResult;
}

export interface RegAnalysisOptions {
	/** The configured target OS name (setting or CLI option); a `; target:` line wins. */
	readonly targetOs?: string;
	readonly now?: Date;
	/** Name of the file, for sources in reports. */
	readonly fileName?: string;
	/** The diagnosis engine's answer for the machine's issuer list (see CheckOptions.issuerAnswer). */
	readonly issuerAnswer?: { readonly severity: 'error' | 'warning' | 'info'; readonly message: string } | null;
}

/** Runs every `.reg` check: Schannel rules, certificate `Blob`s, and the issuer-list size. */
export function analyzeReg(doc: RegDocument, text: string, options: RegAnalysisOptions = {}): RegFileAnalysis {
	const target = resolveTargetOs(text, options.targetOs);
	const certificates = certificatesFromReg(doc);
	const issuerList = issuerListFor(doc, certificates, target.os, options.fileName ?? l10n.t('this file'));
	const summary: IssuerListSummary | undefined = issuerList && issuerList.source.store !== 'none'
		? { count: issuerList.entries.length, derBytes: issuerList.totals.names, vectorBytes: issuerList.totals.vectorBody, cutCount: issuerList.entries.filter((e) => e.cut).length, store: issuerList.source.store, ...anchorOf(certificates) }
		: undefined;
	const findings = [
		...checkSchannel(doc, { os: target.os, ...(target.comment ? { targetComment: target.comment } : {}), ...(summary ? { issuerList: summary } : {}), ...(options.issuerAnswer !== undefined ? { issuerAnswer: options.issuerAnswer } : {}) }),
		...checkRegCertificates(certificates, options.now ?? new Date()),
	].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
	return { os: target.os, osFrom: target.from, findings, certificates, ...(issuerList ? { issuerList } : {}) };
}

function issuerListFor(doc: RegDocument, certificates: readonly RegCertificate[], os: WindowsVersion, fileName: string): IssuerListResult | undefined {
	// The file's own stores only: the machine's other exports reach the issuer-list line through the diagnosis engine.
	const storeCerts = storeCertificatesFromReg(certificates, fileName);
	if (!storeCerts.some((c) => c.store === 'Root' || c.store === 'AuthRoot' || c.store === 'ClientAuthIssuer')) return undefined;
	const state = SchannelState.fromDocument(doc);
	const stil = dwordOf(state.get('', 'SendTrustedIssuerList'));
	const catm = dwordOf(state.get('', 'ClientAuthTrustMode'));
	const mlc = dwordOf(state.get('messaging', 'MessageLimitClient'));
	return computeIssuerList(storeCerts, { os, ...(stil !== undefined ? { sendTrustedIssuerList: stil } : {}), ...(catm !== undefined ? { clientAuthTrustMode: catm } : {}), ...(mlc !== undefined ? { messageLimitClient: mlc } : {}) });
}

/** The first Root/AuthRoot/ClientAuthIssuer key of the local machine, to carry the list's size in a store-only export. */
function anchorOf(certificates: readonly RegCertificate[]): { anchor?: RegCertificate['keyRange'] } {
	const first = certificates.find((c) => /^(root|authroot|clientauthissuer)$/i.test(c.storeName) && c.storeLocation.startsWith('LOCAL_MACHINE'));
	return first ? { anchor: first.keyRange } : {};
}
