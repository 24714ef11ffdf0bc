// GraphiQL in headless Chromium: the demo server (`smartflo-graphql --sandbox`, as `npm run demo`
// starts it) serves GraphiQL, a login mutation typed into its editor returns a token from the
// sandbox, and a screenshot is saved. Run with `npm run test:browser` (builds first); not part of
// `npm test`, which must work without Chromium.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { clearTimeout, setTimeout } from 'node:timers';
import { setTimeout as delay } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath, URL } from 'node:url';

import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const cli = join(root, 'graphql', 'dist', 'graphql', 'cli.js');
const screenshots = join(here, 'screenshots');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const DEMO_EMAIL = 'demo@smartflo.test';
const DEMO_PASSWORD = 'Demo@Pass123';
// One line: typed newlines would meet the editor's auto-closing brackets.
const LOGIN = `mutation BrowserLogin { login(email: "${DEMO_EMAIL}", password: "${DEMO_PASSWORD}") { ok token { accessToken expiresIn expiresAt } error { code message } } }`;

let server;
let graphiqlUrl;
let profile;
let context;

/** Starts the bin with the embedded sandbox on a free port and reads the GraphiQL URL from its banner. */
async function startDemoServer() {
	assert.ok(existsSync(cli), `${cli} is missing: run npm run build first`);
	const child = spawn(process.execPath, [cli, '--sandbox', '--port', '0', '--log-level', 'warn'], {
		cwd: root,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	child.stderr.on('data', (chunk) => (output += chunk));
	const url = await new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`no GraphiQL URL printed within 15 s:\n${output}`)), 15_000);
		child.stdout.on('data', (chunk) => {
			output += chunk;
			const match = /GraphiQL\s+(http:\/\/\S+\/graphql)/.exec(output);
			if (match) {
				clearTimeout(timer);
				resolve(match[1]);
			}
		});
		child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
	});
	return { child, url, output: () => output };
}

before(async () => {
	assert.ok(existsSync(chromiumPath), `Chromium not found at ${chromiumPath} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
	server = await startDemoServer();
	graphiqlUrl = server.url;
	profile = await mkdtemp(join(tmpdir(), 'graphiql-chromium-'));
	context = await chromium.launchPersistentContext(profile, {
		executablePath: chromiumPath,
		headless: true,
		viewport: { width: 1400, height: 900 },
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	});
});

after(async () => {
	await context?.close();
	if (profile) await rm(profile, { recursive: true, force: true });
	if (server && server.child.exitCode === null) {
		const exited = new Promise((resolve) => server.child.once('exit', resolve));
		server.child.kill('SIGTERM');
		await Promise.race([exited, delay(10_000)]);
	}
});

test('GraphiQL logs in to the sandbox from its editor and shows the token', async () => {
	const page = context.pages()[0] ?? (await context.newPage());
	const failedRequests = [];
	page.on('requestfailed', (request) => failedRequests.push(request.url()));

	await page.goto(graphiqlUrl, { waitUntil: 'load' });
	const editor = page.locator('.graphiql-query-editor .monaco-editor, .graphiql-query-editor .CodeMirror').first();
	try {
		await editor.waitFor({ state: 'visible', timeout: 20_000 });
	} catch (error) {
		const external = failedRequests.filter((url) => !url.startsWith(new URL(graphiqlUrl).origin));
		assert.fail(
			external.length > 0
				? `GraphiQL's assets did not load (${external.join(', ')}). Install @graphql-yoga/render-graphiql so the server inlines them.`
				: `GraphiQL's editor did not appear: ${error.message}`,
		);
	}

	// Replace whatever the tab holds with our own mutation, typed as a person would.
	await editor.click();
	await page.keyboard.press('ControlOrMeta+A');
	await page.keyboard.press('Delete');
	await page.keyboard.insertText(LOGIN);
	// GraphiQL parses the editor text as it changes; its tab shows the operation once it has.
	await page.locator('.graphiql-tab', { hasText: 'BrowserLogin' }).first().waitFor({ timeout: 10_000 });
	await page
		.getByRole('button', { name: /prettify/i })
		.first()
		.click();
	await editor.click();
	await page.keyboard.press('ControlOrMeta+Home');
	await page.locator('.graphiql-execute-button').first().click();

	await mkdir(screenshots, { recursive: true });
	const result = page.locator('.graphiql-response');
	try {
		await result.getByText('accessToken').first().waitFor({ timeout: 15_000 });
	} catch (error) {
		await page.screenshot({ path: join(screenshots, 'graphiql-failure.png'), fullPage: true });
		throw error;
	}
	// The result pane wraps the long token over several lines.
	const text = (await result.innerText()).replace(/\s+/g, '');
	assert.match(text, /"ok":true/);
	assert.match(text, /"accessToken":"eyJ[\w-]+\.[\w-]+\.[\w-]+"/);

	await page.screenshot({ path: join(screenshots, 'graphiql-login.png'), fullPage: true });
});
