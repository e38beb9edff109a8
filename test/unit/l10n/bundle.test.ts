// The string bundle (issue 13 item 7): l10n/bundle.l10n.json is what `npm run l10n:export` extracts from src/ and
// webview/ today, and the German bundle translates every key with the same placeholders.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getL10nJson } from '@vscode/l10n-dev';
import * as l10n from '@vscode/l10n';
import { handshakeVerdict, type VerdictInput } from '../../../src/core/capture';
import { REPO_ROOT } from '../../support/fixtures';

const read = (name: string) => JSON.parse(readFileSync(join(REPO_ROOT, name), 'utf8')) as Record<string, string | { message: string }>;
const text = (v: string | { message: string }) => (typeof v === 'string' ? v : v.message);
const placeholders = (s: string) => [...s.matchAll(/\{\d+\}/g)].map((m) => m[0]).sort();

function sources(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

suite('l10n: string bundles (issue 13 item 7)', () => {
	const en = read('l10n/bundle.l10n.json');
	const de = read('l10n/bundle.l10n.de.json');

	test('bundle.l10n.json holds exactly the strings src/ and webview/ pass to l10n.t (run npm run l10n:export after a change)', async () => {
		const files = [...sources(join(REPO_ROOT, 'src')), ...sources(join(REPO_ROOT, 'webview'))].map((f) => ({ extension: '.ts', contents: readFileSync(f, 'utf8') }));
		const extracted = await getL10nJson(files);
		assert.deepEqual(Object.keys(en).sort(), Object.keys(extracted).sort());
	});

	test('every key has a German text with the same placeholders; no German key is left over', () => {
		assert.ok(Object.keys(en).length > 50, `${Object.keys(en).length} strings`);
		for (const key of Object.keys(en)) {
			const german = de[key];
			assert.ok(german !== undefined && text(german).trim().length > 0, `no German text for ${JSON.stringify(key)}`);
			assert.deepEqual(placeholders(text(german)), placeholders(key), `placeholders of ${JSON.stringify(key)}`);
		}
		assert.deepEqual(Object.keys(de).filter((k) => !(k in en)), []);
	});

	test('the German bundle is German: most texts differ from the English', () => {
		const same = Object.keys(en).filter((k) => text(de[k]!) === k);
		assert.ok(same.length * 10 < Object.keys(en).length, `${same.length} texts are the same as English: ${same.slice(0, 20).join(' | ')}`);
	});

	test('the core speaks German once configured with the bundle, English again without', () => {
		// What src/shared/l10n.ts does at activation with vscode.l10n.bundle.
		const key = '{0} is enabled for the server. {1}';
		try {
			l10n.config({ contents: de as Record<string, string> });
			assert.equal(l10n.t(key, 'SSL 3.0', 'x'), 'SSL 3.0 ist für den Server aktiviert. x');
		} finally {
			l10n.config({ contents: {} });
		}
		assert.equal(l10n.t(key, 'SSL 3.0', 'x'), 'SSL 3.0 is enabled for the server. x');
	});

	test('a CertificateRequest verdict follows the language, also for a request already judged in another (its sentences are kept per request and language)', () => {
		const facts = { sawClientHello: true, sawServerHello: true, helloRetryRequest: false, clientFinished: true, serverFinished: true, applicationData: true, encryptedRenegotiation: false, renegotiatedLater: false, serverHelloDone: true, certificateVerify: true, incomplete: false, gap: false, serverFlightGap: false, decryptFailed: false };
		const names = Array.from({ length: 300 }, (_, i) => ({ der: `30${i}`, text: `CN=CA ${i}` }));
		const h: VerdictInput = {
			stream: 0, client: '10.0.0.1:50000', server: '10.0.0.2:443', firstFrame: 1, sni: null, alpn: [], versions: { offered: ['TLS 1.2'], selected: 'TLS 1.2' }, cipherSuite: null,
			encryptedHandshake: false, renegotiation: false, complete: true, end: 'closed', decrypted: false,
			certificateRequest: { frame: 5, certificateTypes: [1], signatureAlgorithms: [], distinguishedNames: names, listBytes: 40000, records: 3, messageBytes: 40100 },
			serverCertificates: [], clientCertificates: [], alerts: [], facts,
		};
		const english = 'Server asked for a client certificate with 300 acceptable CA names (40,000 bytes across 3 records).';
		assert.ok(handshakeVerdict(h).message.startsWith(english), handshakeVerdict(h).message);
		try {
			l10n.config({ contents: de as Record<string, string> });
			const german = handshakeVerdict(h).message;
			assert.ok(!german.startsWith(english), german);
			assert.ok(german.includes('40,000'), german);
		} finally {
			l10n.config({ contents: {} });
		}
		assert.ok(handshakeVerdict(h).message.startsWith(english), handshakeVerdict(h).message);
	});
});
