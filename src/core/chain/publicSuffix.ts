/**
 * The Public Suffix List (publicsuffix.org), read from its text form, for one question: is a domain a public suffix
 * (so `*.<domain>` is a wildcard a CA must not issue, CA/B BR §3.2.2.6)? The list is never shipped with the product:
 * the caller loads the file the user names (Debian and most distributions install it as
 * /usr/share/publicsuffix/public_suffix_list.dat).
 */

/** A parsed Public Suffix List (ICANN and private sections alike). */
export interface PublicSuffixList {
	/** Where the list came from (a file name), for the findings and the JSON. */
	readonly source: string;
	/** Rules read (normal, wildcard and exception). */
	readonly rules: number;
	/** True when `domain` is itself a public suffix under the list's prevailing rule (the default rule makes every TLD one). */
	isPublicSuffix(domain: string): boolean;
}

/**
 * Parses the list's text: one rule per line, `//` comments, `*.` wildcard and `!` exception rules, the first
 * whitespace-separated word of a line only (the format at publicsuffix.org/list). Never throws; lines that are not
 * rules are skipped. Unicode rules are kept as written (names in certificates are A-labels, so they simply never match).
 * @example parsePublicSuffixList('com\nco.uk\n', 'psl.dat').isPublicSuffix('co.uk') // true
 */
export function parsePublicSuffixList(text: string, source: string): PublicSuffixList {
	const exact = new Set<string>();
	const wildcard = new Set<string>();
	const exception = new Set<string>();
	for (const raw of text.split('\n')) {
		const line = raw.trim().split(/\s/)[0]!.toLowerCase();
		if (line === '' || line.startsWith('//')) continue;
		if (line.startsWith('!')) exception.add(line.slice(1));
		else if (line.startsWith('*.')) wildcard.add(line.slice(2));
		else exact.add(line);
	}
	return {
		source,
		rules: exact.size + wildcard.size + exception.size,
		isPublicSuffix(domain: string): boolean {
			const labels = domain.toLowerCase().replace(/\.$/, '').split('.');
			if (labels.some((l) => l === '')) return false;
			return publicSuffixLength(labels, exact, wildcard, exception) === labels.length;
		},
	};
}

/** How many right-most labels of `labels` form its public suffix (the algorithm at publicsuffix.org/list). */
function publicSuffixLength(labels: readonly string[], exact: ReadonlySet<string>, wildcard: ReadonlySet<string>, exception: ReadonlySet<string>): number {
	const n = labels.length;
	// An exception rule prevails: the public suffix is the rule without its left-most label.
	for (let i = 0; i < n; i++) if (exception.has(labels.slice(i).join('.'))) return n - i - 1;
	let longest = 1; // the default rule "*": the TLD
	for (let i = 0; i < n; i++) {
		const suffix = labels.slice(i).join('.');
		if (exact.has(suffix)) longest = Math.max(longest, n - i);
		if (i > 0 && wildcard.has(suffix)) longest = Math.max(longest, n - i + 1);
	}
	return longest;
}
