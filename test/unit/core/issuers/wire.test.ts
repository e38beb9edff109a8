import * as assert from 'node:assert/strict';
import { readCapture } from '../../../../src/core/capture';
import { computeIssuerList, readStoreSource } from '../../../../src/core/issuers';
import { findWindowsVersion } from '../../../../src/core/schannel';
import { readFixture } from '../../../support/fixtures';

function hex(b: Uint8Array): string {
	return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

/** The DN list openssl s_server really sent, read from the capture by our reader (checked against tshark elsewhere). */
function sentNames(capture: string): { names: string[]; listBytes: number } {
	const report = readCapture(readFixture(capture));
	const request = report.handshakeResults.find((h) => h.certificateRequest)?.certificateRequest;
	assert.ok(request, `${capture} has a CertificateRequest`);
	return { names: request.distinguishedNames.map((d) => d.der), listBytes: request.listBytes };
}

suite('issuer list computed from a CA bundle equals what s_server sent (issue 6)', () => {
	for (const [bundle, capture] of [
		['pki/bundle-300.pem', 'captures/tls12-mtls-bigcalist.pcap'],
		['pki/bundle-300.pem', 'captures/tls12-mtls-bigcalist-frag512.pcapng'],
		['pki/bundle-truncated-16k.pem', 'captures/tls12-mtls-truncated-list-nocert.pcap'],
	] as const) {
		test(`${bundle} → ${capture}`, async () => {
			const source = await readStoreSource(bundle, readFixture(bundle), 'Root');
			const list = computeIssuerList(source.stores, { os: findWindowsVersion('2008r2')! });
			// s_server sends the -CAfile names in file order: compare with our entries in file order.
			const computed = [...list.entries].sort((a, b) => a.certificate.sourceIndex - b.certificate.sourceIndex).map((e) => hex(e.certificate.subjectDer));
			const wire = sentNames(capture);
			assert.equal(wire.names.length, computed.length);
			assert.deepEqual(wire.names, computed, 'byte for byte, in order');
			assert.equal(wire.listBytes, list.totals.vectorBody, 'the vector length on the wire is our vector body');
		});
	}
});
