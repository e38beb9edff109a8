import type { Evidence } from '../reg/types';

/** Logical stores that can feed the issuer list (reference §2.3, §5.1). */
export type StoreName = 'Root' | 'AuthRoot' | 'ClientAuthIssuer' | 'CA' | 'Site' | string;

/** Physical stores of the local machine's logical Root store, in sibling order (SYSSTORE). */
export const ROOT_PHYSICAL_ORDER = ['.Default', '.AuthRoot', '.GroupPolicy', '.Enterprise', '.SmartCard'] as const;

/** A certificate as the issuer-list computation needs it (decoded elsewhere). */
export interface StoreCertificate {
	/** Logical store the certificate was exported from. */
	readonly store: StoreName;
	/** Physical store inside the logical Root store, when known (`.AuthRoot` for the AuthRoot key). */
	readonly physical?: (typeof ROOT_PHYSICAL_ORDER)[number];
	/** Uppercase SHA-1 thumbprint. */
	readonly sha1: string;
	/** The subject Name's exact DER bytes: this is what goes on the wire. */
	readonly subjectDer: Uint8Array;
	/** The subject for people (RFC 4514 or Windows style). */
	readonly subject: string;
	/** The issuer Name's DER, to walk chains. */
	readonly issuerDer?: Uint8Array;
	readonly notAfter?: Date;
	/** Subject equals issuer and the signature verifies with its own key (or names match, if not verified). */
	readonly selfSigned: boolean;
	/** False when an EKU extension or the store's EKU property excludes client authentication. */
	readonly clientAuthAllowed: boolean;
	/** Where it came from (file and store path), for reports. */
	readonly source: string;
	/** The registry key holding it, when it came from a `.reg` export. */
	readonly registryKey?: string;
	/** Serial number, uppercase hex. */
	readonly serialHex?: string;
	/** DER of the certificate, to write it into another store. */
	readonly der?: Uint8Array;
	/** Position in its source file, for the "file order" estimate. */
	readonly sourceIndex: number;
}

/** One name in the list, in the order it would be sent. */
export interface IssuerListEntry {
	readonly certificate: StoreCertificate;
	/** DER length of the Name. */
	readonly derBytes: number;
	/** 2 + DER length: what it adds to the certificate_authorities vector. */
	readonly bytes: number;
	readonly cumulativeBytes: number;
	/** Cut under the primary estimated order. */
	readonly cut: boolean;
}

/** An enumeration order the cut is estimated under (the real order is not documented, §2.4). */
export interface OrderEstimate {
	readonly id: 'registry' | 'file' | 'size';
	readonly label: string;
	/** SHA-1s of the entries cut under this order. */
	readonly cut: readonly string[];
}

/** Everything the trusted-issuer list check reports (issue 6 part 1). */
export interface IssuerListResult {
	/** Which store feeds the list, why, and how sure that is. */
	readonly source: { readonly store: StoreName | 'none'; readonly reason: string; readonly evidence: Evidence };
	readonly entries: readonly IssuerListEntry[];
	/** Certificates of the feeding store left out, with the reason (not valid for client auth). */
	readonly excluded: readonly { readonly certificate: StoreCertificate; readonly reason: string }[];
	readonly totals: {
		/** (a) sum of DER names. */
		readonly names: number;
		/** (b) sum of 2 + DER length: the vector body. */
		readonly vectorBody: number;
		/** (c) the vector body plus its own 2-byte length. */
		readonly withLength: number;
	};
	readonly limit: { readonly bytes: number; readonly evidence: Evidence; readonly source: string; readonly os: string };
	/** 'over': (a) already exceeds the limit; 'at-risk': only (b) or (c) does; 'fits'. */
	readonly verdict: 'fits' | 'at-risk' | 'over' | 'not-sent';
	/** The cut under each plausible order; the first is the primary estimate used for `entries[].cut`. */
	readonly orders: readonly OrderEstimate[];
	/** Consequences on the wire, in words (TLS records, MessageLimitClient). */
	readonly notes: readonly string[];
}
