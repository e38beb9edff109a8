/** Messages of the doctor page (issue 10): the host diagnoses the case, the webview shows the report. */
import type { Place } from '../core/case/types';
import type { FixPlan } from '../core/diagnosis/types';
import type { DoctorReport } from '../core/diagnosis/report';

export type { DoctorReport, FixPlan, Place };

/** Host → webview. */
export type ToDoctor =
	/** The diagnosis of the case, with the folders it came from (the webview keeps them for restore). */
	| { readonly type: 'report'; readonly title: string; readonly folders: readonly string[]; readonly report: DoctorReport }
	/** The case is being (re)read. */
	| { readonly type: 'busy'; readonly title: string }
	/** Nothing could be diagnosed (no case files, unreadable folder): one sentence. */
	| { readonly type: 'error'; readonly title: string; readonly folders: readonly string[]; readonly message: string };

/** Webview → host. */
export type FromDoctor =
	/** The page is loaded and wants its state. */
	| { readonly type: 'ready' }
	/** Open an evidence place: a file at a line, a capture (frame), a certificate (thumbprint). */
	| { readonly type: 'open'; readonly place: Place }
	/** Open a fix plan of a machine as new untitled documents (the .reg, and the PowerShell for plan (a)). */
	| { readonly type: 'openPlan'; readonly plan: FixPlan['id']; readonly machine: string }
	/** Run "Create Collection Script". */
	| { readonly type: 'collect' }
	/** Read the folders again (after adding an export). */
	| { readonly type: 'refresh' };

/** What the webview keeps across reloads; the panel serializer reads `folders` to diagnose again. */
export interface DoctorState {
	/** URIs (as strings) of the folders of the case. */
	readonly folders: readonly string[];
	readonly scrollY: number;
}
