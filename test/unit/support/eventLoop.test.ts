// The integration test's event-loop verdict (test/support/eventLoop.ts): the bound is on the largest sample,
// and controls over the bound or an oversubscribed machine make a run over it inconclusive instead of a silent pass.
import * as assert from 'node:assert/strict';
import { BLOCKED_MS, eventLoopVerdict, OVERSUBSCRIBED, TARGET_MS } from '../../support/eventLoop';

const QUIET = 0.3;

suite('event-loop verdict of the PKCS#12 host test (issue 13)', () => {
	test('under the bound passes, whatever the controls and the load', () => {
		assert.equal(eventLoopVerdict(TARGET_MS - 0.1, 12, QUIET), 'pass');
		assert.equal(eventLoopVerdict(40, 300, 6.5), 'pass');
	});

	test('at or over the bound on a quiet machine with quiet controls fails; a second or more is a stall', () => {
		assert.equal(eventLoopVerdict(TARGET_MS, 20, QUIET), 'fail');
		assert.equal(eventLoopVerdict(450, 20, OVERSUBSCRIBED - 0.01), 'fail');
		assert.equal(eventLoopVerdict(BLOCKED_MS, 20, QUIET), 'stall');
	});

	test('over the bound when the controls reach it or the machine is oversubscribed: inconclusive, unless it is a stall the controls never show', () => {
		assert.equal(eventLoopVerdict(180, 140, QUIET), 'inconclusive');
		assert.equal(eventLoopVerdict(197, 96, 6.6), 'inconclusive');
		assert.equal(eventLoopVerdict(197, 96, OVERSUBSCRIBED), 'inconclusive');
		assert.equal(eventLoopVerdict(49_000, 300, 6.6), 'stall');
		assert.equal(eventLoopVerdict(1500, 1200, QUIET), 'inconclusive');
	});
});
