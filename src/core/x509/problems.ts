/** Problems and results shared by the x509 modules: recoverable issues are returned, never thrown. */

/** How bad a problem is; `error` means the item could not be (fully) decoded. */
export type X509Severity = 'error' | 'warning' | 'info';

/** A problem found in the input, located by a byte offset into the bytes given to the API. */
export interface X509Problem {
	/** Byte offset into the input the function was given. */
	readonly offset: number;
	readonly message: string;
	readonly severity: X509Severity;
	/**
	 * What the host acts on, whatever language the message is in: `pkcs12-password` (the MAC check failed: no or a
	 * wrong password), `pkcs12-iterations` (key derivation over the allowed iteration count was not run).
	 */
	readonly code?: X509ProblemCode;
}

/** Problems the extension host reacts to (a password prompt, a "Derive keys" offer). */
export type X509ProblemCode = 'pkcs12-password' | 'pkcs12-iterations';

/** A value plus every problem met while producing it. */
export interface X509Result<T> {
	readonly value: T;
	readonly problems: X509Problem[];
}

/** Thrown inside the decoders only; every exported entry point converts it into a problem. */
export class DerError extends Error {
	constructor(readonly offset: number, message: string) {
		super(message);
	}
}

/** Shorthand for an error-level problem. */
export function errorAt(offset: number, message: string): X509Problem {
	return { offset, message, severity: 'error' };
}

/** Shorthand for a warning-level problem. */
export function warningAt(offset: number, message: string): X509Problem {
	return { offset, message, severity: 'warning' };
}

/** Turns anything caught at an API boundary into a problem (a DerError keeps its offset). */
export function problemFromCaught(err: unknown, fallbackOffset: number, context: string): X509Problem {
	if (err instanceof DerError) return errorAt(err.offset, `${context}: ${err.message}`);
	return errorAt(fallbackOffset, `${context}: ${err instanceof Error ? err.message : String(err)}`);
}

/** Moves problems found in an embedded buffer to offsets in the outer input. */
export function shiftProblems(problems: readonly X509Problem[], by: number): X509Problem[] {
	return problems.map((p) => ({ ...p, offset: p.offset + by }));
}
