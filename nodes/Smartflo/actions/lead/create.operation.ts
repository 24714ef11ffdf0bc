import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { SMARTFLO_ENDPOINTS } from '../../../../src/api/endpoints';
import { callEndpoint } from '../../transport';
import { leadFieldProperties, leadValuesOf } from './fields';
import { leadListIdOf, leadListTargetProperties } from './target';

export const description: INodeProperties[] = [...leadListTargetProperties('create'), ...leadFieldProperties('create')];

/** `POST /v1/broadcast/lead/{lead list id}`. Outputs `success`, `message` and the `lead_id`. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = await leadListIdOf.call(this, itemIndex);
	return (await callEndpoint.call(
		this,
		SMARTFLO_ENDPOINTS.lead.add,
		{ id, ...leadValuesOf.call(this, itemIndex) },
		itemIndex,
	)) as IDataObject;
}
