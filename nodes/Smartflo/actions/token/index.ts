import type { INodeProperties } from 'n8n-workflow';

import { literalProperty, type OptionValue, type SmartfloOperation } from '../common/operation';
import * as inspect from './inspect.operation';
import * as login from './login.operation';
import * as refresh from './refresh.operation';

const operation = literalProperty({
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['token'] } },
	options: [
		{
			name: 'Inspect',
			value: 'inspect',
			description: 'Read a token’s expiry and issuer without calling Smartflo',
			action: 'Inspect a token',
		},
		{
			name: 'Login',
			value: 'login',
			description: 'Get a new access token',
			action: 'Log in to get a token',
		},
		{
			name: 'Refresh',
			value: 'refresh',
			description: 'Exchange a token for a new one before it expires',
			action: 'Refresh a token',
		},
	],
	default: 'login',
});

export const operations: Record<OptionValue<typeof operation>, SmartfloOperation> = { login, refresh, inspect };

export const description: INodeProperties[] = [operation, ...Object.values(operations).flatMap((entry) => entry.description)];
