import * as assert from 'node:assert/strict';
import type { ChainResult } from '../../../src/core/chain';
import { layoutChains, wrapText } from '../../../webview/chain/layout';

function node(id: string): ChainResult['nodes'][number] {
	return { id, sha1: id, subject: `CN=${id}`, subjectWindows: `CN=${id}`, issuer: '', issuerWindows: '', serial: '01', notBefore: '', notAfter: '2030-01-01', isCa: id !== 'leaf', selfIssued: id === 'root', trustAnchor: id === 'root', sources: ['x'], signatureAlgorithm: '', publicKey: '', crlDistributionPoints: [], ocsp: [], caIssuers: [] };
}

const base = { schemaVersion: 1 as const, leaf: 'leaf', purpose: 'client' as const, at: '2026-06-01T00:00:00Z', truncated: false, profile: 'windows' as const, limitsHit: [] };
const verdict: ChainResult['verdict'] = { trusted: false, kind: 'invalid', summary: 's', flags: [], failingDepths: [] };

function path(nodes: string[], edges: (number | null)[], v: ChainResult['chains'][number]['verdict'] = 'trusted'): ChainResult['chains'][number] {
	return {
		elements: nodes.map((n, depth) => ({ depth, node: n, edge: edges[depth] ?? null, status: n === 'intOld' ? [{ flag: 'IS_NOT_TIME_VALID', severity: 'error', message: 'expired' }] : [] })),
		verdict: v,
		trusted: v === 'trusted',
		errorFlags: [],
		warningFlags: [],
		errorStatus: 0,
		failingDepths: [],
		rankKey: [],
	};
}

suite('chain view layout (webview/chain/layout.ts)', () => {
	test('leaf at the bottom, root at the top, alternatives side by side, shared nodes drawn once', () => {
		const result: ChainResult = {
			...base,
			verdict,
			nodes: ['leaf', 'int', 'intOld', 'root'].map(node),
			edges: [
				{ from: 'leaf', to: 'int', match: 'nameAndKeyId', signature: 'valid', signatureDetail: '' },
				{ from: 'int', to: 'root', match: 'nameAndKeyId', signature: 'valid', signatureDetail: '' },
				{ from: 'leaf', to: 'intOld', match: 'nameAndKeyId', signature: 'valid', signatureDetail: '' },
				{ from: 'intOld', to: 'root', match: 'name', signature: 'valid', signatureDetail: '' },
			],
			chains: [path(['leaf', 'int', 'root'], [0, 1]), path(['leaf', 'intOld', 'root'], [2, 3], 'invalid')],
			missingIssuers: [],
		};
		const l = layoutChains(result);
		const at = (id: string) => l.boxes.find((b) => b.node === id)!;
		assert.equal(l.boxes.length, 4, 'leaf and root are shared');
		assert.equal(l.columns, 2);
		assert.equal(at('root').row, 0);
		assert.equal(at('leaf').row, 2);
		assert.deepEqual([at('int').column, at('intOld').column], [0, 1]);
		assert.equal(at('intOld').severity, 'error');
		assert.equal(l.edges.length, 4);
	});

	test('a partial chain gets a missing-issuer box above its top', () => {
		const result: ChainResult = {
			...base,
			verdict,
			nodes: ['leaf', 'int'].map(node),
			edges: [{ from: 'leaf', to: 'int', match: 'name', signature: 'valid', signatureDetail: '' }],
			chains: [path(['leaf', 'int'], [0], 'partial')],
			missingIssuers: [{ node: 'int', issuer: 'CN=root', issuerWindows: 'CN=root', authorityKeyId: null, caIssuers: ['http://ca.example/root.cer'], nearMisses: [] }],
		};
		const l = layoutChains(result);
		assert.deepEqual(l.missing.map((m) => [m.row, m.issuer, m.caIssuers[0]]), [[0, 'CN=root', 'http://ca.example/root.cer']]);
		assert.equal(l.boxes.find((b) => b.node === 'int')!.row, 1);
		assert.equal(l.rows, 3);
	});
});

suite('chain node text wrapping (issue 15)', () => {
	test('wraps at separators, cuts only over-long words, never drops or elides text', () => {
		const text = 'Not trusted: "alice.client" was issued by "CN=Schannel Lens Lab Issuing CA 1,OU=Fixtures,O=Schannel Lens Lab,C=US", whose certificate is not among the certificates given.';
		const lines = wrapText(text, 44);
		assert.ok(lines.every((l) => l.length <= 44), lines.join('\n'));
		assert.equal(lines.join('').replace(/\s+/g, ''), text.replace(/\s+/g, ''), 'every character is kept');
		assert.ok(!lines.some((l) => l.includes('…')));
		assert.deepEqual(wrapText('x'.repeat(100), 44).map((l) => l.length), [44, 44, 12]);
		assert.deepEqual(wrapText('', 10), ['']);
	});
});
