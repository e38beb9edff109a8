import * as l10n from '@vscode/l10n';
import type { RegDocument } from '../reg/types';
import { RULES } from './catalog';
import { Checker, type IssuerListSummary } from './checker';
import { insertValueAfter, setDword } from './fixes';
import { checkKey } from './keyRules';
import type { WindowsVersion } from './os';
import { classify } from './paths';
import { checkProtocols } from './protocolRules';
import { SchannelState } from './state';
import type { TargetComment } from './target';
import type { SchannelFinding } from './types';

export interface CheckOptions {
	readonly os: WindowsVersion;
	/** The file's `; target:` comment, so an unknown name can be flagged. */
	readonly targetComment?: TargetComment;
	/** The issuer list of this machine, when its store exports are known. */
	readonly issuerList?: IssuerListSummary;
	/**
	 * The diagnosis engine's answer for this machine's list (issue 10): its message and severity go on the
	 * SendTrustedIssuerList line; null while it is being computed (no finding yet).
	 */
	readonly issuerAnswer?: { readonly severity: 'error' | 'warning' | 'info'; readonly message: string } | null;
}

/** Runs every Schannel rule over a parsed `.reg` file for the target OS. */
export function checkSchannel(doc: RegDocument, options: CheckOptions): SchannelFinding[] {
	const c = new Checker(options.os);
	const comment = options.targetComment;
	if (comment && !comment.os) c.report(RULES.unknownTarget, l10n.t('"{0}" is not a Windows version Schannel Lens knows; the rules use {1}. Write it as Windows prints it, e.g. "Windows Server 2012 R2".', comment.text, options.os.name), comment.range);
	for (const key of doc.keys) if (key.valid) checkKey(c, key);
	const state = SchannelState.fromDocument(doc);
	for (const [old, winner] of state.overridden) {
		c.report(RULES.overridden, l10n.t('"{0}" is set again on line {1}; regedit applies the file top to bottom, so this line has no lasting effect.', old.value.name, winner.value.range.start.line + 1), old.value.nameRange);
	}
	checkProtocols(c, state);
	issuerListFinding(c, doc, options);
	return c.findings;
}

function issuerListFinding(c: Checker, doc: RegDocument, options: CheckOptions): void {
	const os = options.os;
	const limit = os.issuerListLimit.bytes;
	const line = c.issuerList;
	const list = options.issuerList;
	if (!line && !(list && os.sendTrustedIssuerListDefault)) return;
	const schannelKey = line?.key ?? doc.keys.find((k) => k.valid && k.op === 'set' && classify(k.root, k.subPath)?.kind === 'schannel');
	const range = line ? line.value.range : schannelKey ? schannelKey.pathRange : list?.anchor;
	if (!range) return;
	const fixes = line ? [setDword(line.value, 0, l10n.t('Set SendTrustedIssuerList to 0 (send no list)'))] : schannelKey ? [insertValueAfter(schannelKey, 'SendTrustedIssuerList', 0, l10n.t('Add "SendTrustedIssuerList"=dword:00000000'))] : [];
	const estimate = os.issuerListLimit.evidence === 'documented' ? '' : l10n.t(' (the limit for this version is presumed, not documented)');
	if (options.issuerAnswer !== undefined) {
		if (options.issuerAnswer) c.report(RULES.issuerListSent, options.issuerAnswer.message, range, fixes, options.issuerAnswer.severity);
		return;
	}
	if (!list) {
		c.report(RULES.issuerListSent, l10n.t('This server sends its trusted issuer list in every CertificateRequest. {0} sends at most {1} bytes{2} and cuts the rest silently (event 36885): clients whose CA was cut offer no certificate (KB 2464556). Open the machine\'s Root store export to compute the size.', os.name, limit.toLocaleString('en-US'), estimate), range, fixes, 'warning');
		return;
	}
	const over = list.vectorBytes > limit;
	const cas = list.count === 1 ? l10n.t('1 CA') : l10n.t('{0} CAs', list.count);
	const message = over
		? l10n.t('{0} in {1} → {2} bytes; {3} sends at most {4}{5}: about {6} CAs would be cut, and clients whose certificate chains to one of them cannot authenticate (KB 2464556).', cas, list.store, list.vectorBytes.toLocaleString('en-US'), os.name, limit.toLocaleString('en-US'), estimate, list.cutCount)
		: l10n.t('{0} in {1} → {2} bytes, within the {3}-byte limit of {4}{5}.', cas, list.store, list.vectorBytes.toLocaleString('en-US'), limit.toLocaleString('en-US'), os.name, estimate);
	// Over the limit while sent: every client whose CA is cut fails to log on now (an error, issue 15).
	c.report(RULES.issuerListSent, message, range, fixes, over ? 'error' : 'info');
}
