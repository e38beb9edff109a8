import type { StoreCertificate } from './types';

/**
 * Roots Windows requires (KB 293781, "Required trusted root certificates"): removing them may
 * break the OS. Matched by subject CN and serial as the article lists them; rows whose serial the
 * stored copy of the article cut off are matched by CN alone.
 */
export const REQUIRED_ROOTS: readonly { readonly cn: string; readonly serial?: string; readonly os: string }[] = [
	{ cn: 'Microsoft Root Authority', serial: '00C1008B3C3C8811D13EF663ECDF40', os: 'Windows Vista, 7, Server 2008, 2008 R2' },
	{ cn: 'Thawte Timestamping CA', serial: '00', os: 'Windows Vista, 7, Server 2008, 2008 R2' },
	{ cn: 'Microsoft Root Certificate Authority', serial: '79AD16A14AA0A5AD4C7358F407132E65', os: 'Windows Vista, 7, Server 2008, 2008 R2' },
	{ cn: 'Copyright (c) 1997 Microsoft Corp.', serial: '01', os: 'Windows XP, Server 2003' },
	{ cn: 'Microsoft Authenticode(tm) Root Authority', os: 'Windows XP, Server 2003' },
];

export const REQUIRED_ROOTS_SOURCE = 'https://learn.microsoft.com/troubleshoot/windows-server/certificates-and-public-key-infrastructure-pki/trusted-root-certificates-are-required (KB 293781)';

function serialKey(s: string): string {
	return s.toUpperCase().replace(/^(00)+(?=..)/, '');
}

/** Whether a store certificate is one KB 293781 says not to remove (CN from the subject, serial when given). */
export function isRequiredRoot(c: StoreCertificate): boolean {
	const serialHex = c.serialHex;
	const cn = /(?:^|,)CN=((?:\\.|[^,\\])*)/.exec(c.subject)?.[1]?.replace(/\\(.)/g, '$1');
	return REQUIRED_ROOTS.some((r) => r.cn === cn && (r.serial === undefined || (serialHex !== undefined && serialKey(r.serial) === serialKey(serialHex))));
}
