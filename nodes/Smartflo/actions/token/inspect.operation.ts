import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { decodeToken } from '../../../../src/auth/jwt';
import { normalizeToken } from '../../../../src/auth/token';
import { showFor } from '../common/operation';

export const description: INodeProperties[] = [
	{
		displayName: 'Token',
		name: 'token',
		type: 'string',
		default: '',
		required: true,
		placeholder: '={{ $json.accessToken }}',
		description: 'The token to read. Nothing is sent to Smartflo: the token is decoded locally, without checking its signature.',
		displayOptions: showFor('token', 'inspect'),
	},
];

/** The issuers Smartflo stamps on its kinds of token. */
const TOKEN_KINDS: Array<[RegExp, string]> = [
	[/\/auth\/(login|refresh)$/, 'login'],
	[/\/token\/generate$/, 'permanent'],
	[/\/api-token$/, 'apiConnect'],
];

/** Decodes a token: `valid`, `expired`, `issuedAt`, `expiresAt`, `secondsRemaining`, `subject`, `issuer`, `tokenKind`. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const token = normalizeToken(this.getNodeParameter('token', itemIndex) as string);
	if (!token) {
		throw new NodeOperationError(this.getNode(), 'No token to inspect', {
			itemIndex,
			description: 'Map a token into the Token field, e.g. {{ $json.accessToken }} from a Login step.',
		});
	}
	const claims = decodeToken(token);
	if (!claims) {
		throw new NodeOperationError(this.getNode(), 'This is not a JWT that can be read', {
			itemIndex,
			description: 'Smartflo tokens have three dot-separated parts and start with "eyJ". Check that the whole token was mapped.',
		});
	}
	const now = Date.now();
	const expired = claims.expiresAt !== undefined && claims.expiresAt <= now;
	return {
		valid: !expired,
		expired,
		issuedAt: isoOrNull(claims.issuedAt),
		expiresAt: isoOrNull(claims.expiresAt),
		secondsRemaining: claims.expiresAt === undefined ? null : Math.max(0, Math.floor((claims.expiresAt - now) / 1000)),
		subject: claims.subject ?? null,
		issuer: claims.issuer ?? null,
		tokenKind: TOKEN_KINDS.find(([pattern]) => pattern.test(claims.issuer ?? ''))?.[1] ?? 'unknown',
	};
}

function isoOrNull(epochMs: number | undefined): string | null {
	return epochMs === undefined ? null : new Date(epochMs).toISOString();
}
