// The browser bundle's entry (esbuild, platform browser, iife): exposes the probe as `SchannelLensCore.probe`.
import { nobleCrypto } from '../../src/core/crypto/noble';
import { setDefaultCrypto } from '../../src/core/crypto/provider';

// As the web host does: the core's crypto is the pure-JS provider in a browser.
setDefaultCrypto(nobleCrypto);
export { probe } from './coreProbe';
