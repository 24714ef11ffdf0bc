export function sleep(ms: number): Promise<void> {
	return new Promise((done) => setTimeout(done, ms));
}

/**
 * Polls `check` every `intervalMs` until it holds; past `timeoutMs`, fails naming `what` (a function
 * when the message should tell what was seen last). An error thrown by `check` ends the wait at once.
 */
export async function waitFor(
	check: () => Promise<boolean>,
	timeoutMs: number,
	what: string | (() => string),
	intervalMs = 250,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (await check()) return;
		await sleep(intervalMs);
	}
	throw new Error(`Timed out after ${timeoutMs} ms waiting for ${typeof what === 'function' ? what() : what}`);
}
