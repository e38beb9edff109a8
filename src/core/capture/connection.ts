/** One TLS connection over TCP: two record readers, handshake reassembly, decryption with a key log, results. */
import * as l10n from '@vscode/l10n';
import type { CryptoProvider } from '../crypto/provider';
import { HandshakeAssembler } from './handshakeAssembler';
import { parseClientHello, parseServerHello, parseSslv2ClientHello, type ServerHelloInfo } from './handshakeParse';
import { HandshakeBuilder, type BuilderHost, type HandshakeEnd } from './handshakeBuilder';
import { masterFromPremaster, sessionHash, tls12Decryptors, tls12Suite, type RecordDecryptor } from './tls12';
import { TlsRecordReader, type RecordEvents } from './tlsRecords';
import type { Tls13Decryptor } from './tls13';
import { versionName } from './tlsNames';

/** What a connection needs from the reader. */
export interface ConnectionHost extends BuilderHost {
	/** A TLS 1.3 decryptor for this ClientHello random and cipher suite, if the key log has its secrets. */
	decryptor(clientRandom: Uint8Array, cipherSuite: number): Tls13Decryptor | undefined;
	/** The TLS ≤1.2 master secret logged for a ClientHello random (`CLIENT_RANDOM` lines). */
	masterSecret(clientRandom: Uint8Array): Uint8Array | undefined;
	/** The pre-master secret logged for an RSA ClientKeyExchange (`RSA` lines). */
	premaster(encryptedPremaster: Uint8Array): Uint8Array | undefined;
	/** Whether the key log has `RSA` lines (then TLS ≤1.2 transcripts are kept until the ClientKeyExchange). */
	readonly wantsTranscript: boolean;
	readonly crypto: CryptoProvider;
	problem(frame: number, message: string): void;
}

/** TLS ≤1.2 state of the handshake under way: its ServerHello and what its keys need. */
interface Tls12Handshake {
	sh: ServerHelloInfo;
	/** Keys for both directions, computed at the first ChangeCipherSpec; null when they cannot be had. */
	keys?: { client: RecordDecryptor; server: RecordDecryptor } | null;
	encryptedPremaster?: Uint8Array;
	sessionHash?: Uint8Array;
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
	/** Per direction, TLS ≤1.2: the read state installed by the last ChangeCipherSpec (null: no keys). */
	private readonly cipher: [RecordDecryptor | null, RecordDecryptor | null] = [null, null];
	private t12: Tls12Handshake | undefined;
	private transcript: Uint8Array[] | undefined;
	/** The handshake message being handled came out of a decrypted record. */
	private fromDecrypted = false;
	private finishedOnce = false;

	constructor(readonly stream: number, readonly endpoints: [string, string], readonly firstFrame: number, private readonly host: ConnectionHost, clientGuess: number) {
		this.clientDir = clientGuess;
		this.readers = [new TlsRecordReader(0, this), new TlsRecordReader(1, this)];
		const problem = (f: number, m: string): void => host.problem(f, m);
		this.asm = [new HandshakeAssembler((t, b, f, r, n) => this.message(0, t, b, f, r, n), problem), new HandshakeAssembler((t, b, f, r, n) => this.message(1, t, b, f, r, n), problem)];
		this.hs = this.newBuilder(false);
	}

	/** Marks both directions as starting mid-connection (no SYN seen). */
	midstream(dir: number): void {
		this.readers[dir]!.loose = true;
	}

	/** Ends the connection: reports what the capture cut short, and emits its handshake, if it had one. */
	finish(end: HandshakeEnd = 'capture-end'): void {
		if (this.finishedOnce) return;
		this.finishedOnce = true;
		if (end === 'capture-end') {
			for (const dir of [0, 1]) {
				const r = this.readers[dir]!;
				const cut = r.pendingAtEnd();
				const partial = this.asm[dir]!.pending;
				if (cut || partial) {
					const what = cut && partial ? l10n.t('{0}, inside a {1}-byte part of a handshake message', cut, partial) : cut ?? l10n.t('a handshake message ({0} bytes of it present)', partial);
					this.host.problem(r.lastFrame, this.role(dir) === 'server' ? l10n.t('the capture ends in the middle of {0} from the server (stream {1})', what, this.stream) : l10n.t('the capture ends in the middle of {0} from the client (stream {1})', what, this.stream));
					if (partial || (cut && !/application-data/.test(cut))) this.hs.facts.incomplete = true;
				}
			}
		}
		this.hs.emit(end);
	}

	private newBuilder(renegotiation: boolean): HandshakeBuilder {
		return new HandshakeBuilder(this.host, this.stream, () => this.roleAddresses(), this.firstFrame, renegotiation);
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
		if (!this.tls13) return this.cipher[dir]?.needsEveryBody ?? false;
		if (!this.dec || this.decryptDead) return false;
		return this.hsPhase[dir]! || length <= 64;
	}

	skipped(dir: number, _type: number, _length: number, _frame: number): void {
		if (this.dec) this.seq[dir]!++;
		else if (this.cipher[dir]) {
			this.cipher[dir]!.skip(undefined);
			this.seq[dir]!++;
		}
		if (!this.tls13 || !this.hsPhase[dir]) this.hs.facts.applicationData = true;
	}

	problem(frame: number, message: string): void {
		this.host.problem(frame, message);
	}

	damaged(dir: number, _frame: number): void {
		const f = this.hs.facts;
		f.incomplete = true;
		f.gap = true;
		if (this.role(dir) === 'server' && !f.serverHelloDone && !f.serverFinished && !this.hs.hasCertificateRequest) f.serverFlightGap = true;
		this.asm[dir]!.reset();
		// Lost records break the sequence numbers (and the CBC chain): stop decrypting this direction.
		this.cipher[dir] = null;
	}

	sslv2Hello(dir: number, body: Uint8Array, frame: number): void {
		const ch = parseSslv2ClientHello(body);
		if (!ch) return this.host.problem(frame, l10n.t('SSLv2-compatible ClientHello does not parse'));
		this.fixRoles(dir);
		this.hs.clientHello(ch, frame, true);
	}

	record(dir: number, type: number, version: number, body: Uint8Array, header: Uint8Array, frame: number): void {
		const from = this.role(dir);
		if (type === 20) {
			if (!this.tls13) this.changeCipherSpec(dir, frame);
			return;
		}
		if (!this.tls13 && this.encrypted[dir]) {
			const c = this.cipher[dir];
			if (c) {
				if (type === 21 || type === 22) return this.decrypt12(dir, c, type, version, body, frame);
				c.skip(body);
				this.seq[dir]!++;
				if (type === 23) this.hs.facts.applicationData = true;
				return;
			}
		}
		switch (type) {
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

	/** TLS ≤1.2 ChangeCipherSpec: this direction's later records use the handshake's new keys. */
	private changeCipherSpec(dir: number, frame: number): void {
		this.encrypted[dir] = true;
		this.seq[dir] = 0;
		this.cipher[dir] = null;
		const t = this.t12;
		if (!t) return;
		if (t.keys === undefined) t.keys = this.keys12(t, frame);
		if (t.keys) this.cipher[dir] = t.keys[this.role(dir)];
	}

	private keys12(t: Tls12Handshake, frame: number): { client: RecordDecryptor; server: RecordDecryptor } | null {
		const random = this.hs.clientRandom;
		if (!random) return null;
		const suite = tls12Suite(t.sh.cipherSuite);
		let master = this.host.masterSecret(random);
		if (!master && t.encryptedPremaster && suite) {
			const pms = this.host.premaster(t.encryptedPremaster);
			if (pms && t.sh.extendedMasterSecret && !t.sessionHash) {
				this.host.problem(frame, l10n.t('the key log has the RSA pre-master secret, but the handshake before the ClientKeyExchange was not all seen (the extended master secret needs it)'));
				return null;
			}
			if (pms) master = masterFromPremaster(this.host.crypto, t.sh.version, suite.prf, pms, random, t.sh.random, t.sh.extendedMasterSecret ? t.sessionHash : undefined);
		}
		if (!master) return null;
		const r = tls12Decryptors(this.host.crypto, { version: t.sh.version, suite: t.sh.cipherSuite, clientRandom: random, serverRandom: t.sh.random, masterSecret: master, encryptThenMac: t.sh.encryptThenMac });
		if ('reason' in r) {
			this.host.problem(frame, l10n.t('the key log has this {0} connection\'s secret, but {1}', versionName(t.sh.version), r.reason));
			return null;
		}
		return r;
	}

	private decrypt12(dir: number, c: RecordDecryptor, type: number, version: number, body: Uint8Array, frame: number): void {
		const plain = c.decrypt(this.seq[dir]!, type, version, body);
		this.seq[dir]!++;
		const role = this.role(dir);
		if (!plain) {
			this.cipher[dir] = null;
			this.hs.facts.decryptFailed = true;
			this.host.problem(frame, role === 'server' ? l10n.t('{0} server record (type {1}) does not decrypt with the key log\'s secret', versionName(this.t12?.sh.version ?? version), type) : l10n.t('{0} client record (type {1}) does not decrypt with the key log\'s secret', versionName(this.t12?.sh.version ?? version), type));
			if (type === 21) this.hs.alert(frame, role, null, null, true);
			return;
		}
		this.hs.decrypted = true;
		if (type === 21) {
			for (let i = 0; i + 1 < plain.length; i += 2) this.hs.alert(frame, role, plain[i]!, plain[i + 1]!, true);
			return;
		}
		this.fromDecrypted = true;
		try {
			this.asm[dir]!.add(plain, frame);
		} finally {
			this.fromDecrypted = false;
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
				this.host.problem(frame, role === 'server' ? l10n.t('TLS 1.3 server record does not decrypt with the key log\'s secrets') : l10n.t('TLS 1.3 client record does not decrypt with the key log\'s secrets'));
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
		if (this.transcript && type !== 0) this.keep(type, body);
		if (from === 'client') {
			if (type === 1) {
				const ch = parseClientHello(body);
				if (!ch) return this.host.problem(frame, l10n.t('ClientHello does not parse'));
				if (this.hs.facts.sawClientHello && !this.hs.facts.helloRetryRequest) {
					if (this.fromDecrypted) this.hs.facts.renegotiatedLater = true;
					this.hs.emit('next-handshake');
					this.hs = this.newBuilder(this.fromDecrypted);
					if (this.fromDecrypted) this.hs.encryptedHandshake = true;
				}
				this.t12 = undefined;
				this.transcript = this.host.wantsTranscript ? [] : undefined;
				if (this.transcript) this.keep(type, body);
				this.hs.clientHello(ch, frame, false);
			} else if (type === 11) this.hs.certificates('client', body, this.tls13, frame);
			else if (type === 15) this.hs.facts.certificateVerify = true;
			else if (type === 16) this.clientKeyExchange(body);
			else if (type === 20) this.finished(dir, 'client');
			return;
		}
		if (type === 2) {
			const sh = parseServerHello(body);
			if (!sh) return this.host.problem(frame, l10n.t('ServerHello does not parse'));
			this.hs.serverHello(sh, frame);
			if (!sh.helloRetryRequest && sh.version === 0x0304) this.startTls13(sh.cipherSuite);
			else if (!sh.helloRetryRequest) this.t12 = { sh };
		} else if (type === 11) this.hs.certificates('server', body, this.tls13, frame);
		else if (type === 13) this.hs.certificateRequest(body, this.tls13 ? 0x0304 : this.hs.selectedVersion(), frame, records, messageBytes);
		else if (type === 14) this.hs.facts.serverHelloDone = true;
		else if (type === 20) this.finished(dir, 'server');
	}

	/** RSA key exchange: the encrypted pre-master secret names the `RSA` key-log line; the transcript so far feeds the extended master secret. */
	private clientKeyExchange(body: Uint8Array): void {
		const t = this.t12;
		if (!t || !this.host.wantsTranscript) return;
		if (body.length >= 10) t.encryptedPremaster = body.slice(2, 10);
		const suite = tls12Suite(t.sh.cipherSuite);
		if (this.transcript && suite) {
			let n = 0;
			for (const m of this.transcript) n += m.length;
			const all = new Uint8Array(n);
			n = 0;
			for (const m of this.transcript) {
				all.set(m, n);
				n += m.length;
			}
			t.sessionHash = sessionHash(this.host.crypto, t.sh.version, suite.prf, all);
		}
		this.transcript = undefined;
	}

	private keep(type: number, body: Uint8Array): void {
		const m = new Uint8Array(4 + body.length);
		m[0] = type;
		m[1] = body.length >> 16;
		m[2] = (body.length >> 8) & 0xff;
		m[3] = body.length & 0xff;
		m.set(body, 4);
		this.transcript!.push(m);
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
