import * as vscode from 'vscode';
import { parseRegText, type RegDocument } from '../core/reg';
import { analyzeReg, type RegFileAnalysis } from '../core/analysis';
import { resolveTargetOs, type SchannelFinding, type WindowsVersion } from '../core/schannel';
import { configuredTargetOs, explicitTargetOs } from '../shared/settings';
import { MachineStoreLoader } from './machineCase';

/** A `.reg` document parsed and checked for one version and one target OS. */
export interface RegAnalysis {
	readonly version: number;
	/** MachineStoreLoader generation the analysis used. */
	readonly generation: number;
	readonly doc: RegDocument;
	readonly os: WindowsVersion;
	readonly osFrom: 'comment' | 'setting' | 'default';
	readonly findings: readonly SchannelFinding[];
	readonly certificates: RegFileAnalysis['certificates'];
	readonly issuerList: RegFileAnalysis['issuerList'];
}

/**
 * Parses and checks each `.reg` document once per version, and shares the result between
 * the outline, diagnostics, hovers, quick fixes and the effective-configuration view.
 */
export class RegAnalysisCache implements vscode.Disposable {
	private readonly _cache = new Map<string, RegAnalysis>();
	private readonly _subscriptions: vscode.Disposable[] = [];
	/** Other exports of the same machine (the same folder). */
	readonly machineStores = new MachineStoreLoader();

	constructor() {
		this._subscriptions.push(
			this.machineStores,
			vscode.workspace.onDidCloseTextDocument((d) => this._cache.delete(d.uri.toString())),
			vscode.workspace.onDidChangeConfiguration((e) => {
				if (e.affectsConfiguration('schannelLens.targetOs')) this._cache.clear();
			}),
		);
	}

	get(document: vscode.TextDocument): RegAnalysis {
		const key = document.uri.toString();
		const hit = this._cache.get(key);
		if (hit && hit.version === document.version && hit.generation === this.machineStores.generation) return hit;
		const text = document.getText();
		const doc = parseRegText(text);
		const generation = this.machineStores.generation;
		const target = resolveTargetOs(text, explicitTargetOs());
		const issuerAnswer = this.machineStores.issuerAnswer(document, target.from === 'default' ? undefined : target.os);
		const result = analyzeReg(doc, text, { targetOs: configuredTargetOs(), fileName: document.uri.path.split('/').pop() ?? 'export.reg', ...(issuerAnswer !== undefined ? { issuerAnswer } : {}) });
		const analysis: RegAnalysis = { version: document.version, generation, doc, os: result.os, osFrom: result.osFrom, findings: result.findings, certificates: result.certificates, issuerList: result.issuerList };
		this._cache.set(key, analysis);
		return analysis;
	}

	/** Forgets every document (e.g. when the target OS setting changes). */
	clear(): void {
		this._cache.clear();
	}

	dispose(): void {
		vscode.Disposable.from(...this._subscriptions).dispose();
		this._cache.clear();
	}
}
