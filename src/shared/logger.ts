import * as vscode from 'vscode';

/** A thin wrapper over a LogOutputChannel, so features log without touching the window API. */
export class Logger implements vscode.Disposable {
	private readonly _channel: vscode.LogOutputChannel;

	constructor(name: string) {
		this._channel = vscode.window.createOutputChannel(name, { log: true });
	}

	info(message: string): void {
		this._channel.info(message);
	}

	warn(message: string): void {
		this._channel.warn(message);
	}

	error(message: string, err?: unknown): void {
		this._channel.error(err instanceof Error ? `${message}: ${err.message}` : message);
	}

	show(): void {
		this._channel.show(true);
	}

	dispose(): void {
		this._channel.dispose();
	}
}
