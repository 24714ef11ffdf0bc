import type { IDataObject, IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** One operation of one resource: its parameters and what it does for one input item. */
export interface SmartfloOperation {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject | IDataObject[]>;
}

export function showFor(resource: string, operation: string, extra: IDisplayOptions['show'] = {}): IDisplayOptions {
	return { show: { resource: [resource], operation: [operation], ...extra } };
}
