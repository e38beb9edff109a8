export { checkKb2416849, findVersions, type FileVersion, type HotfixVerdict } from './kb2416849';
