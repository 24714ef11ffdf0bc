import { isLogLevel, LOG_LEVELS, type LogLevel } from '../logging';
import { ConfigError, settingsGroup } from './settings';

export interface LogSettings {
	logLevel: LogLevel;
}

export const LOG_SETTINGS = settingsGroup<LogSettings>({
	logLevel: {
		flag: '--log-level',
		env: 'LOG_LEVEL',
		value: `<${LOG_LEVELS.join('|')}>`,
		description: 'JSON log lines on stdout; info has one line per GraphQL request.',
		defaultText: 'info',
		default: () => 'info',
		parse: (raw, name) => {
			if (!isLogLevel(raw)) throw new ConfigError(`${name} must be one of ${LOG_LEVELS.join(', ')}.`);
			return raw;
		},
	},
});
