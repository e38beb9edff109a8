// The browser bundle's entry (esbuild, platform browser, iife): exposes the probe as `SchannelLensCore.probe`.
export { probe } from './coreProbe';
