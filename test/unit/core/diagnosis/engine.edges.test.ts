// Edges of the diagnosis engine on synthetic machines (issue 10): the at-risk band, an enumeration order that
// decides the outcome, and a list seen in a capture against a cut store. Names are fake DER (a SEQUENCE tag and
// distinct bytes): the engine compares names by their bytes, as Schannel's client does.
import * as assert from 'node:assert/strict';
import type { Case, Machine } from '../../../../src/core/case';
import { diagnose } from '../../../../src/core/diagnosis';
import type { StoreCertificate } from '../../../../src/core/issuers';
import { parseRegText } from '../../../../src/core/reg';
import { findWindowsVersion } from '../../../../src/core/schannel';

const os = findWindowsVersion('2008r2')!;
const SETTINGS = 'Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL]\r\n"SendTrustedIssuerList"=dword:00000001\r\n';

function name(id: number, size: number): Uint8Array {
	const d = new Uint8Array(size);
	d[0] = 0x30;
	d[1] = size - 2;
	d[2] = id & 0xff;
	d[3] = id >> 8;
	return d;
}
const hex = (b: Uint8Array) => [...b].map((x) => x.toString(16).padStart(2, '0')).join('');

function root(id: number, size: number, sha1 = id.toString(16).toUpperCase().padStart(40, '0')): StoreCertificate {
	const der = name(id, size);
	return { store: 'Root', physical: '.Default', sha1, subjectDer: der, issuerDer: der, subject: `CN=Root ${id}`, selfSigned: true, clientAuthAllowed: true, source: 'roots.reg', sourceIndex: id, registryKey: `k${id}` };
}

function server(stores: StoreCertificate[], extra: Partial<Machine> = {}): Machine {
	const text = SETTINGS;
	return {
		name: 'SRV', role: 'server', folder: 'srv', windows: { version: os, label: os.name, from: 'manifest' },
		artefacts: [], stores, storesPresent: new Set(['Root']), storesDamaged: new Set(), certificates: [], captures: [], events: [], bindings: [], schannelVersions: [], clients: [],
		settings: { file: 'schannel.reg', doc: parseRegText(text), text, sendTrustedIssuerList: { value: 1, line: 4 } },
		...extra,
	};
}

function clientOf(issuer: StoreCertificate): Machine {
	return {
		name: 'C', role: 'client', folder: 'c', artefacts: [], stores: [], storesPresent: new Set(), storesDamaged: new Set(), certificates: [], captures: [], events: [], bindings: [], schannelVersions: [],
		clients: [{ sha1: 'C1', subject: 'CN=carol.client', subjectDer: name(9999, 20), issuerDer: issuer.subjectDer, issuer: issuer.subject, source: 'carol.cer', file: 'carol.cer', clientAuth: true }],
	};
}

suite('diagnosis engine: edges (issue 10)', () => {
	test('names fit, names with their 2-byte prefixes do not: at-risk, a warning, never "fits"', () => {
		const stores = Array.from({ length: 200 }, (_, i) => root(i + 1, 81));
		const d = diagnose({ machines: [server(stores)] });
		assert.equal(d.servers[0]!.verdict, 'at-risk');
		assert.ok(d.findings.some((f) => f.code === 'issuers.at-risk' && f.severity === 'warning'));
	});

	test('the two estimated orders disagree on the client\'s CA: the outcome is unknown, and a capture decides', () => {
		const stores = Array.from({ length: 300 }, (_, i) => root(i + 1, 60));
		// Last in thumbprint (registry) order, first in file order: cut under one estimate, sent under the other.
		const mine = { ...root(400, 60, 'F'.repeat(40)), sourceIndex: -1 };
		const c: Case = { machines: [server([...stores, mine]), clientOf(mine)] };
		const d = diagnose(c);
		assert.equal(d.servers[0]!.verdict, 'over');
		const o = d.clients[0]!;
		assert.equal(o.outcome, 'unknown');
		assert.equal(o.reasonCode, 'order-unknown');
		assert.match(o.missing!, /capture/);
		assert.ok(d.findings.some((f) => f.code === 'client.order-unknown'));
		assert.equal(d.plans.find((p) => p.id === 'remove-roots')!.keptNeeded!.includes(mine.sha1), true, 'plan (a) keeps the CA a known client needs');
	});

	test('a capture\'s list without the client\'s CA, against a cut store: no certificate (seen), but "wrong CA" is not claimed', () => {
		const stores = Array.from({ length: 50 }, (_, i) => root(i + 1, 60));
		const mine = stores[10]!;
		const onWire = stores.filter((s) => s !== mine).map((s) => ({ der: hex(s.subjectDer), text: s.subject }));
		const handshake = { certificateRequest: { frame: 7, distinguishedNames: onWire, listBytes: onWire.length * 62, records: 1, messageBytes: 0, certificateTypes: [], signatureAlgorithms: [] }, facts: {}, firstFrame: 1 } as never;
		const m = server(stores, { storesDamaged: new Set(['Root']), captures: [{ file: 'cap.pcapng', handshakes: [handshake], problems: [], packets: 10 }] });
		const d = diagnose({ machines: [m, clientOf(mine)] });
		const o = d.clients[0]!;
		assert.equal(o.outcome, 'no-certificate');
		assert.equal(o.reasonCode, 'not-listed');
		assert.equal(o.confidence, 'observed');
		assert.ok(d.findings.some((f) => f.code === 'client.not-listed'));
		assert.equal(d.servers[0]!.verdict, 'unknown', 'which names were cut needs the whole store');
	});
});
