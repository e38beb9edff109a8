/** Names of TLS versions, cipher suites and alerts, for reports. */

const ALERTS: Readonly<Record<number, string>> = {
	0: 'close_notify', 10: 'unexpected_message', 20: 'bad_record_mac', 21: 'decryption_failed', 22: 'record_overflow',
	30: 'decompression_failure', 40: 'handshake_failure', 41: 'no_certificate', 42: 'bad_certificate',
	43: 'unsupported_certificate', 44: 'certificate_revoked', 45: 'certificate_expired', 46: 'certificate_unknown',
	47: 'illegal_parameter', 48: 'unknown_ca', 49: 'access_denied', 50: 'decode_error', 51: 'decrypt_error',
	60: 'export_restriction', 70: 'protocol_version', 71: 'insufficient_security', 80: 'internal_error',
	86: 'inappropriate_fallback', 90: 'user_canceled', 100: 'no_renegotiation', 109: 'missing_extension',
	110: 'unsupported_extension', 111: 'certificate_unobtainable', 112: 'unrecognized_name',
	113: 'bad_certificate_status_response', 114: 'bad_certificate_hash_value', 115: 'unknown_psk_identity',
	116: 'certificate_required', 120: 'no_application_protocol',
};

/** RFC name of an alert description, e.g. 48 → `unknown_ca`. */
export function alertName(code: number): string {
	return ALERTS[code] ?? `unknown_alert_${code}`;
}

/** `TLS 1.2`, `SSL 3.0`, … for a wire version. */
export function versionName(v: number): string {
	switch (v) {
		case 0x0002: return 'SSL 2.0';
		case 0x0300: return 'SSL 3.0';
		case 0x0301: return 'TLS 1.0';
		case 0x0302: return 'TLS 1.1';
		case 0x0303: return 'TLS 1.2';
		case 0x0304: return 'TLS 1.3';
		default: return `0x${v.toString(16).padStart(4, '0')}`;
	}
}

const SUITES: Readonly<Record<number, string>> = {
	0x0004: 'TLS_RSA_WITH_RC4_128_MD5', 0x0005: 'TLS_RSA_WITH_RC4_128_SHA', 0x000a: 'TLS_RSA_WITH_3DES_EDE_CBC_SHA',
	0x002f: 'TLS_RSA_WITH_AES_128_CBC_SHA', 0x0035: 'TLS_RSA_WITH_AES_256_CBC_SHA', 0x003c: 'TLS_RSA_WITH_AES_128_CBC_SHA256',
	0x003d: 'TLS_RSA_WITH_AES_256_CBC_SHA256', 0x009c: 'TLS_RSA_WITH_AES_128_GCM_SHA256', 0x009d: 'TLS_RSA_WITH_AES_256_GCM_SHA384',
	0x0033: 'TLS_DHE_RSA_WITH_AES_128_CBC_SHA', 0x0039: 'TLS_DHE_RSA_WITH_AES_256_CBC_SHA', 0x009e: 'TLS_DHE_RSA_WITH_AES_128_GCM_SHA256',
	0x009f: 'TLS_DHE_RSA_WITH_AES_256_GCM_SHA384', 0xc009: 'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA', 0xc00a: 'TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA',
	0xc013: 'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA', 0xc014: 'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA', 0xc023: 'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256',
	0xc024: 'TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384', 0xc027: 'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256', 0xc028: 'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384',
	0xc02b: 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256', 0xc02c: 'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384', 0xc02f: 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
	0xc030: 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384', 0xcca8: 'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256', 0xcca9: 'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256',
	0xccaa: 'TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256', 0x1301: 'TLS_AES_128_GCM_SHA256', 0x1302: 'TLS_AES_256_GCM_SHA384',
	0x1303: 'TLS_CHACHA20_POLY1305_SHA256', 0x1304: 'TLS_AES_128_CCM_SHA256', 0x1305: 'TLS_AES_128_CCM_8_SHA256',
	0xc09c: 'TLS_RSA_WITH_AES_128_CCM', 0xc09d: 'TLS_RSA_WITH_AES_256_CCM', 0xc09e: 'TLS_DHE_RSA_WITH_AES_128_CCM',
	0xc09f: 'TLS_DHE_RSA_WITH_AES_256_CCM', 0xc0a0: 'TLS_RSA_WITH_AES_128_CCM_8', 0xc0a1: 'TLS_RSA_WITH_AES_256_CCM_8',
	0xc0a2: 'TLS_DHE_RSA_WITH_AES_128_CCM_8', 0xc0a3: 'TLS_DHE_RSA_WITH_AES_256_CCM_8', 0xc0ac: 'TLS_ECDHE_ECDSA_WITH_AES_128_CCM',
	0xc0ad: 'TLS_ECDHE_ECDSA_WITH_AES_256_CCM', 0xc0ae: 'TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8', 0xc0af: 'TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8',
	0x0067: 'TLS_DHE_RSA_WITH_AES_128_CBC_SHA256', 0x006b: 'TLS_DHE_RSA_WITH_AES_256_CBC_SHA256',
};

/** IANA name of a cipher suite, or `0xC02F` when unknown. */
export function cipherSuiteName(s: number): string {
	return SUITES[s] ?? `0x${s.toString(16).toUpperCase().padStart(4, '0')}`;
}
