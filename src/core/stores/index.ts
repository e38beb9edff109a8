export { ALL_STORE_RULES, checkRegCertificates, STORE_RULES } from './storeChecks';
export { regCertificateAt, regCertificateHover } from './certHover';
