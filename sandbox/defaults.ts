import type { SandboxAccount } from './types';

export const DEMO_ACCOUNT: Readonly<SandboxAccount> = Object.freeze({
	email: 'demo@smartflo.test',
	password: 'Demo@Pass123',
});

export const DEMO_SUPPORT_API_KEY = '5f0c7a3e-2b1d-4c9e-8a6f-0d4b3c2a1e9f';

export const DEFAULT_TOKEN_TTL_SECONDS = 3600;
export const DEFAULT_MAX_PAGE_SIZE = 100;
export const DEFAULT_PASSWORD_DAYS_LEFT = 30;
export const DEFAULT_SEED_SIZES = { users: 25, callRecords: 250, liveCalls: 3 } as const;

export const MAX_BODY_BYTES = 1024 * 1024;
