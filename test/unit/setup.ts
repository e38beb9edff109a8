// Loaded before every unit test file (.mocharc.json "require"): the core holds no crypto implementation
// of its own, so the tests set the pure-JS provider as the web host does. Tests of Node's provider pass
// it explicitly (known answers, decryption), and the CLI run sets it as the CLI does.
import { nobleCrypto } from '../../src/core/crypto/noble';
import { setDefaultCrypto } from '../../src/core/crypto/provider';

setDefaultCrypto(nobleCrypto);
