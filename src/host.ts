/** What the desktop (Node) extension host brings: Node's native crypto for the core (captures, hashes). */
import { setDefaultCrypto } from './core/crypto/provider';
import { nodeCrypto } from './shared/nodeCrypto';

/** Called first in `activate`. The web build maps this module to src/web/host.ts (the core's audited JS crypto). */
export function setUpHost(): void {
	setDefaultCrypto(nodeCrypto);
}
