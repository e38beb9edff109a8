import type { Range, Severity } from '../core/reg';

/** A finding as the CLI prints it: lines and columns counted from 1, as compilers print them. */
export interface CliDiagnostic {
	file: string;
	line: number;
	column: number;
	endLine: number;
	endColumn: number;
	severity: Severity;
	code: string;
	message: string;
}

export function toCliDiagnostic(file: string, range: Range, severity: Severity, code: string, message: string): CliDiagnostic {
	return {
		file,
		line: range.start.line + 1,
		column: range.start.character + 1,
		endLine: range.end.line + 1,
		endColumn: range.end.character + 1,
		severity,
		code,
		message,
	};
}

/** `file:line:col: severity code: message` */
export function formatDiagnostic(d: CliDiagnostic): string {
	return `${d.file}:${d.line}:${d.column}: ${d.severity} ${d.code}: ${d.message}`;
}
