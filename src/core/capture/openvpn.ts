/**
 * OpenVPN over TCP: the TLS handshake travels in P_CONTROL_V1 packets of OpenVPN's reliability layer.
 * This unwraps them (with or without a tls-auth HMAC) so the TLS record reader sees the TLS bytes.
 */
import * as l10n from '@vscode/l10n';

const HARD_RESET_CLIENT_V2 = 7, HARD_RESET_SERVER_V2 = 8, HARD_RESET_CLIENT_V3 = 10, CONTROL_V1 = 4;
const HMAC_SIZES = [0, 16, 20, 32, 48, 64];
const MAX_HELD = 64;

/** Length of the tls-auth block (HMAC + packet-id + time) that makes a hard-reset packet consistent, or -1. */
function authLength(p: Uint8Array, len: number): number {
	for (const h of HMAC_SIZES) {
		const auth = h === 0 ? 0 : h + 8;
		const ackAt = 1 + 8 + auth;
		if (ackAt >= len) continue;
		const n = p[ackAt]!;
		if (n > 8) continue;
		const expected = ackAt + 1 + 4 * n + (n > 0 ? 8 : 0) + 4;
		if (expected === len) return auth;
	}
	return -1;
}

/** True when the stream starts like an OpenVPN TCP session (a hard reset packet); returns its auth length. */
export function detectOpenVpn(b: Uint8Array, p: number): number {
	if (b.length - p < 3) return -1;
	const len = (b[p]! << 8) | b[p + 1]!;
	const op = b[p + 2]! >> 3;
	if (len < 14 || len > 200 || (op !== HARD_RESET_CLIENT_V2 && op !== HARD_RESET_SERVER_V2 && op !== HARD_RESET_CLIENT_V3)) return -1;
	if (b.length - p < 2 + len) return -1;
	return authLength(b.subarray(p + 2, p + 2 + len), len);
}

/** Cuts an OpenVPN TCP stream into packets and passes the control channel's payload on, in message order. */
export class OpenVpnUnwrapper {
	private buf = new Uint8Array(0);
	private next = 0;
	private readonly held = new Map<number, { data: Uint8Array }>();

	constructor(private readonly auth: number, private readonly out: (bytes: Uint8Array, frame: number) => void, private readonly problem: (frame: number, message: string) => void) {}

	/** Stream bytes in order. */
	push(bytes: Uint8Array, frame: number): void {
		let b = bytes;
		if (this.buf.length) {
			b = new Uint8Array(this.buf.length + bytes.length);
			b.set(this.buf);
			b.set(bytes, this.buf.length);
		}
		let p = 0;
		while (b.length - p >= 2) {
			const len = (b[p]! << 8) | b[p + 1]!;
			if (b.length - p < 2 + len) break;
			this.packet(b.subarray(p + 2, p + 2 + len), frame);
			p += 2 + len;
		}
		this.buf = b.slice(p);
	}

	private packet(pk: Uint8Array, frame: number): void {
		const op = pk[0]! >> 3;
		const reset = op === HARD_RESET_CLIENT_V2 || op === HARD_RESET_SERVER_V2 || op === HARD_RESET_CLIENT_V3;
		if (pk.length < 9 || (op !== CONTROL_V1 && !reset)) return;
		const ackAt = 9 + this.auth;
		if (ackAt >= pk.length) return;
		const n = pk[ackAt]!;
		const pidAt = ackAt + 1 + 4 * n + (n > 0 ? 8 : 0);
		if (pidAt + 4 > pk.length) return this.problem(frame, l10n.t('OpenVPN control packet too short'));
		const pid = ((pk[pidAt]! << 24) | (pk[pidAt + 1]! << 16) | (pk[pidAt + 2]! << 8) | pk[pidAt + 3]!) >>> 0;
		const data = pk.subarray(pidAt + 4);
		if (pid < this.next) return; // retransmission
		if (pid > this.next) {
			if (this.held.size < MAX_HELD) this.held.set(pid, { data: data.slice() });
			return;
		}
		if (!reset) this.out(data, frame);
		this.next++;
		for (let h = this.held.get(this.next); h; h = this.held.get(this.next)) {
			this.held.delete(this.next);
			this.out(h.data, frame);
			this.next++;
		}
	}
}
