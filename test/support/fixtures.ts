import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The repository root (tests run from out/test/..., sources live in test/...). */
export const REPO_ROOT = join(__dirname, '..', '..', '..');

/** Absolute path of a file under test/fixtures. */
export function fixturePath(relative: string): string {
	return join(REPO_ROOT, 'test', 'fixtures', relative);
}

/** Bytes of a file under test/fixtures. */
export function readFixture(relative: string): Uint8Array {
	return new Uint8Array(readFileSync(fixturePath(relative)));
}

/** A small deterministic PRNG (mulberry32) for mutation tests. */
export function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
