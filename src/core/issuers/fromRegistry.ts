import type { StoreCertificate } from './types';
import { formatRfc4514, type RegCertificate } from '../x509';

const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';
const ANY_EKU = '2.5.29.37.0';

/**
 * Whether a certificate may vouch for client authentication: its EKU extension (absent = all
 * purposes) and the store's EKU property (CERT_ENHKEY_USAGE_PROP_ID, 9; absent = no restriction).
 */
export function allowsClientAuth(rc: RegCertificate): boolean {
	const eku = rc.certificate?.extendedKeyUsage;
	if (eku && !eku.some((e) => e.oid === CLIENT_AUTH || e.oid === ANY_EKU)) return false;
	const prop = rc.element?.properties.find((p) => p.id === 9);
	if (prop && prop.decoded.kind === 'oids') return prop.decoded.oids.some((o) => o.oid === CLIENT_AUTH || o.oid === ANY_EKU);
	return true;
}

const PHYSICAL: Record<string, StoreCertificate['physical']> = {
	LOCAL_MACHINE: '.Default',
	LOCAL_MACHINE_GROUP_POLICY: '.GroupPolicy',
	LOCAL_MACHINE_ENTERPRISE: '.Enterprise',
};

/**
 * The local machine's certificates from a `.reg` export, as the issuer-list computation takes
 * them: Root (its .Default, .GroupPolicy and .Enterprise physical stores), AuthRoot,
 * ClientAuthIssuer and CA. User and service stores do not feed a server's list.
 */
export function storeCertificatesFromReg(regCerts: readonly RegCertificate[], source: string): StoreCertificate[] {
	const out: StoreCertificate[] = [];
	regCerts.forEach((rc, i) => {
		const cert = rc.certificate;
		const physical = PHYSICAL[rc.storeLocation];
		if (!cert || !physical) return;
		const name = rc.storeName.toLowerCase();
		const store = name === 'root' ? 'Root' : name === 'authroot' ? 'AuthRoot' : name === 'clientauthissuer' ? 'ClientAuthIssuer' : name === 'ca' ? 'CA' : undefined;
		if (!store) return;
		out.push({
			store,
			physical: store === 'AuthRoot' ? '.AuthRoot' : physical,
			sha1: cert.sha1,
			subjectDer: cert.subject.der,
			issuerDer: cert.issuer.der,
			subject: formatRfc4514(cert.subject),
			notAfter: cert.notAfter,
			selfSigned: cert.isSelfSignedByName,
			clientAuthAllowed: allowsClientAuth(rc),
			source: `${source} ${rc.keyPath}`,
			registryKey: rc.keyPath,
			serialHex: cert.serialHex,
			der: cert.der,
			sourceIndex: i,
		});
	});
	return out;
}
