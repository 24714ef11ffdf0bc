import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

import { DEFAULT_BASE_URL, normalizeBaseUrl } from '../src/auth/client';
import { authorizationHeader } from '../src/auth/token';
import {
	baseUrlOf,
	describeAuthFailure,
	obtainSession,
	readSmartfloCredentials,
	recordSend,
	requestHelperOf,
	tokenForRequest,
} from '../src/n8n';

export class SmartfloApi implements ICredentialType {
	name = 'smartfloApi';

	displayName = 'Smartflo API';

	icon: Icon = { light: 'file:../nodes/Smartflo/smartflo.svg', dark: 'file:../nodes/Smartflo/smartflo.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-smartflo/n8n-nodes-smartflo#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Authentication',
			name: 'authMode',
			type: 'options',
			options: [
				{
					name: 'Email & Password',
					value: 'password',
					description: 'Log in as a Smartflo portal user; n8n renews the one-hour token by itself',
				},
				{
					name: 'Access Token',
					value: 'token',
					description: 'A permanent token from Smartflo support, or a token generated in API Connect',
				},
			],
			default: 'password',
		},
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@company.com',
			default: '',
			required: true,
			description: 'The login ID of the Smartflo portal user, usually an email address',
			displayOptions: { show: { authMode: ['password'] } },
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Smartflo expires passwords every 90 days; update it here after changing it in the portal',
			displayOptions: { show: { authMode: ['password'] } },
		},
		{
			displayName: 'Access Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The full token, copied when Smartflo shows it (the portal table only shows a masked "****" version). A leading "Bearer " is removed.',
			displayOptions: { show: { authMode: ['token'] } },
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: DEFAULT_BASE_URL,
			description: 'The Smartflo API address, without /v1. Change it only for a Smartflo sandbox or a proxy.',
		},
		// Maintained by preAuthentication. `expirable` is what makes n8n call it: when the field is empty,
		// after a 401, and when the credential is tested.
		{
			displayName: 'Session Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Session Token Expires At',
			name: 'tokenExpiresAt',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'Session Token Fingerprint',
			name: 'tokenFingerprint',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'Password Expires At',
			name: 'passwordExpiresAt',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<IDataObject> {
		const fields = readSmartfloCredentials(credentials);
		try {
			return await obtainSession(fields, requestHelperOf(this));
		} catch (error) {
			throw credentialError(error, fields.baseUrl);
		}
	}

	/**
	 * Adds the bearer token. A request addressed relative to the Base URL (the credential test) gets the
	 * Base URL as login uses it: trimmed, without a pasted `/v1` and without user info.
	 */
	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const fields = readSmartfloCredentials(credentials);
		try {
			const authorization = authorizationHeader(tokenForRequest(fields));
			const address = requestOptions.baseURL === undefined ? {} : { baseURL: baseUrlOf(fields) };
			const authenticated = { ...requestOptions, ...address, headers: { ...requestOptions.headers, Authorization: authorization } };
			recordSend(requestOptions, authenticated);
			return authenticated;
		} catch (error) {
			throw credentialError(error, fields.baseUrl);
		}
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/v1/my_number',
			method: 'GET',
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'success',
					value: false,
					message: 'Smartflo refused the request (success: false). Check that this user may use the API.',
				},
			},
		],
	};
}

function credentialError(error: unknown, rawBaseUrl: string): UserError {
	const { message, description } = describeAuthFailure(error, displayBaseUrl(rawBaseUrl));
	return new UserError(message, { description, level: 'warning' });
}

/** The URL as the core normalises it (origin and path only), for messages. */
function displayBaseUrl(raw: string): string {
	try {
		return normalizeBaseUrl(raw);
	} catch {
		return 'the configured Base URL';
	}
}
