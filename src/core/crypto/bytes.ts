/**
 * A real copy of `bytes`. Node's Buffer is a Uint8Array whose `slice()` returns a view, so code
 * that copies and then decrypts in place must not call `bytes.slice()` on caller input.
 */
export function copyOf(bytes: Uint8Array): Uint8Array {
	return Uint8Array.prototype.slice.call(bytes) as Uint8Array;
}

/** The same memory as a plain Uint8Array (not a Buffer subclass), so later `slice()` calls copy. */
export function plainBytes(bytes: Uint8Array): Uint8Array {
	return bytes.constructor === Uint8Array ? bytes : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
