/** SHA-256 (FIPS 180-4): the host's native hash, else `@noble/hashes`. */
import { defaultCrypto } from './provider';

/**
 * SHA-256 digest of `data`.
 * @example toHex(sha256(new TextEncoder().encode('abc'))).startsWith('BA7816BF')
 */
export function sha256(data: Uint8Array): Uint8Array {
	return defaultCrypto().hash('SHA-256', data);
}
