import * as l10n from '@vscode/l10n';

/** A protocol or algorithm state in words, for messages (translated when the host configured a bundle). */
export function stateWords(state: string): string {
	switch (state) {
		case 'enabled':
			return l10n.t('enabled');
		case 'disabled':
			return l10n.t('disabled');
		case 'disabledByDefault':
			return l10n.t('disabled by default');
		case 'notSupported':
			return l10n.t('not supported');
		case 'unknown':
			return l10n.t('unknown');
		default:
			return state;
	}
}

/** How a fact is known (the reference's tags: documented, inferred, unknown) in words, for reports. */
export function evidenceWords(evidence: string): string {
	switch (evidence) {
		case 'documented':
			return l10n.t('documented');
		case 'inferred':
			return l10n.t('inferred');
		case 'unknown':
			return l10n.t('unknown');
		default:
			return evidence;
	}
}
