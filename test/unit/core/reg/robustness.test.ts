import * as assert from 'node:assert/strict';
import { parseRegBytes, splitLines } from '../../../../src/core/reg/testing';
import { prng, readFixture } from '../../../support/fixtures';

const SOURCES = ['public/fsackur__PsSsl__schannel.reg', 'public/racetracks__windows_crypto__tls12.reg', 'public/dmcert__CertTool__root__R4RootCA.reg'];
const ALPHABET = ['[', ']', '"', '\\', '=', '-', '@', ',', ';', ':', '\r', '\n', 'hex(', 'dword:', '0', 'f', 'x', ' ', '\0', '\u2215', '\ud800'];

/** Applies a few random edits (insert, delete, duplicate, replace) to a text. */
function mutate(text: string, rnd: () => number): string {
	let s = text;
	const edits = 1 + Math.floor(rnd() * 6);
	for (let e = 0; e < edits; e++) {
		const at = Math.floor(rnd() * (s.length + 1));
		const pick = ALPHABET[Math.floor(rnd() * ALPHABET.length)]!;
		switch (Math.floor(rnd() * 4)) {
			case 0:
				s = s.slice(0, at) + pick + s.slice(at);
				break;
			case 1:
				s = s.slice(0, at) + s.slice(at + 1 + Math.floor(rnd() * 40));
				break;
			case 2:
				s = s.slice(0, at) + s.slice(at, at + 80) + s.slice(at);
				break;
			default:
				s = s.slice(0, at) + pick + s.slice(at + 1);
		}
	}
	return s;
}

suite('reg parser: robustness (issue 5: mutated inputs yield problems, never exceptions)', () => {
	test('1,000 mutated exports parse without throwing, with in-bounds ranges', () => {
		const rnd = prng(0x5eed);
		let withProblems = 0;
		for (let n = 0; n < 1000; n++) {
			const bytes = readFixture(SOURCES[n % SOURCES.length]!);
			const text = new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'windows-1252').decode(bytes);
			const mutated = mutate(text, rnd);
			const encoded = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Uint16Array.from({ length: mutated.length }, (_, i) => mutated.charCodeAt(i)).buffer)]);
			const doc = parseRegBytes(encoded);
			const lines = splitLines(mutated.charCodeAt(0) === 0xfeff ? mutated.slice(1) : mutated);
			for (const p of doc.problems) {
				const { start, end } = p.range;
				assert.ok(start.line >= 0 && end.line < lines.length, `problem ${p.code} line in range (case ${n})`);
				assert.ok(start.character <= lines[start.line]!.length + 1 && end.character <= lines[end.line]!.length + 1, `problem ${p.code} column in range (case ${n})`);
				assert.ok(end.line > start.line || end.character >= start.character, `range ordered (case ${n})`);
			}
			if (doc.problems.length > 0) withProblems++;
		}
		// Mutations that hit punctuation must be noticed; if none were, the parser accepts anything.
		assert.ok(withProblems > 300, `only ${withProblems} of 1,000 mutated files had problems`);
	});

	test('random bytes never throw, are refused as "not a registry export" and keep every range inside the file', () => {
		const rnd = prng(42);
		for (let n = 0; n < 200; n++) {
			const bytes = Uint8Array.from({ length: 1 + Math.floor(rnd() * 3000) }, () => Math.floor(rnd() * 256));
			const doc = parseRegBytes(bytes);
			// Random bytes never start with a regedit header (issue 13: this used to assert `problems.length >= 0`).
			assert.equal(doc.header, 'invalid', `input ${n}`);
			const header = doc.problems.filter((p) => p.code === 'reg.invalid-header');
			assert.equal(header.length, 1, `input ${n}: one invalid-header problem`);
			assert.equal(header[0]!.range.start.line, 0);
			for (const p of doc.problems) {
				assert.ok(p.range.start.line >= 0 && p.range.end.line < doc.lineCount, `input ${n}: ${p.code} at line ${p.range.end.line} of ${doc.lineCount}`);
				assert.ok(p.range.start.line < p.range.end.line || p.range.start.character <= p.range.end.character, `input ${n}: ${p.code} range runs backwards`);
			}
		}
	});
});
