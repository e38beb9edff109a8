// The integration test's event-loop verdict (test/support/eventLoop.ts): the bound is on the largest sample,
// and an idle control over the bound makes a run over it inconclusive instead of a silent pass.
import * as assert from 'node:assert/strict';
import { BLOCKED_MS, eventLoopVerdict, TARGET_MS } from '../../support/eventLoop';

suite('event-loop verdict of the PKCS#12 host test (issue 13)', () => {
	test('under the bound passes, whatever the idle control shows', () => {
		assert.equal(eventLoopVerdict(TARGET_MS - 0.1, 12), 'pass');
		assert.equal(eventLoopVerdict(40, 300), 'pass');
	});

	test('at or over the bound with a quiet idle control fails; a second or more is a stall', () => {
		assert.equal(eventLoopVerdict(TARGET_MS, 20), 'fail');
		assert.equal(eventLoopVerdict(450, 20), 'fail');
		assert.equal(eventLoopVerdict(BLOCKED_MS, 20), 'stall');
	});

	test('over the bound when the idle machine alone reaches it: inconclusive, unless it is a stall the idle machine never shows', () => {
		assert.equal(eventLoopVerdict(180, 140), 'inconclusive');
		assert.equal(eventLoopVerdict(900, 100), 'inconclusive');
		assert.equal(eventLoopVerdict(49_000, 300), 'stall');
		assert.equal(eventLoopVerdict(1500, 1200), 'inconclusive');
	});
});
