/** The web extension host: no Node crypto; the core gets the pure-JS provider (@noble/hashes, @noble/ciphers). */
import { setDefaultCrypto } from '../core/crypto/provider';
import { nobleCrypto } from '../core/crypto/noble';

/** Called first in `activate` (the web build maps src/host.ts here). */
export function setUpHost(): void {
	setDefaultCrypto(nobleCrypto);
}
