/** X.509 loading and distinguished names for Schannel Lens: pure TypeScript, Uint8Array in, `{ value, problems }` out. */
export * from './problems';
export { tryReadTlv, decodeOid, encodeOidContent, encodeTlv, Tag, type Tlv } from './der';
export { decodeBase64, encodeBase64, findPemBlocks, looksLikePem, toPem, type PemBlock } from './pem';
export { ATTRIBUTE_TYPES, OID_NAMES, attributeTypeByLabel, attributeTypeByOid, ekuName, oidName, type AttributeTypeInfo } from './oids';
export { decodeName, decodeStringValue, hexValue, nameAttributes, nameValue, tagName, type Name, type NameAttribute, type Rdn } from './name';
export { describeNameTypes, escapeRfc4514, formatRfc4514, formatWindows, quoteWindows, windowsLabel, type WindowsFormatOptions } from './nameFormat';
export { encodeValueForType, parseDn } from './nameParse';
export { certificateRequestBytes, namesLookAlike, normalizedNameKey, sameNameBytes, sameNameCryptoApi } from './nameCompare';
export { decodeCertificate, isoDate, type Certificate, type PublicKeyInfo } from './certificate';
export type { DecodedExtensions, Extension, GeneralName } from './extensions';
export { decodePropertyValue, propertyName, PropId, utf16z, type KeyProvInfo, type PropertyValue } from './storeProperties';
export { looksLikeBlob, looksLikeSst, parseSerializedElement, parseSerializedStore, type SerializedElement, type StoreProperty } from './serializedStore';
export { pkcs7Certificates } from './pkcs7';
export { parsePkcs12, pkcs12Iterations, PKCS12_ITERATION_CAP, type Pkcs12Certificate, type Pkcs12Options } from './pkcs12';
export { certificatesFromReg, classifyStoreKey, type RegCertificate, type StoreLocation } from './regStores';
export { detectContainer, loadCertificates, loadCertificatesSync, type CertificateSource, type ContainerKind, type DetectedKind, type LoadedCertificate, type LoadOptions } from './load';
export { parseCtl, type CertificateTrustList, type CtlEntry } from './ctl';
