/** Exit codes of the CLI (docs/cli.md). */
export const ExitCode = {
	/** Ran, and found no error-level finding. */
	Ok: 0,
	/** Ran, and found at least one error-level finding. */
	Findings: 1,
	/** Bad usage or unreadable input. */
	Usage: 2,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** The worse of two exit codes (2 > 1 > 0). */
export function worst(a: ExitCodeValue, b: ExitCodeValue): ExitCodeValue {
	return Math.max(a, b) as ExitCodeValue;
}

/** Thrown for bad usage; main prints its message and exits 2. */
export class UsageError extends Error {}
