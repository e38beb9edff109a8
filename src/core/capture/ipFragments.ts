/** Bounded IP fragment reassembly (IPv4 and IPv6): enough for handshakes, never unbounded memory. */
import * as l10n from '@vscode/l10n';

interface Pending {
	parts: { offset: number; data: Uint8Array }[];
	total: number;
	bytes: number;
	firstFrame: number;
}

const MAX_PENDING = 256;
const MAX_DATAGRAM = 65535 + 8;
const MAX_AGE_FRAMES = 20000;

/** Collects fragments per datagram id and returns the whole payload once all are in. */
export class FragmentStore {
	private readonly pending = new Map<string, Pending>();

	/**
	 * Adds one fragment; returns the reassembled payload, 'incomplete' while parts are missing,
	 * or another string describing why the datagram cannot be reassembled.
	 */
	add(frame: number, key: string, offset: number, more: boolean, data: Uint8Array, truncated: boolean): Uint8Array | string {
		if (truncated) {
			this.pending.delete(key);
			return l10n.t('fragment cut off by the capture length; datagram dropped');
		}
		let p = this.pending.get(key);
		if (!p) {
			this.evict(frame);
			p = { parts: [], total: -1, bytes: 0, firstFrame: frame };
			this.pending.set(key, p);
		}
		if (offset + data.length > MAX_DATAGRAM) {
			this.pending.delete(key);
			return l10n.t('fragments exceed 65,535 bytes; datagram dropped');
		}
		p.parts.push({ offset, data: data.slice() });
		p.bytes += data.length;
		if (!more) p.total = offset + data.length;
		if (p.total < 0) return 'incomplete';
		const out = new Uint8Array(p.total);
		const have = new Uint8Array(p.total);
		for (const part of p.parts) {
			const n = Math.min(part.data.length, p.total - part.offset);
			if (n <= 0) continue;
			out.set(part.data.subarray(0, n), part.offset);
			have.fill(1, part.offset, part.offset + n);
		}
		if (have.indexOf(0) >= 0) return 'incomplete';
		this.pending.delete(key);
		return out;
	}

	private evict(frame: number): void {
		for (const [k, v] of this.pending) {
			if (this.pending.size < MAX_PENDING && frame - v.firstFrame < MAX_AGE_FRAMES) break;
			this.pending.delete(k);
		}
	}
}
