const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.json');

// Tests run the TypeScript sources: a workspace package imported by name (smartflo-sandbox) resolves to its
// sources, as tsconfig.json's `paths` tells the type-checker, so that nothing needs a build.
const moduleNameMapper = pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' });

/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/', '<rootDir>/test/packages/'],
	// tsconfig sets isolatedModules, so ts-jest transpiles file by file; `npm run lint` type-checks.
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
	moduleNameMapper,
	setupFilesAfterEnv: ['<rootDir>/test/helpers/fresh-process.ts'],
	testTimeout: 20000,
};
