import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import n8nCommunityNodes from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';

const N8N_FACES = ['nodes/**/*.ts', 'credentials/**/*.ts'];

/**
 * src/ is the shared core, which the n8n package ships into n8n: n8n Cloud's scanner lints every file of
 * the package (its tarball leg), so all of src/ keeps its Cloud rules. What needs Node's runtime (timers,
 * undici) sits in the package that uses it (graphql/runtime/).
 */
const CORE = 'src/**/*.ts';

const CLOUD_RULES = [
	'@n8n/community-nodes/no-restricted-globals',
	'@n8n/community-nodes/no-restricted-imports',
	'@n8n/community-nodes/no-dangerous-functions',
	'@n8n/community-nodes/no-hardcoded-secrets',
];
const { recommended } = n8nCommunityNodes.configs;

export default tseslint.config(
	{ ignores: ['**/dist/**', 'node_modules/**', 'coverage/**', '.e2e/**', 'bench/results/**'] },
	{ files: ['**/*.{js,cjs,mjs,ts}'], ...js.configs.recommended },
	{
		files: ['**/*.ts'],
		extends: [tseslint.configs.recommended],
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
		},
	},
	// sandbox/ is a package: `../sandbox` would resolve through its package.json to its build (dist/), stale or
	// missing. The tests and the bench import its sources by file; the GraphQL package imports it by name.
	{
		files: ['test/**/*.ts', 'bench/**/*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{ regex: '^(\\.\\./)+sandbox$', message: "Import '…/sandbox/index': the bare folder resolves to the sandbox's build." },
					],
				},
			],
		},
	},
	{
		files: ['graphql/**/*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{ patterns: [{ regex: '^(\\.\\./)+sandbox(/|$)', message: "Import 'smartflo-sandbox', the package this one depends on." }] },
			],
		},
	},
	{
		files: ['**/*.js', '**/*.cjs'],
		languageOptions: {
			sourceType: 'commonjs',
			globals: {
				require: 'readonly',
				module: 'writable',
				exports: 'writable',
				process: 'readonly',
				console: 'readonly',
				__dirname: 'readonly',
			},
		},
	},
	{
		files: ['**/*.mjs'],
		languageOptions: { sourceType: 'module', globals: { process: 'readonly', console: 'readonly' } },
	},

	// n8n's rules, configured as n8n's verification scanner (@n8n/scan-community-package) and
	// `n8n-node lint` configure them: the community-nodes recommended set and no-console, and
	// eslint-plugin-n8n-nodes-base's community, credentials and nodes sets. The core gets the
	// Cloud rules; the node-only rules (NodeApiError and the like) do not fit code the GraphQL package shares.
	{ files: [...N8N_FACES, 'package.json'], ...recommended },
	{
		files: [CORE],
		plugins: recommended.plugins,
		rules: Object.fromEntries(CLOUD_RULES.map((rule) => [rule, recommended.rules[rule]])),
	},
	{ files: [...N8N_FACES, CORE], rules: { 'no-console': 'error' } },
	{ files: ['package.json', ...N8N_FACES], plugins: { 'n8n-nodes-base': n8nNodesBase } },
	{ files: ['package.json'], languageOptions: { parser: tseslint.parser }, rules: { ...n8nNodesBase.configs.community.rules } },
	{
		files: ['credentials/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// Switched off by the scanner: not valid for community nodes, and the community-nodes
			// credential-password-field rule is more accurate.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// Switched off by the scanner: inputs and outputs may be NodeConnectionTypes, and maxValue is valid.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},
);
