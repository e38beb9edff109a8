import { formatRfc4514, type LoadedCertificate } from '../x509';
import type { ClientCertificate } from './clients';
import type { StoreCertificate, StoreName } from './types';

const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';
const ANY_EKU = '2.5.29.37.0';

/** Store entries from loaded certificates (a `.sst`, PEM or PKCS#7 bundle given as one store). */
export function storeCertificatesFrom(loaded: readonly LoadedCertificate[], store: StoreName, source: string): StoreCertificate[] {
	return loaded.map((l, i) => {
		const c = l.certificate;
		const eku = c.extendedKeyUsage;
		const ekuProp = l.source.properties?.find((p) => p.id === 9);
		const propAllows = !ekuProp || ekuProp.decoded.kind !== 'oids' || ekuProp.decoded.oids.some((o) => o.oid === CLIENT_AUTH || o.oid === ANY_EKU);
		return {
			store,
			sha1: c.sha1,
			subjectDer: c.subject.der,
			issuerDer: c.issuer.der,
			subject: formatRfc4514(c.subject),
			notAfter: c.notAfter,
			selfSigned: c.isSelfSignedByName,
			clientAuthAllowed: (!eku || eku.some((e) => e.oid === CLIENT_AUTH || e.oid === ANY_EKU)) && propAllows,
			source: `${source}#${i + 1}`,
			sourceIndex: i,
			serialHex: c.serialHex,
			der: c.der,
		};
	});
}

/** Client certificates to judge: end-entity certificates (not CAs) that allow client authentication. */
export function clientCertificatesFrom(loaded: readonly LoadedCertificate[], source: string): ClientCertificate[] {
	return loaded
		.filter((l) => !l.certificate.basicConstraints?.ca)
		.map((l, i) => ({ sha1: l.certificate.sha1, subject: formatRfc4514(l.certificate.subject), subjectDer: l.certificate.subject.der, issuerDer: l.certificate.issuer.der, source: `${source}#${i + 1}` }));
}
