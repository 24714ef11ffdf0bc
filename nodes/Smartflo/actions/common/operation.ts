import type { IBinaryKeyData, IDataObject, IDisplayOptions, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

/** An output item that carries a file (Call Record → Download Recording). */
export type ItemWithBinary = INodeExecutionData & { binary: IBinaryKeyData };

interface OperationBase {
	description: INodeProperties[];
	/** `false` for an operation that never calls Smartflo: the node hides the credential when no selected operation needs it. */
	needsCredential?: false;
}

/** An operation that runs once per input item; the router pairs its output with the item. */
export interface ItemOperation extends OperationBase {
	execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject | IDataObject[] | ItemWithBinary>;
}

/**
 * An operation that sends many input items in one request (a bulk endpoint): it gets every item, pairs
 * each output item with the items it stands for, and honours Continue On Fail itself.
 */
export interface BatchOperation extends OperationBase {
	executeBatch(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]>;
}

/** One operation of one resource: its parameters and what it does. */
export type SmartfloOperation = ItemOperation | BatchOperation;

export function isBatchOperation(operation: SmartfloOperation): operation is BatchOperation {
	return 'executeBatch' in operation;
}

export function isItemWithBinary(result: unknown): result is ItemWithBinary {
	return typeof result === 'object' && result !== null && 'binary' in result && 'json' in result;
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
