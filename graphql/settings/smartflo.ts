import { DEFAULT_BASE_URL, DEFAULT_TIMEOUT_MS } from '../../src/auth';
import { settingsGroup } from './settings';
import { integerSetting, parseBaseUrl, parseOnOff } from './values';

/** Where Smartflo is, for every command that talks to it. */
export interface SmartfloSettings {
	baseUrl: string;
	upstreamTimeoutMs: number;
	sandbox: boolean;
}

export const SMARTFLO_SETTINGS = settingsGroup<SmartfloSettings>({
	baseUrl: {
		flag: '--base-url',
		env: 'SMARTFLO_BASE_URL',
		value: '<url>',
		description: 'Smartflo API the server logs in to (ignored with --sandbox).',
		defaultText: DEFAULT_BASE_URL,
		default: () => DEFAULT_BASE_URL,
		parse: parseBaseUrl,
	},
	upstreamTimeoutMs: {
		flag: '--smartflo-timeout-ms',
		env: 'SMARTFLO_TIMEOUT_MS',
		value: '<n>',
		description: 'Per attempt to reach Smartflo.',
		...integerSetting(DEFAULT_TIMEOUT_MS, 100, 120_000),
	},
	sandbox: {
		flag: '--sandbox',
		description:
			'Start the embedded Smartflo sandbox and use it: its demo account is the server-held account (SMARTFLO_EMAIL and the others are ignored), and an API key for it is generated and printed.',
		defaultText: 'off',
		default: () => false,
		parse: parseOnOff,
	},
});
