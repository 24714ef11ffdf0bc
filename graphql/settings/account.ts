import { acceptPastedToken, SmartfloError } from '../../src/auth';
import type { AccountCredentials } from '../runtime/account';
import { ConfigError, settingsGroup } from './settings';

/** The server-held Smartflo account, as the environment gives it. */
export interface AccountSettings {
	smartfloEmail?: string;
	smartfloPassword?: string;
	smartfloAccessToken?: string;
}

/** Smartflo's limit on a login ID (the core refuses longer ones before sending). */
const MAX_EMAIL_LENGTH = 320;

/**
 * Environment only, so that nothing shows in the process list. Either an email and a password, or an
 * access token; never both, never half a pair. The values are never quoted back.
 */
export const ACCOUNT_SETTINGS = settingsGroup<AccountSettings>(
	{
		smartfloEmail: {
			env: 'SMARTFLO_EMAIL',
			description: "The server-held account's Smartflo login (email), with SMARTFLO_PASSWORD; API keys reach it. Env only.",
			defaultText: '(none)',
			default: () => undefined,
			parse: (raw, name) => {
				if (raw.length > MAX_EMAIL_LENGTH) throw new ConfigError(`${name} is longer than Smartflo accepts.`);
				return raw;
			},
		},
		smartfloPassword: {
			env: 'SMARTFLO_PASSWORD',
			description:
				"The server-held account's password, with SMARTFLO_EMAIL; taken as given, spaces included. The server logs in on first use and renews by itself. Env only.",
			defaultText: '(none)',
			default: () => undefined,
			parse: (raw) => raw,
			keepWhitespace: true,
		},
		smartfloAccessToken: {
			env: 'SMARTFLO_ACCESS_TOKEN',
			description:
				"Instead of email and password: the server-held account's permanent or API Connect token (checked at start: not masked, not expired). Env only.",
			defaultText: '(none)',
			default: () => undefined,
			parse: (raw, name) => {
				try {
					return acceptPastedToken(raw);
				} catch (error) {
					if (error instanceof SmartfloError) throw new ConfigError(`${name}: ${error.message}`);
					throw error;
				}
			},
		},
	},
	(config) => {
		const { smartfloEmail: email, smartfloPassword: password, smartfloAccessToken: token } = config;
		if (token !== undefined && (email !== undefined || password !== undefined))
			throw new ConfigError('Set SMARTFLO_EMAIL and SMARTFLO_PASSWORD, or SMARTFLO_ACCESS_TOKEN, not both: the server holds one account.');
		if (email !== undefined && password === undefined)
			throw new ConfigError('SMARTFLO_EMAIL is set without SMARTFLO_PASSWORD: set both, or neither.');
		if (password !== undefined && email === undefined)
			throw new ConfigError('SMARTFLO_PASSWORD is set without SMARTFLO_EMAIL: set both, or neither.');
	},
);

/** The account the settings give, if any. */
export function accountCredentialsOf(config: AccountSettings): AccountCredentials | undefined {
	if (config.smartfloAccessToken !== undefined) return { accessToken: config.smartfloAccessToken };
	if (config.smartfloEmail !== undefined && config.smartfloPassword !== undefined)
		return { email: config.smartfloEmail, password: config.smartfloPassword };
	return undefined;
}

/** Whether the settings give the server an account. */
export function hasAccount(config: AccountSettings): boolean {
	return accountCredentialsOf(config) !== undefined;
}
