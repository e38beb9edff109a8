/** The one place that builds webview HTML: CSP with a nonce, asWebviewUri'd scripts and styles, escaped data attributes. */
import * as vscode from 'vscode';
import { encodeBase64 } from '../core/x509/pem';

/** Options every Schannel Lens webview gets: scripts on, forms off, resources only from dist/ and media/. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
	return {
		enableScripts: true,
		enableForms: false,
		localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
	};
}

/** Escapes text for a double-quoted HTML attribute. */
export function escapeAttribute(value: string): string {
	return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A fresh nonce from the crypto RNG (base64, 128 bits). */
export function makeNonce(): string {
	return encodeBase64(globalThis.crypto.getRandomValues(new Uint8Array(16)));
}

/** What one webview page is made of. */
export interface WebviewPage {
	/** Bundle name under dist/webview (`certificate` → dist/webview/certificate.js). */
	readonly script: string;
	/** Stylesheets under media/, after the shared reset.css and vscode.css. */
	readonly styles: readonly string[];
	readonly title: string;
	/** JSON-serializable data for the page, read from `document.body.dataset.settings`. */
	readonly settings?: unknown;
}

/** The HTML of a webview page with a strict CSP (no inline script or style). */
export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, page: WebviewPage): string {
	const nonce = makeNonce();
	const media = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', name)).toString();
	const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', `${page.script}.js`)).toString();
	const csp = [`default-src 'none'`, `script-src 'nonce-${nonce}'`, `style-src ${webview.cspSource}`, `img-src ${webview.cspSource} data:`, `font-src ${webview.cspSource}`].join('; ');
	const links = ['reset.css', 'vscode.css', ...page.styles].map((s) => /* html */ `<link rel="stylesheet" href="${escapeAttribute(media(s))}">`).join('\n\t');
	const settings = escapeAttribute(JSON.stringify(page.settings ?? {}));
	// The webview's static strings come from the same bundle as the host's (webview/shared/l10n.ts); none in English.
	const strings = escapeAttribute(JSON.stringify(vscode.l10n.bundle ?? {}));
	return /* html */ `<!DOCTYPE html>
<html lang="${escapeAttribute(vscode.env.language)}">
<head>
	<meta charset="UTF-8">
	<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">
	<meta name="viewport" content="width=device-width, initial-scale=1.0">
	${links}
	<title>${escapeAttribute(page.title)}</title>
</head>
<body data-settings="${settings}" data-l10n="${strings}">
	<main id="root" aria-live="polite"></main>
	<script nonce="${nonce}" src="${escapeAttribute(script)}"></script>
</body>
</html>`;
}
