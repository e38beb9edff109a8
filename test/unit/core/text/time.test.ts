// The one date formatter (issue 15): ISO 8601 UTC everywhere, local time beside, unknown zones never called UTC.
import * as assert from 'node:assert/strict';
import { eventTimeText, isoUtc, isoUtcWithLocal, localText } from '../../../../src/core/text/time';

suite('time: ISO 8601 UTC with the local time beside', () => {
	const d = new Date(Date.UTC(2026, 2, 2, 8, 15, 4, 46));

	test('isoUtc: seconds by default, milliseconds on request, invalid → empty', () => {
		assert.equal(isoUtc(d), '2026-03-02T08:15:04Z');
		assert.equal(isoUtc(d, { ms: true }), '2026-03-02T08:15:04.046Z');
		assert.equal(isoUtc(new Date(Number.NaN)), '');
	});

	test('localText: the viewer\'s clock with its offset, east and west, across midnight', () => {
		assert.equal(localText(d, 60), '2026-03-02 09:15 local (UTC+01:00)');
		assert.equal(localText(d, -(9 * 60 + 30)), '2026-03-01 22:45 local (UTC-09:30)');
		assert.equal(localText(d, 5 * 60 + 45), '2026-03-02 14:00 local (UTC+05:45)');
	});

	test('isoUtcWithLocal: local beside, left out in UTC', () => {
		assert.equal(isoUtcWithLocal(d, 60), '2026-03-02T08:15:04Z (2026-03-02 09:15 local (UTC+01:00))');
		assert.equal(isoUtcWithLocal(d, 0), '2026-03-02T08:15:04Z');
	});

	test('eventTimeText: .evtx/XML UTC times to the millisecond; export times without a zone marked local', () => {
		assert.equal(eventTimeText('2017-05-19T02:02:36.0460000Z'), '2017-05-19T02:02:36.046Z');
		assert.equal(eventTimeText('2017-05-19T02:02:36Z'), '2017-05-19T02:02:36Z');
		assert.equal(eventTimeText('2017-05-19T04:02:36.5+02:00'), '2017-05-19T02:02:36.500Z');
		assert.equal(eventTimeText('2026-03-02T08:15:04'), '2026-03-02T08:15:04 (local time of the export)');
		assert.equal(eventTimeText(''), '');
		assert.equal(eventTimeText('yesterday'), 'yesterday', 'unrecognised text is shown as the file has it');
	});
});
