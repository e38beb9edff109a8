/** HMAC (RFC 2104) through the core's crypto provider, and the hash descriptions the PKCS#12 KDF needs. */
import { defaultCrypto, type HashName } from './provider';

/** A synchronous hash function with its block size. */
export interface HashFunction {
	readonly name: Exclude<HashName, 'MD5'>;
	readonly blockSize: number;
	readonly outputSize: number;
	digest(data: Uint8Array): Uint8Array;
}

const described = (name: HashFunction['name'], blockSize: number, outputSize: number): HashFunction => ({ name, blockSize, outputSize, digest: (data) => defaultCrypto().hash(name, data) });

/** SHA-1 as a {@link HashFunction}. */
export const SHA1: HashFunction = described('SHA-1', 64, 20);
/** SHA-256 as a {@link HashFunction}. */
export const SHA256: HashFunction = described('SHA-256', 64, 32);
/** SHA-384 as a {@link HashFunction}. */
export const SHA384: HashFunction = described('SHA-384', 128, 48);

/** HMAC of `data` under `key` with `hash`. */
export function hmac(hash: Pick<HashFunction, 'name'>, key: Uint8Array, data: Uint8Array): Uint8Array {
	return defaultCrypto().hmac(hash.name, key, data);
}
