/** NSS key log files (SSLKEYLOGFILE format), from a file or a pcapng Decryption Secrets Block. */
import { fromHex } from '../crypto';

/** Secrets by client random (lowercase hex) and label (e.g. `SERVER_HANDSHAKE_TRAFFIC_SECRET`). */
export class KeyLog {
	private readonly byRandom = new Map<string, Map<string, Uint8Array>>();
	/** `RSA` lines: pre-master secrets by the first 8 bytes of the encrypted pre-master (lowercase hex). */
	private readonly rsa = new Map<string, Uint8Array>();

	/** Number of client randoms with secrets. */
	get size(): number {
		return this.byRandom.size;
	}

	/**
	 * Adds the lines of a key log; returns the 1-based numbers of lines that are not `LABEL random secret`.
	 * @example keyLog.addText('CLIENT_HANDSHAKE_TRAFFIC_SECRET 0a0b… 1c2d…')
	 */
	addText(text: string): number[] {
		const bad: number[] = [];
		const lines = text.split(/\r?\n/);
		for (let i = 0; i < lines.length; i++) {
			const line = lines[i]!.trim();
			if (!line || line.startsWith('#')) continue;
			const [label, random, secret] = line.split(/\s+/);
			const r = random ? fromHex(random) : undefined;
			const s = secret ? fromHex(secret) : undefined;
			if (label === 'RSA' && r && s && r.length === 8 && s.length === 48) {
				this.rsa.set(random!.toLowerCase(), s);
				continue;
			}
			if (!label || !r || !s || r.length !== 32) {
				bad.push(i + 1);
				continue;
			}
			const key = random!.toLowerCase();
			let m = this.byRandom.get(key);
			if (!m) this.byRandom.set(key, (m = new Map()));
			m.set(label, s);
		}
		return bad;
	}

	/** Whether the log has `RSA` pre-master lines (the reader then keeps TLS ≤1.2 transcripts until the ClientKeyExchange). */
	get hasRsa(): boolean {
		return this.rsa.size > 0;
	}

	/** The RSA pre-master secret logged for an encrypted pre-master secret (its first 8 bytes are the key). */
	premaster(encryptedPremaster: Uint8Array): Uint8Array | undefined {
		if (this.rsa.size === 0) return undefined;
		return this.rsa.get(hexOf(encryptedPremaster.subarray(0, 8)));
	}

	/** The secrets logged for a ClientHello random. */
	secrets(clientRandom: Uint8Array): ReadonlyMap<string, Uint8Array> | undefined {
		// Without a key log (the usual case) no hex key is made per handshake.
		if (this.byRandom.size === 0) return undefined;
		return this.byRandom.get(hexOf(clientRandom));
	}
}

function hexOf(b: Uint8Array): string {
	let hex = '';
	for (let i = 0; i < b.length; i++) hex += b[i]!.toString(16).padStart(2, '0');
	return hex;
}
