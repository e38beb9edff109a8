/** OID → name tables for names, algorithms, extensions, EKUs and containers. */

/** Attribute types of distinguished names: RFC 4514 / OpenSSL short name and the label Windows prints. */
export interface AttributeTypeInfo {
	readonly oid: string;
	/** Name used in RFC 4514 output (the RFC 4514 §3 names, else the OpenSSL short name). */
	readonly shortName: string;
	/** Label CertNameToStr (CERT_X500_NAME_STR) prints, when Windows has one. */
	readonly windows?: string;
	/** Other spellings accepted when parsing. */
	readonly aliases?: readonly string[];
}

/** Known DN attribute types. */
export const ATTRIBUTE_TYPES: readonly AttributeTypeInfo[] = [
	{ oid: '2.5.4.3', shortName: 'CN', windows: 'CN', aliases: ['commonName'] },
	{ oid: '2.5.4.4', shortName: 'SN', windows: 'SN', aliases: ['surname'] },
	{ oid: '2.5.4.5', shortName: 'serialNumber', windows: 'SERIALNUMBER' },
	{ oid: '2.5.4.6', shortName: 'C', windows: 'C', aliases: ['countryName'] },
	{ oid: '2.5.4.7', shortName: 'L', windows: 'L', aliases: ['localityName'] },
	{ oid: '2.5.4.8', shortName: 'ST', windows: 'S', aliases: ['stateOrProvinceName'] },
	{ oid: '2.5.4.9', shortName: 'STREET', windows: 'STREET', aliases: ['streetAddress'] },
	{ oid: '2.5.4.10', shortName: 'O', windows: 'O', aliases: ['organizationName'] },
	{ oid: '2.5.4.11', shortName: 'OU', windows: 'OU', aliases: ['organizationalUnitName'] },
	{ oid: '2.5.4.12', shortName: 'title', windows: 'T', aliases: ['TITLE'] },
	{ oid: '2.5.4.13', shortName: 'description', windows: 'Description' },
	{ oid: '2.5.4.15', shortName: 'businessCategory' },
	{ oid: '2.5.4.17', shortName: 'postalCode', windows: 'PostalCode' },
	{ oid: '2.5.4.18', shortName: 'postOfficeBox', windows: 'POBox' },
	{ oid: '2.5.4.20', shortName: 'telephoneNumber', windows: 'Phone' },
	{ oid: '2.5.4.41', shortName: 'name' },
	{ oid: '2.5.4.42', shortName: 'GN', windows: 'G', aliases: ['givenName'] },
	{ oid: '2.5.4.43', shortName: 'initials', windows: 'I' },
	{ oid: '2.5.4.44', shortName: 'generationQualifier' },
	{ oid: '2.5.4.45', shortName: 'x500UniqueIdentifier' },
	{ oid: '2.5.4.46', shortName: 'dnQualifier' },
	{ oid: '2.5.4.65', shortName: 'pseudonym' },
	{ oid: '2.5.4.97', shortName: 'organizationIdentifier' },
	{ oid: '0.9.2342.19200300.100.1.1', shortName: 'UID', aliases: ['userId'] },
	{ oid: '0.9.2342.19200300.100.1.25', shortName: 'DC', windows: 'DC', aliases: ['domainComponent'] },
	{ oid: '1.2.840.113549.1.9.1', shortName: 'emailAddress', windows: 'E', aliases: ['EMAIL', 'Email'] },
	{ oid: '1.2.840.113549.1.9.2', shortName: 'unstructuredName' },
	{ oid: '1.3.6.1.4.1.311.60.2.1.1', shortName: 'jurisdictionL' },
	{ oid: '1.3.6.1.4.1.311.60.2.1.2', shortName: 'jurisdictionST' },
	{ oid: '1.3.6.1.4.1.311.60.2.1.3', shortName: 'jurisdictionC' },
];

const BY_OID = new Map(ATTRIBUTE_TYPES.map((t) => [t.oid, t]));
const BY_LABEL = new Map<string, AttributeTypeInfo>();
for (const t of ATTRIBUTE_TYPES) {
	for (const label of [t.shortName, ...(t.aliases ?? [])]) BY_LABEL.set(label.toLowerCase(), t);
}
// Windows labels win over RFC names only where they do not clash ("SN" is surname in both; "S" is ST; "T" title; "E" email).
for (const t of ATTRIBUTE_TYPES) if (t.windows && !BY_LABEL.has(t.windows.toLowerCase())) BY_LABEL.set(t.windows.toLowerCase(), t);

/** Attribute type info for an OID. */
export function attributeTypeByOid(oid: string): AttributeTypeInfo | undefined {
	return BY_OID.get(oid);
}

/** Attribute type info for a label as people type it (case-insensitive; RFC 4514, OpenSSL and Windows labels). */
export function attributeTypeByLabel(label: string): AttributeTypeInfo | undefined {
	return BY_LABEL.get(label.toLowerCase());
}

/** Other OIDs: algorithms, curves, extensions, EKUs, content types, bag types. */
export const OID_NAMES: Readonly<Record<string, string>> = {
	'1.2.840.113549.1.1.1': 'rsaEncryption',
	'1.2.840.113549.1.1.2': 'md2WithRSAEncryption',
	'1.2.840.113549.1.1.4': 'md5WithRSAEncryption',
	'1.2.840.113549.1.1.5': 'sha1WithRSAEncryption',
	'1.2.840.113549.1.1.10': 'rsassaPss',
	'1.2.840.113549.1.1.11': 'sha256WithRSAEncryption',
	'1.2.840.113549.1.1.12': 'sha384WithRSAEncryption',
	'1.2.840.113549.1.1.13': 'sha512WithRSAEncryption',
	'1.2.840.113549.1.1.14': 'sha224WithRSAEncryption',
	'1.2.840.10040.4.1': 'dsa',
	'1.2.840.10040.4.3': 'dsaWithSHA1',
	'2.16.840.1.101.3.4.3.2': 'dsaWithSHA256',
	'1.2.840.10045.2.1': 'ecPublicKey',
	'1.2.840.10045.4.1': 'ecdsaWithSHA1',
	'1.2.840.10045.4.3.2': 'ecdsaWithSHA256',
	'1.2.840.10045.4.3.3': 'ecdsaWithSHA384',
	'1.2.840.10045.4.3.4': 'ecdsaWithSHA512',
	'1.3.101.110': 'X25519',
	'1.3.101.111': 'X448',
	'1.3.101.112': 'Ed25519',
	'1.3.101.113': 'Ed448',
	'1.2.840.10045.3.1.7': 'prime256v1',
	'1.3.132.0.34': 'secp384r1',
	'1.3.132.0.35': 'secp521r1',
	'1.3.132.0.10': 'secp256k1',
	'1.2.840.10045.3.1.1': 'prime192v1',
	'1.3.132.0.33': 'secp224r1',
	'1.3.36.3.3.2.8.1.1.7': 'brainpoolP256r1',
	'1.3.36.3.3.2.8.1.1.11': 'brainpoolP384r1',
	'1.3.36.3.3.2.8.1.1.13': 'brainpoolP512r1',
	'1.3.14.3.2.26': 'sha1',
	'2.16.840.1.101.3.4.2.1': 'sha256',
	'2.16.840.1.101.3.4.2.2': 'sha384',
	'2.16.840.1.101.3.4.2.3': 'sha512',
	'1.2.840.113549.2.5': 'md5',
	'2.5.29.14': 'subjectKeyIdentifier',
	'2.5.29.15': 'keyUsage',
	'2.5.29.17': 'subjectAltName',
	'2.5.29.18': 'issuerAltName',
	'2.5.29.19': 'basicConstraints',
	'2.5.29.30': 'nameConstraints',
	'2.5.29.31': 'cRLDistributionPoints',
	'2.5.29.32': 'certificatePolicies',
	'2.5.29.33': 'policyMappings',
	'2.5.29.35': 'authorityKeyIdentifier',
	'2.5.29.36': 'policyConstraints',
	'2.5.29.37': 'extendedKeyUsage',
	'2.5.29.54': 'inhibitAnyPolicy',
	'2.5.29.32.0': 'anyPolicy',
	'1.3.6.1.5.5.7.1.1': 'authorityInfoAccess',
	'1.3.6.1.5.5.7.1.11': 'subjectInfoAccess',
	'1.3.6.1.5.5.7.48.1': 'OCSP',
	'1.3.6.1.5.5.7.48.2': 'caIssuers',
	'1.3.6.1.4.1.11129.2.4.2': 'ctPrecertificateSCTs',
	'1.3.6.1.4.1.311.20.2': 'msCertificateTemplateName',
	'1.3.6.1.4.1.311.21.1': 'msCaVersion',
	'1.3.6.1.4.1.311.21.2': 'msPreviousCaCertHash',
	'1.3.6.1.4.1.311.21.7': 'msCertificateTemplate',
	'1.3.6.1.4.1.311.21.10': 'msApplicationPolicies',
	'2.16.840.1.113730.1.1': 'netscapeCertType',
	'2.16.840.1.113730.1.13': 'netscapeComment',
	'2.5.29.37.0': 'anyExtendedKeyUsage',
	'1.3.6.1.5.5.7.3.1': 'serverAuth',
	'1.3.6.1.5.5.7.3.2': 'clientAuth',
	'1.3.6.1.5.5.7.3.3': 'codeSigning',
	'1.3.6.1.5.5.7.3.4': 'emailProtection',
	'1.3.6.1.5.5.7.3.5': 'ipsecEndSystem',
	'1.3.6.1.5.5.7.3.6': 'ipsecTunnel',
	'1.3.6.1.5.5.7.3.7': 'ipsecUser',
	'1.3.6.1.5.5.7.3.8': 'timeStamping',
	'1.3.6.1.5.5.7.3.9': 'OCSPSigning',
	'1.3.6.1.5.5.7.3.17': 'ipsecIKE',
	'1.3.6.1.4.1.311.10.3.3': 'msSGC',
	'1.3.6.1.4.1.311.10.3.4': 'msEFS',
	'1.3.6.1.4.1.311.10.3.12': 'msDocumentSigning',
	'1.3.6.1.4.1.311.20.2.2': 'msSmartcardLogin',
	'1.3.6.1.4.1.311.10.3.1': 'msCTLSigning',
	'2.16.840.1.113730.4.1': 'nsSGC',
	'1.3.6.1.5.2.3.5': 'pkInitKDC',
	'1.2.840.113549.1.7.1': 'data',
	'1.2.840.113549.1.7.2': 'signedData',
	'1.2.840.113549.1.7.6': 'encryptedData',
	'1.2.840.113549.1.12.10.1.1': 'keyBag',
	'1.2.840.113549.1.12.10.1.2': 'pkcs8ShroudedKeyBag',
	'1.2.840.113549.1.12.10.1.3': 'certBag',
	'1.2.840.113549.1.12.10.1.4': 'crlBag',
	'1.2.840.113549.1.12.10.1.5': 'secretBag',
	'1.2.840.113549.1.12.10.1.6': 'safeContentsBag',
	'1.2.840.113549.1.9.22.1': 'x509Certificate',
	'1.2.840.113549.1.9.20': 'friendlyName',
	'1.2.840.113549.1.9.21': 'localKeyID',
	'1.2.840.113549.1.12.1.1': 'pbeWithSHAAnd128BitRC4',
	'1.2.840.113549.1.12.1.2': 'pbeWithSHAAnd40BitRC4',
	'1.2.840.113549.1.12.1.3': 'pbeWithSHAAnd3-KeyTripleDES-CBC',
	'1.2.840.113549.1.12.1.4': 'pbeWithSHAAnd2-KeyTripleDES-CBC',
	'1.2.840.113549.1.12.1.5': 'pbeWithSHAAnd128BitRC2-CBC',
	'1.2.840.113549.1.12.1.6': 'pbeWithSHAAnd40BitRC2-CBC',
	'1.2.840.113549.1.5.13': 'PBES2',
	'1.2.840.113549.1.5.12': 'PBKDF2',
	'1.2.840.113549.2.7': 'hmacWithSHA1',
	'1.2.840.113549.2.9': 'hmacWithSHA256',
	'1.2.840.113549.2.10': 'hmacWithSHA384',
	'1.2.840.113549.2.11': 'hmacWithSHA512',
	'2.16.840.1.101.3.4.1.2': 'aes128-CBC',
	'2.16.840.1.101.3.4.1.22': 'aes192-CBC',
	'2.16.840.1.101.3.4.1.42': 'aes256-CBC',
	'1.2.840.113549.3.7': 'des-ede3-cbc',
};

/** A readable name for any OID: the tables above, else the dotted OID itself. */
export function oidName(oid: string): string {
	return OID_NAMES[oid] ?? attributeTypeByOid(oid)?.shortName ?? oid;
}

/** Curve sizes in bits, by curve OID. */
export const CURVE_BITS: Readonly<Record<string, number>> = {
	'1.2.840.10045.3.1.7': 256,
	'1.3.132.0.34': 384,
	'1.3.132.0.35': 521,
	'1.3.132.0.10': 256,
	'1.2.840.10045.3.1.1': 192,
	'1.3.132.0.33': 224,
	'1.3.36.3.3.2.8.1.1.7': 256,
	'1.3.36.3.3.2.8.1.1.11': 384,
	'1.3.36.3.3.2.8.1.1.13': 512,
};

/** Enhanced key usages as Windows names them (certmgr, certutil). */
const EKU_WINDOWS_NAMES: Readonly<Record<string, string>> = {
	'1.3.6.1.5.5.7.3.1': 'Server Authentication',
	'1.3.6.1.5.5.7.3.2': 'Client Authentication',
	'1.3.6.1.5.5.7.3.3': 'Code Signing',
	'1.3.6.1.5.5.7.3.4': 'Secure Email',
	'1.3.6.1.5.5.7.3.8': 'Time Stamping',
	'1.3.6.1.5.5.7.3.9': 'OCSP Signing',
	'1.3.6.1.4.1.311.20.2.2': 'Smart Card Logon',
	'1.3.6.1.4.1.311.10.3.4': 'Encrypting File System',
	'1.3.6.1.4.1.311.10.3.12': 'Document Signing',
	'2.5.29.37.0': 'Any Purpose',
};

/** An EKU's name as Windows shows it, else the OID table's name; undefined for an OID nobody names. */
export function ekuName(oid: string): string | undefined {
	return EKU_WINDOWS_NAMES[oid] ?? (oidName(oid) !== oid ? oidName(oid) : undefined);
}
