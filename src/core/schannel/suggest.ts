/** Levenshtein distance, case-insensitive, ignoring spaces, dots and dashes (so `TLS1.2` ~ `TLS 1.2`). */
export function distance(a: string, b: string): number {
	const x = fold(a);
	const y = fold(b);
	const prev = Array.from({ length: y.length + 1 }, (_, i) => i);
	for (let i = 1; i <= x.length; i++) {
		let diag = prev[0]!;
		prev[0] = i;
		for (let j = 1; j <= y.length; j++) {
			const up = prev[j]!;
			prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (x[i - 1] === y[j - 1] ? 0 : 1));
			diag = up;
		}
	}
	return prev[y.length]!;
}

function fold(s: string): string {
	return s.toLowerCase().replace(/[\s._-]/g, '');
}

/** The closest known name, if it is close enough to be a likely typo. */
export function suggest(name: string, known: readonly string[]): string | undefined {
	let best: string | undefined;
	let bestDistance = Infinity;
	for (const k of known) {
		const d = distance(name, k);
		if (d < bestDistance) {
			best = k;
			bestDistance = d;
		}
	}
	const limit = Math.max(1, Math.floor(fold(name).length / 4));
	return best !== undefined && bestDistance <= limit ? best : undefined;
}
