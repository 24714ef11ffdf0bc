import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import n8nCommunityNodes from '@n8n/eslint-plugin-community-nodes';

const { recommended } = n8nCommunityNodes.configs;

export default tseslint.config(
	{ ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.e2e/**', 'bench/results/**'] },
	js.configs.recommended,
	{
		files: ['**/*.ts'],
		extends: [tseslint.configs.recommended],
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
		},
	},
	{
		files: ['**/*.js', '**/*.cjs'],
		languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', exports: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly' } },
	},
	{
		files: ['**/*.mjs'],
		languageOptions: { sourceType: 'module', globals: { process: 'readonly', console: 'readonly' } },
	},
	// n8n's community-node rules apply to what runs inside n8n: the credential and the node.
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts'],
		plugins: recommended.plugins,
		rules: recommended.rules,
	},
);
