/** The web extension host: no Node crypto; the core keeps its default provider (@noble/hashes, @noble/ciphers). */
export function setUpHost(): void {
	// Nothing to inject.
}
