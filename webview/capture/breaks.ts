/** Where the capture table may break a word (pure: unit-tested without a DOM). */

/** A word's pieces: it may break after ':' '.' '_' '/' ',' (host:port, 127.0.0.1, TLS_AES_128_GCM_SHA256, CN=a,O=b). */
export function pieces(word: string): string[] {
	return word.split(/(?<=[:._/,](?=[^:._/,]))/);
}
