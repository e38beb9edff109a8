import * as assert from 'node:assert/strict';
import { decodeOid, encodeOidContent, encodeTlv, Tag, tryReadTlv } from '../../../../src/core/x509';
import { decodeTime, readTlv } from '../../../../src/core/x509/der';
import { fromHex } from '../../../../src/core/crypto';

const hex = (s: string): Uint8Array => fromHex(s)!;

suite('x509 der: TLV reader with offsets', () => {
	test('short, long and indefinite lengths', () => {
		const short = tryReadTlv(hex('0403010203')).value!;
		assert.deepEqual([short.tag, short.start, short.end, short.next], [0x04, 2, 5, 5]);
		const long = encodeTlv(0x04, new Uint8Array(300));
		const l = tryReadTlv(long).value!;
		assert.deepEqual([l.start, l.end], [4, 304]);
		const indef = tryReadTlv(hex('30800403010203 0000'.replace(/ /g, ''))).value!;
		assert.deepEqual([indef.indefinite, indef.start, indef.end, indef.next], [true, 2, 7, 9]);
	});

	const bad: [string, string, number, RegExp][] = [
		['empty', '', 0, /expected a tag/],
		['no length', '30', 1, /expected a length/],
		['runs past the end', '300a0101', 0, /runs past the end/],
		['5-byte length', '3085ffffffffff', 1, /too large/],
		['indefinite primitive', '0480', 1, /indefinite length on a primitive/],
		['indefinite without end', '30800101ff', 0, /no end-of-contents/],
	];
	for (const [name, input, offset, message] of bad) {
		test(`bad DER (${name}) → a problem at byte ${offset}, no exception`, () => {
			const r = tryReadTlv(hex(input));
			assert.equal(r.value, undefined);
			assert.equal(r.problems.length, 1);
			assert.equal(r.problems[0]!.offset, offset);
			assert.match(r.problems[0]!.message, message);
		});
	}

	test('deep indefinite nesting is refused, not a stack overflow', () => {
		const bytes = new Uint8Array(200_000);
		for (let i = 0; i < bytes.length; i += 2) bytes.set([0x30, 0x80], i);
		const r = tryReadTlv(bytes);
		assert.equal(r.value, undefined);
		assert.match(r.problems[0]!.message, /too deep|no end-of-contents/);
	});

	test('OIDs round-trip, including large arcs', () => {
		for (const oid of ['2.5.4.3', '1.2.840.113549.1.1.11', '0.9.2342.19200300.100.1.25', '2.25.329800735698586629295641978511506172918', '1.3.6.1.4.1.311.21.7', '2.999.3']) {
			const der = encodeTlv(Tag.OID, encodeOidContent(oid)!);
			assert.equal(decodeOid(der, readTlv(der, 0)), oid);
		}
		assert.equal(encodeOidContent('1.40'), undefined);
		assert.equal(encodeOidContent('CN'), undefined);
	});

	test('UTCTime / GeneralizedTime', () => {
		const t = (tag: number, s: string): string => {
			const der = encodeTlv(tag, new TextEncoder().encode(s));
			return decodeTime(der, readTlv(der, 0)).toISOString();
		};
		assert.equal(t(Tag.UTC_TIME, '491231235959Z'), '2049-12-31T23:59:59.000Z');
		assert.equal(t(Tag.UTC_TIME, '500101000000Z'), '1950-01-01T00:00:00.000Z');
		assert.equal(t(Tag.GENERALIZED_TIME, '99991231235959Z'), '9999-12-31T23:59:59.000Z');
		assert.equal(t(Tag.UTC_TIME, '2401010000+0100'), '2023-12-31T23:00:00.000Z');
		assert.throws(() => t(Tag.UTC_TIME, '24130100000Z'));
	});
});
