// The handshake between a host suite and the script that started it (scripts/locale.mjs, scripts/restrictedMode.mjs):
// the suite prints a line asking the script to read the open webviews (and take a screenshot); the script answers
// with a file. `signal` means done. `signal.again` means a webview never drew: seen in code-server 4.100.3, where a
// webview's outer frame (pre/index.html) loads and never creates its content frame, so none of our code runs and
// the page stays empty. The suite then opens its editors once more and asks again; a second `again` fails.
import { existsSync, rmSync, watch } from 'node:fs';
import { basename, dirname } from 'node:path';

/** The file the script writes when the webviews did not draw and it wants them opened again. */
export const againFile = (signal: string): string => `${signal}.again`;

function answer(signal: string, seconds: number): Promise<'done' | 'again'> {
	const again = againFile(signal);
	return new Promise((resolve, reject) => {
		const check = () => {
			if (existsSync(signal)) finish('done');
			else if (existsSync(again)) finish('again');
		};
		const watcher = watch(dirname(signal), check);
		const timer = setTimeout(() => {
			watcher.close();
			reject(new Error(`no answer from the runner within ${seconds} s (${basename(signal)})`));
		}, seconds * 1000);
		const finish = (what: 'done' | 'again') => {
			clearTimeout(timer);
			watcher.close();
			resolve(what);
		};
		check();
	});
}

/**
 * Prints `line` (the script's cue) and waits for the script's answer; when it asks for it, `reopen()` opens the
 * webviews once more and the cue is printed again.
 */
export async function askRunner(line: string, signal: string, seconds: number, reopen: () => Promise<void>): Promise<void> {
	console.log(line);
	if ((await answer(signal, seconds)) === 'done') return;
	rmSync(againFile(signal), { force: true });
	console.log(`[retry] a webview did not draw (${basename(signal)}): opening the editors once more`);
	await reopen();
	console.log(line);
	if ((await answer(signal, seconds)) === 'again') throw new Error(`the webviews did not draw, twice (${basename(signal)})`);
}
