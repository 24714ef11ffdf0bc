import { readFileSync } from 'node:fs';

import { API_KEY_ADVICE, ApiKeyStore, parseApiKeyEntries, type ApiKeyEntry } from '../runtime/api-keys';
import { ConfigError, settingsGroup } from './settings';

/** The callers' API keys, read and checked at start. */
export interface ApiKeySettings {
	apiKeys?: readonly ApiKeyEntry[];
	/** The entries read from API_KEYS_FILE. */
	apiKeysFile?: readonly ApiKeyEntry[];
}

const FORMAT = 'name:permission:key entries (permission read or write; name:key is read-only)';

/** Entries from `text`, checked as the server will use them; a ConfigError naming the setting and the entry, never quoting a key. */
function checkedEntries(text: string, name: string): ApiKeyEntry[] {
	try {
		const entries = parseApiKeyEntries(text);
		if (entries.length === 0) throw new TypeError(`holds no key; write ${FORMAT}`);
		new ApiKeyStore(entries);
		return entries;
	} catch (error) {
		if (error instanceof TypeError) throw new ConfigError(`${name}: ${error.message.replace(/\.$/, '')}.`);
		throw error;
	}
}

export const API_KEY_SETTINGS = settingsGroup<ApiKeySettings>(
	{
		apiKeys: {
			env: 'API_KEYS',
			description: `Keys callers send in X-API-Key to use the server-held account: ${FORMAT}, separated by commas; keys of at least 32 random characters (${API_KEY_ADVICE}). Env only.`,
			defaultText: '(none)',
			default: () => undefined,
			parse: checkedEntries,
		},
		apiKeysFile: {
			flag: '--api-keys-file',
			env: 'API_KEYS_FILE',
			value: '<path>',
			description: 'Instead of API_KEYS: a file of the same entries, one per line (# starts a comment), read at start.',
			defaultText: '(none)',
			default: () => undefined,
			parse: (raw, name) => {
				let text: string;
				try {
					text = readFileSync(raw, 'utf8');
				} catch (error) {
					throw new ConfigError(`${name}: cannot read ${raw} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
				}
				return checkedEntries(text, name);
			},
		},
	},
	(config) => {
		if (config.apiKeys !== undefined && config.apiKeysFile !== undefined) throw new ConfigError('Set API_KEYS or API_KEYS_FILE, not both.');
	},
);

/** The keys the settings give (from API_KEYS or from its file), if any. */
export function apiKeyEntriesOf(config: ApiKeySettings): readonly ApiKeyEntry[] | undefined {
	return config.apiKeys ?? config.apiKeysFile;
}
