import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { inspectToken } from '../../../../src/auth/inspect';
import { normalizeToken } from '../../../../src/auth/token';
import { showFor } from '../common/operation';

export const needsCredential = false;

export const description: INodeProperties[] = [
	{
		displayName: 'Token',
		name: 'token',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		placeholder: '={{ $json.accessToken }}',
		description: 'The token to read. Nothing is sent to Smartflo: the token is decoded locally, without checking its signature.',
		displayOptions: showFor('token', 'inspect'),
	},
];

/** Decodes a token: `valid`, `expired`, `issuedAt`, `expiresAt`, `secondsRemaining`, `subject`, `issuer`, `tokenKind`. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const raw = this.getNodeParameter('token', itemIndex) as string;
	if (!normalizeToken(raw)) {
		throw new NodeOperationError(this.getNode(), 'No token to inspect', {
			itemIndex,
			description: 'Map a token into the Token field, e.g. {{ $json.accessToken }} from a Login step.',
		});
	}
	const inspection = inspectToken(raw);
	if (!inspection.readable) {
		throw new NodeOperationError(this.getNode(), 'This is not a JWT that can be read', {
			itemIndex,
			description: 'Smartflo tokens have three dot-separated parts and start with "eyJ". Check that the whole token was mapped.',
		});
	}
	return {
		valid: inspection.valid,
		expired: inspection.expired,
		issuedAt: isoOrNull(inspection.issuedAt),
		expiresAt: isoOrNull(inspection.expiresAt),
		secondsRemaining: inspection.secondsRemaining ?? null,
		subject: inspection.subject ?? null,
		issuer: inspection.issuer ?? null,
		tokenKind: inspection.kind,
		permanent: inspection.permanent,
	};
}

function isoOrNull(epochMs: number | undefined): string | null {
	return epochMs === undefined ? null : new Date(epochMs).toISOString();
}
