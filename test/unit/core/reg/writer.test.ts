import * as assert from 'node:assert/strict';
import { parseRegBytes, parseRegText, toWriteValue, writeReg, type RegDocument, type WriteKey } from '../../../../src/core/reg';
import { readFixture } from '../../../support/fixtures';

/** Rewrites a parsed document through the writer. */
function rewrite(doc: RegDocument): string {
	const keys: WriteKey[] = doc.keys.map((k) => ({
		path: k.path,
		delete: k.op === 'delete',
		values: k.values.map((v) => (v.op === 'delete' ? { name: v.name, delete: true as const } : toWriteValue(v.name, v.type, v.data, v.decoded))),
	}));
	return writeReg(keys);
}

function model(doc: RegDocument): unknown {
	return doc.keys.map((k) => [k.path, k.op, k.values.map((v) => [v.name, v.op, v.type, [...v.data].join(',')])]);
}

suite('.reg writer (issue 5 part 1: write a model back as .reg text)', () => {
	for (const fixture of ['public/racetracks__windows_crypto__tls12.reg', 'reg/store-ca.v5.reg', 'reg/schannel-2008r2-flawed.v5.reg', 'public/fsackur__PsSsl__schannel.reg']) {
		test(`round trip keeps every key and value: ${fixture}`, () => {
			const doc = parseRegBytes(readFixture(fixture));
			const again = parseRegText(rewrite(doc));
			assert.deepEqual(again.problems, []);
			assert.deepEqual(model(again), model(doc));
		});
	}

	test('writes regedit style: header, blank line before keys, escapes, dword, wrapped hex, deletions, comments', () => {
		const text = writeReg(
			[
				{ path: 'HKEY_LOCAL_MACHINE\\A', comments: ['why'], values: [{ name: 'D', dword: 0x1f }, { name: 'S', string: 'a"b\\c' }, { name: '', string: 'default' }, { name: 'Old', delete: true }] },
				{ path: 'HKEY_LOCAL_MACHINE\\B', delete: true },
				{ path: 'HKEY_LOCAL_MACHINE\\C', values: [{ name: 'Blob', type: 3, bytes: new Uint8Array(40).fill(0xab) }] },
			],
			{ header: ['generated'] },
		);
		const lines = text.split('\r\n');
		assert.deepEqual(lines.slice(0, 9), ['Windows Registry Editor Version 5.00', '; generated', '', '; why', '[HKEY_LOCAL_MACHINE\\A]', '"D"=dword:0000001f', '"S"="a\\"b\\\\c"', '@="default"', '"Old"=-']);
		assert.ok(lines.includes('[-HKEY_LOCAL_MACHINE\\B]'));
		const blob = lines.filter((l) => l.startsWith('"Blob"') || l.startsWith('  ab'));
		assert.equal(blob.length, 2, 'the 40 bytes wrap onto a second line');
		assert.ok(blob[0]!.endsWith(',\\') && blob[0]!.length >= 77 && blob[0]!.length <= 80);
		assert.ok(text.endsWith('\r\n'));
	});
});
