/**
 * Schannel's cut line over a list of DER names, in send order: each entry costs its 2-byte length prefix plus
 * its DER (what the certificate_authorities vector holds; the vector's own 2-byte length is not counted), and
 * every entry from the first whose running total passes `limit` is cut (truncation stops at the first entry
 * that does not fit: an assumption, reference §2.4). The issuer list, the capture editor and the CLI use it.
 */
export function cutLine(derLengths: readonly number[], limit: number): { readonly cumulative: number[]; readonly cutFrom: number } {
	const cumulative: number[] = [];
	let total = 0;
	let cutFrom = derLengths.length;
	derLengths.forEach((len, i) => {
		total += 2 + len;
		cumulative.push(total);
		if (total > limit && cutFrom === derLengths.length) cutFrom = i;
	});
	return { cumulative, cutFrom };
}
