/**
 * `capture --json`, one handshake at a time, written as UTF-8 bytes straight into a reused buffer: the same text as
 * `JSON.stringify(handshakeJson(h))` (a unit test holds them equal on every fixture capture), without building the
 * intermediate object, its strings or a Buffer per handshake. Certificates and CA lists that repeat across
 * handshakes are encoded once; a CA list's bytes are handed out by reference (written with writev), not copied.
 */
import type { CertificateSummary, DistinguishedNameEntry, HandshakeResult } from '../../core/capture';

/**
 * A growing byte buffer of JSON text, with large ready-made pieces (CA lists) kept by reference between its own
 * bytes: {@link JsonBytes.chunks} gives everything written, in order, without copying those pieces.
 */
export class JsonBytes {
	private buf: Buffer;
	private len = 0;
	/** Start of the bytes of `buf` not yet in {@link parts}. */
	private mark = 0;
	private readonly parts: Uint8Array[] = [];
	private partBytes = 0;
	/** Bytes of {@link parts} that are pieces kept by reference (not this buffer's own text). */
	private heldBytes = 0;

	constructor(size = 1 << 16) {
		this.buf = Buffer.allocUnsafe(size);
	}

	/** Bytes written since the last {@link JsonBytes.reset}. */
	get size(): number {
		return this.partBytes + this.len - this.mark;
	}

	/** Bytes of text written since the last reset, not counting pieces kept by reference. */
	get ownBytes(): number {
		return this.size - this.heldBytes;
	}

	/** Parts (own text and pieces kept by reference) since the last reset (a flush is due when there are many). */
	get pieces(): number {
		return this.parts.length;
	}

	/** Everything written since the last reset, in order (views valid until the next write or reset). */
	chunks(): Uint8Array[] {
		return this.len > this.mark ? [...this.parts, this.buf.subarray(this.mark, this.len)] : [...this.parts];
	}

	/** The text written since the last reset. */
	text(): string {
		if (this.parts.length === 0) return this.buf.toString('utf8', this.mark, this.len);
		return Buffer.concat(this.chunks()).toString('utf8');
	}

	/** Forgets what was written (after it went out). */
	reset(): void {
		this.len = 0;
		this.mark = 0;
		this.parts.length = 0;
		this.partBytes = 0;
		this.heldBytes = 0;
	}

	/** Room for `n` more bytes. Views already in {@link parts} keep pointing at the old buffer, which stays intact. */
	private room(n: number): void {
		if (this.len + n <= this.buf.length) return;
		const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.len - this.mark + n + 1024));
		this.buf.copy(next, 0, this.mark, this.len);
		this.len -= this.mark;
		this.mark = 0;
		this.buf = next;
	}

	/** Text with no character that JSON escapes and none above 0x7e (field names, punctuation, literals). */
	ascii(s: string): void {
		const n = s.length;
		this.room(n);
		const b = this.buf;
		let at = this.len;
		for (let i = 0; i < n; i++) b[at++] = s.charCodeAt(i);
		this.len = at;
	}

	/** Any text, UTF-8 encoded as it is (a JSON value that is already serialised). */
	utf8(s: string): void {
		this.room(s.length * 3);
		this.len += this.buf.write(s, this.len, 'utf8');
	}

	/** A non-negative integer or any other number, as JSON.stringify writes it. */
	num(x: number): void {
		// Small integers (frame numbers, ports, code points, lengths) in 32-bit arithmetic; the rest as before.
		if (x >= 0 && x <= 0x7fffffff && (x | 0) === x) {
			this.room(10);
			const b = this.buf;
			let at = this.len + (x < 10 ? 1 : x < 100 ? 2 : x < 1000 ? 3 : x < 10000 ? 4 : x < 100000 ? 5 : x < 1000000 ? 6 : x < 10000000 ? 7 : x < 100000000 ? 8 : x < 1000000000 ? 9 : 10);
			this.len = at;
			let y = x;
			do {
				const q = (y / 10) | 0;
				b[--at] = 48 + y - q * 10;
				y = q;
			} while (y > 0);
		} else if (x >= 0 && x < 1e15 && Math.floor(x) === x) {
			this.room(16);
			const b = this.buf;
			let digits = 1;
			for (let y = x; y >= 10; y = Math.floor(y / 10)) digits++;
			let at = this.len + digits;
			this.len = at;
			let y = x;
			do {
				b[--at] = 48 + (y % 10);
				y = Math.floor(y / 10);
			} while (y > 0);
		} else this.ascii(JSON.stringify(x));
	}

	/** A JSON string (or null): plain printable ASCII is copied as it is, anything else goes through JSON.stringify. */
	str(s: string | null): void {
		if (s === null) return this.ascii('null');
		const n = s.length;
		this.room(n + 2);
		const b = this.buf;
		const start = this.len;
		let at = start;
		b[at++] = 34;
		for (let i = 0; i < n; i++) {
			const c = s.charCodeAt(i);
			if (c < 0x20 || c > 0x7e || c === 34 || c === 92) {
				this.len = start;
				return this.utf8(JSON.stringify(s));
			}
			b[at++] = c;
		}
		b[at++] = 34;
		this.len = at;
	}

	/** `true` or `false`. */
	bool(v: boolean): void {
		this.ascii(v ? 'true' : 'false');
	}

	/** An array of numbers. */
	nums(list: readonly number[]): void {
		this.room(1);
		this.buf[this.len++] = 91;
		for (let i = 0; i < list.length; i++) {
			if (i) this.ascii(',');
			this.num(list[i]!);
		}
		this.ascii(']');
	}

	/** An array of strings. */
	strs(list: readonly string[]): void {
		this.ascii('[');
		for (let i = 0; i < list.length; i++) {
			if (i) this.ascii(',');
			this.str(list[i]!);
		}
		this.ascii(']');
	}

	/** Ready-made bytes: copied when short, else kept by reference (they must not change until the next reset). */
	bytes(piece: Uint8Array, byReference = piece.length >= 4096): void {
		if (!byReference) {
			this.room(piece.length);
			this.buf.set(piece, this.len);
			this.len += piece.length;
			return;
		}
		if (this.len > this.mark) {
			this.parts.push(this.buf.subarray(this.mark, this.len));
			this.partBytes += this.len - this.mark;
		}
		// The buffer's bytes before `len` now belong to a part: later text goes after them.
		this.mark = this.len;
		this.parts.push(piece);
		this.partBytes += piece.length;
		this.heldBytes += piece.length;
	}
}

const certBytes = new WeakMap<CertificateSummary, Uint8Array>();
const listBytes = new WeakMap<readonly DistinguishedNameEntry[], Uint8Array>();

/** The JSON of a CA list, made once per list (the same array object for the same list, see DecodeCache). */
function namesJson(list: readonly DistinguishedNameEntry[]): Uint8Array {
	let b = listBytes.get(list);
	if (b === undefined) {
		b = Buffer.from(JSON.stringify(list));
		listBytes.set(list, b);
	}
	return b;
}

function cert(o: JsonBytes, c: CertificateSummary): void {
	let b = certBytes.get(c);
	if (b === undefined) {
		const t = new JsonBytes(256);
		t.ascii('{"sha1":');
		t.str(c.sha1);
		t.ascii(',"sha256":');
		t.str(c.sha256);
		t.ascii(',"subject":');
		t.str(c.subject);
		t.ascii(',"issuer":');
		t.str(c.issuer);
		t.ascii('}');
		b = Buffer.from(t.chunks()[0]!);
		certBytes.set(c, b);
	}
	o.bytes(b, false);
}

function certs(o: JsonBytes, list: readonly CertificateSummary[]): void {
	o.ascii('[');
	for (let i = 0; i < list.length; i++) {
		if (i) o.ascii(',');
		cert(o, list[i]!);
	}
	o.ascii(']');
}

/** Writes the JSON text of one handshake (no separator, no newline). */
export function writeHandshakeJson(o: JsonBytes, h: HandshakeResult): void {
	o.ascii('{"stream":');
	o.num(h.stream);
	o.ascii(',"client":');
	o.str(h.client);
	o.ascii(',"server":');
	o.str(h.server);
	o.ascii(',"firstFrame":');
	o.num(h.firstFrame);
	o.ascii(',"sni":');
	o.str(h.sni);
	o.ascii(',"alpn":');
	o.strs(h.alpn);
	o.ascii(',"versions":{"offered":');
	o.strs(h.versions.offered);
	o.ascii(',"selected":');
	o.str(h.versions.selected);
	o.ascii('},"cipherSuite":');
	o.str(h.cipherSuite);
	o.ascii(',"encryptedHandshake":');
	o.bool(h.encryptedHandshake);
	o.ascii(',"decrypted":');
	o.bool(h.decrypted);
	o.ascii(',"renegotiation":');
	o.bool(h.renegotiation);
	o.ascii(',"complete":');
	o.bool(h.complete);
	o.ascii(',"end":');
	o.str(h.end);
	o.ascii(',"certificateRequest":');
	const cr = h.certificateRequest;
	if (cr) {
		o.ascii('{"frame":');
		o.num(cr.frame);
		o.ascii(',"certificateTypes":');
		o.nums(cr.certificateTypes);
		o.ascii(',"signatureAlgorithms":');
		o.nums(cr.signatureAlgorithms);
		o.ascii(',"distinguishedNames":');
		o.bytes(namesJson(cr.distinguishedNames));
		o.ascii(',"listBytes":');
		o.num(cr.listBytes);
		o.ascii(',"records":');
		o.num(cr.records);
		o.ascii(',"messageBytes":');
		o.num(cr.messageBytes);
		o.ascii('}');
	} else o.ascii('null');
	o.ascii(',"serverCertificates":');
	certs(o, h.serverCertificates);
	o.ascii(',"clientCertificates":');
	if (h.clientCertificates) certs(o, h.clientCertificates);
	else o.ascii('null');
	o.ascii(',"alerts":[');
	for (let i = 0; i < h.alerts.length; i++) {
		const a = h.alerts[i]!;
		o.ascii(i ? ',{"frame":' : '{"frame":');
		o.num(a.frame);
		o.ascii(',"from":');
		o.str(a.from);
		o.ascii(',"level":');
		o.str(a.level);
		o.ascii(',"description":');
		if (a.description === null) o.ascii('null');
		else o.num(a.description);
		o.ascii(',"name":');
		o.str(a.name);
		o.ascii(',"encrypted":');
		o.bool(a.encrypted);
		o.ascii(',"decrypted":');
		o.bool(a.encrypted && a.description !== null);
		o.ascii('}');
	}
	const v = h.verdict;
	o.ascii('],"verdict":{"kind":');
	o.str(v.kind);
	o.ascii(',"severity":');
	o.str(v.severity);
	o.ascii(',"code":');
	o.str(v.code);
	o.ascii(',"message":');
	o.str(v.message);
	if (v.missing) {
		o.ascii(',"missing":');
		o.str(v.missing);
	}
	o.ascii('}}');
}
