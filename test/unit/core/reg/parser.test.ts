import * as assert from 'node:assert/strict';
import { parseRegBytes, parseRegText, RegType, type RegDocument, type RegValue } from '../../../../src/core/reg';
import { readFixture } from '../../../support/fixtures';

const V5 = 'Windows Registry Editor Version 5.00\r\n\r\n';
const SCH = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL';

function codes(doc: RegDocument): string[] {
	return doc.problems.map((p) => p.code);
}

function onlyValue(text: string): { doc: RegDocument; value: RegValue | undefined } {
	const doc = parseRegText(`${V5}[${SCH}]\r\n${text}\r\n`);
	return { doc, value: doc.keys[0]?.values[0] };
}

suite('reg parser: headers (regedit rules, reference §4.1)', () => {
	const cases: { name: string; header: string; want: RegDocument['header']; code?: string }[] = [
		{ name: 'version 5', header: 'Windows Registry Editor Version 5.00', want: 'v5' },
		{ name: 'REGEDIT4', header: 'REGEDIT4', want: 'regedit4' },
		{ name: 'leading blanks are skipped', header: '  \tREGEDIT4', want: 'regedit4' },
		{ name: 'Windows 3.1 REGEDIT', header: 'REGEDIT', want: 'win31', code: 'reg.win31-header' },
		{ name: 'fuzzy REGEDIT 4 imports nothing', header: 'REGEDIT 4', want: 'fuzzy', code: 'reg.fuzzy-header' },
		{ name: 'fuzzy REGEDIT4FOO', header: 'REGEDIT4FOO', want: 'fuzzy', code: 'reg.fuzzy-header' },
		{ name: 'wrong version number', header: 'Windows Registry Editor Version 5.0', want: 'invalid', code: 'reg.invalid-header' },
		{ name: 'lower case is not the header', header: 'windows registry editor version 5.00', want: 'invalid', code: 'reg.invalid-header' },
	];
	for (const c of cases) {
		test(c.name, () => {
			const doc = parseRegText(`${c.header}\r\n`);
			assert.equal(doc.header, c.want);
			assert.deepEqual(codes(doc), c.code ? [c.code] : []);
		});
	}

	test('UTF-16LE with BOM is decoded from bytes; a UTF-8 BOM is not recognised', () => {
		const text = `${V5}[${SCH}]\r\n"EventLogging"=dword:00000001\r\n`;
		const utf16 = new Uint8Array(2 + text.length * 2);
		utf16.set([0xff, 0xfe]);
		for (let i = 0; i < text.length; i++) utf16[2 + i * 2] = text.charCodeAt(i);
		const doc = parseRegBytes(utf16);
		assert.equal(doc.encoding, 'utf16le');
		assert.equal(doc.header, 'v5');
		assert.equal(doc.keys[0]?.values[0]?.name, 'EventLogging');

		const utf8 = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
		const bad = parseRegBytes(utf8);
		assert.equal(bad.header, 'invalid');
		assert.deepEqual(codes(bad).slice(0, 2), ['reg.utf8-bom', 'reg.invalid-header']);
	});
});

suite('reg parser: keys', () => {
	test('full root names, case-insensitive, normalised', () => {
		const doc = parseRegText(`${V5}[hkey_local_machine\\SOFTWARE\\A]\r\n[-HKEY_CURRENT_USER\\B\\C]\r\n`);
		assert.deepEqual(
			doc.keys.map((k) => [k.path, k.op, k.valid]),
			[
				['HKEY_LOCAL_MACHINE\\SOFTWARE\\A', 'set', true],
				['HKEY_CURRENT_USER\\B\\C', 'delete', true],
			],
		);
		assert.deepEqual(codes(doc), []);
	});

	test('HKLM abbreviation is flagged (regedit wants full names; reg import accepts it)', () => {
		const doc = parseRegText(`${V5}[HKLM\\SOFTWARE\\A]\r\n"x"=dword:1\r\n`);
		assert.deepEqual(codes(doc), ['reg.root-abbreviation']);
		assert.equal(doc.keys[0]?.path, 'HKEY_LOCAL_MACHINE\\SOFTWARE\\A');
		const p = doc.problems[0]!;
		assert.deepEqual([p.range.start.character, p.range.end.character], [1, 5]);
	});

	test('unknown root, blank after [, unclosed bracket and root deletion make the key invalid', () => {
		const doc = parseRegText(`${V5}[HKEY_NOPE\\A]\r\n"a"=dword:1\r\n[ HKEY_USERS\\B]\r\n"b"=dword:1\r\n[HKEY_USERS\\C\r\n"c"=dword:1\r\n[-HKEY_USERS]\r\n`);
		assert.deepEqual(codes(doc), ['reg.root-unknown', 'reg.key-bad-path', 'reg.key-unclosed', 'reg.root-delete']);
		assert.deepEqual(doc.keys.map((k) => k.valid), [false, false, false, false]);
		assert.equal(doc.keys.reduce((n, k) => n + k.values.length, 0), 0, 'values under refused keys are not imported');
	});

	test('the path runs to the last "]"; text after it is ignored with a warning', () => {
		const doc = parseRegText(`${V5}[HKEY_USERS\\a]b] junk\r\n`);
		assert.equal(doc.keys[0]?.path, 'HKEY_USERS\\a]b');
		assert.deepEqual(codes(doc), ['reg.key-trailing-text']);
	});

	test('"/" is a literal character in a key name: RC4 128/128 is one key', () => {
		const doc = parseRegText(`${V5}[${SCH}\\Ciphers\\RC4 128/128]\r\n"Enabled"=dword:0\r\n`);
		assert.equal(doc.keys[0]?.subPath.split('\\').pop(), 'RC4 128/128');
	});
});

suite('reg parser: values', () => {
	const dwords: { data: string; want?: number }[] = [
		{ data: 'dword:00000001', want: 1 },
		{ data: 'dword:1', want: 1 },
		{ data: 'dword:10', want: 16 },
		{ data: 'dword:ffffffff', want: 0xffffffff },
		{ data: 'dword:FFFFFFFF', want: 0xffffffff },
		{ data: 'dword:  2 ; comment', want: 2 },
		{ data: 'dword:0x1' },
		{ data: 'dword:123456789' },
		{ data: 'dword:-1' },
		{ data: 'dword:' },
		{ data: 'dword:12 34' },
		{ data: 'dword:1g' },
	];
	for (const c of dwords) {
		test(`"v"=${c.data} → ${c.want ?? 'rejected'}`, () => {
			const { doc, value } = onlyValue(`"v"=${c.data}`);
			if (c.want === undefined) {
				assert.equal(value, undefined);
				assert.deepEqual(codes(doc), ['reg.bad-dword']);
			} else {
				assert.equal(value?.type, RegType.DWORD);
				assert.deepEqual(value?.decoded, { kind: 'number', value: c.want });
				assert.deepEqual([...value!.data], [c.want & 0xff, (c.want >>> 8) & 0xff, (c.want >>> 16) & 0xff, c.want >>> 24]);
			}
		});
	}

	test('type tags are lowercase: DWORD: is unknown', () => {
		const { doc, value } = onlyValue('"v"=DWORD:1');
		assert.equal(value, undefined);
		assert.deepEqual(codes(doc), ['reg.unknown-type']);
	});

	test('"Enabled"="1" is a REG_SZ string, not a number', () => {
		const { value } = onlyValue('"Enabled"="1"');
		assert.equal(value?.type, RegType.SZ);
		assert.deepEqual(value?.decoded, { kind: 'string', value: '1' });
		assert.deepEqual([...value!.data], [0x31, 0, 0, 0]);
	});

	test('string escapes: \\\\ \\" \\n \\r; unknown escape warns; \\0 rejects', () => {
		const { value } = onlyValue('"a\\"b"="c:\\\\x\\n\\r\\"q"');
		assert.equal(value?.name, 'a"b');
		assert.deepEqual(value?.decoded, { kind: 'string', value: 'c:\\x\n\r"q' });
		const unknown = onlyValue('"v"="a\\qb"');
		assert.deepEqual(unknown.value?.decoded, { kind: 'string', value: 'aqb' });
		assert.deepEqual(codes(unknown.doc), ['reg.unknown-escape']);
		const nul = onlyValue('"v"="a\\0b"');
		assert.equal(nul.value, undefined);
		assert.deepEqual(codes(nul.doc), ['reg.nul-escape']);
	});

	test('unterminated strings and junk after the string are rejected', () => {
		assert.deepEqual(codes(onlyValue('"v"="abc').doc), ['reg.unterminated-string']);
		assert.deepEqual(codes(onlyValue('"v"="abc" junk').doc), ['reg.trailing-text']);
		assert.deepEqual(codes(onlyValue('"v"="abc" ; fine').doc), []);
	});

	test('@ is the default value; a quoted "@" is a value named @', () => {
		const doc = parseRegText(`${V5}[${SCH}]\r\n@="d"\r\n"@"="n"\r\n`);
		assert.deepEqual(doc.keys[0]?.values.map((v) => v.name), ['', '@']);
	});

	test('=- deletes a value; blanks around = are allowed', () => {
		const { value } = onlyValue('"Old"  =  -');
		assert.equal(value?.op, 'delete');
		assert.equal(value?.name, 'Old');
	});

	test('hex with ,\\ continuations, comment and blank lines in between', () => {
		const { doc, value } = onlyValue('"Blob"=hex:01,02,\\\r\n  03,04,\\\r\n; a comment\r\n\r\n  05,ff');
		assert.deepEqual(codes(doc), []);
		assert.equal(value?.type, RegType.BINARY);
		assert.deepEqual([...value!.data], [1, 2, 3, 4, 5, 255]);
		assert.equal(value?.range.start.line, 3);
		assert.equal(value?.range.end.line, 7);
	});

	test('hex(N) takes N in hex; hex(b) is a QWORD, hex(0x4) is rejected', () => {
		const q = onlyValue('"q"=hex(b):01,00,00,00,00,00,00,80').value;
		assert.equal(q?.type, RegType.QWORD);
		assert.deepEqual(q?.decoded, { kind: 'bigint', value: 0x8000000000000001n });
		assert.deepEqual(codes(onlyValue('"q"=hex(0x4):01,00,00,00').doc), ['reg.unknown-type']);
		assert.equal(onlyValue('"x"=hex(4):02,00,00,00').value?.decoded.kind, 'number');
	});

	test('a byte over ff or a missing comma is an error and the value is dropped', () => {
		assert.deepEqual(codes(onlyValue('"b"=hex:01,100').doc), ['reg.bad-hex']);
		assert.deepEqual(codes(onlyValue('"b"=hex:01 02').doc), ['reg.bad-hex']);
		assert.deepEqual(codes(onlyValue('"b"=hex:01,,02').doc), ['reg.bad-hex']);
		assert.equal(onlyValue('"b"=hex:').value?.data.length, 0);
	});

	test('hex(2)/hex(7) are UTF-16LE in version 5 and ANSI in REGEDIT4, NUL appended', () => {
		const v5 = parseRegText(`${V5}[${SCH}]\r\n"e"=hex(2):25,00,41,00\r\n"m"=hex(7):61,00,00,00,62,00,00,00,00,00\r\n`);
		assert.deepEqual(v5.keys[0]?.values[0]?.decoded, { kind: 'string', value: '%A' });
		assert.deepEqual([...v5.keys[0]!.values[0]!.data], [0x25, 0, 0x41, 0, 0, 0]);
		assert.deepEqual(v5.keys[0]?.values[1]?.decoded, { kind: 'strings', value: ['a', 'b'] });
		const v4 = parseRegText(`REGEDIT4\r\n\r\n[${SCH}]\r\n"e"=hex(2):25,41,e9\r\n`);
		assert.deepEqual(v4.keys[0]?.values[0]?.decoded, { kind: 'string', value: '%Aé' });
	});

	test('values before the first key and unquoted names are reported, not imported', () => {
		const doc = parseRegText(`${V5}"early"=dword:1\r\n[${SCH}]\r\nEnabled=dword:1\r\n"x" dword:1\r\n`);
		assert.deepEqual(codes(doc), ['reg.value-outside-key', 'reg.ignored-line', 'reg.missing-equals']);
		assert.equal(doc.keys[0]?.values.length, 0);
	});

	test('lines break at CR, LF and CRLF', () => {
		const doc = parseRegText(`REGEDIT4\r[${SCH}]\n"a"=dword:1\r\n"b"=dword:2\r`);
		assert.deepEqual(doc.keys[0]?.values.map((v) => v.name), ['a', 'b']);
	});
});

suite('reg parser: public exports (expected values from regedit rules)', () => {
	test('fsackur/PsSsl schannel.reg (UTF-16LE, BOM, CRLF)', () => {
		const doc = parseRegBytes(readFixture('public/fsackur__PsSsl__schannel.reg'));
		assert.equal(doc.encoding, 'utf16le');
		assert.equal(doc.header, 'v5');
		assert.deepEqual(doc.problems, []);
		const rel = doc.keys.map((k) => k.path.slice(SCH.length));
		assert.deepEqual(rel, ['', '\\Ciphers', '\\CipherSuites', '\\Hashes', '\\KeyExchangeAlgorithms', '\\Protocols', '\\Protocols\\SSL 2.0', '\\Protocols\\SSL 2.0\\Client']);
		assert.deepEqual(doc.keys[0]?.values.map((v) => [v.name, v.decoded]), [['EventLogging', { kind: 'number', value: 1 }]]);
		assert.deepEqual(doc.keys[7]?.values.map((v) => [v.name, v.decoded]), [['DisabledByDefault', { kind: 'number', value: 1 }]]);
	});

	test('KieranJeffreySmart tls12.reg (ANSI, LF only, no final newline)', () => {
		const doc = parseRegBytes(readFixture('public/KieranJeffreySmart__windows-containers__tls12.reg'));
		assert.equal(doc.encoding, 'ansi');
		assert.deepEqual(doc.problems, []);
		assert.deepEqual(
			doc.keys.map((k) => [k.path.slice(SCH.length), k.values.map((v) => `${v.name}=${v.decoded.kind === 'number' ? v.decoded.value : '?'}`)]),
			[
				['\\Protocols\\TLS 1.2\\Client', ['DisabledByDefault=0', 'Enabled=1']],
				['\\Protocols\\TLS 1.2\\Server', ['DisabledByDefault=0', 'Enabled=1']],
			],
		);
	});

	test('dmcert R4RootCA.reg: certificate Blob bytes start with a serialized property entry', () => {
		const doc = parseRegBytes(readFixture('public/dmcert__CertTool__root__R4RootCA.reg'));
		assert.deepEqual(doc.problems, []);
		const blob = doc.keys.flatMap((k) => k.values).find((v) => v.name === 'Blob');
		assert.ok(blob, 'a Blob value');
		assert.equal(blob.type, RegType.BINARY);
		// Each entry is u32 propId, u32 encoding type (1), u32 length (reference §5.3).
		const view = new DataView(blob.data.buffer, blob.data.byteOffset, blob.data.byteLength);
		assert.equal(view.getUint32(4, true), 1);
		assert.ok(view.getUint32(8, true) < blob.data.length);
	});
});
