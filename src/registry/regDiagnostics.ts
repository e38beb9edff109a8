import * as vscode from 'vscode';
import type { Severity } from '../core/reg';
import { toRange } from './convert';
import type { RegAnalysis, RegAnalysisCache } from './regAnalysis';

const DEBOUNCE_MS = 200;

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
	error: vscode.DiagnosticSeverity.Error,
	warning: vscode.DiagnosticSeverity.Warning,
	info: vscode.DiagnosticSeverity.Information,
	hint: vscode.DiagnosticSeverity.Hint,
};

const SYNTAX_DOCS = vscode.Uri.parse('https://support.microsoft.com/topic/9c7f37cf-a5e9-e1cd-c4fa-2a26218a1a23');

/** Syntax problems and Schannel findings of one analysis, as VS Code diagnostics. */
export function toDiagnostics(analysis: RegAnalysis): vscode.Diagnostic[] {
	const out: vscode.Diagnostic[] = [];
	for (const p of analysis.doc.problems) {
		const d = new vscode.Diagnostic(toRange(p.range), p.message, SEVERITY[p.severity]);
		d.code = { value: p.code, target: SYNTAX_DOCS };
		d.source = 'Schannel Lens';
		out.push(d);
	}
	for (const f of analysis.findings) {
		const message = f.evidence === 'documented' ? f.message : f.evidence === 'inferred' ? vscode.l10n.t('{0} (inferred)', f.message) : vscode.l10n.t('{0} (undocumented)', f.message);
		const d = new vscode.Diagnostic(toRange(f.range), message, SEVERITY[f.severity]);
		d.code = { value: f.code, target: vscode.Uri.parse(f.docs) };
		d.source = `Schannel Lens · ${analysis.os.name}`;
		out.push(d);
	}
	return out;
}

/** Keeps a diagnostic collection in step with open `.reg` documents (debounced on typing). */
export function registerRegDiagnostics(cache: RegAnalysisCache): vscode.Disposable {
	const collection = vscode.languages.createDiagnosticCollection('schannel-lens');
	const timers = new Map<string, ReturnType<typeof setTimeout>>();
	const refresh = (document: vscode.TextDocument) => {
		if (document.languageId !== 'reg') return;
		collection.set(document.uri, toDiagnostics(cache.get(document)));
	};
	const schedule = (document: vscode.TextDocument) => {
		const key = document.uri.toString();
		clearTimeout(timers.get(key));
		timers.set(key, setTimeout(() => {
			timers.delete(key);
			refresh(document);
		}, DEBOUNCE_MS));
	};
	vscode.workspace.textDocuments.forEach(refresh);
	return vscode.Disposable.from(
		collection,
		vscode.workspace.onDidOpenTextDocument(refresh),
		vscode.workspace.onDidChangeTextDocument((e) => schedule(e.document)),
		vscode.workspace.onDidCloseTextDocument((d) => {
			clearTimeout(timers.get(d.uri.toString()));
			collection.delete(d.uri);
		}),
		// The same machine's store exports finished loading: the issuer-list size may change.
		cache.machineStores.onDidChange(() => vscode.workspace.textDocuments.forEach(refresh)),
		vscode.workspace.onDidChangeConfiguration((e) => {
			if (!e.affectsConfiguration('schannelLens.targetOs')) return;
			cache.clear();
			vscode.workspace.textDocuments.forEach(refresh);
		}),
		{ dispose: () => timers.forEach((t) => clearTimeout(t)) },
	);
}
