import * as assert from 'node:assert/strict';
import { buildOutline, parseRegBytes, parseRegText, type OutlineNode } from '../../../../src/core/reg';
import { readFixture } from '../../../support/fixtures';

function shape(nodes: OutlineNode[]): unknown[] {
	return nodes.map((n) => (n.children.length ? { [n.name]: shape(n.children) } : n.name));
}

suite('reg outline', () => {
	test('keys nest by path; missing intermediate keys fold into the child name', () => {
		const doc = parseRegText(
			'Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\A]\r\n"v"=dword:1\r\n[HKEY_LOCAL_MACHINE\\A\\B\\C]\r\n@="x"\r\n[HKEY_LOCAL_MACHINE\\A\\B\\C\\D]\r\n[HKEY_LOCAL_MACHINE\\Z]\r\n[-HKEY_LOCAL_MACHINE\\A\\Gone]\r\n',
		);
		assert.deepEqual(shape(buildOutline(doc)), [{ 'HKEY_LOCAL_MACHINE\\A': ['v', { 'B\\C': ['(Default)', 'D'] }, 'Gone'] }, 'HKEY_LOCAL_MACHINE\\Z']);
		const gone = buildOutline(doc)[0]!.children[2]!;
		assert.equal(gone.kind, 'deletedKey');
	});

	test('value details name the type and data', () => {
		const doc = parseRegText('REGEDIT4\r\n[HKEY_USERS\\K]\r\n"d"=dword:ffffffff\r\n"s"="hi"\r\n"b"=hex:01,02,03\r\n"x"=-\r\n');
		const values = buildOutline(doc)[0]!.children;
		assert.deepEqual(
			values.map((v) => v.detail),
			['REG_DWORD 0xffffffff (4294967295)', 'REG_SZ "hi"', 'REG_BINARY 3 bytes', 'delete value'],
		);
	});

	test('the UTF-16LE fixture: SCHANNEL with its subkeys nested, ranges cover each section', () => {
		const outline = buildOutline(parseRegBytes(readFixture('public/fsackur__PsSsl__schannel.reg')));
		assert.equal(outline.length, 1);
		const sch = outline[0]!;
		assert.ok(sch.name.endsWith('\\SCHANNEL'));
		assert.deepEqual(shape(sch.children), ['EventLogging', 'Ciphers', 'CipherSuites', 'Hashes', 'KeyExchangeAlgorithms', { Protocols: [{ 'SSL 2.0': [{ Client: ['DisabledByDefault'] }] }] }]);
		assert.equal(sch.range.start.line, 2);
		assert.equal(sch.selectionRange.start.character, 1);
	});
});
