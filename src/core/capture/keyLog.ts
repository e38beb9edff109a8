/** NSS key log files (SSLKEYLOGFILE format), from a file or a pcapng Decryption Secrets Block. */
import { fromHex } from '../crypto';

/** Secrets by client random (lowercase hex) and label (e.g. `SERVER_HANDSHAKE_TRAFFIC_SECRET`). */
export class KeyLog {
	private readonly byRandom = new Map<string, Map<string, Uint8Array>>();

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

	/** The secrets logged for a ClientHello random. */
	secrets(clientRandom: Uint8Array): ReadonlyMap<string, Uint8Array> | undefined {
		let hex = '';
		for (let i = 0; i < clientRandom.length; i++) hex += clientRandom[i]!.toString(16).padStart(2, '0');
		return this.byRandom.get(hex);
	}
}
