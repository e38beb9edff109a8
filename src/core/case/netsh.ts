/** `netsh http show sslcert` bindings (placeholder until the parser lands). */
export interface SslCertBinding {
	readonly binding: string;
	readonly kind: 'ip' | 'hostname' | 'ccs';
	readonly certificateHash?: string;
	readonly appId?: string;
	readonly certificateStoreName?: string;
	readonly negotiateClientCertificate?: boolean;
	readonly ctlIdentifier?: string;
	readonly ctlStoreName?: string;
	readonly line: number;
}

export function parseNetshSslCert(_text: string): { bindings: SslCertBinding[]; problems: { line: number; message: string }[] } {
	return { bindings: [], problems: [] };
}

export function decodeText(bytes: Uint8Array): string {
	if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
	if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
	return new TextDecoder('utf-8').decode(bytes);
}

export function bindingFacts(_b: SslCertBinding): string[] {
	return [];
}
