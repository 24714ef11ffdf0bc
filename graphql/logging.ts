import { GraphQLError } from 'graphql';
import type { YogaLogger } from 'graphql-yoga';

import { httpStatusOf } from './mask-errors';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Only plain values: nothing that could drag an object holding a secret into a log line. */
export type LogFields = Record<string, string | number | boolean | null | undefined | string[]>;

export interface Logger {
	readonly level: LogLevel;
	debug(msg: string, fields?: LogFields): void;
	info(msg: string, fields?: LogFields): void;
	warn(msg: string, fields?: LogFields): void;
	error(msg: string, fields?: LogFields): void;
}

export interface LoggerOptions {
	level?: LogLevel;
	/** Receives one JSON line at a time, without the newline (default: stdout). */
	write?: (line: string) => void;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/** One JSON object per line: `time`, `level`, `msg`, then the fields. */
export function createLogger(options: LoggerOptions = {}): Logger {
	const level = options.level ?? 'info';
	const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
	const emit = (at: Exclude<LogLevel, 'silent'>) => (msg: string, fields?: LogFields) => {
		if (RANK[at] < RANK[level]) return;
		write(JSON.stringify({ time: new Date().toISOString(), level: at, msg, ...fields }));
	};
	return { level, debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}

export function isLogLevel(value: string): value is LogLevel {
	return (LOG_LEVELS as readonly string[]).includes(value);
}

/**
 * What yoga itself logs. Its debug output is dropped whatever the level: the docs promise that it
 * may include operation variables, i.e. passwords. Errors are reduced to their class name: an
 * unexpected error's message can carry anything, including a secret.
 *
 * yoga logs at error level every error whose masked form differs from it, which includes the
 * caller's own mistakes once their echoes are removed (malformed JSON, a wrongly typed variable), and
 * logs some of them twice. Those are left to the request's one operation line (outcome and status):
 * `error` lines are the server's own faults, each once, so a caller cannot flood them.
 */
export function toYogaLogger(logger: Logger): YogaLogger {
	const describe = (args: unknown[]): LogFields => {
		const details = args.map((arg) => (arg instanceof Error ? arg.name : typeof arg === 'string' ? arg.slice(0, 200) : typeof arg));
		return { details };
	};
	const reported = new WeakSet<Error>();
	return {
		debug: () => {},
		info: (...args: unknown[]) => logger.info('yoga', describe(args)),
		warn: (...args: unknown[]) => logger.warn('yoga', describe(args)),
		error: (...args: unknown[]) => {
			const errors = args.filter((arg): arg is Error => arg instanceof Error);
			if (errors.length === 0) return logger.error('yoga', describe(args));
			for (const error of errors) {
				if (reported.has(error) || isCallerMistake(error)) continue;
				reported.add(error);
				logger.error('unexpected error', describeError(error));
			}
		},
	};
}

/** yoga and graphql-js mark what they refuse about a request with a 4xx status; the server's own faults carry none. */
function isCallerMistake(error: Error): boolean {
	if (!(error instanceof GraphQLError)) return false;
	const status = httpStatusOf(error.extensions);
	return status !== undefined && status >= 400 && status < 500;
}

/** The class of the error that was thrown and where in the operation; never its message. */
function describeError(error: Error): LogFields {
	const { originalError, path } = error as GraphQLError;
	return {
		errorName: originalError instanceof Error ? originalError.name : error.name,
		...(Array.isArray(path) ? { path: path.join('.') } : {}),
	};
}
