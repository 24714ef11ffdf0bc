/** The end-to-end suite: this package inside a real, headless n8n (see docs/e2e.md). */
const { moduleNameMapper } = require('../../jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
	rootDir: '../..',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
	moduleNameMapper,
	testTimeout: 180000,
};
