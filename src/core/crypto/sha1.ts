/** SHA-1 (FIPS 180-4) for thumbprints and the PKCS#12 KDF/MAC: the host's native hash, else `@noble/hashes`. */
import { defaultCrypto } from './provider';

/**
 * SHA-1 digest of `data`.
 * @example toHex(sha1(new TextEncoder().encode('abc'))) === 'A9993E364706816ABA3E25717850C26C9CD0D89D'
 */
export function sha1(data: Uint8Array): Uint8Array {
	return defaultCrypto().hash('SHA-1', data);
}
