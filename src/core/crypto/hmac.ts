/** Synchronous HMAC (RFC 2104) over the pure-TS hashes. */
import { sha1 } from './sha1';
import { sha256 } from './sha256';

/** A synchronous hash function with its block size. */
export interface HashFunction {
	readonly name: 'SHA-1' | 'SHA-256';
	readonly blockSize: number;
	readonly outputSize: number;
	digest(data: Uint8Array): Uint8Array;
}

/** SHA-1 as a {@link HashFunction}. */
export const SHA1: HashFunction = { name: 'SHA-1', blockSize: 64, outputSize: 20, digest: sha1 };
/** SHA-256 as a {@link HashFunction}. */
export const SHA256: HashFunction = { name: 'SHA-256', blockSize: 64, outputSize: 32, digest: sha256 };

/** HMAC of `data` under `key` with `hash`. */
export function hmac(hash: Pick<HashFunction, 'blockSize' | 'outputSize' | 'digest'>, key: Uint8Array, data: Uint8Array): Uint8Array {
	let k = key.length > hash.blockSize ? hash.digest(key) : key;
	const padded = new Uint8Array(hash.blockSize);
	padded.set(k);
	k = padded;
	const inner = new Uint8Array(hash.blockSize + data.length);
	const outer = new Uint8Array(hash.blockSize + hash.outputSize);
	for (let i = 0; i < hash.blockSize; i++) {
		inner[i] = k[i]! ^ 0x36;
		outer[i] = k[i]! ^ 0x5c;
	}
	inner.set(data, hash.blockSize);
	outer.set(hash.digest(inner), hash.blockSize);
	return hash.digest(outer);
}
