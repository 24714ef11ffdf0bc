import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import { timeZoneFrom } from '../actions/common/timeZone';
import { isTimeZone } from '../../../src/time/zoned';
import { secretProblem } from '../../../src/webhooks/secret';
import { EVENT_FIELD } from '../../../src/webhooks/triggers';
import type { SecretLocation } from './delivery';
import { DEFAULT_DUPLICATE_WINDOW_SECONDS, DEFAULT_SECRET_HEADER, DEFAULT_SECRET_PARAMETER } from './description';

export interface TriggerConfig {
	events: string[];
	secret: string;
	secretLocation: SecretLocation;
	duplicateWindowSeconds: number;
	timeZone: string;
}

export type ConfigResult = { ok: true; config: TriggerConfig } | { ok: false; problem: string };

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** The node's parameters, checked: activation refuses a trigger without a usable secret. */
export function readConfig(context: IHookFunctions | IWebhookFunctions): ConfigResult {
	const parameter = (name: string, fallback: unknown) => context.getNodeParameter(name, fallback) as unknown;
	const options = (parameter('options', {}) ?? {}) as IDataObject;
	const events = parameter('events', []);
	const secret = String(parameter('secret', '') ?? '');
	const location = parameter('authentication', 'queryParameter') === 'header' ? 'header' : 'queryParameter';
	const name = String(
		(location === 'header' ? parameter('headerName', DEFAULT_SECRET_HEADER) : parameter('parameterName', DEFAULT_SECRET_PARAMETER)) ?? '',
	).trim();
	const windowSeconds = options.duplicateWindowSeconds ?? DEFAULT_DUPLICATE_WINDOW_SECONDS;
	const timeZone = timeZoneFrom(options);

	const problem = secretProblem(secret, location);
	if (problem !== undefined) return { ok: false, problem };
	if (location === 'header' && !HEADER_NAME.test(name)) return { ok: false, problem: 'Header Name must be a valid HTTP header name' };
	if (location === 'queryParameter' && (name === '' || name === EVENT_FIELD)) {
		return { ok: false, problem: `Parameter Name must be set, and not be "${EVENT_FIELD}"` };
	}
	if (typeof windowSeconds !== 'number' || !Number.isFinite(windowSeconds) || windowSeconds < 0) {
		return { ok: false, problem: 'Duplicate Window (Seconds) must be 0 or more' };
	}
	if (!isTimeZone(timeZone)) return { ok: false, problem: `"${timeZone.slice(0, 60)}" is not a time zone` };
	return {
		ok: true,
		config: {
			events: Array.isArray(events) ? events.map(String) : [],
			secret,
			secretLocation: { in: location, name },
			duplicateWindowSeconds: windowSeconds,
			timeZone,
		},
	};
}
