/** One TLS connection over TCP: two record readers, handshake reassembly, TLS 1.3 decryption, results. */
import { HandshakeAssembler } from './handshakeAssembler';
import { parseClientHello, parseServerHello, parseSslv2ClientHello } from './handshakeParse';
import { HandshakeBuilder, type BuilderHost } from './handshakeBuilder';
import { TlsRecordReader, type RecordEvents } from './tlsRecords';
import type { Tls13Decryptor } from './tls13';

/** What a connection needs from the reader. */
export interface ConnectionHost extends BuilderHost {
	/** A TLS 1.3 decryptor for this ClientHello random and cipher suite, if the key log has its secrets. */
	decryptor(clientRandom: Uint8Array, cipherSuite: number): Tls13Decryptor | undefined;
	problem(frame: number, message: string): void;
}

/** A TCP connection carrying (possibly) TLS. Direction 0 is the first packet's sender. */
export class TlsConnection implements RecordEvents {
	readonly readers: [TlsRecordReader, TlsRecordReader];
	/** Index of the client's direction. */
	clientDir = 0;
	private rolesFixed = false;
	private readonly asm: [HandshakeAssembler, HandshakeAssembler];
	private hs: HandshakeBuilder;
	private tls13 = false;
	/** Per direction: records are protected (≤1.2 after ChangeCipherSpec; 1.3 after ServerHello). */
	private readonly encrypted = [false, false];
	/** Per direction, TLS 1.3: still in the handshake epoch (Finished not yet decrypted). */
	private readonly hsPhase = [true, true];
	private dec: Tls13Decryptor | undefined;
	private readonly seq = [0, 0];
	private decryptDead = false;

	constructor(readonly stream: number, readonly endpoints: [string, string], readonly firstFrame: number, private readonly host: ConnectionHost, clientGuess: number) {
		this.clientDir = clientGuess;
		this.readers = [new TlsRecordReader(0, this), new TlsRecordReader(1, this)];
		const problem = (f: number, m: string): void => host.problem(f, m);
		this.asm = [new HandshakeAssembler((t, b, f, r, n) => this.message(0, t, b, f, r, n), problem), new HandshakeAssembler((t, b, f, r, n) => this.message(1, t, b, f, r, n), problem)];
		this.hs = this.newBuilder();
	}

	/** Marks both directions as starting mid-connection (no SYN seen). */
	midstream(dir: number): void {
		this.readers[dir]!.loose = true;
	}

	/** Ends the connection: emits its handshake, if it had one. */
	finish(): void {
		this.hs.emit();
	}

	private newBuilder(): HandshakeBuilder {
		return new HandshakeBuilder(this.host, this.stream, () => this.roleAddresses(), this.firstFrame);
	}

	private roleAddresses(): { client: string; server: string } {
		return { client: this.endpoints[this.clientDir]!, server: this.endpoints[1 - this.clientDir]! };
	}

	private role(dir: number): 'client' | 'server' {
		return dir === this.clientDir ? 'client' : 'server';
	}

	private fixRoles(clientDir: number): void {
		if (this.rolesFixed) return;
		this.rolesFixed = true;
		this.clientDir = clientDir;
	}

	// --- RecordEvents -------------------------------------------------------------------------

	peerStarted(dir: number): boolean {
		return this.readers[1 - dir]!.started;
	}

	wantsBody(dir: number, _type: number, length: number): boolean {
		if (!this.dec || this.decryptDead) return false;
		return this.hsPhase[dir]! || length <= 64;
	}

	skipped(dir: number, _type: number, _length: number, _frame: number): void {
		if (this.dec) this.seq[dir]!++;
		if (!this.tls13 || !this.hsPhase[dir]) this.hs.facts.applicationData = true;
	}

	problem(frame: number, message: string): void {
		this.host.problem(frame, message);
	}

	damaged(dir: number, _frame: number): void {
		this.hs.facts.incomplete = true;
		this.asm[dir]!.reset();
	}

	sslv2Hello(dir: number, body: Uint8Array, frame: number): void {
		const ch = parseSslv2ClientHello(body);
		if (!ch) return this.host.problem(frame, 'SSLv2-compatible ClientHello does not parse');
		this.fixRoles(dir);
		this.hs.clientHello(ch, frame, true);
	}

	record(dir: number, type: number, _version: number, body: Uint8Array, header: Uint8Array, frame: number): void {
		const from = this.role(dir);
		switch (type) {
			case 20:
				if (!this.tls13) this.encrypted[dir] = true;
				return;
			case 21:
				if ((this.encrypted[dir] && !this.tls13) || !readableAlerts(body)) return this.hs.alert(frame, from, null, null, true);
				for (let i = 0; i + 1 < body.length; i += 2) this.hs.alert(frame, from, body[i]!, body[i + 1]!, false);
				return;
			case 22:
				if (this.encrypted[dir] && !this.tls13) {
					if (from === 'client' ? this.hs.facts.clientFinished : this.hs.facts.serverFinished) this.hs.facts.encryptedRenegotiation = true;
					else if (from === 'client') this.hs.facts.clientFinished = true;
					else this.hs.facts.serverFinished = true;
					return;
				}
				return this.asm[dir]!.add(body, frame);
			case 23:
				return this.opaque(dir, body, header, frame);
			default:
				return;
		}
	}

	/** An application_data record whose body we asked for: TLS 1.3 protected records under known keys. */
	private opaque(dir: number, body: Uint8Array, header: Uint8Array, frame: number): void {
		const dec = this.dec;
		if (!dec || this.decryptDead) {
			if (!this.tls13 || !this.hsPhase[dir]) this.hs.facts.applicationData = true;
			return;
		}
		const role = this.role(dir);
		const plain = dec.decrypt(role, this.hsPhase[dir]! ? 'handshake' : 'application', this.seq[dir]!, header, body);
		this.seq[dir]!++;
		if (!plain) {
			if (this.hsPhase[dir]) {
				this.decryptDead = true;
				this.hs.facts.decryptFailed = true;
				this.host.problem(frame, `TLS 1.3 ${role} record does not decrypt with the key log's secrets`);
			}
			return;
		}
		this.hs.decrypted = true;
		if (plain.type === 22) this.asm[dir]!.add(plain.content, frame);
		else if (plain.type === 21) {
			for (let i = 0; i + 1 < plain.content.length; i += 2) this.hs.alert(frame, role, plain.content[i]!, plain.content[i + 1]!, true);
		} else if (plain.type === 23) this.hs.facts.applicationData = true;
	}

	private message(dir: number, type: number, body: Uint8Array, frame: number, records: number, messageBytes: number): void {
		if (type === 1 || type === 2) this.fixRoles(type === 1 ? dir : 1 - dir);
		const from = this.role(dir);
		if (from === 'client') {
			if (type === 1) {
				const ch = parseClientHello(body);
				if (!ch) return this.host.problem(frame, 'ClientHello does not parse');
				if (this.hs.facts.sawClientHello && !this.hs.facts.helloRetryRequest) {
					this.hs.emit();
					this.hs = this.newBuilder();
				}
				this.hs.clientHello(ch, frame, false);
			} else if (type === 11) this.hs.certificates('client', body, this.tls13, frame);
			else if (type === 15) this.hs.facts.certificateVerify = true;
			else if (type === 20) this.finished(dir, 'client');
			return;
		}
		if (type === 2) {
			const sh = parseServerHello(body);
			if (!sh) return this.host.problem(frame, 'ServerHello does not parse');
			this.hs.serverHello(sh, frame);
			if (!sh.helloRetryRequest && sh.version === 0x0304) this.startTls13(sh.cipherSuite);
		} else if (type === 11) this.hs.certificates('server', body, this.tls13, frame);
		else if (type === 13) this.hs.certificateRequest(body, this.tls13 ? 0x0304 : this.hs.selectedVersion(), frame, records, messageBytes);
		else if (type === 20) this.finished(dir, 'server');
	}

	private finished(dir: number, role: 'client' | 'server'): void {
		if (role === 'client') this.hs.facts.clientFinished = true;
		else this.hs.facts.serverFinished = true;
		if (this.tls13 && this.hsPhase[dir]) {
			this.hsPhase[dir] = false;
			this.seq[dir] = 0;
		}
	}

	private startTls13(suite: number): void {
		this.tls13 = true;
		this.encrypted[0] = this.encrypted[1] = true;
		this.hs.encryptedHandshake = true;
		const random = this.hs.clientRandom;
		this.dec = random ? this.host.decryptor(random, suite) : undefined;
		this.seq[0] = this.seq[1] = 0;
	}
}

/** A plaintext alert record holds level/description pairs; anything else is a protected alert. */
function readableAlerts(body: Uint8Array): boolean {
	if (body.length === 0 || body.length % 2 !== 0 || body.length > 8) return false;
	for (let i = 0; i < body.length; i += 2) if (body[i] !== 1 && body[i] !== 2) return false;
	return true;
}
