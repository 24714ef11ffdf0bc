/** The packed packages, installed as their users install them (README "Install"). Needs the npm registry. */
const { moduleNameMapper } = require('../../jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
	rootDir: '../..',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/packages'],
	testMatch: ['**/*.packages.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
	moduleNameMapper,
	testTimeout: 300000,
};
