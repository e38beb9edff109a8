// Where the capture table may break a cell's word (issue 15): after ':' '.' '_' '/' ',' only, never mid-token.
import * as assert from 'node:assert/strict';
import { pieces } from '../../../webview/capture/breaks';

suite('capture table: break points inside a word', () => {
	const cases: [string, string[]][] = [
		['localhost', ['localhost']],
		['127.0.0.1:50432', ['127.', '0.', '0.', '1:', '50432']],
		['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', ['TLS_', 'ECDHE_', 'RSA_', 'WITH_', 'AES_', '128_', 'GCM_', 'SHA256']],
		['CN=alice.client,OU=Clients', ['CN=alice.', 'client,', 'OU=Clients']],
		['list.', ['list.'], ],
		['a::b', ['a::', 'b']],
	];
	for (const [word, want] of cases) test(`${word} → ${want.join(' | ')}`, () => assert.deepEqual(pieces(word), want));
});
