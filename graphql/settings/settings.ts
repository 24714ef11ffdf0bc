import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A setting that cannot be used as given; the command prints the message and exits with code 2. */
export class ConfigError extends Error {
	override readonly name = 'ConfigError';
}

/** `name` says where the value came from, for messages: e.g. "PORT / --port". */
export type Parse<T, C> = (raw: string, name: string, earlier: Partial<C>) => T;

/**
 * One setting, declared once: its flag, environment variable, default, parser and help all come
 * from here, and parsing, --help and the README's configuration table are all driven by it.
 */
export interface Setting<T, C = object> {
	/** Long flag, e.g. "--port"; absent for a setting read from the environment only. */
	flag?: string;
	/** A flag that forces a boolean setting off, e.g. "--development". */
	offFlag?: string;
	env?: string;
	/** Placeholder of a flag's value in --help, e.g. "<n>"; absent for a flag that takes none (a switch). */
	value?: string;
	description: string;
	/** The default as --help and the README show it. */
	defaultText: string;
	/** Settings earlier in the table are already parsed (production mode decides several defaults). */
	default: (earlier: Partial<C>) => T;
	/** Turns a flag's value or the environment variable into the setting (a switch's flag is the value itself). */
	parse: Parse<T, C>;
	/** The value is taken as given, surrounding spaces included (a password may end in one); others are trimmed. */
	keepWhitespace?: true;
}

/** One setting per field of C, in --help order; typed so that a field without a setting fails the build. */
export type SettingsTable<C> = { [K in keyof Required<C>]: Setting<C[K], C> };

/**
 * Settings that belong together (the Smartflo account, the API keys, …), declared once and composed
 * into each command that needs them. `check` sees the group's fields once the whole command line is
 * parsed: for rules about several of them (a pair set together, or not at all).
 */
export interface SettingsGroup<C> {
	readonly table: SettingsTable<C>;
	readonly check?: (config: C) => void;
}

export function settingsGroup<C>(table: SettingsTable<C>, check?: (config: C) => void): SettingsGroup<C> {
	return { table, check };
}

/** A row of a command's settings, with the config field it sets. */
export type SettingRow<C = object> = Setting<unknown, C> & { key: keyof C & string };

/** Not a setting, but a row of every command's --help and README table. */
export const HELP_FLAG: Pick<SettingRow, 'flag' | 'env' | 'value' | 'description' | 'defaultText'> = {
	flag: '--help',
	description: 'Show this help.',
	defaultText: '',
};

export type ParsedCommand<C> = { kind: 'help' } | { kind: 'run'; config: C };

/** What --help says around the settings. */
export interface HelpIntro {
	/** e.g. "smartflo-graphql [options]" */
	usage: string;
	/** Paragraphs between the usage line and the options. */
	about: string;
}

/** The config a command's settings parse to. */
export type ConfigOfCommand<S> = S extends CommandSettings<infer C> ? C : never;

/** The settings of one command: its groups in --help order. */
export interface CommandSettings<C> {
	readonly rows: readonly SettingRow<C>[];
	/** A ConfigError for anything that cannot be used; { kind: 'help' } for --help or -h. */
	parse(argv: readonly string[], env: NodeJS.ProcessEnv): ParsedCommand<C>;
	help(intro: HelpIntro): string;
}

/** Any group, whatever its fields: `Setting` uses its config type both ways, so no narrower type takes them all. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnySettingsGroup = SettingsGroup<any>;
type ConfigOf<G> = G extends SettingsGroup<infer C> ? C : never;
type Intersection<U> = (U extends unknown ? (value: U) => void : never) extends (value: infer I) => void ? I : never;
/** The config a command built from `Groups` parses to: every group's fields. */
export type ComposedConfig<Groups extends readonly AnySettingsGroup[]> = Intersection<ConfigOf<Groups[number]>>;

/**
 * A command's settings from its groups, in order; `check` sees the whole config, for rules across
 * groups. A field, flag or environment variable declared by two groups is a programming error, thrown
 * here: each setting exists once.
 */
export function composeSettings<const Groups extends readonly AnySettingsGroup[]>(
	groups: Groups,
	check?: (config: ComposedConfig<Groups>) => void,
): CommandSettings<ComposedConfig<Groups>> {
	type C = ComposedConfig<Groups>;
	const rows: SettingRow<C>[] = groups.flatMap((group) =>
		Object.entries(group.table as Record<string, Setting<unknown, C>>).map(([key, setting]) => ({
			key: key as keyof C & string,
			...setting,
		})),
	);
	const seen = new Set<string>();
	for (const row of rows) {
		for (const name of [`field ${row.key}`, row.flag, row.offFlag, row.env]) {
			if (!name) continue;
			if (seen.has(name)) throw new Error(`The setting ${name} is declared twice.`);
			seen.add(name);
		}
	}
	const checks = [...groups.map((group) => group.check as ((config: C) => void) | undefined), check].filter(
		(each): each is (config: C) => void => each !== undefined,
	);
	return {
		rows,
		parse: (argv, env) => parseCommandLine(rows, checks, argv, env),
		help: (intro) => helpText(rows, intro),
	};
}

const flagName = (flag: string) => flag.slice(2);

function parseCommandLine<C>(
	rows: readonly SettingRow<C>[],
	checks: ReadonlyArray<(config: C) => void>,
	argv: readonly string[],
	env: NodeJS.ProcessEnv,
): ParsedCommand<C> {
	const options: NonNullable<ParseArgsConfig['options']> = { help: { type: 'boolean', short: 'h' } };
	for (const setting of rows) {
		if (setting.flag) options[flagName(setting.flag)] = { type: setting.value ? 'string' : 'boolean' };
		if (setting.offFlag) options[flagName(setting.offFlag)] = { type: 'boolean' };
	}
	let values: Record<string, string | boolean | undefined>;
	try {
		values = parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values as typeof values;
	} catch (error) {
		throw new ConfigError((error as Error).message);
	}
	if (values.help) return { kind: 'help' };

	const config: Partial<Record<keyof C, unknown>> = {};
	for (const setting of rows) {
		const name = [setting.env, setting.flag].filter(Boolean).join(' / ');
		const given = setting.flag ? values[flagName(setting.flag)] : undefined;
		const forcedOff = setting.offFlag ? values[flagName(setting.offFlag)] === true : false;
		if (given && forcedOff) throw new ConfigError(`${setting.flag} and ${setting.offFlag} exclude each other.`);
		const earlier = config as Partial<C>;
		if (forcedOff || given === true) {
			// A switch: the flag itself is the value.
			config[setting.key] = !forcedOff;
			continue;
		}
		const raw = typeof given === 'string' ? given.trim() : fromEnv(env, setting);
		config[setting.key] = raw === undefined ? setting.default(earlier) : setting.parse(raw, name, earlier);
	}
	const parsed = config as C;
	for (const check of checks) check(parsed);
	return { kind: 'run', config: parsed };
}

function fromEnv<C>(env: NodeJS.ProcessEnv, setting: SettingRow<C>): string | undefined {
	const value = setting.env ? env[setting.env] : undefined;
	if (value === undefined || value.trim() === '') return undefined;
	return setting.keepWhitespace ? value : value.trim();
}

function helpText<C>(rows: readonly SettingRow<C>[], intro: HelpIntro): string {
	const lines = [...rows, HELP_FLAG].map((setting) => {
		const env = setting.env ? `[${setting.env}] ` : '';
		const left = `  ${setting.flag ?? '(env only)'}${setting.value ? ` ${setting.value}` : ''}`;
		const fallback = setting.defaultText ? ` Default: ${setting.defaultText}.` : '';
		return `${left}\n      ${env}${setting.description}${fallback}`;
	});
	return `Usage: ${intro.usage}

${intro.about}

Options:
${lines.join('\n')}
`;
}
