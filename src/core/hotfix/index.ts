export { checkKb2416849, findVersions, hotfixVerdictWords, type FileVersion, type HotfixVerdict } from './kb2416849';
