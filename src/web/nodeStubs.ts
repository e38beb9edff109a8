/**
 * What the web build (dist/web/extension.js) gets instead of `node:fs` and `node:worker_threads` (scripts/build.mjs
 * maps them here). The callers check for a Node host first, so these never run; if one does, it says why.
 */
function unavailable(what: string): never {
	throw new Error(`${what} is not available in the web extension host`);
}

export function createReadStream(): never {
	return unavailable('node:fs createReadStream');
}

export class Worker {
	constructor() {
		unavailable('node:worker_threads Worker');
	}
}
