import type { IDataObject, IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** One operation of one resource: its parameters and what it does for one input item. */
export interface SmartfloOperation {
	description: INodeProperties[];
	/** Whether it needs the node's Smartflo credential (the node hides the credential when no selected operation does). */
	needsCredential: boolean;
	execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject | IDataObject[]>;
}

export interface SmartfloResource {
	operations: Record<string, SmartfloOperation>;
	description: INodeProperties[];
}

/**
 * A node parameter whose option values keep their literal types, so that the table an options
 * parameter selects from can be typed by them: a misspelt resource or operation fails the build.
 */
export function literalProperty<const T extends INodeProperties>(property: T): T {
	return property;
}

/** The values of an options parameter declared with {@link literalProperty}. */
export type OptionValue<T extends INodeProperties> = NonNullable<T['options']>[number] extends infer Option
	? Option extends { value: infer Value extends string }
		? Value
		: never
	: never;

export function showFor(resource: string, operation: string, extra: IDisplayOptions['show'] = {}): IDisplayOptions {
	return { show: { resource: [resource], operation: [operation], ...extra } };
}
