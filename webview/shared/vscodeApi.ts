/**
 * The one call to acquireVsCodeApi() for a webview (it may be called only once per page).
 * Typed by the view's protocol: messages out, and the view state it saves.
 */
export interface VsCodeApi<TFromWebview, TState> {
	postMessage(message: TFromWebview): void;
	getState(): TState | undefined;
	setState(state: TState): void;
}

let api: VsCodeApi<unknown, unknown> | undefined;

export function vscodeApi<TFromWebview, TState>(): VsCodeApi<TFromWebview, TState> {
	api ??= acquireVsCodeApi() as VsCodeApi<unknown, unknown>;
	return api as VsCodeApi<TFromWebview, TState>;
}
